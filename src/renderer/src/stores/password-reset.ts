/**
 * "Passwort vergessen": asking for a reset link (and again, from the check-e-mail
 * page), checking a link when its page opens, and setting the new password with
 * it, after which the customer is signed in with it. Addresses are kept in memory
 * only (prefill from sign-in or an expired link, shown on the check-e-mail page).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SessionCustomer } from '../../../shared/api/auth.ts'
import * as authApi from '../api/auth.ts'
import type { ResetLinkState } from '../api/auth.ts'
import { useSessionStore } from './session.ts'

export const usePasswordResetStore = defineStore('passwordReset', () => {
  /** An address to fill into the form (e.g. from a locked sign-in). */
  const prefillEmail = ref('')
  /**
   * The account was locked while signed in (the third wrong password confirming
   * a change) and the app signed out: the sign-in page says so once.
   */
  const lockedOut = ref(false)

  /** Signed out because the account locked: remembers the address and tells the sign-in page. */
  function noteLockedOut(email: string): void {
    prefillEmail.value = email
    lockedOut.value = true
  }

  /** The address the last link was asked for, and when (this device's clock); null after a reload. */
  const requested = ref<{ email: string; at: Date } | null>(null)

  /**
   * Asks for a reset link (again); always accepted, whether or not the address has
   * an account. Rejects with 429 when asked too often (as the first request).
   */
  async function request(email: string): Promise<void> {
    await authApi.requestPasswordReset(email)
    prefillEmail.value = ''
    requested.value = { email, at: new Date() }
  }

  /** Checks a reset link when its page opens (nothing is used up). */
  function check(token: string): Promise<ResetLinkState> {
    return authApi.checkPasswordReset(token)
  }

  /**
   * Sets the new password with the link's token (rejects with 410, 400 link_invalid
   * or validation_failed), then signs in with it. Resolves to the customer, or
   * null when the password was changed but the sign-in did not work.
   */
  async function confirm(token: string, newPassword: string): Promise<SessionCustomer | null> {
    const { email } = await authApi.confirmPasswordReset(token, newPassword)
    try {
      const answer = await useSessionStore().signIn({
        email,
        password: newPassword,
        staySignedIn: false,
      })
      // With the second factor on, the code step follows on the sign-in page.
      return answer.mfaRequired ? null : answer.customer
    } catch (error) {
      console.warn('The password was changed, but signing in with it failed:', error)
      return null
    }
  }

  return { prefillEmail, lockedOut, requested, noteLockedOut, request, check, confirm }
})
