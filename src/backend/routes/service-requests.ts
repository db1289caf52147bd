import '../fastify-types.ts'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { BackOffice } from '../services/context.ts'
import {
  createServiceRequest,
  getServiceRequest,
  listServiceRequests,
  listServiceTypes,
} from '../services/service-requests.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

const BACK_OFFICE_INTERVAL_MS = 60_000

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
  handle(
    api,
    'GET /service-types',
    async (request) =>
      await listServiceTypes(ctx, await requirePrincipal(api, request), request.query.contractId),
  )
  handle(api, 'POST /service-requests', async (request, reply) =>
    reply
      .status(201)
      .send(
        await createServiceRequest(
          ctx,
          await requirePrincipal(api, request),
          request.body,
          request.headers['idempotency-key'],
        ),
      ),
  )
  handle(api, 'GET /service-requests', async (request) =>
    listServiceRequests(ctx, await requirePrincipal(api, request)),
  )
  handle(
    api,
    'GET /service-requests/{id}',
    async (request) =>
      await getServiceRequest(ctx, await requirePrincipal(api, request), request.params.id),
  )
}
