/**
 * The repayment simulator: what a special repayment on a day would do to the
 * contract's real plan (plan.ts), to the cent.
 *
 * - The repayment is booked on the first due date on or after the chosen day
 *   (its value date): that instalment and all before it stay as planned, and
 *   the balance after it falls by the amount. Until then the amount carries
 *   the plan's interest, so nothing is saved on it before the booking.
 * - `keep: 'instalment'`: the instalment stays and the term shortens (the same
 *   loop as plan.ts: interest on the balance, the rest of the instalment repays,
 *   the last regular row takes what is left). A balloon's final instalment
 *   follows the month after the last regular one and is at most the agreed one.
 * - `keep: 'term'`: the end date stays and the regular instalment falls by the
 *   annuity of the amount over the months left (rounded down, so that the
 *   interest saved never turns negative through rounding).
 * - The fee follows the payoff rules (payoff.ts): 1 % or 0.5 % of the amount,
 *   never more than the interest saved.
 *
 * Both run plan.ts's loop from the booking on, so an amount of 0 gives the plan.
 */
import { earlyRepaymentFeeBp } from './payoff.ts'
import {
  buildPlan,
  dueDate,
  monthlyInterest,
  regularInstalment,
  type PlanRow,
  type PlanTerms,
} from './plan.ts'

export type KeepWhat = 'instalment' | 'term'

export interface Simulation {
  /** The due date the repayment is booked on. */
  bookedOn: string
  newEndDate: string
  /** The regular instalment after the repayment. */
  newInstalmentCents: number
  interestSavedCents: number
  feeCents: number
  /** The whole new plan: the rows up to the booking unchanged, then the new ones. */
  schedule: PlanRow[]
}

/** The index of the plan's row a repayment on `date` is booked with, or -1 past the end. */
function bookingRow(plan: readonly PlanRow[], date: string): number {
  return plan.findIndex((row) => row.dueDate >= date)
}

/** The largest amount that still leaves a balance after the booking (−1 when none can be booked). */
export function maxSpecialRepayment(plan: readonly PlanRow[], date: string): number {
  const k = bookingRow(plan, date)
  if (k === -1 || k === plan.length - 1) return -1
  return (plan[k]?.balanceAfterCents ?? 0) - 1
}

const sumOf = (rows: readonly PlanRow[], pick: (row: PlanRow) => number): number =>
  rows.reduce((sum, row) => sum + pick(row), 0)

/** The simulation; throws a RangeError for a day past the last instalment or an amount beyond the balance. */
export function simulateSpecialRepayment(
  terms: PlanTerms,
  input: { amountCents: number; date: string; keep: KeepWhat },
  plan: readonly PlanRow[] = buildPlan(terms),
): Simulation {
  if (terms.product === 'leasing') throw new RangeError('leasing has no special repayments')
  const k = bookingRow(plan, input.date)
  const max = maxSpecialRepayment(plan, input.date)
  const booked = plan[k]
  if (!booked || max < 0) throw new RangeError('no instalment left to book the repayment on')
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0 || input.amountCents > max)
    throw new RangeError('the amount must leave a balance')
  const kept = plan.slice(0, k + 1)
  const balance = booked.balanceAfterCents - input.amountCents
  const rest = rowsAfter(terms, booked.n, balance, input.keep, input.amountCents)
  const schedule = [...kept, ...rest]
  const saved = sumOf(plan, (r) => r.interestCents) - sumOf(schedule, (r) => r.interestCents)
  const last = plan.at(-1)?.dueDate ?? booked.dueDate
  const feeBp = earlyRepaymentFeeBp(booked.dueDate, last)
  const regular = terms.product === 'balloon' ? rest.slice(0, -1) : rest
  return {
    bookedOn: booked.dueDate,
    newEndDate: schedule.at(-1)?.dueDate ?? last,
    newInstalmentCents: regular[0]?.instalmentCents ?? 0,
    interestSavedCents: saved,
    feeCents: Math.max(0, Math.min(Math.floor((input.amountCents * feeBp) / 10_000), saved)),
    schedule,
  }
}

