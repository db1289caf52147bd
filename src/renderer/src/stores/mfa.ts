/**
 * The second factor on the profile page: whether it is on and how many recovery
 * codes are left, the enrolment (the password, then the secret for the app,
 * then the first code), turning it off and a new set of recovery codes (the
 * password and a code). The recovery codes are handed to the screen once and
 * never kept here.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { MfaStatus, TotpEnrolment } from '../../../shared/api/mfa.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import * as mfaApi from '../api/mfa.ts'
import { resetOnCustomerChange } from './session.ts'

export const useMfaStore = defineStore('mfa', () => {
  /** null until loaded. */
  const status = ref<MfaStatus | null>(null)
  const loading = ref(false)
  const error = ref<UserError | null>(null)

  resetOnCustomerChange(
    (customer) => customer.customerNumber,
    () => {
      status.value = null
      error.value = null
    },
  )

  /** Asks whether the second factor is on. */
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      status.value = await mfaApi.getMfaStatus()
    } catch (caught) {
      error.value = toUserError(caught)
    } finally {
      loading.value = false
    }
  }

  /** The password confirmed: a new secret (not active yet). Rejects with 403, 409, 423. */
  function start(password: string): Promise<TotpEnrolment> {
    return mfaApi.startTotpEnrolment(password)
  }

  /** The first code turns it on; resolves to the recovery codes (shown once). */
  async function confirm(enrolmentId: string, code: string): Promise<readonly string[]> {
    const codes = await mfaApi.confirmTotpEnrolment(enrolmentId, code)
    status.value = { enabled: true, recoveryCodesLeft: codes.length }
    return codes
  }

  /** Turns it off (password and a code). */
  async function disable(password: string, code: string): Promise<void> {
    await mfaApi.disableMfa(password, code)
    status.value = { enabled: false, recoveryCodesLeft: 0 }
  }

  /** A new set of recovery codes (password and a code); the old one stops working. */
  async function renewCodes(password: string, code: string): Promise<readonly string[]> {
    const codes = await mfaApi.renewRecoveryCodes(password, code)
    status.value = { enabled: true, recoveryCodesLeft: codes.length }
    return codes
  }

  return { status, loading, error, load, start, confirm, disable, renewCodes }
})
