/**
 * The app's own checks of form fields, before anything is sent. Each answers a
 * reason code (the API's where there is one) or null; fieldMessageKey turns it
 * into the same message the server's answer would give.
 */
import { EMAIL_MAX_LENGTH, EMAIL_RULE } from '../../../shared/api/limits.ts'
import { checkCustomerNumber as checkNumber } from '../../../shared/customer-number.ts'
import { checkName as checkPersonName } from '../../../shared/names.ts'
import type { FieldProblem } from '../api/errors.ts'
import { readDate } from './date-input.ts'

/** The API's rule for an address (after trimming). */
const EMAIL_PATTERN = new RegExp(`^${EMAIL_RULE}$`)
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
/** Customers must be of age; the API refuses dates before this one. */
export const MINIMUM_AGE = 18
export const EARLIEST_BIRTH_DATE = '1900-01-01'

export function checkEmail(value: string): FieldProblem | null {
  const email = value.trim()
  if (email === '') return 'required'
  if (email.length > EMAIL_MAX_LENGTH) return 'too_long'
  return EMAIL_PATTERN.test(email) ? null : 'invalid_format'
}

/** A first or last name by the API's rule (src/shared/names.ts). */
export function checkName(value: string): FieldProblem | null {
  const checked = checkPersonName(value)
  return checked.ok ? null : checked.reason
}

/** A customer number by the API's rule (src/shared/customer-number.ts): nine digits. */
export function checkCustomerNumber(value: string): FieldProblem | null {
  const checked = checkNumber(value)
  return checked.ok ? null : checked.reason
}

/** A date as `YYYY-MM-DD` in local time (the customer's calendar day). */
export function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0')
  const day = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${month}-${day}`
}

/** true for `YYYY-MM-DD` naming a day that exists (no 31 April). */
export function isRealDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

/** The latest birth date of someone who is of age today. */
export function latestAdultBirthDate(today: Date): string {
  const [year, month, day] = isoDay(today).split('-')
  return `${Number(year) - MINIMUM_AGE}-${month}-${day}`
}

/**
 * A real date, not in the future, at least MINIMUM_AGE years ago. `value` is what
 * the date field holds: `YYYY-MM-DD`, or the text as typed when it is no date yet.
 */
export function checkDateOfBirth(value: string, today: Date = new Date()): FieldProblem | null {
  const reading = readDate(value)
  if (reading.state === 'empty') return 'required'
  if (reading.state === 'incomplete') return 'incomplete'
  if (reading.state === 'nonexistent' || !isRealDate(value)) return 'invalid_format'
  if (value > isoDay(today)) return 'future'
  if (value < EARLIEST_BIRTH_DATE) return 'out_of_range'
  return value > latestAdultBirthDate(today) ? 'underage' : null
}

export function checkFilled(value: string): FieldProblem | null {
  return value === '' ? 'required' : null
}

export function checkRepeat(repeat: string, password: string): FieldProblem | null {
  if (repeat === '') return 'required'
  return repeat === password ? null : 'mismatch'
}
