/**
 * The error state of a profile form: useFormErrors for when fields are checked
 * (on blur, on submit, while correcting), with messages of the profile's own
 * (`profile.fieldErrors.<field>.<reason>`), in the current language and with
 * their parameters (the country's example postal code, an IBAN's length …).
 * The server's `fields` land on the same fields, dotted paths included.
 */
import { reactive, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { FIELD_REASONS, toUserError, type UserError } from '../api/errors.ts'
import { fieldReasonsOf } from '../api/profile.ts'
import { useFormErrors, type FieldSpec, type FormErrors } from '../composables/use-form.ts'
import { useLockWarning } from '../composables/use-lock-warning.ts'
import type { ProfileProblem } from './profile-checks.ts'

/** The profile fields with messages of their own, and the reasons each has one for. */
export const PROFILE_FIELD_MESSAGES = {
  phone: ['required', 'invalid_format', 'too_short', 'too_long', 'invalid_value'],
  street: ['required', 'too_long', 'invalid_format'],
  houseNumber: ['required', 'too_long', 'invalid_format'],
  postalCode: ['required', 'invalid_format'],
  city: ['required', 'too_long', 'invalid_format'],
  country: ['invalid_value'],
  iban: ['required', 'invalid_format', 'not_sepa', 'invalid_length', 'invalid_checksum'],
  accountHolder: ['required', 'too_long', 'invalid_characters'],
  sepaMandateAccepted: ['required', 'invalid_value'],
  password: ['required', 'invalid_credentials'],
  newEmail: ['required', 'invalid_format', 'too_long', 'invalid_value'],
  code: ['required', 'invalid_format', 'invalid_code'],
} as const satisfies Record<string, readonly ProfileProblem[]>

export type ProfileField = keyof typeof PROFILE_FIELD_MESSAGES

/** The i18n key of a field's reason: its own message, else the general one for the reason. */
export function profileFieldMessageKey(field: ProfileField, reason: string): string {
  const own: readonly string[] = PROFILE_FIELD_MESSAGES[field]
  if (own.includes(reason)) return `profile.fieldErrors.${field}.${reason}`
  return (FIELD_REASONS as readonly string[]).includes(reason)
    ? `fieldErrors.${reason}`
    : 'fieldErrors.invalid_value'
}

export interface ProfileFieldSpec {
  /** The value(s) to watch: a change re-checks a field that shows an error. */
  value: () => unknown
  check: () => ProfileProblem | null
}

export type MessageParams = Record<string, string | number>

export interface ProfileForm<F extends ProfileField> {
  /** When fields were checked and whether the form was submitted with errors. */
  readonly form: FormErrors<F>
  /** The error text of a field in the current language, or null. */
  text(field: F): string | null
  /** Checks one field (on blur). */
  touch(field: F): void
  /** Checks every field; true when all are fine. */
  validate(): boolean
  /**
   * Sets one field's problem from the server's answer (a wrong password, with the
   * attempts left before the lock when the answer says them).
   */
  setProblem(field: F, problem: ProfileProblem, attemptsLeft?: number | null): void
  /**
   * Shows the server's reasons (`{"address.postalCode": "invalid_format"}`) at
   * their fields; `paths` maps the API's field names to the form's. true when
   * one of them was for this form.
   */
  applyServerReasons(reasons: Readonly<Record<string, string>>, paths?: Record<string, F>): boolean
  /** Forgets every error (the form was filled afresh). */
  reset(): void
}

/** Creates the error state of a profile form; `params` gives a field's message parameters. */
export function useProfileForm<F extends ProfileField>(
  specs: Record<F, ProfileFieldSpec>,
  params: (field: F) => MessageParams = () => ({}),
): ProfileForm<F> {
  const { t } = useI18n()
  const lockWarning = useLockWarning()
  const names = Object.keys(specs) as F[]
  const form = useFormErrors<F>(specs as Record<F, FieldSpec>)
  // The server's reason per field, until the customer changes that field.
  const server = reactive<Partial<Record<ProfileField, string | null>>>({})
  // A wrong password's attempts left before the lock, shown with its message.
  const attempts = reactive<Partial<Record<ProfileField, number | null>>>({})
  for (const name of names) {
    watch(specs[name].value, () => {
      server[name] = null
    })
  }

  function reason(field: F): string | null {
    const key = form.errors[field]
    if (key === null) return null
    return server[field] ?? specs[field].check() ?? key.split('.').pop() ?? null
  }

  return {
    form,
    text(field) {
      const current = reason(field)
      if (!current) return null
      const message = t(profileFieldMessageKey(field, current), params(field))
      return current === 'invalid_credentials' ||
        (current === 'invalid_code' && attempts[field] !== undefined && attempts[field] !== null)
        ? `${message} ${lockWarning(attempts[field] ?? null)}`
        : message
    },
    touch: (field) => form.touch(field),
    validate: () => form.validate(),
    setProblem(field, problem, attemptsLeft = null) {
      server[field] = problem
      attempts[field] = attemptsLeft
      form.setProblem(field, problem)
    },
    applyServerReasons(reasons, paths = {}) {
      const keys: Record<string, string> = {}
      for (const [path, serverReason] of Object.entries(reasons)) {
        const field = (paths[path] ?? path) as F
        if (!names.includes(field)) continue
        server[field] = serverReason
        keys[field] = profileFieldMessageKey(field, serverReason)
      }
      return form.applyServerErrors(keys)
    },
    reset() {
      for (const name of names) server[name] = null
      form.reset()
    },
  }
}

/** How a failed change is shown: at its fields, as "changed elsewhere", or as the form's error. */
export interface ChangeFailure {
  /** 412: the store loaded the current state; the form should show it. */
  stale: boolean
  /** The error for the form as a whole; null when the fields (or `stale`) say it. */
  error: UserError | null
}

/**
 * Sorts a change's rejection: 412 is `stale`; a wrong password lands on
 * `passwordField`, a wrong second-factor code on `codeField` (with the attempts left); the server's field reasons on their fields; anything else
 * is the form's error.
 */
export function changeFailure<F extends ProfileField>(
  caught: unknown,
  fields: ProfileForm<F>,
  paths: Record<string, F> = {},
  passwordField?: F,
  codeField?: F,
): ChangeFailure {
  const error = toUserError(caught)
  if (error.code === 'precondition_failed') return { stale: true, error: null }
  if (error.code === 'invalid_credentials' && passwordField) {
    fields.setProblem(passwordField, 'invalid_credentials', error.attemptsLeft)
    return { stale: false, error: null }
  }
  if (error.code === 'invalid_code' && codeField) {
    fields.setProblem(codeField, 'invalid_code', error.attemptsLeft)
    return { stale: false, error: null }
  }
  if (
    error.code === 'validation_failed' &&
    fields.applyServerReasons(fieldReasonsOf(caught), paths)
  )
    return { stale: false, error: null }
  return { stale: false, error }
}
