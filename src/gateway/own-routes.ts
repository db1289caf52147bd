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
  type RendererSessionRequest,
} from '../shared/api/gateway.ts'
import { jsonResponse } from './http.ts'
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

/** Paths the gateway answers itself or never forwards: they carry or hand out tokens. */
export const GATEWAY_PATHS: ReadonlySet<string> = new Set(
  (Object.keys({ ...gatewayRoutes, ...unforwardedRoutes }) as RouteKey[]).map(pathOfRoute),
)

/**
 * The gateway's JSON answer of `key`, with the status its table names: the body is
 * typed by the contract, so the gateway cannot answer what the renderer would refuse.
 */
export function ownAnswer<K extends Exclude<GatewayRoute, 'DELETE /sessions/current'>>(
  key: K,
  body: AnswerOf<GatewayRoutes[K]>,
  headers?: HeadersInit,
): Response {
  const [status] = Object.keys(gatewayRoutes[key].answers).map(Number)
  return jsonResponse(status ?? 200, body, headers)
}

/** The renderer's sign-in, read: the credentials to forward, or the gateway's own 400. */
export type SignInReading =
  | { ok: true; credentials: SessionRequest; staySignedIn: boolean }
  | { ok: false; response: Response }

const refused = (message: string, fields: Record<string, string>): SignInReading => ({
  ok: false,
  response: jsonResponse(400, { error: { code: 'validation_failed', message, fields } }),
})

/**
 * Reads POST /sessions as the renderer sends it: `staySignedIn` stays with the
 * gateway, the rest goes to the backend (which checks it against its schema).
 */
export async function readSignIn(request: Request): Promise<SignInReading> {
  const reading = await readJsonBody(request)
  if (!reading.ok) return reading
  let input: RendererSessionRequest
  try {
    input = JSON.parse(
      new TextDecoder().decode(reading.bytes ?? undefined),
    ) as RendererSessionRequest
  } catch {
    return refused('The request body is not valid JSON.', { body: 'malformed_json' })
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return refused('Expected an object.', { body: 'invalid_type' })
  }
  const { staySignedIn, ...credentials } = input
  if (staySignedIn !== undefined && typeof staySignedIn !== 'boolean') {
    return refused('staySignedIn must be true or false.', { staySignedIn: 'invalid_type' })
  }
  return { ok: true, credentials, staySignedIn: staySignedIn === true }
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