/**
 * The early repayment fee of a special repayment booked on `bookedOn` as the
 * bank's letter books it (after the instalments due on or before that day: the
 * balance the letter names), by the simulator's rule (1 % or 0.5 % of the
 * amount, never more than the interest saved); the rate's fee alone when no
 * instalment is collected by then or none is left after it.
 */
export function specialRepaymentFee(
  terms: PlanTerms,
  input: { amountCents: number; bookedOn: string; keep: KeepWhat },
  plan: readonly PlanRow[] = buildPlan(terms),
): number {
  const lastCollected = plan.filter((row) => row.dueDate <= input.bookedOn).at(-1)
  try {
    if (lastCollected) {
      const { amountCents, keep } = input
      return simulateSpecialRepayment(
        terms,
        { amountCents, keep, date: lastCollected.dueDate },
        plan,
      ).feeCents
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
  }
  const last = plan.at(-1)?.dueDate ?? input.bookedOn
  return Math.floor((input.amountCents * earlyRepaymentFeeBp(input.bookedOn, last)) / 10_000)
}

/**
 * The rows after row `bookedN` (the last collected before the repayment is
 * booked), from the balance the repayment of `amountCents` leaves.
 */
export function rowsAfter(
  terms: PlanTerms,
  bookedN: number,
  balance: number,
  keep: KeepWhat,
  amountCents: number,
): PlanRow[] {
  const balloon = terms.product === 'balloon'
  const lastRegular = balloon ? terms.termMonths - 1 : terms.termMonths
  const instalment = regularInstalment(terms)
  // A balloon paid down below its final amount: nothing left to amortise before it.
  if (balloon && balance <= terms.finalAmountCents) {
    const interestOnly = keep === 'term' ? monthlyInterest(balance, terms.nominalRateBp) : 0
    const last = keep === 'term' ? lastRegular : bookedN
    return amortise(terms, { n: bookedN, balance, target: balance, instalment: interestOnly }, last)
  }
  const target = balloon ? terms.finalAmountCents : 0
  if (keep === 'instalment')
    return amortise(terms, { n: bookedN, balance, target, instalment }, lastRegular, true)
  // The instalment falls by the annuity of the amount over the regular months left, rounded
  // down: the new balance then never runs above the old one less the amount's own plan.
  const reduction = floorAnnuity(amountCents, terms.nominalRateBp, lastRegular - bookedN)
  return amortise(
    terms,
    { n: bookedN, balance, target, instalment: instalment - reduction },
    lastRegular,
  )
}

/** The annuity that repays `amount` in `months` at the rate, rounded down to the cent. */
function floorAnnuity(amountCents: number, rateBp: number, months: number): number {
  if (months <= 0) return 0
  const i = rateBp / 120_000
  if (i === 0) return Math.floor(amountCents / months)
  return Math.floor((amountCents * i) / (1 - Math.pow(1 + i, -months)))
}

/**
 * The loop of plan.ts from row `n` on: interest on the balance, the rest of the
 * instalment repays, the last regular row (or, with `stopEarly`, the first that
 * can) takes what is left down to the target; a balloon's final row after it.
 */
function amortise(
  terms: PlanTerms,
  from: { n: number; balance: number; target: number; instalment: number },
  lastRegular: number,
  stopEarly = false,
): PlanRow[] {
  const rows: PlanRow[] = []
  let { n, balance } = from
  const { target, instalment } = from
  while (n < lastRegular && !(stopEarly && balance <= target)) {
    n += 1
    const interest = monthlyInterest(balance, terms.nominalRateBp)
    const repays = Math.min(Math.max(instalment - interest, 0), balance - target)
    const principal =
      n === lastRegular || (stopEarly && balance - target <= repays) ? balance - target : repays
    balance -= principal
    rows.push(row(terms, n, interest, principal, balance))
  }
  if (terms.product === 'balloon') {
    n += 1
    rows.push(row(terms, n, monthlyInterest(balance, terms.nominalRateBp), balance, 0))
  }
  return rows
}

function row(
  terms: PlanTerms,
  n: number,
  interest: number,
  principal: number,
  balance: number,
): PlanRow {
  return {
    n,
    dueDate: dueDate(terms, n),
    instalmentCents: interest + principal,
    interestCents: interest,
    principalCents: principal,
    balanceAfterCents: balance,
  }
}
