/**
 * The profile (api.md "Profile"): GET and PATCH /me with the ETag, the e-mail
 * change and its confirmation, the bank account. Answers are checked against
 * the contract (api/call.ts); the full IBAN only ever goes out, never comes back.
 */
import axios, { AxiosHeaders } from 'axios'
import type {
  BankAccountRequest,
  EmailChangeAccepted,
  EmailChangeRequest,
  EmailChangeResult,
  ProfileAnswer,
  ProfileCustomer,
  ProfilePatch,
} from '../../../shared/api/profile.ts'
import { isApiErrorBody } from '../../../shared/errors.ts'
import { call, callWithHeaders, type CallResult } from './call.ts'
import { unexpected } from './shape.ts'

/** The profile as GET /me (or a change) answered it, with the ETag that names this state. */
export interface ProfileSnapshot {
  customer: ProfileCustomer
  /** The strong ETag for If-Match; null when the answer carried none (then changes apply unconditionally). */
  etag: string | null
}

// A strong entity tag (RFC 9110 §8.8.3): anything else is not sent back.
const STRONG_ETAG = /^"[\x21\x23-\x7e]{1,200}"$/

function snapshotOf(
  key: 'GET /me' | 'PATCH /me' | 'PUT /me/bank-account',
  { answer, headers }: { answer: ProfileAnswer | null; headers: CallResult<typeof key>['headers'] },
): ProfileSnapshot {
  // 304 carries no profile; GET /me never asks for one (no If-None-Match).
  if (answer === null) throw unexpected(key)
  const etag = AxiosHeaders.from(headers as AxiosHeaders).get('etag')
  return {
    customer: answer.customer,
    etag: typeof etag === 'string' && STRONG_ETAG.test(etag) ? etag : null,
  }
}

function ifMatch(etag: string | null): { headers: Record<string, string> } | undefined {
  return etag ? { headers: { 'If-Match': etag } } : undefined
}

/** GET /me: the profile and its ETag. */
export async function getProfile(): Promise<ProfileSnapshot> {
  return snapshotOf('GET /me', await callWithHeaders('GET /me', {}))
}

/** PATCH /me with If-Match; rejects with 412 when the profile changed since `etag`. */
export async function updateProfile(
  patch: ProfilePatch,
  etag: string | null,
): Promise<ProfileSnapshot> {
  return snapshotOf('PATCH /me', await callWithHeaders('PATCH /me', { body: patch }, ifMatch(etag)))
}

/** PUT /me/bank-account with If-Match; rejects with 403 invalid_credentials, 412, 429. */
export async function changeBankAccount(
  request: BankAccountRequest,
  etag: string | null,
): Promise<ProfileSnapshot> {
  return snapshotOf(
    'PUT /me/bank-account',
    await callWithHeaders('PUT /me/bank-account', { body: request }, ifMatch(etag)),
  )
}

/** POST /me/email-change: a link goes to the new address (202); nothing changes before it is opened. */
export async function requestEmailChange(
  request: EmailChangeRequest,
): Promise<EmailChangeAccepted> {
  return call('POST /me/email-change', { body: request })
}

/** POST /me/email-change/confirm with the link's token (no session needed); every session ends. */
export async function confirmEmailChange(token: string): Promise<EmailChangeResult> {
  return call('POST /me/email-change/confirm', { body: { token } })
}

/**
 * The reason codes of a 400's `fields` as the API sent them (`{"iban": "not_sepa"}`).
 * toUserError keeps only message keys, and none for the IBAN's own reasons.
 */
export function fieldReasonsOf(error: unknown): Record<string, string> {
  if (!axios.isAxiosError(error)) return {}
  const body: unknown = error.response?.data
  if (!isApiErrorBody(body)) return {}
  const reasons: Record<string, string> = {}
  for (const [field, reason] of Object.entries(body.error.fields ?? {})) {
    if (typeof reason === 'string') reasons[field] = reason
  }
  return reasons
}
