/**
 * Where the gateway sends API calls: the backend in the same process (Fastify's
 * inject, no open port) or a remote backend over HTTPS. Same contract either way.
 */
import { Readable } from 'node:stream'
import { ReadableStream as NodeReadableStream } from 'node:stream/web'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'

/** Forwards one API request and answers with the backend's response. */
export type Upstream = (request: Request, context?: UpstreamContext) => Promise<Response>

export interface UpstreamContext {
  /** The client's address as the gateway saw it, for the backend's per-client rate limits. */
  clientAddress?: string
}

/** The part of a Fastify instance that the inject upstream needs (no backend import here). */
export interface Injectable {
  inject(options: {
    method: string
    url: string
    headers: IncomingHttpHeaders
    payload?: Buffer
    remoteAddress?: string
    payloadAsStream: true
  }): PromiseLike<{
    statusCode: number
    headers: OutgoingHttpHeaders
    stream(): Readable
  }>
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

/** Converts Node's outgoing header object into Fetch Headers (repeated headers appended). */
export function toFetchHeaders(headers: OutgoingHttpHeaders): Headers {
  const out = new Headers()
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) out.append(name, v)
    else out.set(name, String(value))
  }
  return out
}

/** An upstream that calls the in-process backend through inject, streaming the answer. */
export function injectUpstream(app: Injectable): Upstream {
  return async (request, context) => {
    const url = new URL(request.url)
    const headers: IncomingHttpHeaders = {}
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? undefined
        : Buffer.from(await request.arrayBuffer())
    const response = await app.inject({
      method: request.method,
      url: url.pathname + url.search,
      headers,
      ...(body && body.length > 0 ? { payload: body } : {}),
      ...(context?.clientAddress ? { remoteAddress: context.clientAddress } : {}),
      payloadAsStream: true,
    })
    const status = response.statusCode
    const stream = response.stream()
    if (NULL_BODY_STATUSES.has(status) || request.method === 'HEAD') {
      stream.resume()
      return new Response(null, { status, headers: toFetchHeaders(response.headers) })
    }
    // ReadableStream.from, not Readable.toWeb: cancelling a toWeb stream before its
    // first read throws ERR_INVALID_STATE uncaught (Node 24), which would crash main.
    return new Response(NodeReadableStream.from(stream) as ReadableStream<Uint8Array>, {
      status,
      headers: toFetchHeaders(response.headers),
    })
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Checks a configured remote API base URL: https only, except loopback (a local
 * test server); no credentials, query or fragment. Returns the normalised base.
 */
export function parseRemoteBaseUrl(value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`The API base URL "${value}" is not a valid URL.`)
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(
      `The API base URL must use https (http only for 127.0.0.1, localhost or [::1]); got "${url.protocol}".`,
    )
  }
  if (url.username || url.password)
    throw new Error('The API base URL must not contain credentials.')
  if (url.search || url.hash)
    throw new Error('The API base URL must not contain a query or fragment.')
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}

/** An upstream that forwards over the network to a remote backend with the same API. */
export function remoteUpstream(baseUrl: string, fetchImpl: typeof fetch = fetch): Upstream {
  const base = parseRemoteBaseUrl(baseUrl)
  return async (request) => {
    const incoming = new URL(request.url)
    // "/api/v1/support" under "https://host/prefix/" → "https://host/prefix/api/v1/support".
    // A backslash is a slash in an https URL: escaped, it cannot walk out of the path.
    const path = incoming.pathname.replace(/^\//, '').replaceAll('\\', '%5C')
    const target = new URL(path + incoming.search, base)
    const headers = new Headers(request.headers)
    headers.delete('host')
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
    const response = await fetchImpl(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : null,
      // A redirect could carry the bearer token elsewhere: never follow one.
      redirect: 'manual',
    })
    if (response.body === null) return response
    // Node's fetch cancels the body of an answer that is garbage-collected while its
    // stream is unlocked; the gateway re-wraps answers and drops this one. Piping locks
    // the stream at once, so the body lives as long as its reader.
    return new Response(response.body.pipeThrough(new TransformStream()), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}
