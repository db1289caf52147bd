/**
 * The answers of the end-of-term service types, as letters in the customer's
 * language (a `service_answer`: subject and paragraphs, written once).
 */
import type { Locale } from '../../shared/api/auth.ts'
import { formatDate, formatMoney } from '../../shared/format.ts'
import type { ContractRecord } from '../contracts/contract-record.ts'
import type { DocumentParams } from '../documents/kinds.ts'

/**
 * `purchase_quote`, answered at once: the leased car for sale at the end of term
 * (`endDate`, the last due date) at the residual value the contract agreed.
 */
export function purchaseQuoteLetter(
  contract: ContractRecord,
  endDate: string,
  reference: string,
  locale: Locale,
): DocumentParams {
  const price = formatMoney(contract.finalAmountCents, contract.currency, locale)
  const end = formatDate(endDate, locale)
  const car = `${contract.vehicle.make} ${contract.vehicle.model[locale]} (${contract.vehicle.registrationPlate})`
  const de = locale === 'de'
  return {
    kind: 'service_answer',
    subject: de ? `Kaufangebot zum Restwert ${reference}` : `Purchase quote ${reference}`,
    reference,
    paragraphs: de
      ? [
          `vielen Dank für Ihre Anfrage. Zum Ende Ihres Leasingvertrags ${contract.number} am ${end} bieten wir Ihnen das Fahrzeug ${car} zum Kauf an.`,
          `Kaufpreis: ${price}, der im Vertrag vereinbarte Restwert.`,
          `Das Angebot gilt bis zum Vertragsende am ${end}. Möchten Sie es annehmen, rufen Sie bitte unsere Kundenbetreuung an; Ihre Raten bis dahin bleiben unverändert.`,
        ]
      : [
          `Thank you for your request. At the end of your leasing contract ${contract.number} on ${end} we offer you the car ${car} for sale.`,
          `Price: ${price}, the residual value agreed in the contract.`,
          `The offer is valid until the end of term on ${end}. If you would like to accept it, please call our customer service; your instalments until then stay as they are.`,
        ],
  }
}
