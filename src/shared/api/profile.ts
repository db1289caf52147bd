/**
 * The profile (api.md "Profile"): GET/PATCH /me, the e-mail change and the
 * bank account. The JSON schemas are used by the backend's routes; the types
 * and the rules (postal codes per country, addresses) by the backend and, for
 * inline validation, by the renderer. Phone numbers: src/shared/phone.ts.
 */
import type { FieldReason } from '../errors.ts'
import type { IbanProblem } from '../iban.ts'
import { checkName, NAME_MAX_LENGTH } from '../names.ts'
import {
  emailOnlyRequestSchema,
  LOCALES,
  SALUTATIONS,
  type Locale,
  type Salutation,
} from './auth.ts'
import {
  CUSTOMER_NUMBER_PATTERN,
  dateSchema,
  emailSchema,
  IBAN_MASKED_PATTERN,
  instantSchema,
} from './limits.ts'

export interface Address {
  street: string
  houseNumber: string
  postalCode: string
  /** ISO 3166-1 alpha-2, one of SUPPORTED_COUNTRIES. */
  country: string
  city: string
}

export interface Preferences {
  locale: Locale
  /** Correspondence only in the postbox, no paper copies. */
  paperless: boolean
  marketingConsent: boolean
}

export interface BankAccount {
  /** `AT61 **** **** **** 3201`: the full IBAN never leaves the backend. */
  ibanMasked: string
  accountHolder: string
}

/** `customer` of GET /me, PATCH /me and PUT /me/bank-account. */
export interface ProfileCustomer {
  salutation: Salutation
  firstName: string
  lastName: string
  dateOfBirth: string
  customerNumber: string
  email: string
  /** E.164 (`+436641234567`); null when none is on file or before activation. */
  phone: string | null
  /** null before activation (and for an account matched to no customer record). */
  address: Address | null
  bankAccount: BankAccount | null
  preferences: Preferences
  activated: boolean
}

export interface ProfileAnswer {
  customer: ProfileCustomer
}

/** PATCH /me: at least one of them; `phone: null` removes the number. */
export interface ProfilePatch {
  phone?: string | null
  address?: Address
  preferences?: Partial<Preferences>
  /** Required with `address`: the password confirms an address change. */
  password?: string
}

export interface EmailChangeRequest {
  newEmail: string
  password: string
}

/** POST /me/email-change: the same answer whether or not the new address has an account. */
export interface EmailChangeAccepted {
  status: 'confirmation_sent'
  /** Until then the link works. */
  expiresAt: string
}

export interface EmailChangeResult {
  status: 'email_changed'
  /** The new address: sign in with it (every session was ended). */
  email: string
}

export interface BankAccountRequest {
  iban: string
  accountHolder: string
  sepaMandateAccepted: true
  password: string
}

/** Reason codes of `fields` in profile answers: the general ones plus the IBAN's. */
export type ProfileFieldReason = FieldReason | IbanProblem

/** The account holder is a name (src/shared/names.ts), within SEPA's 70 characters. */
export const ACCOUNT_HOLDER_MAX_LENGTH = NAME_MAX_LENGTH
export const STREET_MAX_LENGTH = 100
export const HOUSE_NUMBER_MAX_LENGTH = 20
export const CITY_MAX_LENGTH = 80
/** An e-mail change link is valid this long. */
export const EMAIL_CHANGE_LINK_HOURS = 24
/** At most this many address changes per customer in any 24 hours. */
export const ADDRESS_CHANGES_PER_DAY = 5
/** A phone number as typed (with spaces and brackets), before src/shared/phone.ts reads it. */
export const PHONE_INPUT_MAX_LENGTH = 40

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

/** The account holder by the name rule (trimmed, inner spaces as one), or why not. */
export function checkAccountHolder(
  input: string,
): { ok: true; accountHolder: string } | { ok: false; reason: FieldReason } {
  const checked = checkName(input)
  return checked.ok ? { ok: true, accountHolder: checked.name } : checked
}

