/**
 * Paying a contract off early, and a special repayment, from the contract's
 * real plan (plan.ts), following the Austrian consumer-credit act (VKrG § 16).
 *
 * The payoff amount on a day is
 * - the principal outstanding after the last instalment due on or before that
 *   day (an instalment due on the payoff day is collected first, as planned);
 * - plus the interest accrued on it from that instalment's due date (or the
 *   contract's start) to the payoff day, counted 30E/360: the plan charges
 *   rate / 12 a month whatever the month's length, so a whole period accrues
 *   exactly the plan's interest;
 * - plus the early-repayment fee: 1 % of the principal repaid early when more
 *   than a year remains to the contract's end, 0.5 % otherwise, never more than
 *   the interest the customer would still have paid, none for a variable rate;
 *   rounded down, so that it never exceeds the legal maximum.
 *
 * For leasing, paying off is buying the vehicle early: the balance the plan
 * runs down to the residual value includes that residual value, so the payoff
 * amount does too and settles the contract completely.
 */
import { addMonths, isCalendarDate } from '../../shared/dates.ts'
import {
  buildPlan,
  monthlyInterest,
  regularInstalment,
  type PlanRow,
  type PlanTerms,
} from './plan.ts'

/** VKrG § 16 (2): more than a year left. */
export const EARLY_REPAYMENT_FEE_BP = 100
/** VKrG § 16 (2): a year or less left. */
export const EARLY_REPAYMENT_FEE_SHORT_BP = 50

export interface PayoffQuote {
  payoffDate: string
  /** Principal outstanding after the last instalment due on or before the payoff date. */
  principalCents: number
  /** That instalment's due date, or the contract's start when none is due yet. */
  interestFrom: string
  /** Days of accrued interest, 30E/360. */
  interestDays: number
  interestCents: number
  /** 100, 50 or 0 (variable rate). */
  feeRateBp: number
  feeCents: number
  totalCents: number
  /** Instalments collected by the payoff date (the plan's first rows). */
  instalmentsPaid: number
  /** The contract's last due date. */
  endDate: string
}

function parts(isoDate: string): [number, number, number] {
  if (!isCalendarDate(isoDate)) throw new RangeError(`Not a date: ${isoDate}`)
  return [Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))]
}

/** Days from `from` to `to` by the 30E/360 convention (the 31st counts as the 30th). */
export function days30E360(from: string, to: string): number {
  const [y1, m1, d1] = parts(from)
  const [y2, m2, d2] = parts(to)
  return 360 * (y2 - y1) + 30 * (m2 - m1) + (Math.min(d2, 30) - Math.min(d1, 30))
}

/**
 * Interest on a balance for `days` days at a yearly rate in basis points,
 * days / 360, rounded half up to the cent; 30 days give the plan's monthly interest.
 */
export function accruedInterest(balanceCents: number, rateBp: number, days: number): number {
  if (days < 0) throw new RangeError('negative interest period')
  // balance · bp · days / (10 000 · 360), half up, in BigInt: exact for any balance.
  const numerator = 2n * BigInt(balanceCents) * BigInt(rateBp) * BigInt(days) + 3_600_000n
  return Number(numerator / 7_200_000n)
}

/** The fee's rate on a payoff date: 1 % with more than a year left, else 0.5 %; none for a variable rate. */
export function earlyRepaymentFeeBp(
  payoffDate: string,
  endDate: string,
  variableRate = false,
): number {
  if (variableRate) return 0
  return endDate > addMonths(payoffDate, 12) ? EARLY_REPAYMENT_FEE_BP : EARLY_REPAYMENT_FEE_SHORT_BP
}

/** The plan's rows collected by a day: those due on or before it. */
function collectedBy(plan: readonly PlanRow[], isoDate: string): number {
  const next = plan.findIndex((row) => row.dueDate > isoDate)
  return next === -1 ? plan.length : next
}

/**
 * The payoff quote for a day from the contract's start up to (not including)
 * its last due date. `variableRate`: no fee (VKrG § 16 (2)); the demo's
 * contracts all have fixed rates.
 */
