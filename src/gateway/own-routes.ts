/**
 * The paths the gateway answers itself (GET /session, GET /client-info, POST
 * /sessions, DELETE /sessions/current) or never forwards (the refresh), and the
 * answers it builds there, typed by the contract's table of them
 * (src/shared/api/gateway.ts): the renderer checks them against the same table.
 */
import type { Locale, SessionCustomer, SessionRequest, TokenResponse } from '../shared/api/auth.ts'
import { LOCALES } from '../shared/api/auth.ts'
import { templateOf, type AnswerOf, type RouteKey } from '../shared/api/contract.ts'
import {
  gatewayRoutes,
  unforwardedRoutes,
  type RendererMfaRequest,
  type RendererSessionRequest,
} from '../shared/api/gateway.ts'
import type { MfaRequired } from '../shared/api/mfa.ts'
import { errorResponse, jsonResponse } from './http.ts'
import { readJsonBody } from './request-guard.ts'
import type { TokenPair } from './session-keeper.ts'

/** Where the API lives on the app's origin, the backend's paths below it. */
const API_BASE = '/api/v1'
export const API_PREFIX = `${API_BASE}/`

type GatewayRoutes = typeof gatewayRoutes
type GatewayRoute = keyof GatewayRoutes

/** The path of a route of the contract below the app's origin, e.g. `/api/v1/sessions`. */
const pathOfRoute = (key: RouteKey): string => `${API_BASE}${templateOf(key)}`

export const SESSIONS = pathOfRoute('POST /sessions')
export const CURRENT_SESSION = pathOfRoute('DELETE /sessions/current')
export const SESSION = pathOfRoute('GET /session')
export const CLIENT_INFO = pathOfRoute('GET /client-info')
export const REFRESH = pathOfRoute('POST /sessions/refresh')
export const SESSIONS_MFA = pathOfRoute('POST /sessions/mfa')

/** Paths the gateway answers itself or never forwards: they carry or hand out tokens. */
export const GATEWAY_PATHS: ReadonlySet<string> = new Set(
  (Object.keys({ ...gatewayRoutes, ...unforwardedRoutes }) as RouteKey[]).map(pathOfRoute),
)

/** A route's success statuses, as its table names them. */
type StatusOf<K extends GatewayRoute> = keyof GatewayRoutes[K]['answers'] & number

/**
 * The gateway's JSON answer of `key` with one of the statuses its table names (the
 * first when not told: numbered keys are in ascending order): the body is typed by
 * the contract, so the gateway cannot answer what the renderer would refuse.
 */
export function ownAnswer<K extends Exclude<GatewayRoute, 'DELETE /sessions/current'>>(
  key: K,
  body: AnswerOf<GatewayRoutes[K]>,
  headers?: HeadersInit,
  status?: StatusOf<K>,
): Response {
  const [first] = Object.keys(gatewayRoutes[key].answers).map(Number)
  return jsonResponse(status ?? first ?? 200, body, headers)
}

/**
 * The backend's rate-limit headers: passed on with every answer that is the backend's,
 * also the sign-in's, whose body the gateway rewrites (answers of its own carry none).
 */
const RATE_LIMIT_HEADERS = ['ratelimit-policy', 'ratelimit', 'retry-after']

/** The backend's rate-limit headers of an answer whose body the gateway rewrites. */
export function rateLimitsOf(response: Response): Headers {
  const limits = new Headers()
  for (const name of RATE_LIMIT_HEADERS) {
    const value = response.headers.get(name)
    if (value !== null) limits.set(name, value)
  }
  return limits
}

/** The backend answered what the contract does not allow. */
export const unexpectedAnswer = (): Response =>
  errorResponse(502, 'upstream_unavailable', 'The service answered unexpectedly.')

/** The renderer's sign-in, read: the credentials to forward, or the gateway's own 400. */
export type SignInReading =
  | { ok: true; credentials: SessionRequest; staySignedIn: boolean }
  | { ok: false; response: Response }

