/**
 * The token-keeping gateway between the renderer and the backend. The renderer
 * calls relative /api/v1 URLs without credentials; the gateway attaches the
 * bearer token, and takes tokens out of every answer, so the renderer never
 * holds one (architecture.md). Plain TypeScript: used by main and the web preview.
 */
import { errorResponse, HOP_BY_HOP_HEADERS, jsonResponse } from './http.ts'
import type { Upstream, UpstreamContext } from './upstream.ts'
import type { Vault } from './vault/vault.ts'

export const API_PREFIX = '/api/v1/'

export interface GatewayOptions {
  upstream: Upstream
  /** Keeps the refresh token when the customer chose "stay signed in" (never in kiosk mode). */
  vault: Vault
  kiosk: boolean
}

export interface Gateway {
  /** Answers one request from the renderer. */
  handle(request: Request, context?: UpstreamContext): Promise<Response>
  /** Whether a customer session is held (for menus, kiosk logic and tests). */
  readonly signedIn: boolean
}

/** Request headers the renderer may not set: credentials are the gateway's business. */
const STRIPPED_REQUEST_HEADERS = [
  ...HOP_BY_HOP_HEADERS,
  'authorization',
  'cookie',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
]
/** Response headers the renderer never gets. */
const STRIPPED_RESPONSE_HEADERS = [...HOP_BY_HOP_HEADERS, 'set-cookie', 'set-cookie2']

/** Paths only the gateway itself may call upstream. */
const GATEWAY_ONLY_PATHS = new Set(['/api/v1/sessions/refresh'])

/** Creates the gateway. */
export function createGateway(options: GatewayOptions): Gateway {
  // The seams for the session (issue 4 fills them): the access token lives here,
  // in memory only; the refresh token in the vault when the customer asked.
  const session: { accessToken: string | null } = { accessToken: null }

  async function forward(request: Request, url: URL, context?: UpstreamContext): Promise<Response> {
    const headers = new Headers(request.headers)
    for (const name of STRIPPED_REQUEST_HEADERS) headers.delete(name)
    if (session.accessToken) headers.set('authorization', `Bearer ${session.accessToken}`)
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
    const upstreamRequest = new Request(url, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : null,
    })
    let response: Response
    try {
      response = await options.upstream(upstreamRequest, context)
    } catch {
      return errorResponse(
        502,
        'upstream_unavailable',
        'The service cannot be reached right now. Please try again later.',
      )
    }
    return cleanResponse(response)
  }

  return {
    get signedIn() {
      return session.accessToken !== null
    },
    async handle(request, context) {
      const url = new URL(request.url)
      if (!url.pathname.startsWith(API_PREFIX)) {
        return errorResponse(404, 'not_found', 'There is nothing at this address.')
      }
      if (GATEWAY_ONLY_PATHS.has(url.pathname)) {
        return errorResponse(404, 'not_found', 'There is nothing at this address.')
      }
      if (url.pathname === '/api/v1/session' && request.method === 'GET') {
        return jsonResponse(200, { signedIn: session.accessToken !== null })
      }
      return forward(request, url, context)
    },
  }
}

/** Copies an upstream response without hop-by-hop headers and cookies. */
function cleanResponse(response: Response): Response {
  const headers = new Headers(response.headers)
  for (const name of STRIPPED_RESPONSE_HEADERS) headers.delete(name)
  headers.set('x-content-type-options', 'nosniff')
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  })
}
