/** Service requests: the route schemas (POST /service-requests, the answers, GET /service-types). */
import { CONTRACT_NUMBER_PATTERN, instantSchema, TITLE_MAX_LENGTH, uuidSchema } from '../limits.ts'
import { ALL_PRODUCTS, ANY_STATUS, SERVICE_CATALOGUE, stripAnnotations } from './catalogue.ts'
import { NOT_ELIGIBLE_REASONS, SERVICE_REQUEST_STATUSES, SERVICE_TYPES } from './types.ts'

const textSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['de', 'en'],
  properties: { de: { type: 'string', maxLength: 500 }, en: { type: 'string', maxLength: 500 } },
} as const

const instant = instantSchema

/** The body of POST /service-requests: the shape, then each type's details (if/then on `type`). */
export const serviceRequestBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'contractId', 'details'],
  properties: {
    type: { type: 'string', enum: SERVICE_TYPES },
    contractId: { type: 'string', minLength: 1, maxLength: 64 },
    details: { type: 'object' },
  },
  allOf: SERVICE_CATALOGUE.map((entry) => ({
    if: { type: 'object', required: ['type'], properties: { type: { const: entry.type } } },
    then: { type: 'object', properties: { details: stripAnnotations(entry.fields) } },
  })),
} as const

export const serviceRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'reference',
    'type',
    'contractId',
    'contractNumber',
    'status',
    'details',
    'createdAt',
    'updatedAt',
    'documentId',
    'documentTitle',
  ],
  properties: {
    id: uuidSchema,
    reference: { type: 'string', maxLength: 20, pattern: '^SR-[0-9]{4}-[0-9]{6,}$' },
    type: { type: 'string', enum: SERVICE_TYPES },
    contractId: uuidSchema,
    contractNumber: { type: 'string', maxLength: 30, pattern: CONTRACT_NUMBER_PATTERN },
    status: { type: 'string', enum: SERVICE_REQUEST_STATUSES },
    details: { type: 'object', additionalProperties: true },
    createdAt: instant,
    updatedAt: instant,
    documentId: { anyOf: [uuidSchema, { type: 'null' }] },
    documentTitle: { anyOf: [{ type: 'string', maxLength: TITLE_MAX_LENGTH }, { type: 'null' }] },
  },
} as const

export const serviceTypeSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'type',
    'title',
    'description',
    'products',
    'contractStatuses',
    'handling',
    'endpoint',
    'fields',
  ],
  properties: {
    type: { type: 'string', enum: SERVICE_TYPES },
    title: textSchema,
    description: textSchema,
    products: {
      type: 'array',
      maxItems: ALL_PRODUCTS.length,
      items: { type: 'string', enum: ALL_PRODUCTS },
    },
    contractStatuses: {
      type: 'array',
      maxItems: ANY_STATUS.length,
      items: { type: 'string', enum: ANY_STATUS },
    },
    handling: { type: 'string', enum: ['immediate', 'back_office', 'profile'] },
    endpoint: { anyOf: [{ type: 'string', maxLength: 100 }, { type: 'null' }] },
    // A JSON schema with the catalogue's annotations: passed on as it is.
    fields: { type: 'object', additionalProperties: true },
    eligibility: {
      type: 'object',
      additionalProperties: false,
      required: ['eligible', 'reason'],
      properties: {
        eligible: { type: 'boolean' },
        reason: { anyOf: [{ type: 'string', enum: NOT_ELIGIBLE_REASONS }, { type: 'null' }] },
      },
    },
  },
} as const
