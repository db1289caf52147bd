/**
 * Activation (api.md "Activation code"): where the account stands, the code from
 * the letter, a new letter, and the correction of details that matched no
 * customer record. Answers are checked before anyone relies on their shape.
 */
import {
  ACTIVATION_STATES,
  type ActivationState,
  type IdentityCorrection,
  type LetterSent,
} from '../../../shared/api/activation.ts'
import { apiClient } from './client.ts'
import { isDate, isInteger, isRecord, oneOf, unexpected } from './shape.ts'

const optionalDate = (value: unknown): boolean => value === undefined || isDate(value)

/** Narrows an answer to the account's activation state. */
export function isActivationState(value: unknown): value is ActivationState {
  if (!isRecord(value) || !oneOf(ACTIVATION_STATES, value.state)) return false
  const registered = value.registered
  return (
    optionalDate(value.letterSentOn) &&
    optionalDate(value.letterExpectedBy) &&
    optionalDate(value.codeValidUntil) &&
    (value.attemptsLeft === undefined || isInteger(value.attemptsLeft)) &&
    (registered === undefined ||
      (isRecord(registered) &&
        typeof registered.customerNumber === 'string' &&
        typeof registered.lastName === 'string' &&
        isDate(registered.dateOfBirth)))
  )
}

/** GET /me/activation: letter on its way, code locked or expired, details not matched, or activated. */
export async function getActivationState(): Promise<ActivationState> {
  const { data } = await apiClient.get<unknown>('/me/activation')
  if (!isActivationState(data)) throw unexpected('GET /me/activation')
  return data
}

/** POST /me/activation; rejects with 400 (attemptsLeft), 410, 423 for the form to explain. */
export async function activate(code: string): Promise<void> {
  const { data } = await apiClient.post<unknown>('/me/activation', { code })
  if (!isRecord(data) || data.activated !== true) throw unexpected('POST /me/activation')
}

/** POST /me/activation/letters: a new code goes out by post, the old one stops working. */
export async function requestActivationLetter(): Promise<LetterSent> {
  const { data } = await apiClient.post<unknown>('/me/activation/letters')
  if (!isRecord(data) || data.status !== 'letter_sent' || !isDate(data.letterExpectedBy))
    throw unexpected('POST /me/activation/letters')
  return { status: 'letter_sent', letterExpectedBy: data.letterExpectedBy }
}

/** PUT /me/identity: the corrected details; answers the new state (a match sends the letter). */
export async function correctIdentity(correction: IdentityCorrection): Promise<ActivationState> {
  const { data } = await apiClient.put<unknown>('/me/identity', correction)
  if (!isActivationState(data)) throw unexpected('PUT /me/identity')
  return data
}