export function payoffQuote(
  terms: PlanTerms,
  payoffDate: string,
  options: { variableRate?: boolean; plan?: readonly PlanRow[] } = {},
): PayoffQuote {
  const plan = options.plan ?? buildPlan(terms)
  const last = plan.at(-1)
  if (!last) throw new RangeError('a plan without rows')
  if (!isCalendarDate(payoffDate) || payoffDate < terms.startDate || payoffDate >= last.dueDate)
    throw new RangeError(`payoff date outside the contract's term: ${payoffDate}`)
  const paid = collectedBy(plan, payoffDate)
  const lastPaid = plan[paid - 1]
  const principal = lastPaid?.balanceAfterCents ?? terms.financedAmountCents
  const interestFrom = lastPaid?.dueDate ?? terms.startDate
  const interestDays = days30E360(interestFrom, payoffDate)
  const interest = accruedInterest(principal, terms.nominalRateBp, interestDays)
  // The fee may not exceed the interest the customer would have paid after the payoff (§ 16 (2)).
  const interestAfter = plan.slice(paid).reduce((sum, row) => sum + row.interestCents, 0) - interest
  const feeRateBp = earlyRepaymentFeeBp(payoffDate, last.dueDate, options.variableRate)
  const fee = Math.max(
    0,
    Math.min(Math.floor((principal * feeRateBp) / 10_000), Math.max(interestAfter, 0)),
  )
  return {
    payoffDate,
    principalCents: principal,
    interestFrom,
    interestDays,
    interestCents: interest,
    feeRateBp,
    feeCents: fee,
    totalCents: principal + interest + fee,
    instalmentsPaid: paid,
    endDate: last.dueDate,
  }
}

export interface SpecialRepaymentEffect {
  /** The day the repayment is booked: instalments due on or before it are collected first. */
  bookedOn: string
  balanceBeforeCents: number
  amountCents: number
  balanceAfterCents: number
  /** Instalments left after the booking day, the final instalment of a balloon included. */
  remainingPayments: number
  /** The new regular instalment for the same remaining term; null when only a balloon's final instalment is left. */
  newInstalmentCents: number | null
  /** Balloon: the final amount after the repayment (the principal it leaves, at most the agreed one); else null. */
  finalAmountCents: number | null
}

/**
 * What a special repayment booked on a day does: the balance falls by the
 * amount, the term stays and the regular instalment is recalculated (a
 * balloon's final principal stays unless the balance falls below it).
 */
export function specialRepaymentEffect(
  terms: PlanTerms,
  bookedOn: string,
  amountCents: number,
  plan: readonly PlanRow[] = buildPlan(terms),
): SpecialRepaymentEffect {
  if (terms.product === 'leasing') throw new RangeError('leasing has no special repayments')
  const paid = collectedBy(plan, bookedOn)
  const before = plan[paid - 1]?.balanceAfterCents ?? terms.financedAmountCents
  const after = before - amountCents
  const remaining = plan.length - paid
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || after <= 0 || remaining < 1)
    throw new RangeError('a special repayment must leave a balance and an instalment')
  const balloon = terms.product === 'balloon'
  const regularLeft = balloon ? remaining - 1 : remaining
  const target = balloon ? Math.min(terms.finalAmountCents, after) : 0
  let instalment: number | null = null
  if (regularLeft >= 1) {
    instalment =
      target >= after
        ? // Nothing left to amortise before the balloon: the instalments carry only interest.
          monthlyInterest(after, terms.nominalRateBp)
        : regularInstalment({
            ...terms,
            product: balloon ? 'balloon' : 'loan',
            financedAmountCents: after,
            finalAmountCents: target,
            termMonths: balloon ? regularLeft + 1 : regularLeft,
          })
  }
  return {
    bookedOn,
    balanceBeforeCents: before,
    amountCents,
    balanceAfterCents: after,
    remainingPayments: remaining,
    newInstalmentCents: instalment,
    finalAmountCents: balloon ? (regularLeft >= 1 ? target : after) : null,
  }
}
