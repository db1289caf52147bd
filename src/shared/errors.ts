/** Stable error codes of the HTTP API (api.md). Messages are for people, codes for programs. */
export const API_ERROR_CODES = [
  'validation_failed',
  'not_found',
  'method_not_allowed',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'upstream_unavailable',
  'internal_error',
  // The gateway: a state-changing call from another site's page; the web preview's lock
  'origin_not_allowed',
  'preview_link_required',
  // Registration, sessions, passwords
  'invalid_credentials',
  'account_locked',
  'email_not_confirmed',
  'session_revoked',
  'link_expired',
  'link_invalid',
  // Activation
  'activation_required',
  'activation_code_invalid',
  'activation_code_expired',
  'activation_locked',
  // Profile and services
  'precondition_failed',
  'not_eligible',
  // Co-borrowers: a change asked for by a co-borrower (they read the contract only)
  'holder_only',
  'idempotency_key_reused',
  // Correspondence
  'range_not_satisfiable',
  // The second factor
  'invalid_code',
  'challenge_expired',
  'enrolment_not_found',
  'mfa_already_enabled',
  'mfa_not_enabled',
] as const

export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

/** Reason codes used in `error.fields` of a 400 validation_failed. */
export type FieldReason =
  | 'required'
  | 'unknown_property'
  | 'invalid_type'
  | 'invalid_format'
  | 'too_short'
  | 'too_long'
  | 'too_common'
  | 'contains_personal_data'
  | 'out_of_range'
  | 'invalid_value'
  | 'malformed_json'
  | 'invalid_checksum'
  | 'not_sepa'
  | 'invalid_length'
  /** A name with characters other than letters, spaces, `-`, `'` and `.` (src/shared/names.ts). */
  | 'invalid_characters'
  /** A new password that is the current one (PUT /me/password, a password reset). */
  | 'same_as_current'
  /** An odometer reading below an earlier one, above a later one (POST /contracts/{id}/mileage-readings). */
  | 'below_previous'
  | 'above_later'
  /** A reading's date after today, before the contract's start, after its end, or a day already read. */
  | 'in_future'
  | 'before_start'
  | 'after_end'
  | 'already_recorded'

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode
    message: string
    fields?: Record<string, FieldReason>
    /** Why a request was refused (409 not_eligible), a stable code. */
    reason?: string
    /** Wrong passwords (invalid_credentials) or activation codes (activation_code_invalid, activation_locked) still possible before the lock. */
    attemptsLeft?: number
    /** The address a reset link was sent to (410 link_expired of POST /password-resets/check). */
    email?: string
  }
}

/** Narrows an unknown JSON value to the API's error format. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}
