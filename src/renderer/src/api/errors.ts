/**
 * The one place that turns a failed API call into something the UI can say:
 * an i18n message key (`errors.<code>`, `errors.network`, `errors.timeout`,
 * `errors.unexpected`) and, for forms, a message key per invalid field.
 */
import axios from 'axios'
import {
  API_ERROR_CODES,
  isApiErrorBody,
  type ApiErrorCode,
  type FieldReason,
} from '../../../shared/errors.ts'

export type UserErrorKind = 'api' | 'network' | 'timeout' | 'unexpected'

export const FIELD_REASONS = [
  'required',
  'unknown_property',
  'invalid_type',
  'invalid_format',
  'too_short',
  'too_long',
  'too_common',
  'contains_personal_data',
  'out_of_range',
  'invalid_value',
  'malformed_json',
  'invalid_characters',
  'same_as_current',
  'below_previous',
  'above_later',
  'in_future',
  'before_start',
  'after_end',
  'already_recorded',
] as const satisfies readonly FieldReason[]

export interface UserError {
  kind: UserErrorKind
  /** The API's stable code when the server answered with one. */
  code: ApiErrorCode | null
  /** HTTP status, when there was an answer. */
  status: number | null
  /** i18n key of the message to show. */
  messageKey: string
  /** Field path (`email`, `address.postalCode`) → i18n key of its message; only for validation_failed. */
  fields: Readonly<Record<string, string>>
  /** Seconds to wait before trying again (429 with Retry-After). */
  retryAfterSeconds: number | null
  /** Wrong passwords or activation codes still possible before the lock; null when not said. */
  attemptsLeft: number | null
}

function isApiErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code)
}

function isFieldReason(reason: unknown): reason is FieldReason {
  return typeof reason === 'string' && (FIELD_REASONS as readonly string[]).includes(reason)
}

/**
 * Fields whose messages say exactly what to do (`fieldErrors.<group>.<reason>`),
 * and the reasons each has a message for. The app's own checks use the same
 * messages, plus reasons only the app finds (`future`, `underage`, `mismatch`).
 */
export const FIELD_MESSAGES = {
  email: ['required', 'invalid_format', 'too_long'],
  password: [
    'required',
    'too_short',
    'too_long',
    'too_common',
    'contains_personal_data',
    'same_as_current',
  ],
  currentPassword: ['required', 'invalid_credentials'],
  passwordRepeat: ['required', 'mismatch'],
  firstName: ['required', 'too_long', 'invalid_characters'],
  lastName: ['required', 'too_long', 'invalid_characters'],
  dateOfBirth: ['required', 'incomplete', 'invalid_format', 'out_of_range', 'future', 'underage'],
  customerNumber: ['required', 'invalid_format', 'too_long'],
  salutation: ['invalid_value'],
  acceptTerms: ['required', 'invalid_value'],
  code: ['required', 'too_short', 'invalid_format', 'invalid_value'],
  totpCode: ['required', 'invalid_format', 'invalid_code'],
  recoveryCode: ['required', 'invalid_format', 'invalid_code'],
} as const satisfies Record<string, readonly string[]>

export type FieldGroup = keyof typeof FIELD_MESSAGES
/**
 * Reasons only the app's own checks find that every field of their kind shares:
 * `incomplete`, a date without day, month and a four-digit year.
 */
const APP_REASONS = ['incomplete'] as const

/** A reason a field can be invalid: the API's, or one the app's own checks find. */
export type FieldProblem =
  | FieldReason
  | (typeof APP_REASONS)[number]
  | 'future'
  | 'underage'
  | 'mismatch'
  | 'invalid_credentials'
  | 'invalid_code'

/** Request fields that share a group's messages (e.g. the new password of a reset). */
const FIELD_ALIASES: Readonly<Record<string, FieldGroup>> = { newPassword: 'password' }

function groupOf(field: string | undefined): FieldGroup | null {
  if (field === undefined) return null
  if (field in FIELD_ALIASES) return FIELD_ALIASES[field] ?? null
  return field in FIELD_MESSAGES ? (field as FieldGroup) : null
}

/**
 * The i18n key of a field's reason code: the field's own message when it has
 * one, otherwise a generic one; an unknown reason gets a generic message.
 */
export function fieldMessageKey(reason: unknown, field?: string): string {
  const group = groupOf(field)
  if (group && typeof reason === 'string') {
    const known: readonly string[] = FIELD_MESSAGES[group]
    if (known.includes(reason)) return `fieldErrors.${group}.${reason}`
  }
  const known = isFieldReason(reason) || (APP_REASONS as readonly unknown[]).includes(reason)
  return `fieldErrors.${known ? String(reason) : 'invalid_value'}`
}

function parseAttemptsLeft(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null
}

function parseRetryAfter(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null
}

function userError(
  kind: UserErrorKind,
  messageKey: string,
  status: number | null = null,
): UserError {
  return {
    kind,
    code: null,
    status,
    messageKey,
    fields: {},
    retryAfterSeconds: null,
    attemptsLeft: null,
  }
}

/** Maps anything an API call can throw to the message the user sees. */
export function toUserError(error: unknown): UserError {
  if (!axios.isAxiosError(error)) return userError('unexpected', 'errors.unexpected')

  const response = error.response
  if (!response) {
    if (
      error.code === 'ETIMEDOUT' ||
      (error.code === 'ECONNABORTED' && /timeout/i.test(error.message))
    ) {
      return userError('timeout', 'errors.timeout')
    }
    if (error.code === 'ERR_NETWORK' || error.code === 'ECONNABORTED') {
      return userError('network', 'errors.network')
    }
    return userError('unexpected', 'errors.unexpected')
  }

  const body: unknown = response.data
  if (!isApiErrorBody(body) || !isApiErrorCode(body.error.code)) {
    return userError('unexpected', 'errors.unexpected', response.status)
  }

  const fields: Record<string, string> = {}
  for (const [field, reason] of Object.entries(body.error.fields ?? {})) {
    fields[field] = fieldMessageKey(reason, field)
  }
  const retryAfter: unknown = response.headers['retry-after']
  return {
    kind: 'api',
    code: body.error.code,
    status: response.status,
    messageKey: `errors.${body.error.code}`,
    fields,
    retryAfterSeconds: parseRetryAfter(retryAfter),
    attemptsLeft: parseAttemptsLeft(body.error.attemptsLeft),
  }
}
