import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { buildOpenApiDocument } from '../services/openapi.ts'
import type { RouteRecord } from '../app.ts'

/** The outline of an OpenAPI 3.1 document; its parts are free-form JSON. */
const openApiDocumentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['openapi', 'info', 'servers', 'paths', 'components'],
  properties: {
    openapi: { type: 'string', const: '3.1.0' },
    info: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'version'],
      properties: {
        title: { type: 'string' },
        version: { type: 'string' },
        description: { type: 'string' },
      },
    },
    servers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string' } },
      },
    },
    paths: { type: 'object', additionalProperties: true },
    components: { type: 'object', additionalProperties: true },
  },
} as const

/** GET /openapi.json: the OpenAPI 3.1 document generated from the registered route schemas. */
export function registerOpenApiRoute(api: FastifyInstance, routes: readonly RouteRecord[]): void {
  let document: Record<string, unknown> | null = null
  api.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This API’s OpenAPI document',
        tags: ['meta'],
        response: { 200: openApiDocumentSchema },
      },
    },
    // Built on first request: by then every route (demo ones too) is registered.
    async () => (document ??= buildOpenApiDocument(routes)),
  )
}
