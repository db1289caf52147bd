/**
 * Tells main when the customer's session ends, so that work done for that
 * customer (running downloads) stops. The gateway reports no such event, so this
 * wraps it: a session ends when `signedIn` turns false after a call (sign-out, a
 * refused refresh), when `signOut()` is called (the kiosk's session end), and
 * when a new sign-in replaces the session held before.
 */
import type { Gateway } from '../gateway/gateway.ts'

const SIGN_IN = '/api/v1/sessions'

/** The same gateway, calling `onEnded` whenever the customer's session ends. */
export function watchSessionEnd(
  gateway: Gateway,
  options: { onEnded: () => void; log?: (line: string) => void },
): Gateway {
  let signedIn = gateway.signedIn
  const ended = (): void => {
    try {
      options.onEnded()
    } catch (error) {
      options.log?.(`stopping the session’s work failed: ${String(error)}`)
    }
  }
  const observe = (): void => {
    const now = gateway.signedIn
    if (signedIn && !now) ended()
    signedIn = now
  }
  return {
    get signedIn() {
      return gateway.signedIn
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
      const signingIn = request.method === 'POST' && new URL(request.url).pathname === SIGN_IN
      const response = await gateway.handle(request, context)
      // Whoever was signed in before, the new customer starts without their downloads.
      if (signingIn && response.status === 201) {
        signedIn = gateway.signedIn
        ended()
      } else {
        observe()
      }
      return response
    },
  }
}
