/** Who may see a route, and where everyone else is sent instead. */
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { assertNever } from '../../../shared/assert-never.ts'

/** public: everyone; guest: only signed out (sign-in, register); signedIn; activated. */
export type RouteAccess = 'public' | 'guest' | 'signedIn' | 'activated'

declare module 'vue-router' {
  interface RouteMeta {
    /** Default 'public'. 'activated' also requires being signed in. */
    access?: RouteAccess
    /** i18n key of the page title (document title). */
    titleKey?: string
    /** Never on a kiosk terminal (the demo mailbox: every customer's e-mails and links). */
    notOnKiosk?: boolean
    /**
     * What the page confirms ends every session of the account (a new password,
     * a new e-mail address): the page says so itself, so a request that learns
     * of it meanwhile signs out without a notice of its own.
     */
    endsSessions?: boolean
  }
}

export interface SessionState {
  signedIn: boolean
  activated: boolean
}

/** true when the session may see the route (on this terminal); otherwise where to go instead. */
export function checkAccess(
  to: RouteLocationNormalized,
  session: SessionState,
  app: { kiosk: boolean } = { kiosk: false },
): true | RouteLocationRaw {
  if (app.kiosk && to.meta.notOnKiosk === true) return { name: 'start' }
  const access: RouteAccess = to.meta.access ?? 'public'
  switch (access) {
    case 'public':
      return true
    case 'guest':
      return session.signedIn ? homeOf(session) : true
    case 'signedIn':
      return session.signedIn ? true : signInFirst(to)
    case 'activated':
      if (!session.signedIn) return signInFirst(to)
      return session.activated ? true : { name: 'activation', query: { redirect: to.fullPath } }
    default:
      return assertNever(access)
  }
}

/** Where a signed-in customer starts: contract data once activated, the activation code before. */
export function homeOf(session: SessionState): RouteLocationRaw {
  return { name: session.activated ? 'contracts' : 'activation' }
}

function signInFirst(to: RouteLocationNormalized): RouteLocationRaw {
  return { name: 'sign-in', query: { redirect: to.fullPath } }
}

/**
 * The `redirect` query as a safe in-app path, or null. Only paths inside the
 * app are followed after sign-in: never another origin (`//evil`, `https:`).
 */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string') return null
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null
  return value
}
