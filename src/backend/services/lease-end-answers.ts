/**
 * The answers of the end-of-term service types, as letters in the customer's
 * language (a `service_answer`: subject and paragraphs, written once).
 */
import type { Locale } from '../../shared/api/auth.ts'
import {
  DEMO_REFINANCE_RATE_BP,
  LEASE_RETURN_BRANCHES,
  type ServiceDetails,
} from '../../shared/api/service-requests.ts'
import { formatDate, formatMoney, formatPercent } from '../../shared/format.ts'
import type { ContractRecord } from '../contracts/contract-record.ts'
import { buildPlan, dueDate, regularInstalment, type PlanTerms } from '../contracts/plan.ts'
import type { DocumentParams } from '../documents/kinds.ts'
import type { ContractState } from './service-catalogue.ts'

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

type EndOfTermType =
  'lease_return_appointment' | 'contract_extension' | 'final_instalment_refinance'

/** The back office's answer to an end-of-term request (its details as filed). */
export function endOfTermAnswer(
  type: EndOfTermType,
  details: Record<string, unknown>,
  state: ContractState,
  reference: string,
  locale: Locale,
): DocumentParams {
  const paragraphs =
    type === 'lease_return_appointment'
      ? returnParagraphs(details as ServiceDetails[typeof type], state, locale)
      : type === 'contract_extension'
        ? extensionParagraphs(Number(details.months), state, locale)
        : refinanceParagraphs(Number(details.months), state, locale)
  return {
    kind: 'service_answer',
    subject: locale === 'de' ? `Ihre Anfrage ${reference}` : `Your request ${reference}`,
    reference,
    paragraphs,
  }
}

const carOf = (c: ContractRecord, locale: Locale): string =>
  `${c.vehicle.make} ${c.vehicle.model[locale]} (${c.vehicle.registrationPlate})`

function returnParagraphs(
  details: ServiceDetails['lease_return_appointment'],
  state: ContractState,
  locale: Locale,
): string[] {
  const branch = LEASE_RETURN_BRANCHES[details.branch][locale]
  const day = formatDate(details.date, locale)
  const car = carOf(state.contract, locale)
  return locale === 'de'
    ? [
        `wir bestätigen Ihren Termin für die Rückgabe Ihres Fahrzeugs ${car}: am ${day} bei ${branch}.`,
        'Bitte bringen Sie den Zulassungsschein, alle Schlüssel und das Serviceheft mit. Wir prüfen das Fahrzeug gemeinsam mit Ihnen und lesen den Kilometerstand ab; Mehr- und Minderkilometer rechnen wir danach ab.',
      ]
    : [
        `We confirm your appointment to return your car ${car}: on ${day} at ${branch}.`,
        'Please bring the registration certificate, all keys and the service booklet. We inspect the car together with you and read the odometer; excess and unused kilometres are settled afterwards.',
      ]
}

/**
 * The extension of a leasing contract by `months`: the residual value is
 * financed on at the contract's rate, down to a new residual value that is
 * lower by the contract's average monthly loss of value (financed amount less
 * residual value, over the term) for each month, and at least a fifth of it.
 */
export function extensionTerms(state: ContractState, months: number): PlanTerms {
  const c = state.contract
  const monthlyLoss = Math.round((c.financedAmountCents - c.finalAmountCents) / c.termMonths)
  const floor = Math.round(c.finalAmountCents / 5)
  return {
    product: 'leasing',
    financedAmountCents: c.finalAmountCents,
    nominalRateBp: c.nominalRateBp,
    termMonths: months,
    finalAmountCents: Math.max(floor, c.finalAmountCents - monthlyLoss * months),
    startDate: state.endDate,
    paymentDay: c.paymentDay,
  }
}

function extensionParagraphs(months: number, state: ContractState, locale: Locale): string[] {
  const terms = extensionTerms(state, months)
  const money = (cents: number) => formatMoney(cents, state.contract.currency, locale)
  const instalment = money(regularInstalment(terms))
  const first = formatDate(dueDate(terms, 1), locale)
  const residual = money(terms.finalAmountCents)
  return locale === 'de'
    ? [
        `gerne verlängern wir Ihren Leasingvertrag ${state.contract.number} um ${months} Monate.`,
        `Ihre neue monatliche Rate: ${instalment}, erstmals am ${first}. Der Restwert am Ende der Verlängerung: ${residual}. Der Sollzinssatz bleibt bei ${formatPercent(state.contract.nominalRateBp / 100, locale)} p. a.`,
        'Möchten Sie das Angebot annehmen, rufen Sie bitte unsere Kundenbetreuung an.',
      ]
    : [
        `We will gladly extend your leasing contract ${state.contract.number} by ${months} months.`,
        `Your new monthly instalment: ${instalment}, first on ${first}. The residual value at the end of the extension: ${residual}. The nominal rate stays at ${formatPercent(state.contract.nominalRateBp / 100, locale)} a year.`,
        'If you would like to accept the offer, please call our customer service.',
      ]
}

/** The refinancing of a balloon's final instalment over `months`, at today's demo rate. */
export function refinanceTerms(state: ContractState, months: number): PlanTerms {
  const last = state.plan.at(-1)
  return {
    product: 'loan',
    financedAmountCents: last?.instalmentCents ?? 0,
    nominalRateBp: DEMO_REFINANCE_RATE_BP,
    termMonths: months,
    finalAmountCents: 0,
    startDate: state.endDate,
    paymentDay: state.contract.paymentDay,
  }
}

function refinanceParagraphs(months: number, state: ContractState, locale: Locale): string[] {
  const terms = refinanceTerms(state, months)
  const plan = buildPlan(terms)
  const money = (cents: number) => formatMoney(cents, state.contract.currency, locale)
  const interest = money(plan.reduce((sum, row) => sum + row.interestCents, 0))
  const rate = formatPercent(DEMO_REFINANCE_RATE_BP / 100, locale)
  const first = formatDate(plan[0]?.dueDate ?? state.endDate, locale)
  const last = formatDate(plan.at(-1)?.dueDate ?? state.endDate, locale)
  const amount = money(terms.financedAmountCents)
  return locale === 'de'
    ? [
        `gerne finanzieren wir die Schlussrate Ihres Vertrags ${state.contract.number} von ${amount} in ${months} monatlichen Raten.`,
        `Ihre monatliche Rate: ${money(regularInstalment(terms))}, vom ${first} bis ${last}; die letzte Rate gleicht die Rundung aus. Sollzinssatz: ${rate} p. a., Zinsen insgesamt: ${interest}.`,
        'Möchten Sie das Angebot annehmen, rufen Sie bitte unsere Kundenbetreuung an.',
      ]
    : [
        `We will gladly refinance the final instalment of your contract ${state.contract.number} of ${amount} in ${months} monthly instalments.`,
        `Your monthly instalment: ${money(regularInstalment(terms))}, from ${first} to ${last}; the last instalment evens out the rounding. Nominal rate: ${rate} a year, interest in total: ${interest}.`,
        'If you would like to accept the offer, please call our customer service.',
      ]
}
