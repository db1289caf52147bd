/**
 * Correspondence (api.md "Correspondence"): the postbox list and its filters,
 * a letter's PDF, "read" and "send to my e-mail", as the contract's routes.
 */
import { Type, type Static } from 'typebox'
import type { RouteTable } from './contract.ts'
import {
  closedObject,
  codeSchema,
  countSchema,
  EMAIL_MAX_LENGTH,
  instantSchema,
  nullable,
  CURSOR_MAX_LENGTH,
  pageQueryProperties,
  statusSchema,
  TITLE_MAX_LENGTH,
  uuidSchema,
} from './limits.ts'

export const DOCUMENT_CATEGORIES = ['contract', 'statement', 'letter', 'service', 'notice'] as const
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number]

export const DOCUMENTS_PAGE_MAX = 100
/** Bounds of the list's numbers: a letter's size, and the letters of one customer. */
export const DOCUMENT_MAX_BYTES = 104_857_600
export const DOCUMENTS_PER_CUSTOMER_MAX = 1_000_000
export const DOCUMENTS_PAGE_DEFAULT = 20
/** The longest `q` (characters). */
export const DOCUMENT_SEARCH_MAX = 100
/** `year` in the query: four digits, 1000–9999. */
export const DOCUMENT_YEAR_PATTERN = '^[1-9][0-9]{3}$'

/**
 * The ids the app puts into a path (and the IPC contract accepts): nothing that
 * could leave /documents/. The API hands out UUIDs, which match.
 */
export const DOCUMENT_ID_PATTERN = '^[A-Za-z0-9_-]{1,128}$'
export const DOCUMENT_ID_MAX_LENGTH = 128
/** A letter's SHA-256, 64 lowercase hex digits (the list's `sha256`, the content's ETag). */
export const SHA256_PATTERN = '^[0-9a-f]{64}$'
export const sha256Schema = Type.String({ maxLength: 64, pattern: SHA256_PATTERN })

/** One item of `GET /documents`, and what `GET /documents/{id}` answers. */
export const documentSummarySchema = closedObject({
  id: uuidSchema,
  title: Type.String({ maxLength: TITLE_MAX_LENGTH }),
  category: codeSchema(DOCUMENT_CATEGORIES),
  /** The contract's id, or null when the letter concerns no contract. */
  contractId: nullable(uuidSchema),
  createdAt: instantSchema,
  sizeBytes: countSchema(DOCUMENT_MAX_BYTES),
  sha256: sha256Schema,
  read: Type.Boolean(),
})
export type DocumentSummary = Static<typeof documentSummarySchema>

/** What `GET /documents` answers: a page, and (project extension) the customer's unread count over all letters. */
export const documentListAnswerSchema = closedObject({
  items: Type.Array(documentSummarySchema, { maxItems: DOCUMENTS_PAGE_MAX }),
  /** null on the last page. */
  nextCursor: nullable(Type.String({ maxLength: CURSOR_MAX_LENGTH })),
  unreadCount: Type.Integer({
    format: 'int32',
    minimum: 0,
    maximum: DOCUMENTS_PER_CUSTOMER_MAX,
    description: 'Project extension: the customer’s unread letters, whatever the filters',
  }),
})
export type DocumentListAnswer = Static<typeof documentListAnswerSchema>
export type DocumentPage = Omit<DocumentListAnswer, 'unreadCount'>

/** GET /documents's query: the list's filters, a page's cursor and size (all strings). */
export const documentListQuerySchema = closedObject({
  contractId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Only this contract’s letters (another customer’s contract: none)',
    }),
  ),
  category: Type.Optional(codeSchema(DOCUMENT_CATEGORIES)),
  unread: Type.Optional(codeSchema(['true', 'false'] as const)),
  year: Type.Optional(
    Type.String({
      maxLength: 4,
      pattern: DOCUMENT_YEAR_PATTERN,
      description:
        'Project extension: letters whose createdAt falls in this calendar year, Vienna time',
    }),
  ),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: DOCUMENT_SEARCH_MAX,
      description:
        'Project extension: every whitespace-separated word must occur in the title (case-insensitive; % and _ are literal)',
    }),
  ),
  ...pageQueryProperties('the same filters', DOCUMENTS_PAGE_MAX, DOCUMENTS_PAGE_DEFAULT),
})
export type DocumentListQuery = Static<typeof documentListQuerySchema>

