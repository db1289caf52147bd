import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { getContract, getSchedule, listContracts } from '../services/contracts.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** The activated customer's financing agreements. */
export function registerContractRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'GET /contracts', async (request) => ({
    items: await listContracts(ctx, await requirePrincipal(api, request)),
  }))
  handle(
    api,
    'GET /contracts/{id}',
    async (request) =>
      await getContract(ctx, await requirePrincipal(api, request), request.params.id),
  )
  handle(
    api,
    'GET /contracts/{id}/schedule',
    async (request) =>
      await getSchedule(ctx, await requirePrincipal(api, request), request.params.id),
  )
}
