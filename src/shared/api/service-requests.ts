/**
 * Service requests (api.md "Service requests"): the catalogue of services with
 * a JSON schema of each type's `details`, the request and answer types, and
 * the route schemas. The catalogue's schemas carry what a form needs besides
 * the constraints, as `x-` annotations in German and English: `x-label`,
 * `x-help`, `x-enum-labels` (per value) and date bounds relative to today
 * (`x-min-days-from-today`, `x-max-days-from-today`, `x-max-months-from-today`,
 * `x-not-before` naming another field); `x-money`: an amount in cents, typed
 * and shown as money. Validation uses the same schemas without the annotations
 * (`stripAnnotations`). Asked for one contract (`GET /service-types?contractId`),
 * the schemas also carry that contract's concrete bounds as standard keywords
 * (`formatMinimum`/`formatMaximum` for dates, `maximum`, a narrowed `enum`).
 */
import type { Locale } from './auth.ts'
import type { ContractStatus, Product } from './contracts.ts'
import type { ApiErrorCode } from '../errors.ts'
import { CONTRACT_NUMBER_PATTERN, instantSchema, TITLE_MAX_LENGTH, uuidSchema } from './limits.ts'

export const SERVICE_TYPES = [
  'payoff_quote',
  'payment_day_change',
  'bank_details_change',
  'vehicle_certificate_release',
  'travel_abroad_permission',
  'balance_confirmation',
  'special_repayment',
  'contract_copy',
] as const
export type ServiceType = (typeof SERVICE_TYPES)[number]

export const SERVICE_REQUEST_STATUSES = [
  'received',
  'in_progress',
  'completed',
  'rejected',
] as const
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number]

/**
 * Why a type does not fit a contract (`error.reason` of `409 not_eligible`):
 * - `product_not_eligible`: not for this product (a special repayment on leasing);
 * - `contract_settled`: the contract is paid off, there is nothing left to do;
 * - `contract_not_settled`: only once it is (the Typenschein release);
 * - `term_ending`: too close to the contract's end for this service;
 * - `request_pending`: the same service is already being handled for the contract;
 * - `already_released`: the Typenschein has already been released;
 * - `use_profile`: the service is done in the profile (bank details: PUT /me/bank-account);
 * - `recent_address_change`: the Typenschein goes by post only once the address has been on
 *   file for RECENT_ADDRESS_CHANGE_DAYS days (collection stays possible).
 */
export const NOT_ELIGIBLE_REASONS = [
  'product_not_eligible',
  'contract_settled',
  'contract_not_settled',
  'term_ending',
  'request_pending',
  'already_released',
  'use_profile',
  'recent_address_change',
] as const
export type NotEligibleReason = (typeof NOT_ELIGIBLE_REASONS)[number]

/** How a type is answered: at once with a document, by the back office, or elsewhere in the app. */
export type ServiceHandling = 'immediate' | 'back_office' | 'profile'

/** A payoff date lies from today up to this many days ahead (and before the contract's end). */
export const PAYOFF_MAX_DAYS_AHEAD = 30
/** The smallest special repayment. */
export const SPECIAL_REPAYMENT_MIN_CENTS = 50_000
/** An upper bound of the schema; the real one is the contract's balance. */
export const SPECIAL_REPAYMENT_MAX_CENTS = 100_000_000
export const PAYMENT_DAYS = [1, 15] as const
/** A trip abroad ends at most this many months from today. */
export const TRAVEL_MAX_MONTHS_AHEAD = 12
export const TRAVEL_MAX_COUNTRIES = 10
export const TRAVEL_PURPOSE_MAX_LENGTH = 200
/** `Idempotency-Key`: 1–100 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7E]{1,100}$'
/** `GET /service-requests` lists at most this many, newest first. */
export const SERVICE_REQUESTS_LIST_MAX = 500
/** How long a key is remembered (per customer). */
export const IDEMPOTENCY_KEY_HOURS = 24
/** At most this many requests per customer in any 24 hours (an idempotent replay files none). */
export const SERVICE_REQUESTS_PER_DAY = 20
/** After an address change the Typenschein goes by post only once this many days have passed. */
export const RECENT_ADDRESS_CHANGE_DAYS = 14

type Text = Record<Locale, string>

/**
 * The countries outside the EU a financed or leased vehicle may be taken to
 * with the bank's permission (within the EU none is needed).
 */
