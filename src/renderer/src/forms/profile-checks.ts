/**
 * The profile forms' own checks, before anything is sent: the backend's rules
 * from src/shared (addresses, phone numbers, IBANs, account holders), asked
 * field by field. Each answers the reason code the API would send, or null.
 */
import type { Locale } from '../../../shared/api/auth.ts'
import {
  checkAccountHolder,
  checkAddress,
  COUNTRIES,
  isSupportedCountry,
  type Address,
  type CountryCode,
  type ProfileFieldReason,
} from '../../../shared/api/profile.ts'
import { checkSepaIban, compactIban, SEPA_IBAN_LENGTHS } from '../../../shared/iban.ts'
// The numbering plans (libphonenumber-js): only the profile's lazy chunk imports this file.
import { checkPhoneNumber } from '../../../shared/phone.ts'
import { checkEmail, checkFilled } from './validators.ts'

/** What can be wrong with a profile field: the API's reasons, a wrong password or second-factor code. */
export type ProfileProblem = ProfileFieldReason | 'invalid_credentials' | 'invalid_code'

export type AddressPart = keyof Address

/** One part of an address, checked exactly as the backend checks the whole. */
export function checkAddressPart(address: Address, part: AddressPart): ProfileProblem | null {
  const checked = checkAddress(address)
  return checked.ok ? null : (checked.fields[`address.${part}`] ?? null)
}

/** The country national numbers are read in: the address's, Austria when unknown. */
export function homeCountryOf(address: Address | null): CountryCode {
  const country = address?.country.toUpperCase() ?? ''
  return isSupportedCountry(country) ? country : 'AT'
}

/**
 * A phone number as typed, by the numbering plan as the backend checks it. Empty
 * is fine when a number is on file (it is then removed), otherwise it is asked for.
 */
export function checkPhone(
  input: string,
  homeCountry: CountryCode,
  removable: boolean,
): ProfileProblem | null {
  if (input.trim() === '') return removable ? null : 'required'
  const checked = checkPhoneNumber(input, homeCountry)
  return checked.ok ? null : checked.problem
}

/** An IBAN as typed: its form, a SEPA country, that country's length, the check digits. */
export function checkIban(input: string): ProfileProblem | null {
  if (compactIban(input) === '') return 'required'
  const checked = checkSepaIban(input)
  return checked.ok ? null : checked.problem
}

/** The number of characters an IBAN of this one's country has; null outside SEPA. */
export function ibanLengthOf(input: string): number | null {
  return SEPA_IBAN_LENGTHS[compactIban(input).slice(0, 2)] ?? null
}

export function checkHolder(input: string): ProfileProblem | null {
  if (input.trim() === '') return 'required'
  const checked = checkAccountHolder(input)
  return checked.ok ? null : checked.reason
}

export function checkMandate(accepted: boolean): ProfileProblem | null {
  return accepted ? null : 'required'
}

export function checkPassword(input: string): ProfileProblem | null {
  return checkFilled(input) === null ? null : 'required'
}

/** A new sign-in address: a valid one, and not the current one. */
export function checkNewEmail(input: string, current: string): ProfileProblem | null {
  const problem = checkEmail(input)
  if (problem === 'required' || problem === 'too_long') return problem
  if (problem) return 'invalid_format'
  return input.trim().toLowerCase() === current.trim().toLowerCase() ? 'invalid_value' : null
}

/** A country's name in the language shown (the address countries' own, others from Intl). */
export function countryName(code: string, locale: Locale): string {
  const upper = code.toUpperCase()
  if (isSupportedCountry(upper)) return COUNTRIES[upper].name[locale]
  if (!/^[A-Z]{2}$/.test(upper)) return upper
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(upper) ?? upper
  } catch (error) {
    // An engine without region names: the code itself still says which country.
    console.warn('No name for the region code:', error)
    return upper
  }
}