/**
 * The list's filters (GET /documents query; project extension: `year` and `q`).
 * The same filter tells "download all" which letters to save.
 */
export interface DocumentFilter {
  contractId?: string
  category?: DocumentCategory
  unread?: boolean
  /** Letters whose createdAt falls in this calendar year, Vienna time (their letter date). */
  year?: number
  /** Words that must all occur in the title (case-insensitive). */
  q?: string
}

// Any id is looked up (and not found): a malformed one answers 404 like an unknown one.
const documentIdParams = closedObject({
  // Fastify answers 404 to a longer one before validation (maxParamLength).
  id: Type.String({ maxLength: 100, description: 'The document’s id (a UUID)' }),
})

/** What "send to my e-mail" answers: the registered address, masked. */
export const documentEmailedSchema = statusSchema(['sent'], {
  to: Type.String({
    maxLength: EMAIL_MAX_LENGTH,
    description: 'The registered address, masked (a***.h***@demo.mini.at)',
  }),
})
export type DocumentEmailAnswer = Static<typeof documentEmailedSchema>

const errors = {
  401: 'unauthenticated',
  403: 'activation_required (the activation code has not been entered yet)',
} as const
const notFound = { 404: 'not_found (no such document of this customer)' } as const
/** Every route here: the customer's own letters. */
const customerLetters = { tags: ['documents'], session: true } as const
/** The routes of one letter, by its id. */
const oneLetter = {
  ...customerLetters,
  params: documentIdParams,
  errors: { ...errors, ...notFound },
} as const

/** The per-customer limits of "send to my e-mail" (backend services/document-email.ts). */
export const DOCUMENT_EMAILS_PER_HOUR = 5
export const DOCUMENT_EMAILS_PER_DAY = 20

export const documentRoutes = {
  'GET /documents': {
    summary: 'The customer’s correspondence, newest first, in pages',
    ...customerLetters,
    query: documentListQuerySchema,
    answers: { 200: documentListAnswerSchema },
    errors: {
      ...errors,
      400: `validation_failed (limit 1–${DOCUMENTS_PAGE_MAX}, cursor, year, q)`,
    },
  },
  'GET /documents/{id}': {
    // Project extension: main reads here what it saves (the renderer names only the id).
    summary: 'Project extension: one of the customer’s letters, as an item of the list',
    ...oneLetter,
    answers: { 200: documentSummarySchema },
  },
  'GET /documents/{id}/content': {
    summary: 'The document as PDF (ETag, Repr-Digest, ranges)',
    ...oneLetter,
    answers: {
      200: null,
      206: null,
      304: Type.Null({ description: 'Not modified: If-None-Match names the current ETag' }),
    },
    binary: {
      200: { mediaType: 'application/pdf', description: 'The whole document' },
      206: { mediaType: 'application/pdf', description: 'The requested range (Range)' },
    },
    errors: { ...oneLetter.errors, 416: 'range_not_satisfiable' },
  },
  'POST /documents/{id}/read': {
    summary: 'Mark a document as read',
    ...oneLetter,
    answers: { 204: null },
  },
  'POST /documents/{id}/email': {
    summary: 'Send the document as a PDF attachment to the account’s registered e-mail address',
    ...oneLetter,
    // The address is never taken from the request: no body (the app sends none), or `{}`.
    body: Type.Unsafe<Record<string, never> | undefined>(
      closedObject({}, { description: 'Empty: the e-mail goes to the registered address only' }),
    ),
    answers: { 202: documentEmailedSchema },
    errors: {
      ...oneLetter.errors,
      400: 'validation_failed (any body property: unknown_property)',
      429: `rate_limited (${DOCUMENT_EMAILS_PER_HOUR} per hour, ${DOCUMENT_EMAILS_PER_DAY} per 24 hours per customer; Retry-After)`,
    },
  },
} as const satisfies RouteTable
