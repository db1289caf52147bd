/**
 * What the gateway answers the renderer itself (architecture.md): it keeps the
 * tokens, so on the session's paths the renderer gets other answers than the
 * backend gives, and some paths exist only here. The app's view of the API,
 * `appRoutes`, is the backend's routes with these in place of the backend's,
 * and without the refresh, which the gateway never forwards. The renderer
 * calls and checks against it; the gateway builds its answers from its types.
 */
import { Type, type Static } from 'typebox'
import type { KioskSettings } from '../kiosk.ts'
import { authRoutes, sessionCustomerSchema, sessionRequestSchema } from './auth.ts'
import type { AnswerOf, BodyOf, ParamsOf, QueryOf, RouteTable } from './contract.ts'
import { closedObject, codeSchema, instantSchema } from './limits.ts'
import { mfaCodeInputSchema, mfaRoutes } from './mfa.ts'
import { routes } from './routes.ts'

/** POST /sessions as the renderer sends it: the gateway takes `staySignedIn` out before forwarding. */
export const rendererSessionRequestSchema = closedObject({
  ...sessionRequestSchema.properties,
  /** Keep the sign-in in the OS keychain (never in kiosk mode). */
  staySignedIn: Type.Optional(Type.Boolean()),
})
export type RendererSessionRequest = Static<typeof rendererSessionRequestSchema>

/** What the renderer gets for POST /sessions: the customer, the tokens stay in the gateway. */
export const rendererSessionResponseSchema = closedObject({ customer: sessionCustomerSchema })
export type RendererSessionResponse = Static<typeof rendererSessionResponseSchema>

/**
 * What the renderer gets for POST /sessions when the second factor is on: the
 * challenge stays in the gateway, like the tokens; the code step follows.
 */
export const rendererMfaRequiredSchema = closedObject({
  mfaRequired: Type.Literal(true),
  /** When the code step closes (5 minutes): then the password step again. */
  expiresAt: instantSchema,
})
export type RendererMfaRequired = Static<typeof rendererMfaRequiredSchema>

/** POST /sessions/mfa as the renderer sends it: the gateway adds the challenge it kept. */
export const rendererMfaRequestSchema = closedObject({ code: mfaCodeInputSchema })
export type RendererMfaRequest = Static<typeof rendererMfaRequestSchema>

/** GET /session: who is signed in (the customer may be missing when the gateway does not know). */
export const sessionStateSchema = closedObject({
  signedIn: Type.Boolean(),
  customer: Type.Optional(sessionCustomerSchema),
})
export type SessionState = Static<typeof sessionStateSchema>

export const KEYCHAINS = ['os', 'memory'] as const

/** GET /client-info: what the web preview's renderer cannot ask main over IPC. */
export const clientInfoAnswerSchema = closedObject({
  demo: Type.Boolean({ description: 'The backend is the embedded demo' }),
  kiosk: Type.Boolean({ description: 'A dealership terminal' }),
  // Not checked here: the app checks them itself (parseKioskSettings) and takes the
  // defaults when they are malformed or missing, so that a kiosk always stays a kiosk.
  kioskSettings: Type.Optional(
    Type.Unsafe<KioskSettings | null>({
      description:
        'In kiosk mode the terminal’s settings {dealershipName, printingAvailable, idleTimeoutSeconds, warningSeconds}, null otherwise',
    }),
  ),
  keychain: codeSchema(KEYCHAINS),
})
export type ClientInfoAnswer = Static<typeof clientInfoAnswerSchema>

const GATEWAY_FAILED =
  'upstream_unavailable (the backend cannot be reached or answered unexpectedly)'

/** The gateway's own routes (below /api/v1 of the app's origin). */
export const gatewayRoutes = {
  'GET /session': {
    summary: 'Who is signed in; restores a kept sign-in at start (the gateway asks GET /me)',
    tags: ['gateway'],
    answers: { 200: sessionStateSchema },
  },
  'GET /client-info': {
    summary: 'Demo, kiosk, and where a sign-in would be kept',
    tags: ['gateway'],
    answers: { 200: clientInfoAnswerSchema },
  },
  'POST /sessions': {
    summary: 'Sign in: the gateway keeps the tokens and answers the customer',
    tags: ['gateway'],
    body: rendererSessionRequestSchema,
    answers: { 201: rendererSessionResponseSchema, 200: rendererMfaRequiredSchema },
    errors: {
      // The backend's answers to a sign-in come through as they are.
      ...authRoutes['POST /sessions'].errors,
      400: 'validation_failed (body: malformed_json, invalid_type; staySignedIn: invalid_type)',
      502: GATEWAY_FAILED,
    },
  },
  'POST /sessions/mfa': {
    summary: 'The sign-in’s code step: the gateway adds the challenge it kept and keeps the tokens',
    tags: ['gateway'],
    body: rendererMfaRequestSchema,
    answers: { 201: rendererSessionResponseSchema },
    errors: {
      ...mfaRoutes['POST /sessions/mfa'].errors,
      400: 'validation_failed (code: invalid_type)',
      502: GATEWAY_FAILED,
    },
  },
  'DELETE /sessions/current': {
    summary: 'Sign out: revoked upstream when possible, the tokens and a kept sign-in forgotten',
    tags: ['gateway'],
    answers: { 204: null },
  },
} as const satisfies RouteTable

/** The backend's one route the gateway never forwards: it carries tokens. */
const { 'POST /sessions/refresh': refreshRoute, ...forwardedRoutes } = routes

/** Routes of the backend the renderer cannot reach (the gateway answers 404). */
export const unforwardedRoutes = { 'POST /sessions/refresh': refreshRoute } as const

/** The API as the renderer sees it: the backend's routes, the gateway's answers in their place. */
export const appRoutes = { ...forwardedRoutes, ...gatewayRoutes }

export type AppRoutes = typeof appRoutes
/** The key of a route the renderer can call, `METHOD /path/{param}`. */
export type AppRoute = keyof AppRoutes
export type AppParams<K extends AppRoute> = ParamsOf<AppRoutes[K]>
export type AppQuery<K extends AppRoute> = QueryOf<AppRoutes[K]>
export type AppBody<K extends AppRoute> = BodyOf<AppRoutes[K]>
export type AppAnswer<K extends AppRoute> = AnswerOf<AppRoutes[K]>
