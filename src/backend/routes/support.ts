import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import type { BackendConfig } from '../config.ts'
import { handle } from './define.ts'

/** GET /support: how customers reach customer service. */
export function registerSupportRoutes(api: FastifyInstance, config: BackendConfig): void {
  handle(api, 'GET /support', async () => config.support)
}
