/**
 * The second factor on the profile (api.md "Second factor"): its state, the
 * enrolment (password → secret → first code → recovery codes), turning it off
 * and a new set of recovery codes (password and a code). Answers are checked.
 */
import type { MfaStatus, TotpEnrolment } from '../../../shared/api/mfa.ts'
import { call } from './call.ts'

/** GET /me/mfa: on or off, and how many recovery codes are left. */
export async function getMfaStatus(): Promise<MfaStatus> {
  return call('GET /me/mfa', {})
}

/** POST /me/mfa/totp: a new secret for the authenticator app (not active until confirmed). */
export async function startTotpEnrolment(password: string): Promise<TotpEnrolment> {
  return call('POST /me/mfa/totp', { body: { password } })
}

/** POST /me/mfa/totp/confirm: the first code turns it on; the 10 recovery codes, shown once. */
export async function confirmTotpEnrolment(
  enrolmentId: string,
  code: string,
): Promise<readonly string[]> {
  return (await call('POST /me/mfa/totp/confirm', { body: { enrolmentId, code } })).recoveryCodes
}

/** DELETE /me/mfa: turns the second factor off (password and a code or recovery code). */
export async function disableMfa(password: string, code: string): Promise<void> {
  await call('DELETE /me/mfa', { body: { password, code } })
}

/** POST /me/mfa/recovery-codes: a new set; the old one stops working. */
export async function renewRecoveryCodes(
  password: string,
  code: string,
): Promise<readonly string[]> {
  return (await call('POST /me/mfa/recovery-codes', { body: { password, code } })).recoveryCodes
}
