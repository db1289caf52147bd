import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import type { AdjustableClock } from '../clock.ts'
import type { AppDeps } from '../app-types.ts'
import { contentDisposition } from '../documents/http-range.ts'
import { ApiError } from '../errors.ts'
import { itemsSchema } from './schemas.ts'
import { DEMO_LOGINS } from '../demo/seed.ts'
import { PASSWORD_MAX_LENGTH } from '../../shared/api/auth.ts'
import { DOCUMENT_MAX_BYTES } from '../../shared/api/documents.ts'
import {
  countSchema,
  dateSchema,
  CUSTOMER_NUMBER_PATTERN,
  emailSchema,
  instantSchema,
  NAME_MAX_LENGTH,
} from '../../shared/api/limits.ts'

/** The outbox list's page (`limit`, 1–100) and its ids (the id parameter's 15 digits). */
const OUTBOX_PAGE_MAX = 100
const OUTBOX_ID_MAX = 999_999_999_999_999
/** The seeded demo customers are a handful. */
const DEMO_CUSTOMERS_MAX = 100

/** Demo mode only: the outbox, the demo customers and the demo clock. */
export function registerDevRoutes(api: FastifyInstance, deps: AppDeps): void {
  const ctx = api.services
  api.get<{ Querystring: { to?: string; kind?: 'email' | 'letter'; limit?: string } }>(
    '/dev/outbox',
    {
      schema: {
        summary: 'Demo mailbox: e-mails and letters "sent", newest first',
        tags: ['demo'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            to: { type: 'string', maxLength: 254 },
            kind: { type: 'string', enum: ['email', 'letter'] },
            limit: { type: 'string', maxLength: 3, pattern: '^(100|[1-9][0-9]?)$' },
          },
        },
        response: {
          200: itemsSchema(OUTBOX_PAGE_MAX, {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'kind', 'to', 'subject', 'text', 'links', 'attachments', 'createdAt'],
            properties: {
              id: { type: 'integer', format: 'int64', minimum: 1, maximum: OUTBOX_ID_MAX },
              kind: { type: 'string', enum: ['email', 'letter'] },
              to: {
                type: 'string',
                maxLength: 1000,
                description: 'An e-mail address, or (a letter) the name and postal address',
              },
              subject: { type: 'string', maxLength: 500 },
              text: { type: 'string', maxLength: 100_000 },
              links: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 2000 } },
              attachments: {
                type: 'array',
                maxItems: 10,
                description: 'In order: the n-th is GET /dev/outbox/{id}/attachments/{n}, from 0',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['fileName', 'contentType', 'sizeBytes'],
                  properties: {
                    fileName: { type: 'string', maxLength: 255 },
                    contentType: { type: 'string', maxLength: 100 },
                    sizeBytes: countSchema(DOCUMENT_MAX_BYTES),
                  },
                },
              },
              createdAt: instantSchema,
            },
          }),
        },
      },
    },
    async (request) => ({
      items: ctx.repos.outbox.list({
        ...(request.query.to !== undefined ? { to: request.query.to.trim() } : {}),
        ...(request.query.kind !== undefined ? { kind: request.query.kind } : {}),
        limit: Number(request.query.limit ?? '100'),
      }),
    }),
  )
  api.get<{ Params: { id: string; n: string } }>(
    '/dev/outbox/:id/attachments/:n',
    {
      schema: {
        summary: 'Demo mailbox: the bytes of an e-mail’s attachment (n from 0)',
        tags: ['demo'],
        binary: { 200: { mediaType: '*/*', description: 'The attachment, with its Content-Type' } },
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'n'],
          properties: {
            id: { type: 'string', maxLength: 15, pattern: '^[1-9][0-9]{0,14}$' },
            n: { type: 'string', maxLength: 4, pattern: '^(0|[1-9][0-9]{0,3})$' },
          },
        },
      },
    },
    async (request, reply) => {
      const attachment = ctx.repos.outbox.attachment(
        Number(request.params.id),
        Number(request.params.n),
      )
      if (!attachment) throw new ApiError(404, 'not_found', 'There is nothing at this address.')
      const { bytes } = attachment
      return reply
        .headers({
          'content-type': attachment.contentType,
          'content-disposition': contentDisposition(attachment.fileName),
        })
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    },
  )
  api.get(
    '/dev/customers',
    {
      schema: {
        summary: 'Demo customers, whether they have registered, and the ready demo login',
        tags: ['demo'],
        response: {
          200: itemsSchema(DEMO_CUSTOMERS_MAX, {
            type: 'object',
            additionalProperties: false,
            required: [
              'customerNumber',
              'firstName',
              'lastName',
              'dateOfBirth',
              'registered',
              'demoLogin',
            ],
            properties: {
              customerNumber: { type: 'string', maxLength: 20, pattern: CUSTOMER_NUMBER_PATTERN },
              firstName: { type: 'string', maxLength: NAME_MAX_LENGTH },
              lastName: { type: 'string', maxLength: NAME_MAX_LENGTH },
              dateOfBirth: dateSchema,
              registered: { type: 'boolean' },
              demoLogin: {
                anyOf: [
                  {
                    type: 'object',
                    additionalProperties: false,
                    required: ['email', 'password'],
                    properties: {
                      email: emailSchema,
                      password: { type: 'string', maxLength: PASSWORD_MAX_LENGTH },
                    },
                  },
                  { type: 'null' },
                ],
              },
            },
          }),
        },
      },
    },
    async () => ({
      items: ctx.repos.customers.all().map((c) => ({
        customerNumber: c.customerNumber,
        firstName: c.firstName,
        lastName: c.lastName,
        dateOfBirth: c.dateOfBirth,
        registered: ctx.repos.accounts.byCustomerId(c.id) !== null,
        demoLogin: DEMO_LOGINS[c.customerNumber] ?? null,
      })),
    }),
  )
  api.post<{ Body: { advanceSeconds: number } }>(
    '/dev/clock',
    {
      schema: {
        summary: 'Move the backend’s clock forward (expiry of links, codes and tokens)',
        tags: ['demo'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['advanceSeconds'],
          properties: {
            advanceSeconds: { type: 'integer', format: 'int32', minimum: 1, maximum: 31_536_000 },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['now', 'offsetSeconds'],
            properties: {
              now: instantSchema,
              offsetSeconds: {
                type: 'integer',
                format: 'int64',
                minimum: 0,
                maximum: Number.MAX_SAFE_INTEGER,
              },
            },
          },
        },
      },
    },
    async (request) => {
      const clock = deps.clock as Partial<AdjustableClock>
      if (typeof clock.advance !== 'function') {
        throw new ApiError(404, 'not_found', 'This backend’s clock cannot be moved.')
      }
      clock.advance(request.body.advanceSeconds)
      return { now: deps.clock.now().toISOString(), offsetSeconds: clock.offsetSeconds ?? 0 }
    },
  )
}
