/**
 * The standalone server's log: JSON lines through Fastify's own logger (pino), one
 * per request (method, route, status, duration, request id), written
 * asynchronously. A line never holds a body, a header, a query string or a path
 * as sent (links carry tokens in their query; a path could carry anything): the
 * route is the pattern (`/api/v1/documents/:documentId`). The desktop app's
 * embedded backend logs nothing.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify'
import type { ProxyTrust } from './config.ts'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
export const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
]

export interface RequestLogSettings {
  /** Where the lines go; without it standard output, asynchronously (pino's own destination). */
  stream?: { write(line: string): void }
  level?: LogLevel
}

/** The route label of a request no route matched (a 404). */
export const UNMATCHED_ROUTE = 'unmatched'

/** The request's route pattern, never the path as sent. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE
}

/** A request id a proxy may pass on: short, and nothing a log reader could trip over. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/

/**
 * The request's id: the one a trusted proxy sent (so that its log and ours match), or
 * a new UUID. From anyone else an X-Request-Id is ignored: it could fake log lines.
 */
export function requestIdGenerator(trusted: ProxyTrust): (req: IncomingMessage) => string {
  return (req) => {
    const incoming = req.headers['x-request-id']
    if (
      typeof incoming === 'string' &&
      REQUEST_ID.test(incoming) &&
      trusted(req.socket.remoteAddress ?? '')
    ) {
      return incoming
    }
    return randomUUID()
  }
}

/** Fastify's request lines, replaced by one line per request without anything sent in it. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: routeOf(request),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    }
    if (error) reply.log.error({ ...line, err: error }, 'request failed')
    else reply.log.info(line, 'request')
  }

  // Fastify's own 404 line names the URL with its query: the request line says it all.
  override routeNotFound(): void {}

  override writeHeadError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: error }, 'the answer could not be sent')
  }
}

/** Keys whose values never reach the log, wherever a line might carry them by mistake. */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'body',
  'query',
  'url',
])

const CENSOR = '[redacted]'

type Fields = Record<string, unknown>

const isPlainObject = (value: unknown): value is Fields =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)

/**
 * `fields` with the value of every secret key replaced, and of `code` too at the top
 * (an activation code; an error's own `code`, FST_ERR_… or SQLITE_BUSY, helps the
 * reader and stays), one level deep like `{ user: { password } }`. The object itself
 * when nothing is secret (the request line: no copy). A plain check of a few keys
 * instead of pino's `redact`, whose wildcard paths cost the request line about as
 * much as everything else it does.
 */
export function censorFields(fields: Fields, top = true): Fields {
  let out = fields
  for (const key of Object.keys(fields)) {
    const value = fields[key]
    let next = value
    if (SECRET_KEYS.has(key) || (top && key === 'code')) next = CENSOR
    else if (top && isPlainObject(value)) next = censorFields(value, false)
    if (next !== value) {
      if (out === fields) out = { ...fields }
      out[key] = next
    }
  }
  return out
}

/** An error as a line shows it: its name, message, stack and own fields, the secret ones censored. */
function serializeError(error: Error): Fields & { type: string; message: string; stack: string } {
  const own = censorFields({ ...error }, false)
  return { ...own, type: error.name, message: error.message, stack: error.stack ?? '' }
}

/** Fastify's logger options for the standalone server. */
export function requestLogOptions(
  settings: RequestLogSettings,
): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  return {
    logger: {
      level: settings.level ?? 'info',
      ...(settings.stream ? { stream: settings.stream } : {}),
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      serializers: {
        // Nothing of what a client sent but the method: no URL, no headers.
        req: (request: { method?: string }) => ({ method: request.method }),
        err: serializeError,
      },
      formatters: { log: (fields: Fields) => censorFields(fields) },
    },
    logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }),
  }
}
