/** Builds an OpenAPI 3.1 document from the routes' JSON schemas (one source of truth). */
import { apiErrorSchema } from '../../shared/api/error.ts'
import type { RouteRecord } from '../app.ts'

type Json = Record<string, unknown>

/**
 * The error answers of one route: those that follow from its shape (input, body,
 * bearer token) and those it declares itself in `schema.errors`.
 */
function errorResponses(schema: Json): Record<string, string> {
  const errors: Record<string, string> = {}
  const add = (status: number | string, codes: string): void => {
    const key = String(status)
    errors[key] = errors[key] ? `${errors[key]}; ${codes}` : codes
  }
  const declared = (schema.errors ?? {}) as Record<string, string>
  if ((schema.body || schema.querystring || schema.params) && !declared['400']) {
    add(400, 'validation_failed')
  }
  if (schema.security) add(401, 'unauthenticated')
  add(404, 'not_found')
  if (schema.body) {
    add(413, 'payload_too_large')
    add(415, 'unsupported_media_type')
  }
  for (const [status, codes] of Object.entries(declared)) add(status, codes)
  add(500, 'internal_error')
  return errors
}

/** The document: one path item per route, request bodies, parameters, responses and the error format. */
export function buildOpenApiDocument(routes: readonly RouteRecord[]): Json {
  const paths: Record<string, Json> = {}
  for (const route of routes) {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    const schema = (route.schema ?? {}) as Json
    for (const method of methods) {
      if (method === 'HEAD') continue
      const operation: Json = {
        summary: schema.summary ?? '',
        tags: schema.tags ?? [],
        ...(schema.security ? { security: schema.security } : {}),
      }
      const parameters: Json[] = []
      for (const [where, key] of [
        ['query', 'querystring'],
        ['path', 'params'],
      ] as const) {
        const properties = ((schema[key] as Json | undefined)?.properties ?? {}) as Record<
          string,
          Json
        >
        const required = ((schema[key] as Json | undefined)?.required ?? []) as string[]
        for (const [name, property] of Object.entries(properties)) {
          parameters.push({
            name,
            in: where,
            required: where === 'path' || required.includes(name),
            schema: property,
          })
        }
      }
      if (parameters.length) operation.parameters = parameters
      if (schema.body) {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: schema.body } },
        }
      }
      const responses: Json = {}
      for (const [status, body] of Object.entries(
        (schema.response ?? {}) as Record<string, Json>,
      )) {
        responses[status] =
          body.type === 'null'
            ? { description: 'No content' }
            : { description: 'Success', content: { 'application/json': { schema: body } } }
      }
      if (Object.keys(responses).length === 0) {
        responses[method === 'DELETE' || method === 'PUT' ? '204' : '200'] = {
          description: 'Success',
        }
      }
      for (const [status, description] of Object.entries(errorResponses(schema))) {
        responses[status] ??= {
          description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
        }
      }
      operation.responses = responses
      paths[path] = { ...paths[path], [method.toLowerCase()]: operation }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'My MINI Finance API',
      version: '1.0.0',
      description: 'The contract between the My MINI Finance app and any backend (docs/api.md).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ApiError: apiErrorSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  }
}