export const TRAVEL_COUNTRIES = {
  AL: { de: 'Albanien', en: 'Albania' },
  BA: { de: 'Bosnien und Herzegowina', en: 'Bosnia and Herzegovina' },
  CH: { de: 'Schweiz', en: 'Switzerland' },
  GB: { de: 'Vereinigtes Königreich', en: 'United Kingdom' },
  IS: { de: 'Island', en: 'Iceland' },
  LI: { de: 'Liechtenstein', en: 'Liechtenstein' },
  MA: { de: 'Marokko', en: 'Morocco' },
  MD: { de: 'Moldau', en: 'Moldova' },
  ME: { de: 'Montenegro', en: 'Montenegro' },
  MK: { de: 'Nordmazedonien', en: 'North Macedonia' },
  NO: { de: 'Norwegen', en: 'Norway' },
  RS: { de: 'Serbien', en: 'Serbia' },
  TN: { de: 'Tunesien', en: 'Tunisia' },
  TR: { de: 'Türkei', en: 'Türkiye' },
} as const satisfies Record<string, Text>
export type TravelCountry = keyof typeof TRAVEL_COUNTRIES
const TRAVEL_COUNTRY_CODES = Object.keys(TRAVEL_COUNTRIES) as TravelCountry[]

// ---------------------------------------------------------------------------
// The details of each type

export type PayoffQuoteDetails = {
  payoffDate: string
}
export type PaymentDayChangeDetails = {
  newPaymentDay: (typeof PAYMENT_DAYS)[number]
}
export type VehicleCertificateReleaseDetails = {
  /** `post`: to the postal address on file (never another one: the Typenschein proves ownership). */
  delivery: 'post' | 'pickup'
}
export type TravelAbroadPermissionDetails = {
  countries: TravelCountry[]
  from: string
  to: string
  purpose?: string
}
export type BalanceConfirmationDetails = {
  /** Default: today. */
  asOf?: string
}
export type SpecialRepaymentDetails = {
  amountCents: number
}
export type EmptyDetails = Record<string, never>

export interface ServiceDetails {
  payoff_quote: PayoffQuoteDetails
  payment_day_change: PaymentDayChangeDetails
  bank_details_change: EmptyDetails
  vehicle_certificate_release: VehicleCertificateReleaseDetails
  travel_abroad_permission: TravelAbroadPermissionDetails
  balance_confirmation: BalanceConfirmationDetails
  special_repayment: SpecialRepaymentDetails
  contract_copy: EmptyDetails
}

/** A JSON schema (with the catalogue's `x-` annotations). */
export type JsonSchema = { [key: string]: unknown }

/** The schema of one type's `details`. */
export interface DetailsSchema {
  type: 'object'
  additionalProperties: false
  required: string[]
  properties: Record<string, JsonSchema>
}

const date = (extra: JsonSchema): JsonSchema => ({
  type: 'string',
  format: 'date',
  maxLength: 10,
  ...extra,
})
const details = (properties: Record<string, JsonSchema>, required: string[]): DetailsSchema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
})

export interface ServiceDefinition {
  type: ServiceType
  title: Text
  description: Text
  products: readonly Product[]
  /** The contract states the type applies to. */
  contractStatuses: readonly ContractStatus[]
  handling: ServiceHandling
  /** `profile` handling: the call that does it instead. */
  endpoint: string | null
  fields: DetailsSchema
}

const ALL_PRODUCTS = ['loan', 'leasing', 'balloon'] as const
const ACTIVE = ['active'] as const
const ANY_STATUS = ['active', 'settled'] as const

