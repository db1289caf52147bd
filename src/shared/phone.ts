/**
 * Phone numbers by the numbering plan of every country: libphonenumber-js with its
 * complete ('max') metadata, which knows each country's possible lengths and the
 * patterns of its number types (mobile, fixed line, toll-free …). The backend
 * checks PATCH /me with it; the renderer loads it only with the profile page (a
 * lazy chunk), to check the phone dialog as the backend will and to show numbers.
 *
 * Numbers are stored in E.164 and shown in the international format
 * (`+43 664 1234567`), the same on the profile page and in the dialog, whatever
 * the country: one form that also works when the customer is abroad.
 */
import {
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max'
import { COUNTRIES, PHONE_INPUT_MAX_LENGTH, type CountryCode } from './api/profile.ts'

/** E.164 allows at most this many digits, the country calling code included. */
const E164_MAX_DIGITS = 15

/**
 * Why a phone number is refused (api.md "Profile"): `required` (empty),
 * `invalid_format` (not a number, no area code, or none the plan has),
 * `too_short` (digits missing), `too_long` (digits too many), `invalid_value`
 * (a service number: toll-free, premium rate, shared cost, pager, voicemail).
 */
export type PhoneProblem =
  'required' | 'invalid_format' | 'too_short' | 'too_long' | 'invalid_value'

export type PhoneCheck = { ok: true; e164: string } | { ok: false; problem: PhoneProblem }

/** Numbers that reach a service, not the customer: the bank cannot call them back there. */
const SERVICE_TYPES: ReadonlySet<NumberType> = new Set<NumberType>([
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'PAGER',
  'VOICEMAIL',
])

/** What a number may contain besides digits (and a leading + or 00). */
const SEPARATORS = /[\s\-./()]/g

/**
 * Digits appended to an incomplete number to see whether it could become a valid
 * one (then digits are missing): each digit repeated, and the runs 0123… and 9876…
 * from each digit, so that a pattern's ranges are met whatever they ask for.
 */
const FILLS: readonly string[] = Array.from({ length: 10 }, (_, digit) => [
  String(digit).repeat(E164_MAX_DIGITS),
  Array.from({ length: E164_MAX_DIGITS }, (_, i) => (digit + i) % 10).join(''),
  Array.from({ length: E164_MAX_DIGITS }, (_, i) => (digit + 10 - (i % 10)) % 10).join(''),
]).flat()

/** The number libphonenumber-js reads from `digits` (`+…` or national), or its reason why not. */
function parse(digits: string, homeCountry: CountryCode): PhoneNumber | PhoneProblem {
  try {
    return parsePhoneNumberWithError(digits, { defaultCountry: homeCountry })
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    if (error.message === 'TOO_SHORT') return 'too_short'
    if (error.message === 'TOO_LONG') return 'too_long'
    // NOT_A_NUMBER, INVALID_COUNTRY (an unknown country calling code).
    return 'invalid_format'
  }
}

function isValid(digits: string, homeCountry: CountryCode): boolean {
  const number = parse(digits, homeCountry)
  return typeof number !== 'string' && number.isValid()
}

/**
 * Why a number that is no valid one is refused. The plan's own length check first
 * (shorter or longer than any number of the country); within those bounds a number
 * whose type asks for more or fewer digits ("0664 12": a mobile number needs seven
 * digits or more after 664) is told apart by trying: more digits that would make it
 * valid mean digits are missing, fewer that would mean too many were typed.
 */
function problemOf(number: PhoneNumber, digits: string, homeCountry: CountryCode): PhoneProblem {
  const length = validatePhoneNumberLength(digits, { defaultCountry: homeCountry })
  if (length === 'TOO_SHORT') return 'too_short'
  if (length === 'TOO_LONG') return 'too_long'
  const room = E164_MAX_DIGITS - number.countryCallingCode.length - number.nationalNumber.length
  for (let extra = 1; extra <= room; extra++) {
    if (FILLS.some((fill) => isValid(digits + fill.slice(0, extra), homeCountry))) {
      return 'too_short'
    }
  }
  for (let fewer = 1; fewer < number.nationalNumber.length; fewer++) {
    if (isValid(digits.slice(0, -fewer), homeCountry)) return 'too_long'
  }
  return 'invalid_format'
}

/**
 * A phone number as customers write it, checked by the numbering plan: in E.164
 * (`+436641234567`), or why not. International forms (`+43 664 1234567`,
 * `0043 664 …`, `+43 (0)664 …`, `+43 0664 …`) and the national form of
 * `homeCountry`, the country of the address (`0664 1234567`, `0664/123 45 67`),
 * are understood; spaces, dashes, dots, slashes and brackets do not matter. A
 * national number needs its trunk prefix (the area or network code with its 0):
 * "123 4567" is a local number without one. Numbers of any country are checked
 * for their length and type; service numbers are refused (`invalid_value`).
 */
export function checkPhoneNumber(input: string, homeCountry: CountryCode = 'AT'): PhoneCheck {
  const text = input.trim()
  if (text === '') return { ok: false, problem: 'required' }
  if (text.length > PHONE_INPUT_MAX_LENGTH) return { ok: false, problem: 'too_long' }
  const international = /^(\+|00)/.test(text)
  // "+43 (0)664 …": the bracketed trunk prefix is for callers at home.
  const compact = (international ? text.replace(/\(0\)/g, '') : text).replace(SEPARATORS, '')
  if (!/^(\+|00)?\d+$/.test(compact)) return { ok: false, problem: 'invalid_format' }
  const trunkPrefix = COUNTRIES[homeCountry].trunkPrefix
  if (!international && !compact.startsWith(trunkPrefix)) {
    return { ok: false, problem: 'invalid_format' }
  }
  const digits = international ? `+${compact.replace(/^(\+|00)/, '')}` : compact
  const number = parse(digits, homeCountry)
  if (typeof number === 'string') return { ok: false, problem: number }
  if (!number.isValid()) return { ok: false, problem: problemOf(number, digits, homeCountry) }
  const type = number.getType()
  if (type !== undefined && SERVICE_TYPES.has(type)) return { ok: false, problem: 'invalid_value' }
  return { ok: true, e164: number.number }
}

/**
 * A stored number (E.164) written for people, in the international format of its
 * country's plan: `+436641234567` → `+43 664 1234567`, `+41446681800` →
 * `+41 44 668 18 00`. Anything that is not E.164 is shown as it is.
 */
export function formatPhoneNumber(e164: string): string {
  if (!/^\+[1-9]\d{1,14}$/.test(e164)) return e164
  const number = parse(e164, 'AT')
  return typeof number === 'string' ? e164 : number.formatInternational()
}
