import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { addMileageReading, getEndOfTerm, getMileage } from '../services/lease-end.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** A leasing contract's mileage and the end of term of leasing and balloon contracts. */
export function registerLeaseEndRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(
    api,
    'GET /contracts/{id}/mileage',
    async (request) =>
      await getMileage(ctx, await requirePrincipal(api, request), request.params.id),
  )
  handle(api, 'POST /contracts/{id}/mileage-readings', async (request, reply) => {
    const principal = await requirePrincipal(api, request)
    return reply
      .status(201)
      .send(await addMileageReading(ctx, principal, request.params.id, request.body))
  })
  handle(
    api,
    'GET /contracts/{id}/end-of-term',
    async (request) =>
      await getEndOfTerm(ctx, await requirePrincipal(api, request), request.params.id),
  )
}
