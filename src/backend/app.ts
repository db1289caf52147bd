/**
 * The Fastify application factory: routes under /api/v1 with JSON-schema
 * validation (unknown properties rejected, no type coercion), one error
 * handler producing api.md's error format, and the OpenAPI document built
 * from the registered route schemas.
 */
import Fastify, { type FastifyError, type FastifyInstance, type RouteOptions } from 'fastify'
import type { DatabaseSync } from 'node:sqlite'
import type { FieldReason } from '../shared/errors.ts'
import type { Clock, AdjustableClock } from './clock.ts'
import type { BackendConfig } from './config.ts'
import { ApiError } from './errors.ts'
import type { Outbox } from './outbox/outbox.ts'
import { registerDevRoutes } from './routes/dev.ts'
import { registerOpenApiRoute } from './routes/openapi.ts'
import { registerRegistrationRoutes } from './routes/registrations.ts'
import { registerSessionRoutes } from './routes/sessions.ts'
import { registerSupportRoutes } from './routes/support.ts'
import { createServiceContext } from './services/context.ts'
import type { PasswordHasher } from './services/password-hasher.ts'

export interface AppDeps {
  db: DatabaseSync
  /** Adjustable in demo mode (POST /dev/clock). */
  clock: Clock | AdjustableClock
  outbox: Outbox
  config: BackendConfig
  hasher?: PasswordHasher
  logger?: boolean
}

/** A registered route as the OpenAPI generator sees it. */
export type RouteRecord = Pick<RouteOptions, 'method' | 'url' | 'schema'>

import './fastify-types.ts'

const API_PREFIX = '/api/v1'

/** Maps one ajv error to a dotted field path and a reason code. */
function fieldOf(
  error: {
    instancePath: string
    keyword: string
    params: Record<string, unknown>
  },
  context: string,
): [string, FieldReason] {
  const base = error.instancePath.replace(/^\//, '').split('/').filter(Boolean)
  const reasons: Record<string, FieldReason> = {
    required: 'required',
    additionalProperties: 'unknown_property',
    type: 'invalid_type',
    format: 'invalid_format',
    pattern: 'invalid_format',
    minLength: 'too_short',
    maxLength: 'too_long',
    minimum: 'out_of_range',
    maximum: 'out_of_range',
    exclusiveMinimum: 'out_of_range',
    exclusiveMaximum: 'out_of_range',
    minItems: 'too_short',
    maxItems: 'too_long',
    enum: 'invalid_value',
    const: 'invalid_value',
  }
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
    base.push(error.params.missingProperty)
  }
  if (
    error.keyword === 'additionalProperties' &&
    typeof error.params.additionalProperty === 'string'
  ) {
    base.push(error.params.additionalProperty)
  }
  const path = base.join('.') || (context === 'body' ? 'body' : context)
  return [path, reasons[error.keyword] ?? 'invalid_value']
}

/** Builds the app (not yet listening; call ready() or inject()). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.config.bodyLimitBytes,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        allErrors: false,
        useDefaults: true,
      },
    },
    return503OnClosing: true,
  })
  // JSON only: a text/plain body is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser('text/plain')
  const services = createServiceContext(deps)
  app.decorate('services', services)
  const routes: RouteRecord[] = []
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && route.method !== 'HEAD') {
      routes.push({ method: route.method, url: route.url, schema: route.schema })
    }
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff')
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    return payload
  })

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.headers) reply.headers(error.headers)
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        },
      })
    }
    if (error.validation) {
      const fields: Record<string, FieldReason> = {}
      for (const e of error.validation) {
        const [path, reason] = fieldOf(
          e as Parameters<typeof fieldOf>[0],
          error.validationContext ?? 'body',
        )
        fields[path] ??= reason
      }
      return reply.status(400).send({
        error: { code: 'validation_failed', message: 'Some fields are not valid.', fields },
      })
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send({
          error: {
            code: 'validation_failed',
            message: 'The request body is not valid JSON.',
            fields: { body: 'malformed_json' },
          },
        })
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(415).send({
          error: { code: 'unsupported_media_type', message: 'Send JSON (application/json).' },
        })
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .status(413)
          .send({ error: { code: 'payload_too_large', message: 'The request is too large.' } })
      default:
        break
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: 'The request body is not valid JSON.',
          fields: { body: 'malformed_json' },
        },
      })
    }
    request.log.error(error)
    return reply.status(500).send({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side. Please try again later.',
      },
    })
  })
  app.setNotFoundHandler((_request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: 'There is nothing at this address.' } }),
  )

  await app.register(
    async (api) => {
      registerSupportRoutes(api, deps.config)
      registerRegistrationRoutes(api)
      registerSessionRoutes(api)
      if (deps.config.demo) registerDevRoutes(api, deps)
      registerOpenApiRoute(api, routes)
    },
    { prefix: API_PREFIX },
  )
  return app
}
