/**
 * Which instalments the plan opens with: a year of them from the next one still
 * open (the customer's question is "what comes next?"), the plan's last year once
 * every instalment is paid, and all of a plan that is no longer than that.
 */
import type { InstalmentStatus } from '../../../../shared/api/contracts.ts'

/** How many instalments the plan shows before "Alle anzeigen": a year's. */
export const PLAN_WINDOW_ROWS = 12

export interface PlanWindow {
  /** First row shown (an index into the plan). */
  start: number
  /** One past the last row shown. */
  end: number
  /** Some rows are left out: the plan offers "Alle anzeigen". */
  partial: boolean
}

/** The rows shown at first, as indexes into `rows` (in the plan's order). */
export function planWindow(
  rows: readonly { status: InstalmentStatus }[],
  size: number = PLAN_WINDOW_ROWS,
): PlanWindow {
  if (rows.length <= size) return { start: 0, end: rows.length, partial: false }
  const next = rows.findIndex((row) => row.status !== 'paid')
  // Near the end, the window keeps its size and shows some paid rows above.
  const start = next === -1 ? rows.length - size : Math.min(next, rows.length - size)
  return { start, end: start + size, partial: true }
}
