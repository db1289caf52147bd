/**
 * Registration and e-mail confirmation. The address just registered is kept here
 * (in memory only, never in web storage) for the "check your e-mail" page.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConfirmationResult, RegistrationRequest } from '../../../shared/api/auth.ts'
import * as authApi from '../api/auth.ts'

export const useRegistrationStore = defineStore('registration', () => {
  /** The address the confirmation e-mail went to; null after a reload. */
  const pendingEmail = ref<string | null>(null)

  /** Sends the registration; rejects with the API error (400 fields, 429). */
  async function register(request: RegistrationRequest): Promise<void> {
    await authApi.register(request)
    pendingEmail.value = request.email
  }

  /** Asks for the confirmation e-mail again (the answer never tells whether it went out). */
  async function resend(email: string): Promise<void> {
    await authApi.resendConfirmation(email)
  }

  /** Confirms the address with the link's token. */
  async function confirm(token: string): Promise<ConfirmationResult['status']> {
    const result = await authApi.confirmRegistration(token)
    pendingEmail.value = null
    return result.status
  }

  return { pendingEmail, register, resend, confirm }
})
