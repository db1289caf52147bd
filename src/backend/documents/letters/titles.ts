/**
 * The document's title per kind: in the postbox list (in the customer's
 * language) and on the PDF (in the letter's language).
 */
import { formatDate } from '../../../shared/format.ts'
import type { DocumentKind } from '../kinds.ts'
import type { ParamsOf } from './layout.ts'

/**
 * A kind's title from its params, the language, and " <contract number>"
 * (empty for a document without a contract).
 */
type TitleWriter<K extends DocumentKind> = (
  params: ParamsOf<K>,
  de: boolean,
  number: string,
) => string

export const TITLES: { [K in DocumentKind]: TitleWriter<K> } = {
  contract_copy: (_params, de, number) =>
    de ? `Vertragsabschrift${number}` : `Copy of contract${number}`,
  instalment_plan: (_params, de, number) =>
    de ? `Ratenplan${number}` : `Instalment plan${number}`,
  welcome_letter: (_params, de, number) =>
    de
      ? `Willkommen bei MINI Financial Services${number}`
      : `Welcome to MINI Financial Services${number}`,
  annual_statement: (params, de, number) =>
    de
      ? `Jahreskontoauszug ${params.year}${number}`
      : `Annual account statement ${params.year}${number}`,
  account_statement: (params, de, number) =>
    de
      ? `Kontoauszug Q${params.quarter}/${params.year}${number}`
      : `Account statement Q${params.quarter}/${params.year}${number}`,
  account_information: (params, de, number) =>
    de
      ? `Kontoinformation Nr. ${params.number}${number}`
      : `Account information no. ${params.number}${number}`,
  activation_letter: (_params, de) =>
    de ? 'Ihr Aktivierungscode für My MINI Finance' : 'Your activation code for My MINI Finance',
  address_change: (_params, de) =>
    de ? 'Bestätigung Ihrer neuen Adresse' : 'Confirmation of your new address',
  bank_account_change: (_params, de) =>
    de ? 'Bestätigung Ihrer neuen Bankverbindung' : 'Confirmation of your new bank details',
  email_change: (_params, de) =>
    de ? 'Bestätigung Ihrer neuen E-Mail-Adresse' : 'Confirmation of your new e-mail address',
  payment_reminder: (_params, de, number) =>
    de ? `Zahlungserinnerung${number}` : `Payment reminder${number}`,
  service_answer: (params, de) => {
    if (params.reference === undefined) return params.subject
    return de ? `Ihre Anfrage ${params.reference}` : `Your request ${params.reference}`
  },
  payoff_quote: (_params, de, number) => (de ? `Ablöseangebot${number}` : `Payoff quote${number}`),
  balance_confirmation: (params, de, number) =>
    de
      ? `Saldobestätigung zum ${formatDate(params.asOf, 'de')}${number}`
      : `Balance confirmation as of ${formatDate(params.asOf, 'en')}${number}`,
  payment_day_change: (_params, de, number) =>
    de
      ? `Bestätigung Ihres neuen Abbuchungstags${number}`
      : `Confirmation of your new payment day${number}`,
  vehicle_certificate_release: (_params, de, number) =>
    de ? `Freigabe des Typenscheins${number}` : `Release of the vehicle certificate${number}`,
  travel_permission: (_params, de, number) =>
    de ? `Genehmigung für Fahrten ins Ausland${number}` : `Permission to travel abroad${number}`,
  special_repayment: (_params, de, number) =>
    de
      ? `Bestätigung Ihrer Sondertilgung${number}`
      : `Confirmation of your special repayment${number}`,
  payment_deferral: (_params, de, number) =>
    de ? `Stundungsvereinbarung${number}` : `Confirmation of your payment deferral${number}`,
}
