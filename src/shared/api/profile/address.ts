/**
 * A customer's postal address (api.md "Profile"): its schema, the countries an
 * address may be in with their postal-code rules, and the check the backend
 * applies and the renderer repeats for inline hints.
 */
import { Type, type Static } from 'typebox'
import type { FieldReason } from '../../errors.ts'
import type { Locale } from '../auth.ts'
import { closedObject } from '../limits.ts'

export const STREET_MAX_LENGTH = 100
export const HOUSE_NUMBER_MAX_LENGTH = 20
export const CITY_MAX_LENGTH = 80

interface CountryRules {
  name: Record<Locale, string>
  /**
   * Dialled before a national number at home ('0'; Hungary '06'; '' for none): a
   * national phone number must start with it (src/shared/phone.ts).
   */
  trunkPrefix: string
  /** The postal code in its normalised form. */
  postalCode: RegExp
  /** How a customer may type it (before `normalisePostalCode`), shown in hints. */
  postalCodeExample: string
}

/** The countries an address may be in (the bank's market and its neighbours). */
export const COUNTRIES = {
  AT: {
    name: { de: 'Österreich', en: 'Austria' },
    trunkPrefix: '0',
    postalCode: /^[1-9]\d{3}$/,
    postalCodeExample: '5020',
  },
  DE: {
    name: { de: 'Deutschland', en: 'Germany' },
    trunkPrefix: '0',
    postalCode: /^(?!00)\d{5}$/,
    postalCodeExample: '80331',
  },
  CH: {
    name: { de: 'Schweiz', en: 'Switzerland' },
    trunkPrefix: '0',
    postalCode: /^[1-9]\d{3}$/,
    postalCodeExample: '8001',
  },
  LI: {
    name: { de: 'Liechtenstein', en: 'Liechtenstein' },
    trunkPrefix: '',
    postalCode: /^94(?:8[5-9]|9[0-8])$/,
    postalCodeExample: '9490',
  },
  IT: {
    name: { de: 'Italien', en: 'Italy' },
    // Italian numbers keep their leading 0 internationally.
    trunkPrefix: '',
    postalCode: /^\d{5}$/,
    postalCodeExample: '39100',
  },
  SI: {
    name: { de: 'Slowenien', en: 'Slovenia' },
    trunkPrefix: '0',
    postalCode: /^[1-9]\d{3}$/,
    postalCodeExample: '1000',
  },
  HU: {
    name: { de: 'Ungarn', en: 'Hungary' },
    trunkPrefix: '06',
    postalCode: /^[1-9]\d{3}$/,
    postalCodeExample: '1051',
  },
  CZ: {
    name: { de: 'Tschechien', en: 'Czechia' },
    trunkPrefix: '',
    postalCode: /^[1-7]\d{2} \d{2}$/,
    postalCodeExample: '110 00',
  },
  SK: {
    name: { de: 'Slowakei', en: 'Slovakia' },
    trunkPrefix: '0',
    postalCode: /^[089]\d{2} \d{2}$/,
    postalCodeExample: '811 01',
  },
  FR: {
    name: { de: 'Frankreich', en: 'France' },
    trunkPrefix: '0',
    postalCode: /^(?!00)\d{5}$/,
    postalCodeExample: '75001',
  },
  BE: {
    name: { de: 'Belgien', en: 'Belgium' },
    trunkPrefix: '0',
    postalCode: /^[1-9]\d{3}$/,
    postalCodeExample: '1000',
  },
  NL: {
    name: { de: 'Niederlande', en: 'Netherlands' },
    trunkPrefix: '0',
    postalCode: /^[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}$/,
    postalCodeExample: '1012 AB',
  },
  LU: {
    name: { de: 'Luxemburg', en: 'Luxembourg' },
    trunkPrefix: '',
    postalCode: /^\d{4}$/,
    postalCodeExample: '1009',
  },
  PL: {
    name: { de: 'Polen', en: 'Poland' },
    trunkPrefix: '',
    postalCode: /^\d{2}-\d{3}$/,
    postalCodeExample: '00-950',
  },
} as const satisfies Record<string, CountryRules>

export type CountryCode = keyof typeof COUNTRIES
export const SUPPORTED_COUNTRIES = Object.keys(COUNTRIES) as CountryCode[]

/** An address, in answers and in `PATCH /me`. */
export const addressSchema = closedObject({
  street: Type.String({ maxLength: STREET_MAX_LENGTH }),
  houseNumber: Type.String({ maxLength: HOUSE_NUMBER_MAX_LENGTH }),
  postalCode: Type.String({
    maxLength: 20,
    description: 'Checked per country (AT, CH: 4 digits; DE, IT: 5 digits …)',
  }),
  city: Type.String({ maxLength: CITY_MAX_LENGTH }),
  country: Type.String({
    maxLength: 2,
    description: `ISO 3166-1 alpha-2, one of ${SUPPORTED_COUNTRIES.join(', ')}`,
  }),
})
export type Address = Static<typeof addressSchema>

/** true for a country an address may be in. */
export function isSupportedCountry(code: string): code is CountryCode {
  return Object.hasOwn(COUNTRIES, code)
}

/**
 * A postal code as typed, in the country's written form (`1234ab` → `1234 AB`
 * in the Netherlands, `11000` → `110 00` in Czechia, `L-1009` → `1009`), or
 * null when it is not one of that country's codes.
 */
export function normalisePostalCode(country: CountryCode, input: string): string | null {
  let code = input.trim().toUpperCase().replace(/\s+/g, ' ')
  if (country === 'CZ' || country === 'SK') code = code.replace(/^(\d{3}) ?(\d{2})$/, '$1 $2')
  if (country === 'NL') code = code.replace(/^(\d{4}) ?([A-Z]{2})$/, '$1 $2')
  if (country === 'PL') code = code.replace(/^(\d{2})-?(\d{3})$/, '$1-$2')
  if (country === 'LU') code = code.replace(/^L-?/, '')
  return COUNTRIES[country].postalCode.test(code) ? code : null
}

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/**
 * Checks and normalises an address (parts trimmed, the country upper-cased,
 * the postal code in its written form). Problems are keyed by dotted field
 * name (`address.postalCode`), as api.md's `fields`.
 */
export function checkAddress(
  input: Address,
): { ok: true; address: Address } | { ok: false; fields: Record<string, FieldReason> } {
  const fields: Record<string, FieldReason> = {}
  const text = (key: 'street' | 'houseNumber' | 'city', max: number): string => {
    const value = input[key].trim()
    if (!value) fields[`address.${key}`] = 'required'
    else if (value.length > max) fields[`address.${key}`] = 'too_long'
    else if (CONTROL_CHARACTERS.test(value)) fields[`address.${key}`] = 'invalid_format'
    return value
  }
  const street = text('street', STREET_MAX_LENGTH)
  const houseNumber = text('houseNumber', HOUSE_NUMBER_MAX_LENGTH)
  const city = text('city', CITY_MAX_LENGTH)
  const country = input.country.trim().toUpperCase()
  let postalCode: string | null = null
  if (!isSupportedCountry(country)) {
    fields['address.country'] = 'invalid_value'
  } else {
    postalCode = normalisePostalCode(country, input.postalCode)
    if (!input.postalCode.trim()) fields['address.postalCode'] = 'required'
    else if (postalCode === null) fields['address.postalCode'] = 'invalid_format'
  }
  if (Object.keys(fields).length > 0 || postalCode === null) return { ok: false, fields }
  return { ok: true, address: { street, houseNumber, postalCode, city, country } }
}