/** The catalogue (GET /service-types), in the order the app shows it. */
export const SERVICE_CATALOGUE: readonly ServiceDefinition[] = [
  {
    type: 'payoff_quote',
    title: { de: 'Ablöseangebot', en: 'Payoff quote' },
    description: {
      de: 'Sie möchten Ihren Vertrag vorzeitig zurückzahlen? Sie erhalten sofort ein Angebot mit dem Ablösebetrag zu Ihrem Wunschtermin: offenes Kapital, Zinsen bis zu diesem Tag und die gesetzliche Entschädigung.',
      en: 'Would you like to repay your contract early? You get a quote at once with the payoff amount on the day you choose: principal outstanding, interest to that day and the statutory fee.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'immediate',
    endpoint: null,
    fields: details(
      {
        payoffDate: date({
          'x-label': { de: 'Ablösetermin', en: 'Payoff date' },
          'x-help': {
            de: `Der Tag, an dem Ihre Zahlung bei uns eingeht: heute bis in ${PAYOFF_MAX_DAYS_AHEAD} Tagen, vor dem Vertragsende.`,
            en: `The day your payment reaches us: today up to ${PAYOFF_MAX_DAYS_AHEAD} days ahead, before the end of the contract.`,
          },
          'x-min-days-from-today': 0,
          'x-max-days-from-today': PAYOFF_MAX_DAYS_AHEAD,
        }),
      },
      ['payoffDate'],
    ),
  },
  {
    type: 'payment_day_change',
    title: { de: 'Abbuchungstag ändern', en: 'Change the payment day' },
    description: {
      de: 'Sie können wählen, ob wir Ihre Rate am 1. oder am 15. des Monats abbuchen. Den neuen Abbuchungstag bestätigen wir Ihnen schriftlich.',
      en: 'You can choose whether we collect your instalment on the 1st or the 15th of the month. We confirm the new payment day in writing.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        newPaymentDay: {
          type: 'integer',
          format: 'int32',
          minimum: Math.min(...PAYMENT_DAYS),
          maximum: Math.max(...PAYMENT_DAYS),
          enum: [...PAYMENT_DAYS],
          'x-label': { de: 'Neuer Abbuchungstag', en: 'New payment day' },
          'x-help': {
            de: 'Der Tag im Monat, an dem wir die Rate abbuchen. Er muss sich vom bisherigen unterscheiden.',
            en: 'The day of the month we collect the instalment. It must differ from the current one.',
          },
          'x-enum-labels': {
            '1': { de: 'am 1. des Monats', en: 'on the 1st of the month' },
            '15': { de: 'am 15. des Monats', en: 'on the 15th of the month' },
          },
        },
      },
      ['newPaymentDay'],
    ),
  },
  {
    type: 'bank_details_change',
    title: { de: 'Bankverbindung ändern', en: 'Change the bank details' },
    description: {
      de: 'Die Bankverbindung für die Abbuchung ändern Sie unter „Persönliche Daten“: mit dem SEPA-Lastschriftmandat und Ihrem Passwort.',
      en: 'You change the bank details for the direct debit under “Personal details”, with the SEPA direct debit mandate and your password.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'profile',
    endpoint: 'PUT /me/bank-account',
    fields: details({}, []),
  },
  {
    type: 'vehicle_certificate_release',
    title: {
      de: 'Freigabe des Typenscheins',
      en: 'Release of the vehicle certificate (Typenschein)',
    },
    description: {
      de: 'Solange Ihr Vertrag läuft, bewahren wir den Typenschein als Sicherheit auf. Nach der letzten Rate senden wir ihn Ihnen zu oder Sie holen ihn ab.',
      en: 'While your contract runs, we keep the vehicle certificate (Typenschein) as security. After the last instalment we send it to you, or you collect it.',
    },
    products: ['loan', 'balloon'],
    contractStatuses: ['settled'],
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        delivery: {
          type: 'string',
          enum: ['post', 'pickup'],
          'x-label': { de: 'Zustellung', en: 'Delivery' },
          'x-help': {
            de: 'Per Einschreiben an Ihre Adresse (unter „Persönliche Daten“), oder zur Abholung in unserem Kundencenter in Salzburg (mit Lichtbildausweis).',
            en: 'By registered post to your address (under “Personal details”), or for collection at our customer centre in Salzburg (with photo ID).',
          },
          'x-enum-labels': {
            post: { de: 'Per Post an meine Adresse', en: 'By post to my address' },
            pickup: { de: 'Ich hole ihn ab', en: 'I will collect it' },
          },
        },
      },
      ['delivery'],
    ),
  },
  {
    type: 'travel_abroad_permission',
    title: { de: 'Genehmigung für Fahrten ins Ausland', en: 'Permission to travel abroad' },
    description: {
      de: 'Solange Ihr Vertrag läuft, gehört das Fahrzeug uns. Für Fahrten in Länder außerhalb der EU brauchen Sie unsere schriftliche Genehmigung.',
      en: 'While your contract runs, the vehicle belongs to us. For trips to countries outside the EU you need our written permission.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        countries: {
          type: 'array',
          minItems: 1,
          maxItems: TRAVEL_MAX_COUNTRIES,
          uniqueItems: true,
          items: { type: 'string', enum: TRAVEL_COUNTRY_CODES },
          'x-label': { de: 'Reiseländer', en: 'Countries' },
          'x-help': {
            de: `Die Länder außerhalb der EU, in die Sie fahren (höchstens ${TRAVEL_MAX_COUNTRIES}).`,
            en: `The countries outside the EU you are going to (at most ${TRAVEL_MAX_COUNTRIES}).`,
          },
          'x-enum-labels': TRAVEL_COUNTRIES,
        },
        from: date({
          'x-label': { de: 'Reisebeginn', en: 'From' },
          'x-help': { de: 'Nicht in der Vergangenheit.', en: 'Not in the past.' },
          'x-min-days-from-today': 0,
          'x-max-months-from-today': TRAVEL_MAX_MONTHS_AHEAD,
        }),
        to: date({
          'x-label': { de: 'Reiseende', en: 'To' },
          'x-help': {
            de: `Nicht vor dem Reisebeginn, höchstens ${TRAVEL_MAX_MONTHS_AHEAD} Monate ab heute.`,
            en: `Not before the start of the trip, at most ${TRAVEL_MAX_MONTHS_AHEAD} months from today.`,
          },
          'x-min-days-from-today': 0,
          'x-max-months-from-today': TRAVEL_MAX_MONTHS_AHEAD,
          'x-not-before': 'from',
        }),
        purpose: {
          type: 'string',
          maxLength: TRAVEL_PURPOSE_MAX_LENGTH,
          // No control characters: the text is printed in the letter.
          pattern: '^[^\\u0000-\\u001F\\u007F]*$',
          'x-label': { de: 'Reisezweck (optional)', en: 'Purpose of the trip (optional)' },
          'x-help': {
            de: 'Zum Beispiel Urlaub oder Besuch bei der Familie.',
            en: 'For example a holiday or a family visit.',
          },
        },
      },
      ['countries', 'from', 'to'],
    ),
  },
  {
    type: 'balance_confirmation',
    title: { de: 'Saldobestätigung', en: 'Balance confirmation' },
    description: {
      de: 'Sie erhalten sofort eine Bestätigung des offenen Betrags Ihres Vertrags zu einem Stichtag, etwa für Ihre Bank oder Ihre Steuerberatung.',
      en: 'You get a confirmation of your contract’s outstanding balance on a given day at once, for your bank or tax adviser, say.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ANY_STATUS,
    handling: 'immediate',
    endpoint: null,
    fields: details(
      {
        asOf: date({
          'x-label': { de: 'Stichtag', en: 'As of' },
          'x-help': {
            de: 'Zwischen Vertragsbeginn und heute; ohne Angabe: heute.',
            en: 'Between the start of the contract and today; without one: today.',
          },
          'x-max-days-from-today': 0,
        }),
      },
      [],
    ),
  },
  {
    type: 'special_repayment',
    title: { de: 'Sondertilgung', en: 'Special repayment' },
    description: {
      de: 'Zahlen Sie einen Teil Ihres Kredits vorzeitig zurück. Die Laufzeit bleibt, Ihre monatliche Rate sinkt. Wir bestätigen Ihnen die neuen Beträge schriftlich.',
      en: 'Repay part of your loan early. The term stays the same and your monthly instalment goes down. We confirm the new figures in writing.',
    },
    products: ['loan', 'balloon'],
    contractStatuses: ACTIVE,
    handling: 'back_office',
    endpoint: null,
    fields: details(
      {
        amountCents: {
          type: 'integer',
          format: 'int32',
          minimum: SPECIAL_REPAYMENT_MIN_CENTS,
          maximum: SPECIAL_REPAYMENT_MAX_CENTS,
          'x-label': { de: 'Betrag', en: 'Amount' },
          'x-help': {
            de: 'Mindestens € 500 und weniger als der offene Betrag nach der nächsten Rate.',
            en: 'At least €500 and less than the balance left after the next instalment.',
          },
          'x-money': true,
        },
      },
      ['amountCents'],
    ),
  },
  {
    type: 'contract_copy',
    title: { de: 'Vertragsabschrift', en: 'Copy of the contract' },
    description: {
      de: 'Eine Abschrift Ihres Vertrags mit allen Konditionen legen wir sofort in Ihr Postfach.',
      en: 'We put a copy of your contract with all its terms into your postbox at once.',
    },
    products: ALL_PRODUCTS,
    contractStatuses: ANY_STATUS,
    handling: 'immediate',
    endpoint: null,
    fields: details({}, []),
  },
]

