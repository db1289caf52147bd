/**
 * What each kind of document says, in German or English, from its snapshot
 * and the contract's fixed terms (the plan is computed, never typed in). The
 * writers per kind are in letters/: one table entry per kind.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { SupportContacts } from '../../shared/api/support.ts'
import { formatDate, formatMoney } from '../../shared/format.ts'
import { letterSalutation } from '../../shared/greeting.ts'
import type { ContractRecord } from '../contracts/contract-record.ts'
import type { DocumentKind, DocumentParams, DocumentSpec } from './kinds.ts'
import { ACCOUNT_LETTERS } from './letters/account-letters.ts'
import { CONTRACT_LETTERS } from './letters/contract-letters.ts'
import type { BlocksTable, BlocksWriter, Fmt, ParamsOf } from './letters/layout.ts'
import { SERVICE_ANSWERS } from './letters/service-answers.ts'
import { TITLES } from './letters/titles.ts'
import type { Block, LetterContent } from './pdf-letter.ts'

/** Every kind's blocks. */
const BLOCKS: BlocksTable<DocumentKind> = {
  ...CONTRACT_LETTERS,
  ...ACCOUNT_LETTERS,
  ...SERVICE_ANSWERS,
}

/**
 * The document's title in a language: the postbox list's (in the customer's
 * language, whatever the letter's), the PDF's (in the letter's language).
 */
export function documentTitle(
  params: DocumentParams,
  locale: Locale,
  contract: Pick<ContractRecord, 'number'> | null,
): string {
  const number = contract ? ` ${contract.number}` : ''
  return titleOf(params.kind, params, locale === 'de', number)
}

function titleOf<K extends DocumentKind>(
  kind: K,
  params: ParamsOf<K>,
  de: boolean,
  number: string,
): string {
  return TITLES[kind](params, de, number)
}

/** Everything the PDF shows. */
export function letterContent(
  spec: DocumentSpec,
  contract: ContractRecord | null,
  support: SupportContacts,
): LetterContent {
  const { locale, addressee, params } = spec
  const de = locale === 'de'
  const money = (cents: number) => formatMoney(cents, contract?.currency ?? 'EUR', locale)
  const date = (iso: string) => formatDate(iso, locale)
  const references: [string, string][] = [
    [de ? 'Kundennummer' : 'Customer no.', addressee.customerNumber],
  ]
  if (contract) references.push([de ? 'Vertrag' : 'Contract', contract.number])
  if (contract) references.push([de ? 'Fahrzeug' : 'Vehicle', contract.vehicle.registrationPlate])
  const title = documentTitle(params, locale, contract)
  return {
    title,
    locale,
    recipient: addressee.address,
    dateText: date(spec.date),
    creationDate: new Date(`${spec.date}T08:00:00Z`),
    subject: title,
    references,
    salutation: salutationLine(spec),
    blocks: opening(blocksOf(params.kind, params, contract, { de, money, date, locale }), locale),
    closing: de
      ? ['Mit freundlichen Grüßen', 'Ihr Team von MINI Financial Services']
      : ['Kind regards', 'Your MINI Financial Services team'],
    support,
  }
}

function salutationLine({ addressee, locale }: DocumentSpec): string {
  return letterSalutation(addressee, locale)
}

function blocksOf<K extends DocumentKind>(
  kind: K,
  params: ParamsOf<K>,
  contract: ContractRecord | null,
  f: Fmt,
): Block[] {
  const write: BlocksWriter<K> = BLOCKS[kind]
  return write(params, contract, f)
}

/**
 * The first paragraph after the salutation: German goes on in lower case after
 * "Sehr geehrte Frau Huber," (the texts are written so); English starts with a
 * capital after "Dear Ms Huber,".
 */
function opening(blocks: Block[], locale: Locale): Block[] {
  const [first, ...rest] = blocks
  if (locale === 'de' || first?.type !== 'paragraph') return blocks
  return [{ ...first, text: first.text.charAt(0).toUpperCase() + first.text.slice(1) }, ...rest]
}
