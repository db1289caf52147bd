/**
 * The simulated back office of demo mode (api.md "Service requests"): a
 * request that is not answered at once is taken up (`in_progress`) 30 minutes
 * after it was filed and answered on the next working day (Monday to Friday,
 * Vienna; public holidays are not kept) at the same time, so always within two
 * working days. It runs on the backend's clock, whenever the API is called and
 * once a minute (routes/service-requests.ts): moving the demo clock on and
 * making any call shows the progress.
 *
 * The answer is the type's letter, filed in the postbox; the customer gets an
 * e-mail that there is a new document (not its content). A request that no
 * longer fits its contract by then (settled meanwhile, say) is rejected with a
 * letter saying why. The demo contracts' terms stay as they are: the letters
 * confirm a new payment day or a special repayment, the plan does not change
 * (it has one payment day and no extra payments over the whole term).
 */
import type { Locale } from '../../shared/api/auth.ts'
import {
  RECENT_ADDRESS_CHANGE_DAYS,
  serviceDefinition,
  type NotEligibleReason,
  type ServiceDetails,
} from '../../shared/api/service-requests.ts'
import { addDays, addMonths, isWorkingDay, viennaDay } from '../../shared/dates.ts'
import { regularInstalment } from '../contracts/plan.ts'
import { deferInstalments, deferralStart } from '../contracts/deferral.ts'
import { rowsAfter, specialRepaymentFee } from '../contracts/simulation.ts'
import { specialRepaymentEffect } from '../contracts/payoff.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import type { DocumentRecord } from '../db/repositories/documents-repository.ts'
import {
  type ServiceRequestRecord,
  type ServiceRequestsRepository,
} from '../db/repositories/service-requests-repository.ts'
import type { DocumentParams } from '../documents/kinds.ts'
import { addressBlock } from '../outbox/letters.ts'
import type { BackOffice, ServiceContext } from '../services/context.ts'
import { ensureContent, insertDocumentRecord } from '../services/documents.ts'
import { endOfTermAnswer } from '../services/lease-end-answers.ts'
import { notifyServiceRequestUpdated } from '../services/notifications.ts'
import {
  contractState,
  deferralProblem,
  detailProblems,
  requestIneligibility,
  transferFor,
  type ContractState,
  type RequestLookup,
} from '../services/service-catalogue.ts'

/** How long after filing the back office takes a request up. */
export const PROGRESS_AFTER_MINUTES = 30
/** A special repayment's amount is to arrive this many days after the confirmation. */
export const SPECIAL_REPAYMENT_TRANSFER_DAYS = 14
/** A new payment day applies from the first such day at least this many days after the confirmation. */
export const PAYMENT_DAY_NOTICE_DAYS = 14

const DAY_MS = 86_400_000

/** When the back office takes a request filed at `filedAt` up, and when it answers it. */
export function backOfficeSchedule(filedAt: Date): { progressDueAt: string; answerDueAt: string } {
  let days = 1
  while (!isWorkingDay(viennaDay(new Date(filedAt.getTime() + days * DAY_MS)))) days++
  return {
    progressDueAt: new Date(filedAt.getTime() + PROGRESS_AFTER_MINUTES * 60_000).toISOString(),
    answerDueAt: new Date(filedAt.getTime() + days * DAY_MS).toISOString(),
  }
}

/** The first day `day` of a month on or after `notBefore`. */
function firstPaymentDayFrom(day: number, notBefore: string): string {
  const candidate = `${notBefore.slice(0, 8)}${String(day).padStart(2, '0')}`
  return candidate >= notBefore ? candidate : addMonths(candidate, 1)
}

type Reason = NotEligibleReason | 'amount_too_high' | 'deferral_day_passed'

const REJECTION_REASONS: Record<Reason, Record<Locale, string>> = {
  product_not_eligible: {
    de: 'Dieser Service ist für Ihren Vertrag nicht vorgesehen.',
    en: 'This service is not available for your contract.',
  },
  contract_settled: {
    de: 'Ihr Vertrag ist inzwischen vollständig bezahlt.',
    en: 'Your contract has been paid in full meanwhile.',
  },
  contract_not_settled: {
    de: 'Ihr Vertrag ist noch nicht vollständig bezahlt.',
    en: 'Your contract has not been paid in full yet.',
  },
  term_ending: { de: 'Ihr Vertrag endet in Kürze.', en: 'Your contract ends shortly.' },
  request_pending: {
    de: 'Wir bearbeiten bereits eine gleiche Anfrage zu diesem Vertrag.',
    en: 'We are already handling the same request for this contract.',
  },
  already_released: {
    de: 'Der Typenschein wurde bereits freigegeben.',
    en: 'The vehicle certificate has already been released.',
  },
  use_profile: {
    de: 'Diese Änderung nehmen Sie unter „Persönliche Daten“ vor.',
    en: 'You make this change under “Personal details”.',
  },
  deferral_within_year: {
    de: 'Für diesen Vertrag wurde in den letzten zwölf Monaten bereits eine Stundung vereinbart.',
    en: 'A payment deferral has already been agreed for this contract in the last twelve months.',
  },
  recent_address_change: {
    de: `Ihre Adresse wurde vor Kurzem geändert. Zu Ihrer Sicherheit senden wir den Typenschein erst ${RECENT_ADDRESS_CHANGE_DAYS} Tage nach einer Adressänderung per Post. Abholen können Sie ihn jederzeit.`,
    en: `Your address was changed recently. For your security we send the vehicle certificate by post only ${RECENT_ADDRESS_CHANGE_DAYS} days after an address change. You can collect it at any time.`,
  },
  amount_too_high: {
    de: 'Der Betrag ist höher als der offene Betrag nach der nächsten Rate.',
    en: 'The amount is higher than the balance left after the next instalment.',
  },
  deferral_day_passed: {
    de: 'Die erste Rate, die Sie stunden wollten, ist inzwischen abgebucht. Bitte stellen Sie die Anfrage mit einer Ihrer nächsten Raten neu.',
    en: 'The first instalment you wanted to defer has been collected meanwhile. Please ask again with one of your next instalments.',
  },
}

