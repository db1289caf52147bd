/**
 * The Fastify application factory: routes under /api/v1 with JSON-schema
 * validation (unknown properties rejected, no type coercion), one error
 * handler producing api.md's error format, and the OpenAPI document built
 * from the registered route schemas.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import type { ApiErrorBody, FieldReason } from '../shared/errors.ts'
import type { AppDeps, RouteRecord } from './app-types.ts'
import { ApiError } from './errors.ts'
import { compileProxyTrust } from './config.ts'
import { requestIdGenerator, requestLogOptions, routeOf } from './request-log.ts'
import { lazySchemaCompilers } from './lazy-schemas.ts'
import { registerActivationRoutes } from './routes/activation.ts'
import { registerCoBorrowerRoutes } from './routes/co-borrowers.ts'
import { registerLeaseEndRoutes } from './routes/lease-end.ts'
import { registerContractRoutes } from './routes/contracts.ts'
import { registerSimulatorRoutes } from './routes/simulator.ts'
import { registerDocumentRoutes } from './routes/documents.ts'
import { registerDevRoutes } from './routes/dev.ts'
import { registerHealthRoutes } from './routes/health.ts'
import { registerNotificationRoutes } from './routes/notifications.ts'
import { registerMfaRoutes } from './routes/mfa.ts'
import { registerOpenApiRoute } from './routes/openapi.ts'
import { registerProfileRoutes } from './routes/profile.ts'
import { registerRateLimits } from './routes/rate-limits.ts'
import { registerRegistrationRoutes } from './routes/registrations.ts'
import { registerSessionRoutes } from './routes/sessions.ts'
import { registerServiceRequestRoutes } from './routes/service-requests.ts'
import { registerSupportRoutes } from './routes/support.ts'
import { createServiceContext } from './services/context.ts'
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

/**
 * The one browser origin this API is for: the app's own renderer (app://mmf). Its
 * answers name it, so that no web page's origin is ever allowed to read them.
 */
export const ALLOWED_ORIGIN = 'app://mmf'

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'access-control-allow-origin': ALLOWED_ORIGIN,
} as const

const NOT_FOUND: ApiErrorBody = {
  error: { code: 'not_found', message: 'There is nothing at this address.' },
}

/** A body that cannot be read as JSON: one field reason for every such case. */
const MALFORMED_BODY: ApiErrorBody = {
  error: {
    code: 'validation_failed',
    message: 'The request body is not valid JSON.',
    fields: { body: 'malformed_json' },
  },
}

/** Maps any error to api.md's format; unexpected ones become 500 without their details. */
export function toErrorAnswer(error: FastifyError | ApiError | Error): {
  status: number
  body: ApiErrorBody
} {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error.reason ? { reason: error.reason } : {}),
          ...(error.attemptsLeft !== undefined ? { attemptsLeft: error.attemptsLeft } : {}),
          ...(error.email !== undefined ? { email: error.email } : {}),
        },
      },
    }
  }
  const fastifyError = error as Partial<FastifyError>
  if (fastifyError.validation) {
    const fields: Record<string, FieldReason> = {}
    for (const e of fastifyError.validation) {
      const [path, reason] = fieldOf(
        e as Parameters<typeof fieldOf>[0],
        fastifyError.validationContext ?? 'body',
      )
      fields[path] ??= reason
    }
    return {
      status: 400,
      body: { error: { code: 'validation_failed', message: 'Some fields are not valid.', fields } },
    }
  }
  switch (fastifyError.code) {
    // A body shorter or longer than its Content-Length cannot be parsed either.
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: MALFORMED_BODY }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: {
          error: { code: 'unsupported_media_type', message: 'Send JSON (application/json).' },
        },
      }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { error: { code: 'payload_too_large', message: 'The request is too large.' } },
      }
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'The address is not valid.' } },
      }
    // An id longer than any real one names nothing.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 404, body: NOT_FOUND }
    default:
      break
  }
  if (error instanceof SyntaxError) return { status: 400, body: MALFORMED_BODY }
  // Fastify's other client errors (e.g. a body stream that broke off) are the client's fault.
  const status = fastifyError.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status: 400,
      body: { error: { code: 'validation_failed', message: 'The request could not be read.' } },
    }
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side. Please try again later.',
      },
    },
  }
}

