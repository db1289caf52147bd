import '../fastify-types.ts'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import {
  IDEMPOTENCY_KEY_PATTERN,
  SERVICE_CATALOGUE,
  SERVICE_REQUESTS_LIST_MAX,
  serviceRequestBodySchema,
  serviceRequestSchema,
  serviceTypeSchema,
  type ServiceRequestBody,
} from '../../shared/api/service-requests.ts'
import type { BackOffice } from '../services/context.ts'
import {
  createServiceRequest,
  getServiceRequest,
  listServiceRequests,
  listServiceTypes,
} from '../services/service-requests.ts'
import { itemsSchema } from './schemas.ts'
import { requirePrincipal } from './sessions.ts'

const bearer = [{ bearer: [] }]
const errors = {
  401: 'unauthenticated',
  403: 'activation_required (the activation code has not been entered yet)',
} as const
const BACK_OFFICE_INTERVAL_MS = 60_000

const idParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const

/** The back office must never fail the call that happens to wake it: it logs and tries again later. */
async function catchUp(
  api: FastifyInstance,
  backOffice: BackOffice,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    await backOffice.run(api.services)
  } catch (error) {
    log.error(error, 'the demo back office failed')
  }
}

/** The service catalogue and the customer's service requests (api.md "Service requests"). */
export function registerServiceRequestRoutes(api: FastifyInstance): void {
  const ctx = api.services
  const { backOffice } = ctx
  if (backOffice) {
    // Demo: the simulated back office follows the clock before any call is answered,
    // and once a minute for requests nobody looks at.
    api.addHook('preHandler', async (request) => catchUp(api, backOffice, request.log))
    const timer = setInterval(() => void catchUp(api, backOffice, api.log), BACK_OFFICE_INTERVAL_MS)
    timer.unref()
    api.addHook('onClose', async () => clearInterval(timer))
  }
  api.get<{ Querystring: { contractId?: string } }>(
    '/service-types',
    {
      schema: {
        summary:
          'The service catalogue (titles and field labels in German and English); with contractId, each type’s eligibility and the contract’s bounds',
        tags: ['service-requests'],
        security: bearer,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { contractId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 200: itemsSchema(SERVICE_CATALOGUE.length, serviceTypeSchema) },
        errors: { ...errors, 404: 'not_found (contractId names no contract of this customer)' },
      },
    },
    async (request) =>
      listServiceTypes(ctx, requirePrincipal(api, request), request.query.contractId),
  )
  api.post<{ Body: ServiceRequestBody; Headers: { 'idempotency-key'?: string } }>(
    '/service-requests',
    {
      schema: {
        summary:
          'File a service request for a contract (Idempotency-Key honoured for 24 hours); immediate types are completed with their document',
        tags: ['service-requests'],
        security: bearer,
        headers: {
          type: 'object',
          properties: {
            'idempotency-key': { type: 'string', maxLength: 100, pattern: IDEMPOTENCY_KEY_PATTERN },
          },
        },
        body: serviceRequestBodySchema,
        response: { 201: serviceRequestSchema },
        errors: {
          ...errors,
          400: 'validation_failed (details.<field>: required, invalid_value, out_of_range …; idempotency-key: invalid_format)',
          404: 'not_found (no such contract of this customer)',
          409: 'not_eligible with error.reason (product_not_eligible, contract_settled, contract_not_settled, term_ending, request_pending, already_released, use_profile, recent_address_change); idempotency_key_reused',
          429: 'rate_limited (20 requests in 24 hours; Retry-After)',
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createServiceRequest(
            ctx,
            requirePrincipal(api, request),
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
  )
  api.get(
    '/service-requests',
    {
      schema: {
        summary: 'The customer’s service requests, newest first',
        tags: ['service-requests'],
        security: bearer,
        response: { 200: itemsSchema(SERVICE_REQUESTS_LIST_MAX, serviceRequestSchema) },
        errors,
      },
    },
    async (request) => listServiceRequests(ctx, requirePrincipal(api, request)),
  )
  api.get<{ Params: { id: string } }>(
    '/service-requests/:id',
    {
      schema: {
        summary: 'One service request with its status and answer document',
        tags: ['service-requests'],
        security: bearer,
        params: idParams,
        response: { 200: serviceRequestSchema },
        errors: { ...errors, 404: 'not_found (no such request of this customer)' },
      },
    },
    async (request) => getServiceRequest(ctx, requirePrincipal(api, request), request.params.id),
  )
}
