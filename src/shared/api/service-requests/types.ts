/**
 * Service requests (api.md "Service requests"): the types, the statuses, the
 * reasons a type does not fit a contract, the limits, the details each type
 * takes, and the request and answer types.
 */
import type { Locale } from '../auth.ts'
import type { ContractStatus, Product } from '../contracts.ts'
import type { ApiErrorCode } from '../../errors.ts'

export const SERVICE_TYPES = [
  'payoff_quote',
  'payment_day_change',
  'bank_details_change',
  'vehicle_certificate_release',
  'travel_abroad_permission',
  'balance_confirmation',
  'special_repayment',
  'contract_copy',
  'payment_deferral',
  'purchase_quote',
  'lease_return_appointment',
  'contract_extension',
  'final_instalment_refinance',
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
 *   file for RECENT_ADDRESS_CHANGE_DAYS days (collection stays possible);
 * - `deferral_within_year`: a payment deferral was already asked for on the contract in the
 *   last DEFERRAL_INTERVAL_MONTHS months.
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
  'deferral_within_year',
] as const
export type NotEligibleReason = (typeof NOT_ELIGIBLE_REASONS)[number]

/** How a type is answered: at once with a document, by the back office, or elsewhere in the app. */
export const SERVICE_HANDLINGS = ['immediate', 'back_office', 'profile'] as const
export type ServiceHandling = (typeof SERVICE_HANDLINGS)[number]

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
/** A payment deferral: 1 to this many instalments. */
export const DEFERRAL_MONTHS_MAX = 3
/** At most one payment deferral per contract in this many months. */
export const DEFERRAL_INTERVAL_MONTHS = 12
/** No payment deferral once the contract ends within this many months. */
export const DEFERRAL_NOT_IN_LAST_MONTHS = 3
/** The first deferred instalment is one of the next this many. */
export const DEFERRAL_FIRST_WITHIN_INSTALMENTS = 3
export const DEFERRAL_REASON_MAX_LENGTH = 1000
/** An upper bound of the monthly income and expenses (cents). */
export const DEFERRAL_MONEY_MAX_CENTS = 10_000_000
/** The password that signs a payment deferral. */
export const SIGNATURE_PASSWORD_MAX_LENGTH = 256

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
/** What a special repayment keeps: the term (the instalment falls) or the instalment (the term shortens). */
export const SPECIAL_REPAYMENT_KEEPS = ['term', 'instalment'] as const
export type SpecialRepaymentDetails = {
  amountCents: number
  /** Default: the term. */
  keep?: (typeof SPECIAL_REPAYMENT_KEEPS)[number]
}
export type PaymentDeferralDetails = {
  months: number
  firstDueDate: string
  reason: string
  monthlyIncomeCents?: number
  monthlyExpensesCents?: number
}
export type EmptyDetails = Record<string, never>

/** Where a leased car can be returned: the MINI partners of the demo. */
export const LEASE_RETURN_BRANCHES = {
  salzburg: { de: 'MINI Salzburg, Vogelweiderstraße', en: 'MINI Salzburg, Vogelweiderstraße' },
  wien: { de: 'MINI Wien, Heiligenstädter Straße', en: 'MINI Vienna, Heiligenstädter Straße' },
  graz: { de: 'MINI Graz, Wiener Straße', en: 'MINI Graz, Wiener Straße' },
  linz: { de: 'MINI Linz, Wiener Straße', en: 'MINI Linz, Wiener Straße' },
  innsbruck: { de: 'MINI Innsbruck, Haller Straße', en: 'MINI Innsbruck, Haller Straße' },
} as const satisfies Record<string, Text>
export type LeaseReturnBranch = keyof typeof LEASE_RETURN_BRANCHES
/** A return appointment lies at least this many days ahead … */
export const RETURN_APPOINTMENT_MIN_DAYS_AHEAD = 3
/** … and at most this many days after the end of term. */
export const RETURN_APPOINTMENT_MAX_DAYS_AFTER_END = 14
/** A leasing contract is extended by 6 to 24 months. */
export const EXTENSION_MONTHS_MIN = 6
export const EXTENSION_MONTHS_MAX = 24
/** A balloon's final instalment is refinanced over 12 to 48 months … */
export const REFINANCE_MONTHS_MIN = 12
export const REFINANCE_MONTHS_MAX = 48
/** … at the demo's rate of today (nominal, basis points: 5.49 % p.a.). */
export const DEMO_REFINANCE_RATE_BP = 549

export type LeaseReturnAppointmentDetails = {
  date: string
  branch: LeaseReturnBranch
}
export type ContractExtensionDetails = {
  months: number
}
export type FinalInstalmentRefinanceDetails = {
  months: number
}

export interface ServiceDetails {
  payoff_quote: PayoffQuoteDetails
  payment_day_change: PaymentDayChangeDetails
  bank_details_change: EmptyDetails
  vehicle_certificate_release: VehicleCertificateReleaseDetails
  travel_abroad_permission: TravelAbroadPermissionDetails
  balance_confirmation: BalanceConfirmationDetails
  special_repayment: SpecialRepaymentDetails
  contract_copy: EmptyDetails
  payment_deferral: PaymentDeferralDetails
  purchase_quote: EmptyDetails
  lease_return_appointment: LeaseReturnAppointmentDetails
  contract_extension: ContractExtensionDetails
  final_instalment_refinance: FinalInstalmentRefinanceDetails
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

// ---------------------------------------------------------------------------
// Requests and answers

/** POST /service-requests. */
export interface ServiceRequestBody<T extends ServiceType = ServiceType> {
  type: T
  contractId: string
  details: ServiceDetails[T]
  /** payment_deferral: the customer's password as the signature (never stored). */
  password?: string
}

/** `409 not_eligible` carries the reason (project extension of the error format). */
export interface NotEligibleErrorBody {
  error: { code: Extract<ApiErrorCode, 'not_eligible'>; message: string; reason: NotEligibleReason }
}
