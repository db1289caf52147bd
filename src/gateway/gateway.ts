/**
 * The token-keeping gateway between the renderer and the backend. The renderer
 * calls relative /api/v1 URLs without credentials; the gateway attaches the
 * bearer token, refreshes it once on 401 (single flight), and takes the tokens
 * out of every answer, so the renderer never holds one (architecture.md).
 * Plain TypeScript: used by the main process and by the web preview.
 */
import type { SessionCustomer } from '../shared/api/auth.ts'
import { KIOSK_DEFAULT_SETTINGS, type KioskSettings } from '../shared/kiosk.ts'
import { errorResponse, HOP_BY_HOP_HEADERS } from './http.ts'
import {
  API_PREFIX,
  CLIENT_INFO,
  CURRENT_SESSION,
  customerAsMeSays,
  GATEWAY_PATHS,
  isTokenResponse,
  ownAnswer,
  pairOf,
  rateLimitsOf,
  readSignIn,
  REFRESH,
  SESSION,
  SESSIONS,
  SESSIONS_MFA,
  unexpectedAnswer,
} from './own-routes.ts'
import {
  changesState,
  crossOriginRefused,
  isSameOriginRequest,
  readJsonBody,
  routedPath,
} from './request-guard.ts'
import { createCodeStep } from './code-step.ts'
import { createSessionKeeper, type SessionKeeper } from './session-keeper.ts'
import type { Upstream, UpstreamContext } from './upstream.ts'
import type { Vault } from './vault.ts'

export { API_PREFIX }

export interface GatewayOptions {
  upstream: Upstream
  /** Keeps the refresh token when the customer chose "stay signed in" (never in kiosk mode). */
  vault: Vault
  kiosk: boolean
  /** The terminal's settings, told to the web preview's renderer in kiosk mode. */
  kioskSettings?: KioskSettings | null
  /** Whether the backend is the embedded demo (told to the web preview's renderer). */
  demo?: boolean
  now?: () => number
  log?: (line: string) => void
}

