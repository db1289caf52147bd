/**
 * The profile (api.md "Profile"): GET and PATCH /me with the ETag, the e-mail
 * change and its confirmation, the bank account. Answers are checked before
 * anyone relies on their shape; the full IBAN only ever goes out, never comes back.
 */
import axios, { AxiosHeaders, type AxiosResponse } from 'axios'
import { LOCALES, SALUTATIONS } from '../../../shared/api/auth.ts'
import type {
  BankAccountRequest,
  EmailChangeAccepted,
  EmailChangeRequest,
  EmailChangeResult,
  ProfileCustomer,
  ProfilePatch,
} from '../../../shared/api/profile.ts'
import { isApiErrorBody } from '../../../shared/errors.ts'
import { apiClient } from './client.ts'
import { isDate, isRecord, oneOf, unexpected } from './shape.ts'

/** The profile as GET /me (or a change) answered it, with the ETag that names this state. */
export interface ProfileSnapshot {
  customer: ProfileCustomer
  /** The strong ETag for If-Match; null when the answer carried none (then changes apply unconditionally). */
  etag: string | null
}

const isText = (value: unknown): value is string => typeof value === 'string'

function isAddress(value: unknown): boolean {
  return (
    isRecord(value) &&
    isText(value.street) &&
    isText(value.houseNumber) &&
    isText(value.postalCode) &&
    isText(value.city) &&
    isText(value.country)
  )
}

/** Narrows an answer's `customer` to the profile of api.md. */
export function isProfileCustomer(value: unknown): value is ProfileCustomer {
  if (!isRecord(value) || !isRecord(value.preferences)) return false
  const preferences = value.preferences
  const bank = value.bankAccount
  return (
    oneOf(SALUTATIONS, value.salutation) &&
    isText(value.firstName) &&
    isText(value.lastName) &&
    isDate(value.dateOfBirth) &&
    isText(value.customerNumber) &&
    isText(value.email) &&
    (value.phone === null || isText(value.phone)) &&
    (value.address === null || isAddress(value.address)) &&
    (bank === null || (isRecord(bank) && isText(bank.ibanMasked) && isText(bank.accountHolder))) &&
    oneOf(LOCALES, preferences.locale) &&
    typeof preferences.paperless === 'boolean' &&
    typeof preferences.marketingConsent === 'boolean' &&
    typeof value.activated === 'boolean'
  )
}

// A strong entity tag (RFC 9110 §8.8.3): anything else is not sent back.
const STRONG_ETAG = /^"[\x21\x23-\x7e]{1,200}"$/

function snapshotOf(response: AxiosResponse<unknown>, call: string): ProfileSnapshot {
  const data = response.data
  if (!isRecord(data) || !isProfileCustomer(data.customer)) throw unexpected(call)
  const etag = AxiosHeaders.from(response.headers as AxiosHeaders).get('etag')
  return {
    customer: data.customer,
    etag: typeof etag === 'string' && STRONG_ETAG.test(etag) ? etag : null,
  }
}

function ifMatch(etag: string | null): { headers: Record<string, string> } | undefined {
  return etag ? { headers: { 'If-Match': etag } } : undefined
}

/** GET /me: the profile and its ETag. */
export async function getProfile(): Promise<ProfileSnapshot> {
  return snapshotOf(await apiClient.get<unknown>('/me'), 'GET /me')
}

/** PATCH /me with If-Match; rejects with 412 when the profile changed since `etag`. */
export async function updateProfile(
  patch: ProfilePatch,
  etag: string | null,
): Promise<ProfileSnapshot> {
  return snapshotOf(await apiClient.patch<unknown>('/me', patch, ifMatch(etag)), 'PATCH /me')
}

/** PUT /me/bank-account with If-Match; rejects with 403 invalid_credentials, 412, 429. */
export async function changeBankAccount(
  request: BankAccountRequest,
  etag: string | null,
): Promise<ProfileSnapshot> {
  return snapshotOf(
    await apiClient.put<unknown>('/me/bank-account', request, ifMatch(etag)),
    'PUT /me/bank-account',
  )
}

/** POST /me/email-change: a link goes to the new address (202); nothing changes before it is opened. */
export async function requestEmailChange(
  request: EmailChangeRequest,
): Promise<EmailChangeAccepted> {
  const { data } = await apiClient.post<unknown>('/me/email-change', request)
  if (!isRecord(data) || data.status !== 'confirmation_sent' || !isText(data.expiresAt))
    throw unexpected('POST /me/email-change')
  return { status: 'confirmation_sent', expiresAt: data.expiresAt }
}

/** POST /me/email-change/confirm with the link's token (no session needed); every session ends. */
export async function confirmEmailChange(token: string): Promise<EmailChangeResult> {
  const { data } = await apiClient.post<unknown>('/me/email-change/confirm', { token })
  if (!isRecord(data) || data.status !== 'email_changed' || !isText(data.email))
    throw unexpected('POST /me/email-change/confirm')
  return { status: 'email_changed', email: data.email }
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
