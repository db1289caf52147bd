import type { ApiErrorCode } from '../shared/errors.ts'

/** A JSON response in the API's error format, for answers the gateway gives itself. */
export function errorResponse(status: number, code: ApiErrorCode, message: string): Response {
  return jsonResponse(status, { error: { code, message } })
}

/** A JSON response that no cache keeps. */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const out = new Headers(headers)
  out.set('content-type', 'application/json; charset=utf-8')
  out.set('cache-control', 'no-store')
  out.set('x-content-type-options', 'nosniff')
  return new Response(JSON.stringify(body), { status, headers: out })
}

/** Hop-by-hop and proxy headers that never cross the gateway (RFC 9110 §7.6.1). */
export const HOP_BY_HOP_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]
