/**
 * Tells main when the customer's session ends, so that work done for that
 * customer (running downloads) stops. The gateway reports no such event, so this
 * wraps it: a session ends when `signedIn` turns false after a call (sign-out, a
 * refused refresh), when `signOut()` or `forgetSession()` is called (the kiosk's
 * session end), and when a new sign-in replaces the session held before; a
 * session starts with every successful sign-in. A session that appears after any
 * other call (a kept one restored from the keychain by GET /session) is reported
 * as restored.
 */
import type { Gateway } from '../gateway/gateway.ts'
import { API_BASE_PATH, pathOf } from '../shared/api/contract.ts'

/** The calls that end in a sign-in: the password, or with the second factor on, its code step. */
const SIGN_INS = new Set([
  API_BASE_PATH + pathOf('POST /sessions'),
  API_BASE_PATH + pathOf('POST /sessions/mfa'),
])

/** The same gateway, calling `onEnded` whenever the customer's session ends. */
export function watchSessionEnd(
  gateway: Gateway,
  options: {
    /** `replaced`: a new sign-in took the place of the session held before. */
    onEnded: (cause: 'signed-out' | 'replaced') => void
    /** A customer signed in (the kiosk starts its idle watch). */
    onStarted?: () => void
    /** Signed in after a call other than a sign-in: a kept session restored from the keychain. */
    onRestored?: () => void
    log?: (line: string) => void
  },
): Gateway {
  let signedIn = gateway.signedIn
  const ended = (cause: 'signed-out' | 'replaced' = 'signed-out'): void => {
    try {
      options.onEnded(cause)
    } catch (error) {
      options.log?.(`stopping the session’s work failed: ${String(error)}`)
    }
  }
  const observe = (): void => {
    const before = signedIn
    signedIn = gateway.signedIn
    if (before && !signedIn) ended()
    if (!before && signedIn) {
      try {
        options.onRestored?.()
      } catch (error) {
        options.log?.(`starting the restored session’s work failed: ${String(error)}`)
      }
    }
  }
  return {
    get signedIn() {
      return gateway.signedIn
    },
    get keptSession() {
      return gateway.keptSession
    },
    forgetSession() {
      gateway.forgetSession()
      if (signedIn) {
        signedIn = false
        ended()
      }
    },
    async signOut() {
      try {
        await gateway.signOut()
      } finally {
        signedIn = gateway.signedIn
        ended()
      }
    },
    async handle(request, context) {
      const signingIn = request.method === 'POST' && SIGN_INS.has(new URL(request.url).pathname)
      const response = await gateway.handle(request, context)
      // Whoever was signed in before, the new customer starts without their downloads.
      if (signingIn && response.status === 201) {
        signedIn = gateway.signedIn
        ended('replaced')
        try {
          options.onStarted?.()
        } catch (error) {
          options.log?.(`starting the session’s watch failed: ${String(error)}`)
        }
      } else {
        observe()
      }
      return response
    },
  }
}
