/**
 * Activation (api.md "Activation code"): where the account stands, the code from
 * the letter, a new letter, and the correction of details that matched no
 * customer record. Every answer is checked against the contract before anyone
 * relies on its shape.
 */
import type {
  ActivationState,
  IdentityCorrection,
  LetterSent,
} from '../../../shared/api/activation.ts'
import { call } from './call.ts'

/** GET /me/activation: letter on its way, code locked or expired, details not matched, or activated. */
export async function getActivationState(): Promise<ActivationState> {
  return call('GET /me/activation', {})
}

/** POST /me/activation; rejects with 400 (attemptsLeft), 410, 423 for the form to explain. */
export async function activate(code: string): Promise<void> {
  await call('POST /me/activation', { body: { code } })
}

/** POST /me/activation/letters: a new code goes out by post, the old one stops working. */
export async function requestActivationLetter(): Promise<LetterSent> {
  return call('POST /me/activation/letters', {})
}

/** PUT /me/identity: the corrected details; answers the new state (a match sends the letter). */
export async function correctIdentity(correction: IdentityCorrection): Promise<ActivationState> {
  return call('PUT /me/identity', { body: correction })
}
