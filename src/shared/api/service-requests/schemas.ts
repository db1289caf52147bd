/**
 * Service requests: the route schemas (POST /service-requests, the answers,
 * GET /service-types) written with TypeBox, and the answer types derived from
 * them.
 */
import { Type, type Static } from 'typebox'
import {
  closedObject,
  codeSchema,
  CONTRACT_NUMBER_PATTERN,
  instantSchema,
  nullable,
  TITLE_MAX_LENGTH,
  uuidSchema,
} from '../limits.ts'
import { ALL_PRODUCTS, ANY_STATUS, SERVICE_CATALOGUE, stripAnnotations } from './catalogue.ts'
import {
  IDEMPOTENCY_KEY_PATTERN,
  NOT_ELIGIBLE_REASONS,
  SERVICE_HANDLINGS,
  SERVICE_REQUEST_STATUSES,
  SERVICE_TYPES,
  SIGNATURE_PASSWORD_MAX_LENGTH,
  type DetailsSchema,
  type JsonSchema,
  type ServiceRequestBody,
} from './types.ts'

/** An id the backend looks up (a contract's, a request's): any other answers 404. */
export const lookupIdSchema = Type.String({ minLength: 1, maxLength: 64 })
/** A request's reference for people: `SR-2026-000123`. */
export const SERVICE_REQUEST_REFERENCE_PATTERN = '^SR-[0-9]{4}-[0-9]{6,}$'
/** The fields of one type's `details` (the catalogue has at most four). */
const DETAILS_FIELDS_MAX = 20
const DETAILS_FIELD_NAME_MAX = 64
/** A field of `details` is named in camelCase: `payoffDate`, `amountCents`. */
const DETAILS_FIELD_NAME_PATTERN = '^[a-z][A-Za-z0-9]*$'

const localizedSchema = closedObject({
  de: Type.String({ maxLength: 500 }),
  en: Type.String({ maxLength: 500 }),
})

/** The body of POST /service-requests: the shape, then each type's details (if/then on `type`). */
export const serviceRequestBodySchema = Type.Unsafe<ServiceRequestBody>(
  closedObject(
    {
      type: codeSchema(SERVICE_TYPES),
      contractId: lookupIdSchema,
      details: Type.Unsafe<object>({ type: 'object' }),
      /** payment_deferral only: the password as the signature (never stored). */
      password: Type.Optional(
        Type.String({ minLength: 1, maxLength: SIGNATURE_PASSWORD_MAX_LENGTH }),
      ),
    },
    {
      allOf: [
        ...SERVICE_CATALOGUE.map((entry) => ({
          if: { type: 'object', required: ['type'], properties: { type: { const: entry.type } } },
          then: { type: 'object', properties: { details: stripAnnotations(entry.fields) } },
        })),
        {
          if: {
            type: 'object',
            required: ['type'],
            properties: { type: { const: 'payment_deferral' } },
          },
          then: { type: 'object', required: ['password'] },
        },
      ],
    },
  ),
)

/** The `Idempotency-Key` header POST /service-requests reads. */
export const idempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ maxLength: 100, pattern: IDEMPOTENCY_KEY_PATTERN }),
  ),
})

/** One service request as the API answers it. */
export const serviceRequestSchema = closedObject({
  id: uuidSchema,
  /** For people: `SR-2026-000123`. */
  reference: Type.String({ maxLength: 20, pattern: SERVICE_REQUEST_REFERENCE_PATTERN }),
  type: codeSchema(SERVICE_TYPES),
  contractId: uuidSchema,
  contractNumber: Type.String({ maxLength: 30, pattern: CONTRACT_NUMBER_PATTERN }),
  status: codeSchema(SERVICE_REQUEST_STATUSES),
  /** What was asked for, as sent. */
  details: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  /** The answer in the postbox, once there is one. */
  documentId: nullable(uuidSchema),
  documentTitle: nullable(Type.String({ maxLength: TITLE_MAX_LENGTH })),
})
export type ServiceRequestView = Static<typeof serviceRequestSchema>

/** The JSON schema of a type's `details`, with the catalogue's `x-` annotations: what a form reads. */
const detailsSchemaSchema = Type.Unsafe<DetailsSchema>(
  Type.Object(
    {
      type: codeSchema(['object'] as const),
      required: Type.Array(
        Type.String({ maxLength: DETAILS_FIELD_NAME_MAX, pattern: DETAILS_FIELD_NAME_PATTERN }),
        {
          maxItems: DETAILS_FIELDS_MAX,
        },
      ),
      properties: Type.Unsafe<Record<string, JsonSchema>>({
        type: 'object',
        maxProperties: DETAILS_FIELDS_MAX,
        additionalProperties: { type: 'object', additionalProperties: true },
      }),
    },
    {
      // Passed on whole: the serialiser keeps what the schema does not name.
      additionalProperties: true,
      description: 'A JSON schema with the catalogue’s annotations: passed on as it is',
    },
  ),
)

/** One item of GET /service-types (with `?contractId`, also whether it fits that contract). */
export const serviceTypeSchema = closedObject({
  type: codeSchema(SERVICE_TYPES),
  title: localizedSchema,
  description: localizedSchema,
  products: Type.Immutable(Type.Array(codeSchema(ALL_PRODUCTS), { maxItems: ALL_PRODUCTS.length })),
  /** The contract states the type applies to. */
  contractStatuses: Type.Immutable(
    Type.Array(codeSchema(ANY_STATUS), { maxItems: ANY_STATUS.length }),
  ),
  handling: codeSchema(SERVICE_HANDLINGS),
  /** `profile` handling: the call that does it instead. */
  endpoint: nullable(Type.String({ maxLength: 100 })),
  fields: detailsSchemaSchema,
  eligibility: Type.Optional(
    closedObject({ eligible: Type.Boolean(), reason: nullable(codeSchema(NOT_ELIGIBLE_REASONS)) }),
  ),
})
export type ServiceTypeInfo = Static<typeof serviceTypeSchema>
