import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { simulate } from '../services/simulator.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** The repayment simulator on the customer's contracts. */
export function registerSimulatorRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(
    api,
    'POST /contracts/{id}/simulations',
    async (request) =>
      await simulate(ctx, await requirePrincipal(api, request), request.params.id, request.body),
  )
}