/** The catalogue entry of a type. */
export function serviceDefinition(type: ServiceType): ServiceDefinition {
  const found = SERVICE_CATALOGUE.find((entry) => entry.type === type)
  if (!found) throw new RangeError(`no service type ${type}`)
  return found
}

/** A schema without the catalogue's `x-` annotations (what validation compiles). */
export function stripAnnotations<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item: unknown) => stripAnnotations(item)) as T
  if (typeof schema !== 'object' || schema === null) return schema
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !key.startsWith('x-'))
      .map(([key, value]) => [key, stripAnnotations(value)]),
  ) as T
}

// ---------------------------------------------------------------------------
// Requests and answers

/** POST /service-requests. */
export interface ServiceRequestBody<T extends ServiceType = ServiceType> {
  type: T
  contractId: string
  details: ServiceDetails[T]
}

/** One service request as the API answers it. */
export interface ServiceRequestView {
  id: string
  /** For people: `SR-2026-000123`. */
  reference: string
  type: ServiceType
  contractId: string
  contractNumber: string
  status: ServiceRequestStatus
  /** What was asked for, as sent. */
  details: Record<string, unknown>
  createdAt: string
  updatedAt: string
  /** The answer in the postbox, once there is one. */
  documentId: string | null
  documentTitle: string | null
}

