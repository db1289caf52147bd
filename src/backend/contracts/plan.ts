/**
 * The instalment plan of a financing agreement: a monthly annuity on the
 * nominal rate, exact to the cent.
 *
 * - loan: `termMonths` instalments, the balance ends at 0;
 * - leasing: `termMonths` instalments, the balance ends at the residual value
 *   (settled by returning or buying the vehicle, not a row of the plan);
 * - balloon: `termMonths - 1` regular instalments, then the final instalment
 *   (the balloon principal plus its month's interest) as the plan's last row.
 *
 * Interest is charged monthly on the balance (nominal rate / 12), rounded half
 * up to the cent; the regular instalment is the rounded annuity, and the last
 * regular instalment takes the rounding difference, so that the balance lands
 * exactly on its target.
 */
import type { Product } from '../../shared/api/contracts.ts'
import { addMonths, isCalendarDate } from '../../shared/dates.ts'

export interface PlanTerms {
  product: Product
  /** What the bank pays out (purchase price less down payment), in cents; > 0. */
  financedAmountCents: number
  /** Nominal rate per year in basis points (399 = 3.99 % p.a.); ≥ 0. */
  nominalRateBp: number
  /** Number of monthly payments, the final instalment of a balloon included. */
  termMonths: number
  /** Leasing: the residual value; balloon: the principal left for the final instalment; loan: 0. */
  finalAmountCents: number
  /** The contract's start (YYYY-MM-DD); the first payment falls in the next month. */
  startDate: string
  /** Day of the month the instalments are debited (1–28). */
  paymentDay: number
}

export interface PlanRow {
  n: number
  dueDate: string
  instalmentCents: number
  interestCents: number
  principalCents: number
  balanceAfterCents: number
}

export const MAX_TERM_MONTHS = 120
export const MAX_RATE_BP = 3000

/** Throws a RangeError naming the first term that makes no sense. */
export function assertValidTerms(terms: PlanTerms): void {
  const { financedAmountCents: p, finalAmountCents: f, termMonths: n } = terms
  const fail = (what: string) => {
    throw new RangeError(`invalid plan terms: ${what}`)
  }
  if (!Number.isSafeInteger(p) || p <= 0) fail('financedAmountCents')
  if (!Number.isSafeInteger(terms.nominalRateBp) || terms.nominalRateBp < 0) fail('nominalRateBp')
  if (terms.nominalRateBp > MAX_RATE_BP) fail('nominalRateBp')
  const minTerm = terms.product === 'balloon' ? 2 : 1
  if (!Number.isInteger(n) || n < minTerm || n > MAX_TERM_MONTHS) fail('termMonths')
  if (!Number.isInteger(terms.paymentDay) || terms.paymentDay < 1 || terms.paymentDay > 28)
    fail('paymentDay')
  if (!isCalendarDate(terms.startDate)) fail('startDate')
  if (terms.product === 'loan' && f !== 0) fail('finalAmountCents (a loan has none)')
  if (terms.product !== 'loan' && (!Number.isSafeInteger(f) || f <= 0 || f >= p))
    fail('finalAmountCents (must be between 0 and the financed amount)')
}

/** Interest of one month on a balance, rounded half up to the cent, in integer arithmetic. */
export function monthlyInterest(balanceCents: number, rateBp: number): number {
  // balance · bp / (100 · 100 · 12), rounded half up; exact while balance · bp < 2^53.
  return Math.floor((2 * balanceCents * rateBp + 120_000) / 240_000)
}

/**
 * The regular instalment: the annuity that brings `financedAmountCents` down to
 * the target (residual value or balloon principal) in the regular periods,
 * rounded half up to the cent.
 */
export function regularInstalment(terms: PlanTerms): number {
  assertValidTerms(terms)
  const periods = regularPeriods(terms)
  const p = terms.financedAmountCents
  const target = terms.finalAmountCents
  const i = terms.nominalRateBp / 120_000
  if (i === 0) return Math.round((p - target) / periods)
  const v = Math.pow(1 + i, -periods)
  return Math.round(((p - target * v) * i) / (1 - v))
}

function regularPeriods(terms: PlanTerms): number {
  return terms.product === 'balloon' ? terms.termMonths - 1 : terms.termMonths
}

/** The due date of payment `n` (1-based): the payment day in the n-th month after the start. */
export function dueDate(terms: Pick<PlanTerms, 'startDate' | 'paymentDay'>, n: number): string {
  return addMonths(`${terms.startDate.slice(0, 8)}${pad(terms.paymentDay)}`, n)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The whole plan, one row per payment. */
export function buildPlan(terms: PlanTerms): PlanRow[] {
  const instalment = regularInstalment(terms)
  const periods = regularPeriods(terms)
  const target = terms.finalAmountCents
  const rows: PlanRow[] = []
  let balance = terms.financedAmountCents
  for (let n = 1; n <= periods; n++) {
    const interest = monthlyInterest(balance, terms.nominalRateBp)
    // The last regular instalment settles the rounding difference; before it,
    // the principal part is what the instalment leaves after interest, never
    // below 0 and never past the target.
    const principal =
      n === periods
        ? balance - target
        : Math.min(Math.max(instalment - interest, 0), balance - target)
    balance -= principal
    rows.push({
      n,
      dueDate: dueDate(terms, n),
      instalmentCents: interest + principal,
      interestCents: interest,
      principalCents: principal,
      balanceAfterCents: balance,
    })
  }
  if (terms.product === 'balloon') {
    const interest = monthlyInterest(balance, terms.nominalRateBp)
    rows.push({
      n: terms.termMonths,
      dueDate: dueDate(terms, terms.termMonths),
      instalmentCents: interest + balance,
      interestCents: interest,
      principalCents: balance,
      balanceAfterCents: 0,
    })
  }
  return rows
}

/**
 * The effective annual rate in percent, two decimals, from the cash flows: the
 * amount paid out at the start against every payment of the plan (and, for
 * leasing, the residual value at the end), each discounted by (1 + r)^(months/12)
 * as in the EU Consumer Credit Directive's Annex I (equal months).
 */
export function effectiveRatePct(
  terms: PlanTerms,
  plan: readonly PlanRow[] = buildPlan(terms),
): number {
  const flows = plan.map((row) => ({ months: row.n, cents: row.instalmentCents }))
  if (terms.product === 'leasing')
    flows.push({ months: terms.termMonths, cents: terms.finalAmountCents })
  const paidOut = terms.financedAmountCents
  // Present value of the payments at annual rate r, minus what was paid out: falls as r rises.
  const excess = (r: number) =>
    flows.reduce((sum, f) => sum + f.cents * Math.pow(1 + r, -f.months / 12), 0) - paidOut
  let low = -0.99
  let high = 10
  if (excess(high) > 0) return Number((high * 100).toFixed(2))
  for (let step = 0; step < 200 && high - low > 1e-12; step++) {
    const mid = (low + high) / 2
    if (excess(mid) > 0) low = mid
    else high = mid
  }
  const pct = Math.round(((low + high) / 2) * 10_000) / 100
  return Object.is(pct, -0) ? 0 : pct
}
