/**
 * The kinds of documents in the customer's postbox, their category (api.md
 * "Correspondence") and what each needs to be written: a snapshot of the
 * inputs at filing time, so that a document reads the same forever.
 */
import type { Locale, Salutation } from '../../shared/api/auth.ts'
import type { DocumentCategory } from '../../shared/api/documents.ts'
import type { PayoffQuote, SpecialRepaymentEffect } from '../contracts/payoff.ts'
import type { PlanRow } from '../contracts/plan.ts'

export const DOCUMENT_KINDS = [
  'contract_copy',
  'instalment_plan',
  'welcome_letter',
  'annual_statement',
  'account_statement',
  'account_information',
  'activation_letter',
  'address_change',
  'bank_account_change',
  'email_change',
  'payment_reminder',
  'service_answer',
] as const
/** Answers to service requests (services/service-requests.ts, demo/back-office.ts). */
export const SERVICE_DOCUMENT_KINDS = [
  'payoff_quote',
  'balance_confirmation',
  'payment_day_change',
  'vehicle_certificate_release',
  'travel_permission',
  'special_repayment',
  'payment_deferral',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number] | (typeof SERVICE_DOCUMENT_KINDS)[number]

export const CATEGORY_OF: Record<DocumentKind, DocumentCategory> = {
  contract_copy: 'contract',
  instalment_plan: 'contract',
  welcome_letter: 'letter',
  annual_statement: 'statement',
  account_statement: 'statement',
  account_information: 'statement',
  activation_letter: 'letter',
  address_change: 'letter',
  bank_account_change: 'letter',
  email_change: 'letter',
  payment_reminder: 'notice',
  service_answer: 'service',
  payoff_quote: 'service',
  balance_confirmation: 'statement',
  payment_day_change: 'service',
  vehicle_certificate_release: 'service',
  travel_permission: 'service',
  special_repayment: 'service',
  payment_deferral: 'service',
}

/** Who the letter is addressed to, as it was when it was filed. */
export interface Addressee {
  salutation: Salutation
  firstName: string
  lastName: string
  customerNumber: string
  /** The address block's lines. */
  address: string[]
}

/** The inputs of a document besides its contract (read from the contract's fixed terms). */
export type DocumentParams =
  | { kind: 'contract_copy' | 'instalment_plan' | 'welcome_letter'; ibanMasked: string | null }
  | { kind: 'annual_statement'; year: number }
  | { kind: 'account_statement'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'account_information'; number: number; asOf: string }
  | { kind: 'activation_letter'; validUntil: string }
  | { kind: 'address_change'; oldAddress: string[]; newAddress: string[] }
  | {
      kind: 'bank_account_change'
      ibanMasked: string
      accountHolder: string
      /** The SEPA mandate given with the change (absent in letters filed before it was recorded). */
      mandate?: { reference: string; signedOn: string; creditorId: string }
    }
  | { kind: 'email_change'; newEmail: string }
  | { kind: 'payment_reminder'; instalment: number; dueDate: string; amountCents: number }
  | {
      kind: 'service_answer'
      /** The subject as written (the title of answers filed without a reference). */
      subject: string
      paragraphs: string[]
      /** The request answered: the title names it in the customer's language. */
      reference?: string
    }
  | ({ kind: 'payoff_quote'; reference: string; transfer: TransferDetails } & PayoffFigures)
  | {
      kind: 'balance_confirmation'
      reference: string
      asOf: string
      balanceCents: number
      instalmentsPaid: number
      instalments: number
    }
  | {
      kind: 'payment_day_change'
      reference: string
      oldPaymentDay: number
      newPaymentDay: number
      effectiveFrom: string
    }
  | {
      kind: 'vehicle_certificate_release'
      reference: string
      delivery: 'post' | 'pickup'
      /** The address block it is sent to (post). */
      address: string[]
    }
  | {
      kind: 'travel_permission'
      reference: string
      /** Who may drive the vehicle abroad: the customer's name. */
      holder: string
      /** ISO 3166-1 alpha-2 codes of TRAVEL_COUNTRIES. */
      countries: string[]
      from: string
      to: string
      purpose: string | null
    }
  | ({
      kind: 'special_repayment'
      reference: string
      oldInstalmentCents: number
      transfer: TransferDetails
      /** What stays the same (absent in letters filed before it was asked): the term by default. */
      keep?: 'term' | 'instalment'
      /** The end after the repayment (absent in letters filed before it was asked). */
      newEndDate?: string
      /** The early repayment fee, collected with the next instalment (absent in older letters: none). */
      feeCents?: number
    } & SpecialRepaymentFigures)
  | {
      kind: 'payment_deferral'
      reference: string
      months: number
      firstDueDate: string
      oldEndDate: string
      newEndDate: string
      extraInterestCents: number
      /** The new plan from the first deferred instalment on, as agreed. */
      rows: PlanRow[]
    }

/** Where the customer transfers money to (payoff, special repayment). */
export interface TransferDetails {
  accountHolder: string
  iban: string
  bic: string
  paymentReference: string
}

/** The itemised payoff amount, as quoted. */
export type PayoffFigures = Omit<PayoffQuote, 'endDate'>

/** What a special repayment changes, as confirmed. */
export type SpecialRepaymentFigures = SpecialRepaymentEffect

export interface DocumentSpec {
  params: DocumentParams
  addressee: Addressee
  locale: Locale
  /** The letter's date (YYYY-MM-DD). */
  date: string
}
