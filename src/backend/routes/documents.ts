import '../fastify-types.ts'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_SEARCH_MAX,
  DOCUMENT_YEAR_PATTERN,
  DOCUMENT_MAX_BYTES,
  DOCUMENTS_PAGE_MAX,
  DOCUMENTS_PER_CUSTOMER_MAX,
  type DocumentCategory,
} from '../../shared/api/documents.ts'
import {
  countSchema,
  EMAIL_MAX_LENGTH,
  instantSchema,
  TITLE_MAX_LENGTH,
  uuidSchema,
} from '../../shared/api/limits.ts'
import {
  contentDisposition,
  ifRangeMatches,
  noneMatch,
  parseRange,
} from '../documents/http-range.ts'
import { DOCUMENT_EMAIL_LIMITS, emailDocument } from '../services/document-email.ts'
import { documentContent, listDocuments, markDocumentRead } from '../services/documents.ts'
import { requirePrincipal } from './sessions.ts'

const bearer = [{ bearer: [] }]
const errors = {
  401: 'unauthenticated',
  403: 'activation_required (the activation code has not been entered yet)',
} as const
// Any id is looked up (and not found): a malformed one answers 404 like an unknown one.
const idParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  // Fastify answers 404 to a longer one before validation (maxParamLength).
  properties: { id: { type: 'string', maxLength: 100, description: 'The document’s id (a UUID)' } },
} as const

const itemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'category', 'contractId', 'createdAt', 'sizeBytes', 'sha256', 'read'],
  properties: {
    id: uuidSchema,
    title: { type: 'string', maxLength: TITLE_MAX_LENGTH },
    category: { type: 'string', enum: DOCUMENT_CATEGORIES },
    contractId: { anyOf: [uuidSchema, { type: 'null' }] },
    createdAt: instantSchema,
    sizeBytes: countSchema(DOCUMENT_MAX_BYTES),
    sha256: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' },
    read: { type: 'boolean' },
  },
} as const

interface ListQuerystring {
  contractId?: string
  category?: DocumentCategory
  unread?: 'true' | 'false'
  year?: string
  q?: string
  cursor?: string
  limit?: string
}

