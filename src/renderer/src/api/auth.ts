/**
 * Registration, e-mail confirmation, sessions and passwords (api.md), through the
 * gateway: the renderer sends no token and never gets one; `POST /sessions` answers
 * only `{customer}`. Answers are checked before anyone relies on their shape.
 */
import axios from 'axios'
import {
  LOCALES,
  SALUTATIONS,
  type ConfirmationResult,
  type PasswordResetResult,
  type RegistrationAccepted,
  type RegistrationRequest,
  type RendererSessionRequest,
  type SessionCustomer,
  type SessionState,
} from '../../../shared/api/auth.ts'
import { isApiErrorBody } from '../../../shared/errors.ts'
import { call } from './call.ts'
import { apiClient } from './client.ts'
import { isRecord, oneOf, unexpected } from './shape.ts'

/** Narrows an answer's `customer` to what the app knows of the signed-in customer. */
export function isSessionCustomer(value: unknown): value is SessionCustomer {
  if (!isRecord(value)) return false
  return (
    typeof value.customerNumber === 'string' &&
    oneOf(SALUTATIONS, value.salutation) &&
    typeof value.firstName === 'string' &&
    typeof value.lastName === 'string' &&
    typeof value.email === 'string' &&
    oneOf(LOCALES, value.locale) &&
    typeof value.activated === 'boolean'
  )
}

/** POST /registrations: the confirmation link goes to the address (202). */
export async function register(request: RegistrationRequest): Promise<RegistrationAccepted> {
  const { data } = await apiClient.post<unknown>('/registrations', request)
  if (!isRecord(data) || data.status !== 'confirmation_sent' || typeof data.expiresAt !== 'string')
    throw unexpected('POST /registrations')
  return { status: 'confirmation_sent', expiresAt: data.expiresAt }
}

/** POST /registrations/resend: always 202, whether or not the address is known. */
export async function resendConfirmation(email: string): Promise<void> {
  await apiClient.post('/registrations/resend', { email })
}

/** POST /registrations/confirm with the token from the link. */
export async function confirmRegistration(token: string): Promise<ConfirmationResult> {
  const { data } = await apiClient.post<unknown>('/registrations/confirm', { token })
  if (!isRecord(data) || !oneOf(['confirmed', 'already_confirmed'] as const, data.status))
    throw unexpected('POST /registrations/confirm')
  return { status: data.status }
}

/** POST /sessions: signs in; the gateway keeps the tokens and answers the customer. */
export async function createSession(request: RendererSessionRequest): Promise<SessionCustomer> {
  const { data } = await apiClient.post<unknown>('/sessions', request)
  if (!isRecord(data) || !isSessionCustomer(data.customer)) throw unexpected('POST /sessions')
  return data.customer
}

/** GET /session (gateway only): who is signed in; restores a kept sign-in at start. */
export async function getSessionState(): Promise<SessionState> {
  const { data } = await apiClient.get<unknown>('/session')
  if (!isRecord(data) || typeof data.signedIn !== 'boolean') throw unexpected('GET /session')
  if (!data.signedIn) return { signedIn: false }
  return isSessionCustomer(data.customer)
    ? { signedIn: true, customer: data.customer }
    : { signedIn: true }
}

/** DELETE /sessions/current: ends the session (and forgets a kept sign-in). */
export async function deleteSession(): Promise<void> {
  await apiClient.delete('/sessions/current')
}

/** DELETE /me: deletes the account (the password confirms it); the gateway forgets the session. */
export async function deleteAccount(password: string): Promise<void> {
  await call('DELETE /me', { body: { password } })
}

/** POST /password-resets: always 202; a link goes out when the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await apiClient.post('/password-resets', { email })
}

/** What the check of a reset link says: usable, expired (with its address when said), or invalid. */
export type ResetLinkState =
  | { status: 'valid'; email: string }
  | { status: 'expired'; email: string | null }
  | { status: 'invalid' }

/**
 * POST /password-resets/check: whether the link can still be used, read-only. 410
 * and 400 link_invalid are answers here, not failures; anything else rejects.
 */
export async function checkPasswordReset(token: string): Promise<ResetLinkState> {
  try {
    const { data } = await apiClient.post<unknown>('/password-resets/check', { token })
    if (!isRecord(data) || data.status !== 'valid' || typeof data.email !== 'string')
      throw unexpected('POST /password-resets/check')
    return { status: 'valid', email: data.email }
  } catch (error) {
    const body: unknown = axios.isAxiosError(error) ? error.response?.data : undefined
    if (!isApiErrorBody(body)) throw error
    if (body.error.code === 'link_invalid') return { status: 'invalid' }
    if (body.error.code !== 'link_expired') throw error
    return {
      status: 'expired',
      email: typeof body.error.email === 'string' ? body.error.email : null,
    }
  }
}

/** POST /password-resets/confirm: sets the new password; answers the account's address. */
export async function confirmPasswordReset(
  token: string,
  newPassword: string,
): Promise<PasswordResetResult> {
  const { data } = await apiClient.post<unknown>('/password-resets/confirm', {
    token,
    newPassword,
  })
  if (!isRecord(data) || data.status !== 'password_changed' || typeof data.email !== 'string')
    throw unexpected('POST /password-resets/confirm')
  return { status: 'password_changed', email: data.email }
}

/** PUT /me/password: the current password confirms the change (204). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiClient.put('/me/password', { currentPassword, newPassword })
}