export interface Gateway {
  /** Answers one request from the renderer. */
  handle(request: Request, context?: UpstreamContext): Promise<Response>
  /** Ends the customer's session: revokes it upstream, forgets the tokens (kiosk session end). */
  signOut(): Promise<void>
  /**
   * Forgets the customer and the tokens at once, without asking the backend (the kiosk's
   * session end when the revocation fails or hangs). A sign-out still waiting for the
   * backend then leaves alone whoever signs in next.
   */
  forgetSession(): void
  /** Whether a customer session is held. */
  readonly signedIn: boolean
  /** Whether it is a kept one ("stay signed in"; never in kiosk mode): main's desktop notifications. */
  readonly keptSession: boolean
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
/** DELETE deletes the customer's account: its session ends with it. */
const ME = '/api/v1/me'
/** The demo backend's developer routes (mailbox, customers, clock). */
const DEV = '/api/v1/dev'
const NOT_FOUND = (): Response =>
  errorResponse(404, 'not_found', 'There is nothing at this address.')
/** Creates the gateway. */
export function createGateway(options: GatewayOptions): Gateway {
  const log = options.log ?? (() => undefined)
  let customer: SessionCustomer | null = null
  /** The sign-in's open code step: its challenge is never given to the renderer. */
  const codeStep = createCodeStep(options.now ?? Date.now)
  /** Counts sign-ins and forced forgets, so that a late sign-out clears only its own session. */
  let generation = 0

  async function callUpstream(
    method: string,
    path: string,
    init: {
      headers?: Headers
      body?: Uint8Array<ArrayBuffer> | string | null
      context?: UpstreamContext
    } = {},
  ): Promise<Response> {
    const headers = init.headers ?? new Headers()
    if (typeof init.body === 'string') headers.set('content-type', 'application/json')
    return options.upstream(
      new Request(new URL(path, 'http://backend.invalid'), {
        method,
        headers,
        body: init.body ?? null,
      }),
      init.context,
    )
  }

  const keeper: SessionKeeper = createSessionKeeper({
    vault: options.vault,
    kiosk: options.kiosk,
    now: options.now,
    log,
    refreshCall: async (refreshToken) => {
      // The customer is this session's; a late answer must not touch the next one's.
      const mine = generation
      const response = await callUpstream('POST', REFRESH, {
        body: JSON.stringify({ refreshToken }),
      })
      if (response.status === 401 || response.status === 400) {
        await response.body?.cancel()
        if (generation === mine) customer = null
        return null
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw new Error(`refresh answered ${response.status}`)
      }
      const body: unknown = await response.json()
      if (!isTokenResponse(body)) throw new Error('refresh answered without tokens')
      if (generation === mine) customer = body.customer
      return pairOf(body)
    },
  })

  /** Forwards with the bearer token; on 401 refreshes once (shared by parallel calls) and retries. */
  async function forwardAuthorised(
    method: string,
    path: string,
    headers: Headers,
    body: Uint8Array<ArrayBuffer> | null,
    context?: UpstreamContext,
  ): Promise<Response> {
    // A call belongs to the session held when it started: once another customer signed
    // in (or the session was forgotten), it is neither sent with, nor refreshes, their tokens.
    const mine = generation
    const stale = (): Response =>
      errorResponse(401, 'unauthenticated', 'The session this request belonged to has ended.')
    if (!keeper.accessToken() && keeper.canRefresh()) await keeper.refresh()
    if (generation !== mine) return stale()
    const send = (): Promise<Response> => {
      const out = new Headers(headers)
      const token = keeper.accessToken()
      if (token) out.set('authorization', `Bearer ${token}`)
      return callUpstream(method, path, { headers: out, body, context })
    }
    let response = await send()
    if (response.status === 401 && generation === mine && keeper.canRefresh()) {
      const hadToken = keeper.accessToken()
      const refreshed = await keeper.refresh()
      if (refreshed && generation === mine && keeper.accessToken() !== hadToken) {
        await response.body?.cancel()
        response = await send()
      }
    }
    if (response.status === 401 && generation === mine && !keeper.canRefresh()) customer = null
    return response
  }

  async function signIn(request: Request, context?: UpstreamContext): Promise<Response> {
    const reading = await readSignIn(request)
    if (!reading.ok) return reading.response
    codeStep.forget() // a new sign-in forgets a code step still open
    const response = await callUpstream('POST', SESSIONS, {
      body: JSON.stringify(reading.credentials),
      context,
    })
    // The second factor is on: the challenge stays here, like the tokens.
    if (response.status === 200) return await codeStep.open(response, reading.staySignedIn)
    return await acceptSignIn('POST /sessions', response, reading.staySignedIn)
  }

  /** POST /sessions/mfa: the code, with the challenge kept from the password step. */
  async function signInCode(request: Request, context?: UpstreamContext): Promise<Response> {
    const sent = await codeStep.submit(request, (body) =>
      callUpstream('POST', SESSIONS_MFA, { body, context }),
    )
    if ('refused' in sent) return sent.refused
    return await acceptSignIn('POST /sessions/mfa', sent.response, sent.staySignedIn)
  }

  /** A sign-in's 201: the tokens kept (stay signed in as chosen, never in kiosk mode), the customer answered. */
  async function acceptSignIn(
    key: 'POST /sessions' | 'POST /sessions/mfa',
    response: Response,
    staySignedIn: boolean,
  ): Promise<Response> {
    if (response.status !== 201) return cleanResponse(response)
    const body: unknown = await response.json()
    if (!isTokenResponse(body)) return unexpectedAnswer()
    // A new sign-in replaces whatever session was held before.
    generation += 1
    await keeper.clear()
    await keeper.accept(pairOf(body), staySignedIn && !options.kiosk)
    customer = body.customer
    return ownAnswer(key, { customer: body.customer }, rateLimitsOf(response), 201)
  }

  async function sessionState(context?: UpstreamContext): Promise<Response> {
    if (!keeper.accessToken() && !keeper.canRefresh()) await keeper.restore()
    if (!keeper.accessToken() && !keeper.canRefresh()) {
      return ownAnswer('GET /session', { signedIn: false })
    }
    // Ask the backend who is signed in: the customer may have been activated meanwhile,
    // or have chosen another language (preferences.locale, also from another device).
    const response = await forwardAuthorised('GET', '/api/v1/me', new Headers(), null, context)
    if (response.status === 200) {
      const me: unknown = await response.json()
      if (customer) customer = customerAsMeSays(customer, me)
    } else {
      await response.body?.cancel()
    }
    if (!keeper.accessToken() && !keeper.canRefresh()) {
      return ownAnswer('GET /session', { signedIn: false })
    }
    return ownAnswer('GET /session', customer ? { signedIn: true, customer } : { signedIn: true })
  }

  async function signOut(context?: UpstreamContext): Promise<void> {
    const mine = generation
    codeStep.forget()
    const token = keeper.accessToken()
    try {
      if (token || keeper.canRefresh()) {
        const response = await forwardAuthorised(
          'DELETE',
          CURRENT_SESSION,
          new Headers(),
          null,
          context,
        )
        await response.body?.cancel()
      }
    } catch (error) {
      log(`sign-out upstream failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      if (generation === mine) {
        customer = null
        await keeper.clear()
      }
    }
  }

  /** After DELETE /me: the session of `mine` (unless another began meanwhile) is over. */
  async function forgetDeletedAccount(mine: number): Promise<void> {
    if (generation !== mine) return
    generation += 1
    customer = null
    await keeper.clear()
  }

  function forgetSession(): void {
    generation += 1
    codeStep.forget()
    customer = null
    // The tokens go at once; only a kept keychain entry (never in kiosk mode) is deleted later.
    keeper.clear().catch((error: unknown) => log(`forgetting the session failed: ${String(error)}`))
  }

  async function handle(request: Request, context?: UpstreamContext): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    // Before anything else: a page of another site must not sign in, sign out or change data.
    if (changesState(request.method) && !isSameOriginRequest(request)) return crossOriginRefused()
    if (!path.startsWith(API_PREFIX) || path === REFRESH) return NOT_FOUND()
    // A backslash or a decoded "/../" could walk a backend out of /api/v1/.
    const routed = routedPath(path)
    if (routed === null || routed.includes('\\') || routed.split('/').includes('..')) {
      return NOT_FOUND()
    }
    if (routed !== path && GATEWAY_PATHS.has(routed)) return NOT_FOUND()
    // A kiosk never reaches the demo mailbox and clock: every customer's e-mails and links.
    if (options.kiosk && (routed === DEV || routed.startsWith(`${DEV}/`))) return NOT_FOUND()
    if (path === SESSION) return request.method === 'GET' ? sessionState(context) : NOT_FOUND()
    if (path === CLIENT_INFO) {
      return request.method === 'GET'
        ? ownAnswer('GET /client-info', {
            demo: options.demo === true,
            kiosk: options.kiosk,
            kioskSettings: options.kiosk ? (options.kioskSettings ?? KIOSK_DEFAULT_SETTINGS) : null,
            // A kiosk never touches the vault, not even to ask what it is.
            keychain: options.kiosk ? 'memory' : options.vault.kind,
          })
        : NOT_FOUND()
    }
    if (path === SESSIONS && request.method === 'POST') return signIn(request, context)
    if (path === SESSIONS_MFA && request.method === 'POST') return signInCode(request, context)
    if (path === CURRENT_SESSION && request.method === 'DELETE') {
      await signOut(context)
      return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } })
    }
    const headers = new Headers(request.headers)
    for (const name of STRIPPED_REQUEST_HEADERS) headers.delete(name)
    headers.delete('host')
    let body: Uint8Array<ArrayBuffer> | null = null
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const reading = await readJsonBody(request)
      if (!reading.ok) return reading.response
      body = reading.bytes
      // An empty body is no form, whatever the browser labelled it: the backend wants no type then.
      if (body === null) headers.delete('content-type')
    }
    const mine = generation
    const response = await forwardAuthorised(
      request.method,
      path + url.search,
      headers,
      body,
      context,
    )
    // The account is gone, and every session with it: forget the tokens and a kept sign-in at
    // once, as a sign-out does (whichever spelling of the path the backend took for it).
    if (request.method === 'DELETE' && routed === ME && response.status === 204) {
      await forgetDeletedAccount(mine)
    }
    // The API never redirects; passing one on could send the renderer elsewhere.
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel()
      return unexpectedAnswer()
    }
    return cleanResponse(response)
  }

  return {
    get signedIn() {
      return keeper.accessToken() !== null || keeper.canRefresh()
    },
    get keptSession() {
      return keeper.kept()
    },
    signOut: () => signOut(),
    forgetSession,
    async handle(request, context) {
      try {
        return await handle(request, context)
      } catch (error) {
        log(`gateway: ${error instanceof Error ? error.message : String(error)}`)
        return errorResponse(
          502,
          'upstream_unavailable',
          'The service cannot be reached right now. Please try again later.',
        )
      }
    },
  }
}

/**
 * Copies an upstream response without hop-by-hop headers, cookies and CORS headers: the
 * gateway is the renderer's origin and attaches the customer's token to whatever reaches
 * it, so a backend's CORS policy must never let another origin read its answers.
 */
function cleanResponse(response: Response): Response {
  const headers = new Headers(response.headers)
  for (const name of STRIPPED_RESPONSE_HEADERS) headers.delete(name)
  for (const name of [...headers.keys()]) {
    if (name.startsWith('access-control-')) headers.delete(name)
  }
  headers.set('x-content-type-options', 'nosniff')
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  })
}
