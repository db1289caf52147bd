/**
 * A payment deferral (Stundung): 1–3 instalments from a due date on are not
 * collected and move to the end of the plan, each later one a month later.
 * Interest keeps accruing on the balance during the deferred months (the
 * plan's monthly interest on the balance they leave untouched, not compounded)
 * and is paid with the last instalment. Nothing else changes: the instalments
 * after the deferral are the plan's, a month later per deferred one.
 */
import { DEFERRAL_MONTHS_MAX } from '../../shared/api/service-requests/types.ts'
import { dueDate, monthlyInterest, type PlanRow, type PlanTerms } from './plan.ts'

export interface DeferralPreview {
  newEndDate: string
  /** The interest of the deferred months, paid with the last instalment. */
  extraInterestCents: number
  /** The whole new plan: the deferred months as rows of 0. */
  schedule: PlanRow[]
}

/** The plan's row a deferral starting on `firstDueDate` begins with, or -1. */
export function deferralStart(plan: readonly PlanRow[], firstDueDate: string): number {
  return plan.findIndex((row) => row.dueDate === firstDueDate)
}

/**
 * The plan after deferring `months` instalments from the one due on
 * `firstDueDate` (a due date of the plan, not among the last `months` rows);
 * RangeError otherwise. 0 months is the plan as it is.
 */
export function deferInstalments(
  terms: PlanTerms,
  plan: readonly PlanRow[],
  firstDueDate: string,
  months: number,
): DeferralPreview {
  const k = deferralStart(plan, firstDueDate)
  if (k === -1) throw new RangeError(`no instalment due on ${firstDueDate}`)
  if (!Number.isInteger(months) || months < 0 || months > DEFERRAL_MONTHS_MAX)
    throw new RangeError('1–3 months')
  if (k + months > plan.length - 1) throw new RangeError('the last instalment cannot be deferred')
  const balance = plan[k - 1]?.balanceAfterCents ?? terms.financedAmountCents
  const monthly = monthlyInterest(balance, terms.nominalRateBp)
  const extra = monthly * months
  const deferred: PlanRow[] = Array.from({ length: months }, (_, j) => ({
    n: k + 1 + j,
    dueDate: dueDate(terms, k + 1 + j),
    instalmentCents: 0,
    interestCents: 0,
    principalCents: 0,
    balanceAfterCents: balance,
  }))
  const moved = plan.slice(k).map((row, j, rows) => {
    const n = row.n + months
    const last = j === rows.length - 1
    return {
      ...row,
      n,
      dueDate: dueDate(terms, n),
      interestCents: row.interestCents + (last ? extra : 0),
      instalmentCents: row.instalmentCents + (last ? extra : 0),
    }
  })
  const schedule = [...plan.slice(0, k), ...deferred, ...moved]
  return {
    newEndDate: schedule.at(-1)?.dueDate ?? firstDueDate,
    extraInterestCents: extra,
    schedule,
  }
}
