import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { buildOpenApiDocument } from '../services/openapi.ts'
import type { RouteRecord } from '../app.ts'

/** GET /openapi.json: the OpenAPI 3.1 document generated from the registered route schemas. */
export function registerOpenApiRoute(api: FastifyInstance, routes: readonly RouteRecord[]): void {
  let document: unknown = null
  api.get(
    '/openapi.json',
    { schema: { summary: 'This API’s OpenAPI document', tags: ['meta'] } },
    async (_request, reply) => {
      document ??= buildOpenApiDocument(routes)
      return reply.header('cache-control', 'no-cache').send(document)
    },
  )
}
