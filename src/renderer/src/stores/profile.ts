/**
 * The customer's profile (GET /me) with the ETag it came with, and its changes:
 * phone, address and preferences (PATCH /me), the bank account, the e-mail
 * change. Every change sends If-Match with the ETag of the state shown; when
 * that state is stale (412) the store loads the current one before rejecting,
 * so the form can show it. Forgotten when the session ends.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Locale } from '../../../shared/api/auth.ts'
import type {
  BankAccountRequest,
  EmailChangeRequest,
  EmailChangeResult,
  ProfileCustomer,
  ProfilePatch,
} from '../../../shared/api/profile.ts'
import * as authApi from '../api/auth.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import * as profileApi from '../api/profile.ts'
import { useAppStore } from './app.ts'
import { resetOnCustomerChange, useSessionStore } from './session.ts'

export type ProfileStatus = 'idle' | 'loading' | 'ready' | 'failed'

/** An e-mail change waiting for its link to be opened. */
export interface PendingEmailChange {
  email: string
  expiresAt: string
}

export interface ChangeOutcome {
  /** false when the answer shows the profile as it was (nothing to change: no letter filed either). */
  changed: boolean
}

function isStale(error: unknown): boolean {
  return toUserError(error).code === 'precondition_failed'
}

export const useProfileStore = defineStore('profile', () => {
  const session = useSessionStore()
  const app = useAppStore()

  const customer = ref<ProfileCustomer | null>(null)
  /** The ETag of the state shown, sent as If-Match with every change. */
  const etag = ref<string | null>(null)
  const status = ref<ProfileStatus>('idle')
  const error = ref<UserError | null>(null)
  const pendingEmailChange = ref<PendingEmailChange | null>(null)

  function accept(snapshot: profileApi.ProfileSnapshot): ChangeOutcome {
    const changed = JSON.stringify(snapshot.customer) !== JSON.stringify(customer.value)
    customer.value = snapshot.customer
    etag.value = snapshot.etag
    // The profile is the backend's word: activated meanwhile (in another window) opens contract data here too.
    if (snapshot.customer.activated && session.signedIn && !session.activated) {
      session.markActivated()
    }
    // And its language is the one the backend answers in (one setting).
    if (session.signedIn) session.setPreferredLocale(snapshot.customer.preferences.locale)
    return { changed }
  }

  /** GET /me. While a profile is shown it stays shown; the page says when loading failed. */
  async function load(): Promise<void> {
    if (customer.value === null) status.value = 'loading'
    error.value = null
    try {
      accept(await profileApi.getProfile())
      status.value = 'ready'
    } catch (caught) {
      error.value = toUserError(caught)
      if (customer.value === null) status.value = 'failed'
    }
  }

  /** Loads the current state after a 412; the caller rejects with the 412 either way. */
  async function reloadAfterStale(): Promise<void> {
    try {
      accept(await profileApi.getProfile())
    } catch (caught) {
      console.warn('The current profile could not be loaded after a conflict:', caught)
    }
  }

  async function withStaleReload<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change()
    } catch (caught) {
      if (isStale(caught)) await reloadAfterStale()
      throw caught
    }
  }

  /**
   * PATCH /me. A new language in the preferences also becomes the app's.
   * Rejects with 400 (fields), 403 activation_required, 412 (after loading the current state).
   */
  async function update(patch: ProfilePatch): Promise<ChangeOutcome> {
    return withStaleReload(async () => {
      const outcome = accept(await profileApi.updateProfile(patch, etag.value))
      const locale = patch.preferences?.locale
      if (locale && locale !== app.locale) app.setLocale(locale)
      return outcome
    })
  }

  /**
   * PATCH /me with only preferences.locale (the header's language switch). The
   * customer's click is the newest word on the language, and a change of it
   * alone overwrites nothing else: when the profile changed meanwhile (412),
   * it is tried once more with the current ETag. The app's own language is the
   * caller's business. Rejects like update().
   */
  async function saveLocale(locale: Locale): Promise<ChangeOutcome> {
    const patch: ProfilePatch = { preferences: { locale } }
    try {
      return await withStaleReload(async () =>
        accept(await profileApi.updateProfile(patch, etag.value)),
      )
    } catch (caught) {
      if (!isStale(caught)) throw caught
      return accept(await profileApi.updateProfile(patch, etag.value))
    }
  }

  /** PUT /me/bank-account; rejects with 400, 403 invalid_credentials, 412, 429. */
  async function changeBankAccount(request: BankAccountRequest): Promise<ChangeOutcome> {
    return withStaleReload(async () =>
      accept(await profileApi.changeBankAccount(request, etag.value)),
    )
  }

  /** POST /me/email-change: the link goes to the new address; the profile is unchanged until then. */
  async function requestEmailChange(request: EmailChangeRequest): Promise<PendingEmailChange> {
    const accepted = await profileApi.requestEmailChange(request)
    pendingEmailChange.value = { email: request.newEmail.trim(), expiresAt: accepted.expiresAt }
    return pendingEmailChange.value
  }

  /**
   * The link from the e-mail: confirms the new address. Every session of the
   * account ended with it, so the gateway is asked whether the one held here
   * did (it did when it was this account's) and the session store follows.
   */
  async function confirmEmailChange(token: string): Promise<EmailChangeResult> {
    const result = await profileApi.confirmEmailChange(token)
    pendingEmailChange.value = null
    if (session.signedIn) {
      try {
        const state = await authApi.getSessionState()
        if (!state.signedIn) session.reset()
      } catch (caught) {
        // Unknown: the cautious reading is that this session was among those ended.
        console.warn('Whether the session survived the e-mail change is unknown:', caught)
        session.reset()
      }
    }
    return result
  }

  /** Forgets the profile (the session ended, or another customer signed in). */
  function reset(): void {
    customer.value = null
    etag.value = null
    status.value = 'idle'
    error.value = null
    pendingEmailChange.value = null
  }

  resetOnCustomerChange((customer) => customer.customerNumber, reset)

  return {
    customer,
    etag,
    status,
    error,
    pendingEmailChange,
    load,
    update,
    saveLocale,
    changeBankAccount,
    requestEmailChange,
    confirmEmailChange,
    reset,
  }
})
