/**
 * The mileage projection as properties over random terms and readings
 * (fast-check), against an independent reference in BigInt: the projection is
 * km × total days / elapsed days rounded half up; the charge and the refund
 * follow from it with the rates, the tolerance and the cap; never both.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { projectMileage } from '../../../src/backend/contracts/mileage.ts'
import { daysBetween } from '../../../src/shared/dates.ts'
import { addDays } from '../../../src/shared/dates.ts'

const RUNS = { numRuns: 300 }

/** a / b rounded half up, in BigInt (independent of the implementation's Number arithmetic). */
function halfUp(a: bigint, b: bigint): number {
  const q = a / b
  return Number(2n * (a % b) >= b ? q + 1n : q)
}

const case_ = fc.record({
  startDate: fc.constantFrom('2022-01-15', '2023-06-30', '2024-02-29', '2025-12-01'),
  totalDays: fc.integer({ min: 180, max: 3650 }),
  elapsedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  km: fc.integer({ min: 0, max: 999_999 }),
  allowance: fc.integer({ min: 1_000, max: 300_000 }),
  terms: fc.record({
    toleranceKm: fc.integer({ min: 0, max: 10_000 }),
    excessKmRateCents: fc.integer({ min: 0, max: 100 }),
    unusedKmRefundCents: fc.integer({ min: 0, max: 100 }),
    unusedKmRefundCapKm: fc.integer({ min: 0, max: 20_000 }),
  }),
})

describe('mileage projection (properties)', () => {
  it('equals the reference arithmetic, to the km and the cent', () => {
    fc.assert(
      fc.property(case_, (c) => {
        const endDate = addDays(c.startDate, c.totalDays)
        const elapsed = Math.round(c.elapsedShare * c.totalDays)
        const reading = { date: addDays(c.startDate, elapsed), km: c.km }
        const period = { startDate: c.startDate, endDate }
        expect(daysBetween(c.startDate, endDate)).toBe(c.totalDays)
        const p = projectMileage(c.terms, c.allowance, period, [reading])
        const atEnd =
          elapsed === 0 ? c.km : halfUp(BigInt(c.km) * BigInt(c.totalDays), BigInt(elapsed))
        const excess = Math.max(0, atEnd - c.allowance - c.terms.toleranceKm)
        const unused = Math.max(0, c.allowance - atEnd)
        expect(p).toEqual({
          atEndKm: atEnd,
          excessKm: excess,
          unusedKm: unused,
          estimatedChargeCents: excess * c.terms.excessKmRateCents,
          estimatedRefundCents:
            Math.min(unused, c.terms.unusedKmRefundCapKm) * c.terms.unusedKmRefundCents,
        })
      }),
      RUNS,
    )
  })

  it('never charges and refunds at once; more km never lower the charge or raise the refund', () => {
    fc.assert(
      fc.property(case_, fc.integer({ min: 0, max: 50_000 }), (c, more) => {
        const endDate = addDays(c.startDate, c.totalDays)
        const elapsed = Math.max(1, Math.round(c.elapsedShare * c.totalDays))
        const date = addDays(c.startDate, elapsed)
        const period = { startDate: c.startDate, endDate }
        const p = projectMileage(c.terms, c.allowance, period, [{ date, km: c.km }])
        const q = projectMileage(c.terms, c.allowance, period, [{ date, km: c.km + more }])
        if (!p || !q) throw new Error('a reading always projects')
        expect(p.excessKm > 0 && p.unusedKm > 0).toBe(false)
        expect(q.atEndKm).toBeGreaterThanOrEqual(p.atEndKm)
        expect(q.estimatedChargeCents).toBeGreaterThanOrEqual(p.estimatedChargeCents)
        expect(q.estimatedRefundCents).toBeLessThanOrEqual(p.estimatedRefundCents)
        expect(p.estimatedRefundCents).toBeLessThanOrEqual(
          c.terms.unusedKmRefundCapKm * c.terms.unusedKmRefundCents,
        )
      }),
      RUNS,
    )
  })
})