const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const

const addressProperties = {
  street: { type: 'string', maxLength: STREET_MAX_LENGTH },
  houseNumber: { type: 'string', maxLength: HOUSE_NUMBER_MAX_LENGTH },
  postalCode: {
    type: 'string',
    maxLength: 20,
    description: 'Checked per country (AT, CH: 4 digits; DE, IT: 5 digits …)',
  },
  city: { type: 'string', maxLength: CITY_MAX_LENGTH },
  country: {
    type: 'string',
    maxLength: 2,
    description: `ISO 3166-1 alpha-2, one of ${SUPPORTED_COUNTRIES.join(', ')}`,
  },
} as const

const addressSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['street', 'houseNumber', 'postalCode', 'city', 'country'],
  properties: addressProperties,
} as const

const preferencesProperties = {
  locale: { type: 'string', enum: LOCALES },
  paperless: { type: 'boolean' },
  marketingConsent: { type: 'boolean' },
} as const

export const profileCustomerSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'salutation',
    'firstName',
    'lastName',
    'dateOfBirth',
    'customerNumber',
    'email',
    'phone',
    'address',
    'bankAccount',
    'preferences',
    'activated',
  ],
  properties: {
    salutation: { type: 'string', enum: SALUTATIONS },
    firstName: { type: 'string', maxLength: NAME_MAX_LENGTH },
    lastName: { type: 'string', maxLength: NAME_MAX_LENGTH },
    dateOfBirth: dateSchema,
    customerNumber: { type: 'string', maxLength: 20, pattern: CUSTOMER_NUMBER_PATTERN },
    email: emailSchema,
    phone: nullable({
      type: 'string',
      maxLength: 16,
      pattern: '^\\+[1-9][0-9]{1,14}$',
      description: 'E.164',
    }),
    address: nullable(addressSchema),
    bankAccount: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['ibanMasked', 'accountHolder'],
      properties: {
        ibanMasked: { type: 'string', maxLength: 50, pattern: IBAN_MASKED_PATTERN },
        accountHolder: { type: 'string', maxLength: ACCOUNT_HOLDER_MAX_LENGTH },
      },
    }),
    preferences: {
      type: 'object',
      additionalProperties: false,
      required: ['locale', 'paperless', 'marketingConsent'],
      properties: preferencesProperties,
    },
    activated: { type: 'boolean' },
  },
} as const

export const profileAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customer'],
  properties: { customer: profileCustomerSchema },
} as const

export const profilePatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    phone: nullable({
      type: 'string',
      maxLength: PHONE_INPUT_MAX_LENGTH,
      description:
        'As customers write it (0664 1234567, +43 664 1234567, 0043 …); checked by the numbering plan of its country (length, type), stored in E.164',
    }),
    address: addressSchema,
    preferences: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: preferencesProperties,
    },
    password: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      description:
        'Required with address (password: required): the password confirms an address change',
    },
  },
} as const

export const emailChangeRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['newEmail', 'password'],
  properties: {
    newEmail: emailOnlyRequestSchema.properties.email,
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const

export const emailChangeAcceptedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'expiresAt'],
  properties: {
    status: { type: 'string', enum: ['confirmation_sent'] },
    expiresAt: instantSchema,
  },
} as const

export const emailChangeResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'email'],
  properties: {
    status: { type: 'string', enum: ['email_changed'] },
    email: emailSchema,
  },
} as const

export const bankAccountRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['iban', 'accountHolder', 'sepaMandateAccepted', 'password'],
  properties: {
    iban: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'Spaces and lower case are accepted; a SEPA country, its length, mod-97',
    },
    accountHolder: {
      type: 'string',
      maxLength: 200,
      description: `A name: letters of any script, spaces, - ' and .; 1–${ACCOUNT_HOLDER_MAX_LENGTH} characters after trimming`,
    },
    sepaMandateAccepted: { type: 'boolean', const: true },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const
