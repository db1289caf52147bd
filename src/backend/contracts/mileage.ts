/**
 * The mileage projection of a leasing contract (api.md "Lease end, mileage"),
 * in whole kilometres and cents:
 * - allowance over the term = round(km per year × term months / 12);
 * - at the end = latest reading × days(start → end) / days(start → reading),
 *   rounded half up to a whole km (linear from 0 km at the start through the
 *   latest reading; a reading on the start day projects itself);
 * - excess = at the end − (allowance + tolerance), at least 0; charge = excess × rate;
 * - unused = allowance − at the end, at least 0; refund = min(unused, cap) × rate.
 */
import { daysBetween } from '../../shared/dates.ts'
import type { MileageTerms } from './contract-record.ts'

/** A reading as the projection needs it. */
export interface Reading {
  date: string
  km: number
}

export interface Projection {
  atEndKm: number
  excessKm: number
  unusedKm: number
  estimatedChargeCents: number
  estimatedRefundCents: number
}

/** The kilometres allowed over the whole term. */
export function allowanceTotalKm(kmPerYear: number, termMonths: number): number {
  return Math.round((kmPerYear * termMonths) / 12)
}

/** `numerator / denominator` rounded half up, for non-negative integers. */
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator))
}

/** The projection from the latest reading; null without readings. */
export function projectMileage(
  terms: MileageTerms,
  allowanceKm: number,
  period: { startDate: string; endDate: string },
  readings: readonly Reading[],
): Projection | null {
  const latest = readings.at(-1)
  if (!latest) return null
  const elapsed = daysBetween(period.startDate, latest.date)
  const total = daysBetween(period.startDate, period.endDate)
  const atEndKm = elapsed <= 0 ? latest.km : divideHalfUp(latest.km * total, elapsed)
  const excessKm = Math.max(0, atEndKm - allowanceKm - terms.toleranceKm)
  const unusedKm = Math.max(0, allowanceKm - atEndKm)
  return {
    atEndKm,
    excessKm,
    unusedKm,
    estimatedChargeCents: excessKm * terms.excessKmRateCents,
    estimatedRefundCents: Math.min(unusedKm, terms.unusedKmRefundCapKm) * terms.unusedKmRefundCents,
  }
}

/** The most a car is taken to drive a day: a reading beyond this pace is a typing error. */
const KM_PER_DAY_MAX = 1_500

/**
 * Why a new reading cannot be recorded, per field (empty when it can). `today`
 * in Vienna; the readings oldest first.
 */
export function readingProblems(
  reading: Reading,
  period: { startDate: string; endDate: string; today: string },
  readings: readonly Reading[],
): Record<string, 'below_previous' | 'above_later' | 'out_of_range' | DateProblem> {
  const problems: Record<string, 'below_previous' | 'above_later' | 'out_of_range' | DateProblem> =
    {}
  const dateProblem = problemOfDate(reading.date, period, readings)
  if (dateProblem) problems.date = dateProblem
  const before = readings.filter((r) => r.date < reading.date)
  const after = readings.filter((r) => r.date > reading.date)
  const days = daysBetween(period.startDate, reading.date)
  if (before.some((r) => r.km > reading.km)) problems.km = 'below_previous'
  else if (after.some((r) => r.km < reading.km)) problems.km = 'above_later'
  else if (!dateProblem && reading.km > (days + 1) * KM_PER_DAY_MAX) problems.km = 'out_of_range'
  return problems
}

type DateProblem = 'in_future' | 'before_start' | 'after_end' | 'already_recorded'

function problemOfDate(
  date: string,
  period: { startDate: string; endDate: string; today: string },
  readings: readonly Reading[],
): DateProblem | null {
  if (date > period.today) return 'in_future'
  if (date < period.startDate) return 'before_start'
  if (date > period.endDate) return 'after_end'
  if (readings.some((r) => r.date === date)) return 'already_recorded'
  return null
}
