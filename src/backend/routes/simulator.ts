import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { previewDeferral, simulate } from '../services/simulator.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** The repayment simulator and the payment deferral's preview on the customer's contracts. */
export function registerSimulatorRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(
    api,
    'POST /contracts/{id}/simulations',
    async (request) =>
      await simulate(ctx, await requirePrincipal(api, request), request.params.id, request.body),
  )
  handle(
    api,
    'POST /contracts/{id}/deferral-preview',
    async (request) =>
      await previewDeferral(
        ctx,
        await requirePrincipal(api, request),
        request.params.id,
        request.body,
      ),
  )
}
