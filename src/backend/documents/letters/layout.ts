/**
 * What every letter's text is made of: the formatters in the letter's
 * language, paragraphs, the vehicle's name and rows, the transfer details,
 * and the table type that maps each document kind to its writer.
 */
import type { Locale } from '../../../shared/api/auth.ts'
import { formatDayOfMonth } from '../../../shared/format.ts'
import type { ContractRecord } from '../../contracts/contract-record.ts'
import type { DocumentKind, DocumentParams, TransferDetails } from '../kinds.ts'
import type { Block } from '../pdf-letter.ts'

type Words = Record<Locale, string>

export const PRODUCT: Record<ContractRecord['product'], Words> = {
  loan: { de: 'Kredit', en: 'Loan' },
  leasing: { de: 'Leasing', en: 'Leasing' },
  balloon: { de: 'Ballonfinanzierung', en: 'Balloon financing' },
}

/** Formatting in the letter's language. */
export interface Fmt {
  de: boolean
  locale: Locale
  money: (cents: number) => string
  date: (iso: string) => string
}

function requireContract(contract: ContractRecord | null, kind: DocumentKind): ContractRecord {
  if (!contract) throw new Error(`a ${kind} document needs its contract`)
  return contract
}

/**
 * The params of one kind (contract_copy, instalment_plan and welcome_letter
 * share theirs).
 */
export type ParamsOf<K extends DocumentKind> = DocumentParams extends infer P
  ? P extends DocumentParams
    ? K extends P['kind']
      ? P
      : never
    : never
  : never

/** What a document of kind K says: its blocks, from its params and its contract (if any). */
export type BlocksWriter<K extends DocumentKind> = (
  params: ParamsOf<K>,
  contract: ContractRecord | null,
  f: Fmt,
) => Block[]

/** One writer per kind: a new kind is one entry. */
export type BlocksTable<Kinds extends DocumentKind> = { [K in Kinds]: BlocksWriter<K> }

/** What a document of kind K about a contract says. */
export type ContractBlocksWriter<K extends DocumentKind> = (
  params: ParamsOf<K>,
  c: ContractRecord,
  f: Fmt,
) => Block[]

/** A writer for a kind that is about a contract: it throws without one. */
export function withContract<K extends DocumentKind>(
  write: ContractBlocksWriter<K>,
): BlocksWriter<K> {
  return (params, contract, f) => write(params, requireContract(contract, params.kind), f)
}

export const p = (text: string): Block => ({ type: 'paragraph', text })
/** Label/value pairs, two columns. */
export const facts = (rows: readonly (readonly [string, string])[]): Block => ({
  type: 'facts',
  rows,
})

/** Make and model in the letter's language ("MINI Cooper SE 3-door"). */
export const vehicleName = (c: ContractRecord, locale: Locale) =>
  `${c.vehicle.make} ${c.vehicle.model[locale]}`

/** The vehicle's rows in a facts block: make and model, plate, VIN. */
export function vehicleRows(c: ContractRecord, f: Fmt): [string, string][] {
  const { de } = f
  return [
    [de ? 'Fahrzeug' : 'Vehicle', vehicleName(c, f.locale)],
    [de ? 'Kennzeichen' : 'Registration plate', c.vehicle.registrationPlate],
    [de ? 'Fahrgestellnummer' : 'VIN', c.vehicle.vin],
  ]
}

export const notYou = (de: boolean) =>
  de
    ? 'Waren Sie das nicht? Dann rufen Sie bitte sofort unsere Kundenbetreuung an.'
    : 'Was this not you? Then please call our customer service at once.'

export const yourRequest = (reference: string, de: boolean) =>
  de ? `(Ihre Anfrage ${reference})` : `(your request ${reference})`

export const monthlyOn = (day: number, de: boolean) =>
  de ? `am ${day}. jeden Monats` : `on the ${formatDayOfMonth(day, 'en')} of each month`

export function transferFacts(
  transfer: TransferDetails,
  amountCents: number,
  until: string,
  f: Fmt,
): Block {
  const { de } = f
  return facts([
    [de ? 'Betrag' : 'Amount', f.money(amountCents)],
    [de ? 'Empfänger' : 'Payee', transfer.accountHolder],
    ['IBAN', transfer.iban.replace(/(.{4})(?=.)/g, '$1 ')],
    ['BIC', transfer.bic],
    [de ? 'Verwendungszweck' : 'Payment reference', transfer.paymentReference],
    [de ? 'Eingang bis' : 'To arrive by', f.date(until)],
  ])
}
