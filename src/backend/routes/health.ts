/**
 * GET /healthz and GET /readyz (api.md "Operations"), outside /api/v1 for the load
 * balancer and the orchestrator: the process runs; the node can take requests (its
 * database answers and has the schema this code knows), else 503. No secrets in
 * them, and no rate limit: the proxy asks often, from one address.
 */
import type { FastifyInstance } from 'fastify'
import { readiness } from '../operations.ts'

/** The route config that exempts a route from the general rate limits. */
export const NO_RATE_LIMIT = { rateLimit: false } as const

/** Registers the two probes on the app's root (not under the API prefix). */
export function registerHealthRoutes(app: FastifyInstance): void {
  app.get('/healthz', { config: NO_RATE_LIMIT }, async () => ({ status: 'ok' }))
  app.get('/readyz', { config: NO_RATE_LIMIT }, async (_request, reply) => {
    const state = await readiness(app.services.db)
    if (state.ready) return { status: 'ready' }
    return reply.status(503).send({ status: 'not_ready', reason: state.reason })
  })
}
