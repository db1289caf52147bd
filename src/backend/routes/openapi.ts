import '../fastify-types.ts'
import type { FastifyInstance } from 'fastify'
import { buildOpenApiDocument } from '../services/openapi.ts'
import type { RouteRecord } from '../app-types.ts'

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const

/** The outline of an OpenAPI 3.1 document; paths and components are free-form JSON. */
const openApiDocumentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['openapi', 'info', 'servers', 'tags', 'paths', 'components'],
  properties: {
    openapi: { type: 'string', const: '3.1.0' },
    info: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'version', 'contact'],
      properties: {
        title: text(100),
        version: text(20),
        description: text(500),
        contact: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'email'],
          properties: {
            name: text(100),
            email: { type: 'string', format: 'email', maxLength: 254 },
          },
        },
      },
    },
    servers: {
      type: 'array',
      maxItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url', 'description', 'x-internal'],
        properties: { url: text(200), description: text(200), 'x-internal': { type: 'boolean' } },
      },
    },
    tags: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: text(40), description: text(200) },
      },
    },
    paths: { type: 'object', additionalProperties: true },
    components: { type: 'object', additionalProperties: true },
  },
} as const

/** GET /openapi.json: the OpenAPI 3.1 document generated from the registered route schemas. */
export function registerOpenApiRoute(
  api: FastifyInstance,
  routes: readonly RouteRecord[],
  options: { allowedOrigin: string },
): void {
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
    async () =>
      (document ??= buildOpenApiDocument(routes, {
        config: api.services.config,
        allowedOrigin: options.allowedOrigin,
      })),
  )
}
