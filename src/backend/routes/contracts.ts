import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { getContract, getSchedule, listContracts } from '../services/contracts.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** The activated customer's financing agreements. */
export function registerContractRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'GET /contracts', async (request) => ({
    items: listContracts(ctx, requirePrincipal(api, request)),
  }))
  handle(api, 'GET /contracts/{id}', async (request) =>
    getContract(ctx, requirePrincipal(api, request), request.params.id),
  )
  handle(api, 'GET /contracts/{id}/schedule', async (request) =>
    getSchedule(ctx, requirePrincipal(api, request), request.params.id),
  )
}
