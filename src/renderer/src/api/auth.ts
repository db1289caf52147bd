/**
 * Registration, e-mail confirmation, sessions and passwords (api.md), through the
 * gateway: the renderer sends no token and never gets one; `POST /sessions` answers
 * only `{customer}` (the gateway's answers: src/shared/api/gateway.ts). Every
 * answer is checked against the contract before anyone relies on its shape.
 */
import axios from 'axios'
import type {
  ConfirmationResult,
  PasswordResetResult,
  RegistrationAccepted,
  RegistrationRequest,
  RendererSessionRequest,
  SessionCustomer,
  SessionState,
} from '../../../shared/api/auth.ts'
import { isApiErrorBody } from '../../../shared/errors.ts'
import { call } from './call.ts'

/** POST /registrations: the confirmation link goes to the address (202). */
export async function register(request: RegistrationRequest): Promise<RegistrationAccepted> {
  return call('POST /registrations', { body: request })
}

/** POST /registrations/resend: always 202, whether or not the address is known. */
export async function resendConfirmation(email: string): Promise<void> {
  await call('POST /registrations/resend', { body: { email } })
}

/** POST /registrations/confirm with the token from the link. */
export async function confirmRegistration(token: string): Promise<ConfirmationResult> {
  return call('POST /registrations/confirm', { body: { token } })
}

/**
 * What the password step of a sign-in answers: signed in, or (the second factor
 * on) the code step, open until `expiresAt`; the gateway keeps the challenge.
 */
export type SignInAnswer =
  { mfaRequired: false; customer: SessionCustomer } | { mfaRequired: true; expiresAt: string }

/** POST /sessions: signs in; the gateway keeps the tokens and answers the customer. */
export async function createSession(request: RendererSessionRequest): Promise<SignInAnswer> {
  const answer = await call('POST /sessions', { body: request })
  return 'customer' in answer
    ? { mfaRequired: false, customer: answer.customer }
    : { mfaRequired: true, expiresAt: answer.expiresAt }
}

/**
 * POST /sessions/mfa: the sign-in's code step (6 digits or a recovery code);
 * rejects with 401 invalid_code (attemptsLeft) or challenge_expired, 423 account_locked.
 */
export async function createMfaSession(code: string): Promise<SessionCustomer> {
  return (await call('POST /sessions/mfa', { body: { code } })).customer
}

/** GET /session (gateway only): who is signed in; restores a kept sign-in at start. */
export async function getSessionState(): Promise<SessionState> {
  return call('GET /session', {})
}

/** DELETE /sessions/current: ends the session (and forgets a kept sign-in). */
export async function deleteSession(): Promise<void> {
  await call('DELETE /sessions/current', {})
}

/** DELETE /me: deletes the account (the password confirms it); the gateway forgets the session. */
export async function deleteAccount(password: string): Promise<void> {
  await call('DELETE /me', { body: { password } })
}

/** POST /password-resets: always 202; a link goes out when the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await call('POST /password-resets', { body: { email } })
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
    const { email } = await call('POST /password-resets/check', { body: { token } })
    return { status: 'valid', email }
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
  return call('POST /password-resets/confirm', { body: { token, newPassword } })
}

/** PUT /me/password: the current password confirms the change (204). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await call('PUT /me/password', { body: { currentPassword, newPassword } })
}