const refused = (
  message: string,
  fields: Record<string, string>,
): { ok: false; response: Response } => ({
  ok: false,
  response: jsonResponse(400, { error: { code: 'validation_failed', message, fields } }),
})

/** A JSON object from the renderer, or the gateway's own 400. */
async function readJsonObject(
  request: Request,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; response: Response }> {
  const reading = await readJsonBody(request)
  if (!reading.ok) return reading
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(reading.bytes ?? undefined))
  } catch {
    return refused('The request body is not valid JSON.', { body: 'malformed_json' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refused('Expected an object.', { body: 'invalid_type' })
  }
  return { ok: true, value: value as Record<string, unknown> }
}

/**
 * Reads POST /sessions as the renderer sends it: `staySignedIn` stays with the
 * gateway, the rest goes to the backend (which checks it against its schema).
 */
export async function readSignIn(request: Request): Promise<SignInReading> {
  const reading = await readJsonObject(request)
  if (!reading.ok) return reading
  const { staySignedIn, ...credentials } = reading.value as RendererSessionRequest
  if (staySignedIn !== undefined && typeof staySignedIn !== 'boolean') {
    return refused('staySignedIn must be true or false.', { staySignedIn: 'invalid_type' })
  }
  return { ok: true, credentials, staySignedIn: staySignedIn === true }
}

/**
 * Reads POST /sessions/mfa as the renderer sends it: only the code (the backend
 * checks its form); the gateway adds the challenge it kept.
 */
export async function readSignInCode(
  request: Request,
): Promise<{ ok: true; code: string } | { ok: false; response: Response }> {
  const reading = await readJsonObject(request)
  if (!reading.ok) return reading
  const { code } = reading.value as Partial<RendererMfaRequest>
  if (typeof code !== 'string') return refused('Expected the code.', { code: 'invalid_type' })
  return { ok: true, code }
}

/** The backend's 200 to a sign-in when the second factor is on: a challenge, no tokens. */
export function isMfaRequired(value: unknown): value is MfaRequired {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    v.mfaRequired === true &&
    typeof v.challengeId === 'string' &&
    typeof v.expiresAt === 'string' &&
    !Number.isNaN(Date.parse(v.expiresAt))
  )
}

/** A sign-in's or refresh's answer, checked: a pair with a customer. */
export function isTokenResponse(value: unknown): value is TokenResponse {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.accessTokenExpiresAt === 'string' &&
    typeof v.refreshTokenExpiresAt === 'string' &&
    typeof v.customer === 'object' &&
    v.customer !== null
  )
}

/** The tokens of a sign-in's or refresh's answer, without the customer. */
export function pairOf(body: TokenResponse): TokenPair {
  return {
    accessToken: body.accessToken,
    accessTokenExpiresAt: body.accessTokenExpiresAt,
    refreshToken: body.refreshToken,
    refreshTokenExpiresAt: body.refreshTokenExpiresAt,
  }
}

/**
 * The customer as `GET /me` now tells it: activated meanwhile, or another language
 * chosen (preferences.locale, also from another device).
 */
export function customerAsMeSays(customer: SessionCustomer, me: unknown): SessionCustomer {
  if (typeof me !== 'object' || me === null) return customer
  const { customer: current } = me as { customer?: unknown }
  if (typeof current !== 'object' || current === null) return customer
  const { activated, preferences } = current as Record<string, unknown>
  const locale = preferredLocale(preferences)
  return { ...customer, activated: activated === true, ...(locale ? { locale } : {}) }
}

/** The language of `GET /me`'s preferences, when it names a supported one. */
function preferredLocale(preferences: unknown): Locale | null {
  if (typeof preferences !== 'object' || preferences === null) return null
  const locale: unknown = (preferences as Record<string, unknown>).locale
  return LOCALES.find((known) => known === locale) ?? null
}