function rejectionLetter(
  request: ServiceRequestRecord,
  locale: Locale,
  reason: Reason,
): DocumentParams {
  const de = locale === 'de'
  const title = serviceDefinition(request.type).title[locale]
  return {
    kind: 'service_answer',
    subject: de ? `Ihre Anfrage ${request.reference}` : `Your request ${request.reference}`,
    reference: request.reference,
    paragraphs: [
      de
        ? `leider können wir Ihre Anfrage „${title}“ (${request.reference}) nicht ausführen. ${REJECTION_REASONS[reason].de}`
        : `unfortunately we cannot carry out your request “${title}” (${request.reference}). ${REJECTION_REASONS[reason].en}`,
      de
        ? 'Gerne hilft Ihnen unsere Kundenbetreuung weiter.'
        : 'Our customer service will be glad to help you.',
    ],
  }
}

/** The answer letter of a back-office type, written on `state.today`. */
function answerLetter(
  request: ServiceRequestRecord,
  state: ContractState,
  customer: CustomerRecord,
): DocumentParams {
  const { contract, today } = state
  const { reference } = request
  switch (request.type) {
    case 'payment_day_change': {
      const { newPaymentDay } = request.details as unknown as ServiceDetails['payment_day_change']
      return {
        kind: 'payment_day_change',
        reference,
        oldPaymentDay: contract.paymentDay,
        newPaymentDay,
        effectiveFrom: firstPaymentDayFrom(newPaymentDay, addDays(today, PAYMENT_DAY_NOTICE_DAYS)),
      }
    }
    case 'vehicle_certificate_release': {
      const { delivery } =
        request.details as unknown as ServiceDetails['vehicle_certificate_release']
      const lines = addressBlock(customer, customer.locale)
      return {
        kind: 'vehicle_certificate_release',
        reference,
        delivery,
        // Without the salutation line: name, street, town, country.
        address: customer.salutation === 'none' ? lines : lines.slice(1),
      }
    }
    case 'travel_abroad_permission': {
      const details = request.details as unknown as ServiceDetails['travel_abroad_permission']
      return {
        kind: 'travel_permission',
        reference,
        holder: `${customer.firstName} ${customer.lastName}`,
        countries: [...details.countries],
        from: details.from,
        to: details.to,
        purpose: details.purpose?.trim() || null,
      }
    }
    case 'special_repayment': {
      const { amountCents, keep = 'term' } =
        request.details as unknown as ServiceDetails['special_repayment']
      const effect = specialRepaymentEffect(
        contract,
        addDays(today, SPECIAL_REPAYMENT_TRANSFER_DAYS),
        amountCents,
        state.plan,
      )
      const letter = {
        kind: 'special_repayment' as const,
        reference,
        oldInstalmentCents: regularInstalment(contract),
        transfer: transferFor(contract, reference),
        keep,
        newEndDate: state.endDate,
        feeCents: specialRepaymentFee(
          contract,
          { amountCents, bookedOn: effect.bookedOn, keep },
          state.plan,
        ),
        ...effect,
      }
      if (keep === 'term') return letter
      // The instalment stays: the plan's own loop from the lower balance ends sooner.
      const collected = state.plan.length - effect.remainingPayments
      const rows = rowsAfter(
        contract,
        collected,
        effect.balanceAfterCents,
        'instalment',
        amountCents,
      )
      const last = rows.at(-1)
      return {
        ...letter,
        newEndDate: last?.dueDate ?? state.endDate,
        newInstalmentCents: effect.newInstalmentCents === null ? null : letter.oldInstalmentCents,
        remainingPayments: rows.length,
        finalAmountCents: contract.product === 'balloon' ? (last?.principalCents ?? null) : null,
      }
    }
    case 'payment_deferral': {
      const { months, firstDueDate } =
        request.details as unknown as ServiceDetails['payment_deferral']
      const deferral = deferInstalments(contract, state.plan, firstDueDate, months)
      const first = deferralStart(state.plan, firstDueDate)
      return {
        kind: 'payment_deferral',
        reference,
        months,
        firstDueDate,
        oldEndDate: state.endDate,
        newEndDate: deferral.newEndDate,
        extraInterestCents: deferral.extraInterestCents,
        rows: deferral.schedule.slice(first),
      }
    }
    case 'lease_return_appointment':
    case 'contract_extension':
    case 'final_instalment_refinance':
      return endOfTermAnswer(request.type, request.details, state, reference, customer.locale)
    case 'payoff_quote':
    case 'balance_confirmation':
    case 'contract_copy':
    case 'purchase_quote':
    case 'bank_details_change':
      throw new Error(`${request.type} is answered at once, not by the back office`)
  }
}

