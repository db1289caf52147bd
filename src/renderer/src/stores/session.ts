/**
 * The customer's session as the renderer knows it: who is signed in and whether
 * they are activated. The gateway holds the tokens; this store holds no token and
 * no password. The router guard reads it (after restore() on the first navigation).
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type {
  Locale,
  RendererSessionRequest,
  SessionCustomer,
  SessionState,
} from '../../../shared/api/auth.ts'
import * as authApi from '../api/auth.ts'

/**
 * Calls `reset` when the customer changes: another one signs in, or the session
 * ends. `key` tells two customers apart. For a store's data of one customer.
 */
export function resetOnCustomerChange(
  key: (customer: SessionCustomer) => string,
  reset: () => void,
): void {
  const session = useSessionStore()
  watch(
    () => (session.signedIn ? (session.customer ? key(session.customer) : '') : null),
    (now, before) => {
      if (now !== before) reset()
    },
  )
}

/** The page a signed-in customer starts on. */
export type HomeRouteName = 'contracts' | 'activation'

export const useSessionStore = defineStore('session', () => {
  /** The signed-in customer, when the gateway told us who it is. */
  const customer = ref<SessionCustomer | null>(null)
  /** A customer is signed in (the gateway holds their tokens). */
  const signedIn = ref(false)
  /** The signed-in customer has identified themselves with the activation code. */
  const activated = ref(false)
  /** restore() has finished (successfully or not). */
  const restored = ref(false)
  let restoring: Promise<void> | null = null

  const displayName = computed(() =>
    customer.value ? `${customer.value.firstName} ${customer.value.lastName}`.trim() : '',
  )
  const homeRoute = computed<HomeRouteName>(() => (activated.value ? 'contracts' : 'activation'))

  function apply(state: SessionState): void {
    signedIn.value = state.signedIn
    customer.value = state.signedIn ? (state.customer ?? null) : null
    activated.value = customer.value?.activated === true
  }

  /** Forgets the session here (after sign-out, or when a call says it has ended). */
  function reset(): void {
    apply({ signedIn: false })
  }

  /**
   * Asks the gateway once whether a session is held (a kept sign-in is restored
   * there). Later calls return the same promise. A failure leaves the app signed out.
   */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      try {
        apply(await authApi.getSessionState())
      } catch (error) {
        console.warn('The session could not be restored; starting signed out:', error)
        reset()
      } finally {
        restored.value = true
      }
    })()
    return restoring
  }

  /**
   * Signs in; resolves to the customer, or to the code step when the second
   * factor is on. Rejects with the API error (401, 403, 423, 429) for the form to show.
   */
  async function signIn(request: RendererSessionRequest): Promise<authApi.SignInAnswer> {
    const answer = await authApi.createSession(request)
    if (!answer.mfaRequired) apply({ signedIn: true, customer: answer.customer })
    return answer
  }

  /**
   * The sign-in's code step: 6 digits or a recovery code. Rejects with 401
   * invalid_code (attemptsLeft) or challenge_expired, 423 account_locked.
   */
  async function confirmCode(code: string): Promise<SessionCustomer> {
    const signedInCustomer = await authApi.createMfaSession(code)
    apply({ signedIn: true, customer: signedInCustomer })
    return signedInCustomer
  }

  /** Ends the session at the gateway, then here. Rejects (still signed in) when that failed. */
  async function signOut(): Promise<void> {
    await authApi.deleteSession()
    reset()
  }

  /**
   * DELETE /me: deletes the account (the password confirms it). The gateway has
   * forgotten the session with it; so does this store. Rejects with 403, 423.
   */
  async function deleteAccount(password: string): Promise<void> {
    await authApi.deleteAccount(password)
    reset()
  }

  /** The activation code was accepted: contract data is open now. */
  function markActivated(): void {
    activated.value = true
    if (customer.value) customer.value = { ...customer.value, activated: true }
  }

  /**
   * The customer's language as the backend now has it (preferences.locale: the
   * language of its answers, e-mails and letters), after a change of the preference.
   */
  function setPreferredLocale(locale: Locale): void {
    if (customer.value && customer.value.locale !== locale)
      customer.value = { ...customer.value, locale }
  }

  /** PUT /me/password; rejects with 403 invalid_credentials when the current one is wrong. */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await authApi.changePassword(currentPassword, newPassword)
  }

  return {
    customer,
    signedIn,
    activated,
    restored,
    displayName,
    homeRoute,
    restore,
    signIn,
    confirmCode,
    signOut,
    reset,
    markActivated,
    setPreferredLocale,
    changePassword,
    deleteAccount,
  }
})