export interface ServiceRequestList {
  items: ServiceRequestView[]
}

/** One item of GET /service-types (with `?contractId`, also whether it fits that contract). */
export interface ServiceTypeInfo extends ServiceDefinition {
  eligibility?: { eligible: boolean; reason: NotEligibleReason | null }
}

export interface ServiceTypesAnswer {
  items: ServiceTypeInfo[]
}

/** `409 not_eligible` carries the reason (project extension of the error format). */
export interface NotEligibleErrorBody {
  error: { code: Extract<ApiErrorCode, 'not_eligible'>; message: string; reason: NotEligibleReason }
}

// ---------------------------------------------------------------------------
// Route schemas

const textSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['de', 'en'],
  properties: { de: { type: 'string', maxLength: 500 }, en: { type: 'string', maxLength: 500 } },
} as const

const instant = instantSchema

/** The body of POST /service-requests: the shape, then each type's details (if/then on `type`). */
export const serviceRequestBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'contractId', 'details'],
  properties: {
    type: { type: 'string', enum: SERVICE_TYPES },
    contractId: { type: 'string', minLength: 1, maxLength: 64 },
    details: { type: 'object' },
  },
  allOf: SERVICE_CATALOGUE.map((entry) => ({
    if: { type: 'object', required: ['type'], properties: { type: { const: entry.type } } },
    then: { type: 'object', properties: { details: stripAnnotations(entry.fields) } },
  })),
} as const

export const serviceRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'reference',
    'type',
    'contractId',
    'contractNumber',
    'status',
    'details',
    'createdAt',
    'updatedAt',
    'documentId',
    'documentTitle',
  ],
  properties: {
    id: uuidSchema,
    reference: { type: 'string', maxLength: 20, pattern: '^SR-[0-9]{4}-[0-9]{6,}$' },
    type: { type: 'string', enum: SERVICE_TYPES },
    contractId: uuidSchema,
    contractNumber: { type: 'string', maxLength: 30, pattern: CONTRACT_NUMBER_PATTERN },
    status: { type: 'string', enum: SERVICE_REQUEST_STATUSES },
    details: { type: 'object', additionalProperties: true },
    createdAt: instant,
    updatedAt: instant,
    documentId: { anyOf: [uuidSchema, { type: 'null' }] },
    documentTitle: { anyOf: [{ type: 'string', maxLength: TITLE_MAX_LENGTH }, { type: 'null' }] },
  },
} as const

export const serviceTypeSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'type',
    'title',
    'description',
    'products',
    'contractStatuses',
    'handling',
    'endpoint',
    'fields',
  ],
  properties: {
    type: { type: 'string', enum: SERVICE_TYPES },
    title: textSchema,
    description: textSchema,
    products: {
      type: 'array',
      maxItems: ALL_PRODUCTS.length,
      items: { type: 'string', enum: ALL_PRODUCTS },
    },
    contractStatuses: {
      type: 'array',
      maxItems: ANY_STATUS.length,
      items: { type: 'string', enum: ANY_STATUS },
    },
    handling: { type: 'string', enum: ['immediate', 'back_office', 'profile'] },
    endpoint: { anyOf: [{ type: 'string', maxLength: 100 }, { type: 'null' }] },
    // A JSON schema with the catalogue's annotations: passed on as it is.
    fields: { type: 'object', additionalProperties: true },
    eligibility: {
      type: 'object',
      additionalProperties: false,
      required: ['eligible', 'reason'],
      properties: {
        eligible: { type: 'boolean' },
        reason: { anyOf: [{ type: 'string', enum: NOT_ELIGIBLE_REASONS }, { type: 'null' }] },
      },
    },
  },
} as const