/** The postbox: the list, the PDF bytes (with conditional and range requests) and "read". */
export function registerDocumentRoutes(api: FastifyInstance): void {
  const ctx = api.services
  api.get<{ Querystring: ListQuerystring }>(
    '/documents',
    {
      schema: {
        summary: 'The customer’s correspondence, newest first, in pages',
        tags: ['documents'],
        security: bearer,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            contractId: {
              type: 'string',
              minLength: 1,
              maxLength: 128,
              description: 'Only this contract’s letters (another customer’s contract: none)',
            },
            category: { type: 'string', enum: DOCUMENT_CATEGORIES },
            unread: { type: 'string', enum: ['true', 'false'] },
            year: {
              type: 'string',
              maxLength: 4,
              pattern: DOCUMENT_YEAR_PATTERN,
              description:
                'Project extension: letters whose createdAt falls in this calendar year, Vienna time',
            },
            q: {
              type: 'string',
              minLength: 1,
              maxLength: DOCUMENT_SEARCH_MAX,
              description:
                'Project extension: every whitespace-separated word must occur in the title (case-insensitive; % and _ are literal)',
            },
            cursor: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'nextCursor of the previous page (the same filters)',
            },
            limit: {
              type: 'string',
              maxLength: 3,
              pattern: `^(100|[1-9][0-9]?)$`,
              description: `Items per page, 1–${DOCUMENTS_PAGE_MAX} (default 20)`,
            },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['items', 'nextCursor', 'unreadCount'],
            properties: {
              items: { type: 'array', maxItems: DOCUMENTS_PAGE_MAX, items: itemSchema },
              nextCursor: { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'null' }] },
              unreadCount: {
                ...countSchema(DOCUMENTS_PER_CUSTOMER_MAX),
                description:
                  'Project extension: the customer’s unread letters, whatever the filters',
              },
            },
          },
        },
        errors: {
          ...errors,
          400: `validation_failed (limit 1–${DOCUMENTS_PAGE_MAX}, cursor, year, q)`,
        },
      },
    },
    async (request) => {
      const q = request.query
      return listDocuments(ctx, requirePrincipal(api, request), {
        ...(q.contractId !== undefined ? { contractId: q.contractId } : {}),
        ...(q.category !== undefined ? { category: q.category } : {}),
        ...(q.unread !== undefined ? { unread: q.unread === 'true' } : {}),
        ...(q.year !== undefined ? { year: Number(q.year) } : {}),
        ...(q.q !== undefined ? { q: q.q } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.limit !== undefined ? { limit: Number(q.limit) } : {}),
      })
    },
  )

  api.get<{ Params: { id: string } }>(
    '/documents/:id/content',
    {
      schema: {
        summary: 'The document as PDF (ETag, Repr-Digest, ranges)',
        tags: ['documents'],
        security: bearer,
        params: idParams,
        binary: {
          200: { mediaType: 'application/pdf', description: 'The whole document' },
          206: { mediaType: 'application/pdf', description: 'The requested range (Range)' },
        },
        response: {
          304: { type: 'null', description: 'Not modified: If-None-Match names the current ETag' },
        },
        errors: {
          ...errors,
          404: 'not_found (no such document of this customer)',
          416: 'range_not_satisfiable',
        },
      },
    },
    async (request, reply) => {
      const stored = await documentContent(ctx, requirePrincipal(api, request), request.params.id)
      const { sha256, sizeBytes: size } = stored
      const etag = `"${sha256}"`
      const digest = Buffer.from(sha256, 'hex').toString('base64')
      reply.headers({
        etag,
        'repr-digest': `sha-256=:${digest}:`,
        'cache-control': 'private',
        'accept-ranges': 'bytes',
      })
      if (noneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send()
      const range = ifRangeMatches(header(request.headers['if-range']), etag)
        ? parseRange(header(request.headers.range), size)
        : null
      if (range === 'unsatisfiable') {
        return reply
          .status(416)
          .headers({ 'content-range': `bytes */${size}`, 'content-type': 'application/json' })
          .send({
            error: {
              code: 'range_not_satisfiable',
              message: 'The range lies beyond the document.',
            },
          })
      }
      reply.headers({
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition(stored.fileName),
      })
      // The bytes stream from the database one stored part at a time: memory stays flat
      // in the document's size (a Buffer would be held whole until sent).
      const { start, end } = range ?? { start: 0, end: size - 1 }
      reply.header('content-length', String(end - start + 1))
      if (range) {
        // The digest of this part's content (Content-Digest); Repr-Digest stays the whole file's.
        // A header comes before the body: the part is read twice rather than held.
        const partDigest = createHash('sha256')
        for (const piece of stored.read(start, end)) partDigest.update(piece)
        reply.status(206).headers({
          'content-range': `bytes ${start}-${end}/${size}`,
          'content-digest': `sha-256=:${partDigest.digest('base64')}:`,
        })
      }
      return reply.send(Readable.from(stored.read(start, end), { objectMode: false }))
    },
  )

  api.post<{ Params: { id: string } }>(
    '/documents/:id/read',
    {
      schema: {
        summary: 'Mark a document as read',
        tags: ['documents'],
        security: bearer,
        params: idParams,
        errors: { ...errors, 404: 'not_found (no such document of this customer)' },
      },
    },
    async (request, reply) => {
      markDocumentRead(ctx, requirePrincipal(api, request), request.params.id)
      return reply.status(204).send()
    },
  )

  const [perHour, perDay] = DOCUMENT_EMAIL_LIMITS.map((l) => l.limit.max)
  api.post<{ Params: { id: string }; Body: Record<string, never> }>(
    '/documents/:id/email',
    {
      // No body at all is the usual request: validated as the empty object it means.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {}
      },
      schema: {
        summary: 'Send the document as a PDF attachment to the account’s registered e-mail address',
        tags: ['documents'],
        security: bearer,
        params: idParams,
        // The address is never taken from the request: no body, or an empty object.
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {},
          description: 'Empty: the e-mail goes to the registered address only',
        },
        response: {
          202: {
            type: 'object',
            additionalProperties: false,
            required: ['status', 'to'],
            properties: {
              status: { type: 'string', enum: ['sent'] },
              to: {
                type: 'string',
                maxLength: EMAIL_MAX_LENGTH,
                description: 'The registered address, masked (a***.h***@demo.mini.at)',
              },
            },
          },
        },
        errors: {
          ...errors,
          400: 'validation_failed (any body property: unknown_property)',
          404: 'not_found (no such document of this customer)',
          429: `rate_limited (${perHour} per hour, ${perDay} per 24 hours per customer; Retry-After)`,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await emailDocument(ctx, requirePrincipal(api, request), request.params.id)),
  )
}

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value
