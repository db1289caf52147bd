/**
 * Service requests (api.md "Service requests"), in three parts:
 * service-requests/types.ts (the types, limits, details and requests),
 * service-requests/catalogue.ts (the catalogue of services with the JSON
 * schema of each type's `details`) and service-requests/schemas.ts (the route
 * schemas and the answers' types). The routes are the table below.
 */
import { Type, type Static } from 'typebox'
import type { RouteTable } from './contract.ts'
import { closedObject, itemsSchema } from './limits.ts'
import { SERVICE_CATALOGUE } from './service-requests/catalogue.ts'
import {
  idempotencyHeadersSchema,
  lookupIdSchema,
  serviceRequestBodySchema,
  serviceRequestSchema,
  serviceTypeSchema,
} from './service-requests/schemas.ts'
import {
  NOT_ELIGIBLE_REASONS,
  SERVICE_REQUESTS_LIST_MAX,
  SERVICE_REQUESTS_PER_DAY,
} from './service-requests/types.ts'

export * from './service-requests/types.ts'
export {
  SERVICE_CATALOGUE,
  serviceDefinition,
  stripAnnotations,
} from './service-requests/catalogue.ts'
export * from './service-requests/schemas.ts'

const serviceTypesAnswerSchema = itemsSchema(SERVICE_CATALOGUE.length, serviceTypeSchema)
export type ServiceTypesAnswer = Static<typeof serviceTypesAnswerSchema>
const serviceRequestListSchema = itemsSchema(SERVICE_REQUESTS_LIST_MAX, serviceRequestSchema)
export type ServiceRequestList = Static<typeof serviceRequestListSchema>

const errors = {
  401: 'unauthenticated',
  403: 'activation_required (the activation code has not been entered yet)',
} as const

export const serviceRequestRoutes = {
  'GET /service-types': {
    summary:
      'The service catalogue (titles and field labels in German and English); with contractId, each type’s eligibility and the contract’s bounds',
    tags: ['service-requests'],
    session: true,
    query: closedObject({ contractId: Type.Optional(lookupIdSchema) }),
    answers: { 200: serviceTypesAnswerSchema },
    errors: { ...errors, 404: 'not_found (contractId names no contract of this customer)' },
  },
  'POST /service-requests': {
    summary:
      'File a service request for a contract (Idempotency-Key honoured for 24 hours); immediate types are completed with their document',
    tags: ['service-requests'],
    session: true,
    headers: idempotencyHeadersSchema,
    body: serviceRequestBodySchema,
    answers: { 201: serviceRequestSchema },
    errors: {
      ...errors,
      400: 'validation_failed (details.<field>: required, invalid_value, out_of_range …; idempotency-key: invalid_format)',
      404: 'not_found (no such contract of this customer)',
      409: `not_eligible with error.reason (${NOT_ELIGIBLE_REASONS.join(', ')}); idempotency_key_reused`,
      429: `rate_limited (${SERVICE_REQUESTS_PER_DAY} requests in 24 hours; Retry-After)`,
    },
  },
  'GET /service-requests': {
    summary: 'The customer’s service requests, newest first',
    tags: ['service-requests'],
    session: true,
    answers: { 200: serviceRequestListSchema },
    errors,
  },
  'GET /service-requests/{id}': {
    summary: 'One service request with its status and answer document',
    tags: ['service-requests'],
    session: true,
    params: closedObject({ id: lookupIdSchema }),
    answers: { 200: serviceRequestSchema },
    errors: { ...errors, 404: 'not_found (no such request of this customer)' },
  },
} as const satisfies RouteTable