/**
 * Why the request cannot be answered as asked any more, or null. The address
 * is checked again: a Typenschein asked for by post goes to the address on
 * file when it is sent, so an address changed since must have been on file
 * for 14 days by then.
 */
async function reasonToReject(
  request: ServiceRequestRecord,
  state: ContractState,
  repo: ServiceRequestsRepository,
  lastAddressChange: string | null,
  now: Date,
): Promise<Reason | null> {
  // The request itself is open: it does not count as "the same request pending".
  const others: RequestLookup = {
    countForContract: async (contractId, type, statuses, since) =>
      (await repo.countForContract(contractId, type, statuses, since)) -
      (contractId === request.contractId &&
      type === request.type &&
      statuses.includes(request.status)
        ? 1
        : 0),
  }
  const reason = await requestIneligibility(request, state, others, lastAddressChange, now)
  if (reason) return reason
  if (request.type === 'payment_deferral') {
    // The day may have passed by now (its instalment collected), or the deferred ones
    // would no longer end before the last: the rule of filing, checked again.
    const { months, firstDueDate } =
      request.details as unknown as ServiceDetails['payment_deferral']
    const problem = deferralProblem(state, firstDueDate, months)
    if (problem === 'firstDueDate') return 'deferral_day_passed'
    if (problem === 'months') return 'term_ending'
  }
  if (
    request.type === 'special_repayment' &&
    detailProblems(request.type, request.details, state)['details.amountCents']
  ) {
    return 'amount_too_high'
  }
  return null
}

interface Answered {
  request: ServiceRequestRecord
  document: DocumentRecord
}

/** Answers one request (in the caller's transaction); null when it is no longer open. */
async function answer(ctx: ServiceContext, repo: ServiceRequestsRepository, id: number, now: Date) {
  const request = await repo.byId(id)
  if (!request || (request.status !== 'received' && request.status !== 'in_progress')) return null
  const contract: ContractRecord | null = await ctx.repos.contracts.byId(request.contractId)
  const customer = await ctx.repos.customers.byId(request.customerId)
  if (!contract || !customer) return null
  const state = contractState(contract, viennaDay(now))
  const lastAddressChange = await ctx.repos.addressChanges.latest(customer.id)
  const rejected = await reasonToReject(request, state, repo, lastAddressChange, now)
  const params = rejected
    ? rejectionLetter(request, customer.locale, rejected)
    : answerLetter(request, state, customer)
  const document = await insertDocumentRecord(ctx, {
    customer,
    contract,
    params,
    date: state.today,
    filedAt: now,
  })
  const status = rejected ? 'rejected' : 'completed'
  if (await repo.finish(id, status, document.id, now.toISOString()))
    await notifyServiceRequestUpdated(ctx, request, status)
  return { request, document } satisfies Answered
}

/**
 * Does what is due by the backend's clock: takes requests up and answers them.
 * Safe to run concurrently: each step changes a request only from the state it
 * read, in one transaction. Returns how many requests it answered.
 */
export async function runBackOffice(ctx: ServiceContext): Promise<number> {
  const repo = ctx.repos.serviceRequests
  const now = ctx.clock.now()
  const at = now.toISOString()
  let answered = 0
  for (const request of await repo.dueForBackOffice(at)) {
    if (
      request.status === 'received' &&
      request.progressDueAt !== null &&
      request.progressDueAt <= at
    )
      await ctx.transaction(async (tx) => {
        // The status and its notification commit together.
        if (await tx.repos.serviceRequests.markInProgress(request.id, at))
          await notifyServiceRequestUpdated(tx, request, 'in_progress')
      })
    if (request.answerDueAt === null || request.answerDueAt > at) continue
    const done = await ctx.transaction((tx) =>
      answer(tx, tx.repos.serviceRequests, request.id, now),
    )
    if (!done) continue
    await ensureContent(ctx, done.document)
    answered++
  }
  return answered
}

/** The simulated back office, as createBackend injects it in demo mode. */
export const demoBackOffice: BackOffice = { schedule: backOfficeSchedule, run: runBackOffice }
