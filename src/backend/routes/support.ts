import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { supportContactsSchema } from '../../shared/api/support.ts'
import type { BackendConfig } from '../config.ts'

/** GET /support: how customers reach customer service. */
export function registerSupportRoutes(api: FastifyInstance, config: BackendConfig): void {
  api.get(
    '/support',
    {
      schema: {
        summary: 'Customer service contacts',
        tags: ['support'],
        response: { 200: supportContactsSchema },
      },
    },
    async () => config.support,
  )
}
