/** Errors a service raises on purpose: they become the API's error answers. */
import type { ApiErrorCode, FieldReason } from '../shared/errors.ts'

/** An error with an HTTP status and a stable code (api.md's error format). */
export class ApiError extends Error {
  readonly status: number
  readonly code: ApiErrorCode
  readonly fields?: Record<string, FieldReason>
  readonly headers?: Record<string, string>
  /** Why a request was refused, for the app to explain (409 not_eligible). */
  readonly reason?: string
  /** Wrong passwords (401/403 invalid_credentials) or activation codes still possible before the lock. */
  readonly attemptsLeft?: number
  /** The address a link was sent to, for its holder (410 link_expired of a reset link's check). */
  readonly email?: string

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    extra: {
      fields?: Record<string, FieldReason>
      headers?: Record<string, string>
      reason?: string
      attemptsLeft?: number
      email?: string
    } = {},
  ) {
    super(message)
    this.status = status
    this.code = code
    if (extra.fields) this.fields = extra.fields
    if (extra.headers) this.headers = extra.headers
    if (extra.reason) this.reason = extra.reason
    if (extra.attemptsLeft !== undefined) this.attemptsLeft = extra.attemptsLeft
    if (extra.email !== undefined) this.email = extra.email
  }
}

/** 400 validation_failed naming the fields. */
export function validationFailed(fields: Record<string, FieldReason>): ApiError {
  return new ApiError(400, 'validation_failed', 'Some fields are not valid.', { fields })
}

/** 429 rate_limited with Retry-After. */
export function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError(429, 'rate_limited', 'Too many attempts. Please try again later.', {
    headers: { 'retry-after': String(retryAfterSeconds) },
  })
}

/** 400 link_invalid: a link unknown, malformed or used (the answer does not say which). */
export function linkInvalid(): ApiError {
  return new ApiError(400, 'link_invalid', 'The link is not valid.')
}

/** 410 link_expired saying what to do now; with the address a reset link was sent to. */
export function linkExpired(message: string, email?: string): ApiError {
  return new ApiError(410, 'link_expired', message, email === undefined ? {} : { email })
}

/** 423 account_locked: three wrong passwords; only a password reset unlocks the account. */
export function accountLocked(): ApiError {
  return new ApiError(
    423,
    'account_locked',
    'The account is locked after three wrong passwords. Request a new password to unlock it.',
  )
}