/** Builds the app (not yet listening; call ready() or inject()). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const trusted = compileProxyTrust(deps.config.trustProxy)
  const schemas = lazySchemaCompilers()
  const app = Fastify({
    ...(deps.logger ? requestLogOptions(deps.logger) : { logger: false }),
    // X-Forwarded-For names the client only on connections from a listed proxy (rate limits).
    trustProxy: deps.config.trustProxy.length > 0 ? (address) => trusted(address) : false,
    genReqId: requestIdGenerator(trusted),
    bodyLimit: deps.config.bodyLimitBytes,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        allErrors: false,
        useDefaults: true,
      },
    },
    // Each route's schemas are compiled on its first request, not at start.
    schemaController: { compilersFactory: schemas.compilersFactory },
    return503OnClosing: true,
    // URLs Fastify cannot even route (bad percent-encoding, over-long ids) get the same
    // error format; these answers skip the hooks, hence the headers here.
    frameworkErrors: (error, request, reply) => {
      const answer = toErrorAnswer(error)
      if (answer.status === 500) request.log.error(error)
      // The reply's generics here are inferred from no route: widen to the plain reply.
      const plain = reply as FastifyReply
      return plain.status(answer.status).headers(SECURITY_HEADERS).send(answer.body)
    },
  })
  // JSON only: a text/plain body is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser('text/plain')
  // A call without a body (POST /me/activation/letters) is fine whatever its
  // Content-Type says: browsers label an empty POST as a form.
  // Hooks on every request take `done` rather than being async: no promise per request.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.headers['content-length'] === '0' && !request.headers['transfer-encoding'])
      delete request.headers['content-type']
    done()
  })
  const services = createServiceContext(deps)
  app.decorate('services', services)
  registerRateLimits(app)
  const routes: RouteRecord[] = []
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_PREFIX) && route.method !== 'HEAD') {
      routes.push({ method: route.method, url: route.url, schema: route.schema })
    }
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    // The id of this request's log line, for a customer's or a proxy's report to find it.
    reply.header('x-request-id', request.id)
    // Answers are personal data: never cached (unless a route says otherwise, e.g. a PDF),
    // never sniffed as something other than declared.
    reply.header('x-content-type-options', SECURITY_HEADERS['x-content-type-options'])
    reply.header('access-control-allow-origin', ALLOWED_ORIGIN)
    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', SECURITY_HEADERS['cache-control'])
    }
    done(null, payload)
  })

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const answer = toErrorAnswer(error)
    if (answer.status === 500) request.log.error(error)
    if (error instanceof ApiError && error.headers) reply.headers(error.headers)
    return reply.status(answer.status).send(answer.body)
  })
  const onRequestDone = deps.onRequestDone
  if (onRequestDone) {
    app.addHook('onResponse', async (request, reply) =>
      onRequestDone({
        method: request.method,
        route: routeOf(request),
        status: reply.statusCode,
        seconds: reply.elapsedTime / 1000,
      }),
    )
  }
  // A known path with another method is also 404 (not 405): one rule for "nothing here",
  // and no Allow header that maps the API for a prober.
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(NOT_FOUND))

  registerHealthRoutes(app)
  await app.register(
    async (api) => {
      registerSupportRoutes(api, deps.config)
      registerRegistrationRoutes(api)
      registerSessionRoutes(api)
      registerMfaRoutes(api)
      registerActivationRoutes(api)
      registerProfileRoutes(api)
      registerContractRoutes(api)
      registerCoBorrowerRoutes(api)
      registerSimulatorRoutes(api)
      registerLeaseEndRoutes(api)
      registerDocumentRoutes(api)
      registerServiceRequestRoutes(api)
      registerNotificationRoutes(api)
      if (deps.config.demo) await registerDevRoutes(api, deps)
      registerOpenApiRoute(api, routes, { allowedOrigin: ALLOWED_ORIGIN })
    },
    { prefix: API_PREFIX },
  )
  return app
}
