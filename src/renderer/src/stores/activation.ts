/**
 * Where the signed-in customer stands on the way to the contract data (GET
 * /me/activation): the letter on its way (the day it arrives by, the tries
 * left), the code locked or expired (a new letter is the way), the details not
 * matched (to be corrected), or activated. The code, a new letter and the
 * correction change it; forgotten when the session ends.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type {
  ActivationState,
  IdentityCorrection,
  LetterSent,
} from '../../../shared/api/activation.ts'
import * as activationApi from '../api/activation.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import { resetOnCustomerChange, useSessionStore } from './session.ts'

export const useActivationStore = defineStore('activation', () => {
  const session = useSessionStore()
  /** null until loaded (or when loading failed: the screen then offers the code field alone). */
  const current = ref<ActivationState | null>(null)
  const loading = ref(false)
  const error = ref<UserError | null>(null)

  function accept(state: ActivationState): void {
    current.value = state
    // Activated meanwhile (in another window): the contract data is open here too.
    if (state.state === 'activated' && session.signedIn && !session.activated) {
      session.markActivated()
    }
  }

  /** GET /me/activation; a failure is kept in `error` (the screen says so), never thrown. */
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      accept(await activationApi.getActivationState())
    } catch (caught) {
      error.value = toUserError(caught)
    } finally {
      loading.value = false
    }
  }

  /**
   * POST /me/activation. A wrong code counts the tries down here; a locked or
   * expired code loads the state (with the day a new letter arrives by). Rejects
   * with the API error for the form to show.
   */
  async function activate(code: string): Promise<void> {
    try {
      await activationApi.activate(code)
    } catch (caught) {
      const failure = toUserError(caught)
      const state = current.value
      if (failure.code === 'activation_code_invalid' && failure.attemptsLeft !== null && state) {
        current.value = { ...state, attemptsLeft: failure.attemptsLeft }
      } else if (
        failure.code === 'activation_locked' ||
        failure.code === 'activation_code_expired'
      ) {
        await load()
      }
      throw caught
    }
    accept({ state: 'activated' })
    session.markActivated()
  }

  /** POST /me/activation/letters; load() then shows the new state (the new letter's days, five tries). */
  async function requestLetter(): Promise<LetterSent> {
    return activationApi.requestActivationLetter()
  }

  /** PUT /me/identity: the answer is the new state (`letter_sent` on a match). */
  async function correctIdentity(correction: IdentityCorrection): Promise<ActivationState> {
    const state = await activationApi.correctIdentity(correction)
    accept(state)
    return state
  }

  function reset(): void {
    current.value = null
    loading.value = false
    error.value = null
  }

  resetOnCustomerChange((customer) => customer.email, reset)

  return { current, loading, error, load, activate, requestLetter, correctIdentity, reset }
})
