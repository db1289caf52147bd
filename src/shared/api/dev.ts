/**
 * Demo mode only (api.md "Demo routes"): the outbox of e-mails and letters
 * "sent", an attachment's bytes, the demo customers and the demo clock. A
 * production backend has none of these routes.
 */
import { Type, type Static } from 'typebox'
import { PASSWORD_MAX_LENGTH } from './auth.ts'
import type { RouteTable } from './contract.ts'
import { DOCUMENT_MAX_BYTES } from './documents.ts'
import {
  closedObject,
  codeSchema,
  countSchema,
  CUSTOMER_NUMBER_PATTERN,
  dateSchema,
  EMAIL_MAX_LENGTH,
  emailSchema,
  instantSchema,
  itemsSchema,
  NAME_MAX_LENGTH,
  nullable,
  PAGE_LIMIT_PATTERN,
} from './limits.ts'

/** The outbox list's page (`limit`, 1–100, default all 100). */
export const OUTBOX_PAGE_MAX = 100
/** The outbox's ids: the id parameter's 15 digits. */
const OUTBOX_ID_MAX = 999_999_999_999_999
const OUTBOX_ATTACHMENTS_MAX = 10
/** The seeded demo customers are a handful. */
const DEMO_CUSTOMERS_MAX = 100
/** The furthest the demo clock moves in one step: a year. */
export const CLOCK_ADVANCE_MAX_SECONDS = 31_536_000

export const OUTBOX_KINDS = ['email', 'letter'] as const

/** A file sent with an e-mail; its bytes are GET /dev/outbox/{id}/attachments/{n}, n its position. */
export const outboxAttachmentSchema = closedObject({
  fileName: Type.String({ maxLength: 255 }),
  contentType: Type.String({ maxLength: 100 }),
  sizeBytes: countSchema(DOCUMENT_MAX_BYTES),
})
export type OutboxAttachment = Static<typeof outboxAttachmentSchema>

export const outboxItemSchema = closedObject({
  id: Type.Integer({ format: 'int64', minimum: 1, maximum: OUTBOX_ID_MAX }),
  kind: codeSchema(OUTBOX_KINDS),
  to: Type.String({
    maxLength: 1000,
    description: 'An e-mail address, or (a letter) the name and postal address',
  }),
  subject: Type.String({ maxLength: 500 }),
  text: Type.String({ maxLength: 100_000 }),
  links: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 10 }),
  /** In the order they were attached ([] for a message without any). */
  attachments: Type.Array(outboxAttachmentSchema, {
    maxItems: OUTBOX_ATTACHMENTS_MAX,
    description: 'In order: the n-th is GET /dev/outbox/{id}/attachments/{n}, from 0',
  }),
  createdAt: instantSchema,
})
export type OutboxItem = Static<typeof outboxItemSchema>

export const demoCustomerSchema = closedObject({
  customerNumber: Type.String({ maxLength: 20, pattern: CUSTOMER_NUMBER_PATTERN }),
  firstName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  lastName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  dateOfBirth: dateSchema,
  registered: Type.Boolean(),
  /** How many contracts the customer holds (a co-borrower only may hold none). */
  contracts: Type.Integer({ format: 'int32', minimum: 0, maximum: 1000 }),
  demoLogin: nullable(
    closedObject({ email: emailSchema, password: Type.String({ maxLength: PASSWORD_MAX_LENGTH }) }),
  ),
})
export type DemoCustomer = Static<typeof demoCustomerSchema>

const clockAnswerSchema = closedObject({
  now: instantSchema,
  offsetSeconds: Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
})
export type ClockAnswer = Static<typeof clockAnswerSchema>

/** The n-th attachment of an outbox message: the id's 15 digits, n from 0 (four digits). */
export const OUTBOX_ID_PATTERN = '^[1-9][0-9]{0,14}$'
export const ATTACHMENT_INDEX_PATTERN = '^(0|[1-9][0-9]{0,3})$'

export const devRoutes = {
  'GET /dev/outbox': {
    summary: 'Demo mailbox: e-mails and letters "sent", newest first',
    tags: ['demo'],
    query: closedObject({
      to: Type.Optional(Type.String({ maxLength: EMAIL_MAX_LENGTH })),
      kind: Type.Optional(codeSchema(OUTBOX_KINDS)),
      limit: Type.Optional(Type.String({ maxLength: 3, pattern: PAGE_LIMIT_PATTERN })),
    }),
    answers: { 200: itemsSchema(OUTBOX_PAGE_MAX, outboxItemSchema) },
  },
  'GET /dev/outbox/{id}/attachments/{n}': {
    summary: 'Demo mailbox: the bytes of an e-mail’s attachment (n from 0)',
    tags: ['demo'],
    params: closedObject({
      id: Type.String({ maxLength: 15, pattern: OUTBOX_ID_PATTERN }),
      n: Type.String({ maxLength: 4, pattern: ATTACHMENT_INDEX_PATTERN }),
    }),
    answers: { 200: null },
    binary: { 200: { mediaType: '*/*', description: 'The attachment, with its Content-Type' } },
  },
  'GET /dev/customers': {
    summary: 'Demo customers, whether they have registered, and the ready demo login',
    tags: ['demo'],
    answers: { 200: itemsSchema(DEMO_CUSTOMERS_MAX, demoCustomerSchema) },
  },
  'POST /dev/clock': {
    summary: 'Move the backend’s clock forward (expiry of links, codes and tokens)',
    tags: ['demo'],
    body: closedObject({
      advanceSeconds: Type.Integer({
        format: 'int32',
        minimum: 1,
        maximum: CLOCK_ADVANCE_MAX_SECONDS,
      }),
    }),
    answers: { 200: clockAnswerSchema },
  },
} as const satisfies RouteTable
