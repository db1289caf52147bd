/**
 * The mileage arithmetic (contracts/mileage.ts): the linear projection from 0 km
 * at the start through the latest reading, the charge beyond allowance +
 * tolerance, the refund of unused km up to the cap, and the reading checks.
 */
import { describe, expect, it } from 'vitest'
import {
  allowanceTotalKm,
  projectMileage,
  readingProblems,
} from '../../../src/backend/contracts/mileage.ts'
import { daysBetween } from '../../../src/shared/dates.ts'

const TERMS = {
  toleranceKm: 2_500,
  excessKmRateCents: 8,
  unusedKmRefundCents: 4,
  unusedKmRefundCapKm: 5_000,
}
// 1000 days from start to end, an allowance of 40,000 km.
const PERIOD = { startDate: '2024-01-01', endDate: '2026-09-27' }
const ALLOWANCE = 40_000

describe('projection', () => {
  it('counts the days and the allowance over the term', () => {
    expect(daysBetween(PERIOD.startDate, PERIOD.endDate)).toBe(1000)
    expect(allowanceTotalKm(15_000, 48)).toBe(60_000)
    expect(allowanceTotalKm(10_000, 42)).toBe(35_000)
    expect(allowanceTotalKm(12_345, 7)).toBe(7_201) // 7,201.25
  })

  it('has none without readings', () => {
    expect(projectMileage(TERMS, ALLOWANCE, PERIOD, [])).toBeNull()
  })

  it('charges each km beyond allowance + tolerance at the rate', () => {
    // 25,000 km after 500 days: 50,000 at the end, 7,500 beyond 42,500.
    const p = projectMileage(TERMS, ALLOWANCE, PERIOD, [{ date: '2025-05-15', km: 25_000 }])
    expect(p).toEqual({
      atEndKm: 50_000,
      excessKm: 7_500,
      unusedKm: 0,
      estimatedChargeCents: 60_000,
      estimatedRefundCents: 0,
    })
  })

  it('charges nothing within the tolerance, and refunds nothing above the allowance', () => {
    const p = projectMileage(TERMS, ALLOWANCE, PERIOD, [{ date: '2025-05-15', km: 21_000 }])
    expect(p).toMatchObject({ atEndKm: 42_000, excessKm: 0, unusedKm: 0 })
    expect(p?.estimatedChargeCents).toBe(0)
    expect(p?.estimatedRefundCents).toBe(0)
  })

  it('refunds unused km, at most the cap', () => {
    // 19,000 km after 500 days: 38,000 at the end, 2,000 unused.
    const under = projectMileage(TERMS, ALLOWANCE, PERIOD, [{ date: '2025-05-15', km: 19_000 }])
    expect(under).toMatchObject({ unusedKm: 2_000, estimatedRefundCents: 8_000 })
    // 10,000 km: 20,000 at the end, 20,000 unused, 5,000 of them refunded.
    const capped = projectMileage(TERMS, ALLOWANCE, PERIOD, [{ date: '2025-05-15', km: 10_000 }])
    expect(capped).toMatchObject({ unusedKm: 20_000, estimatedRefundCents: 20_000 })
  })

  it('projects from the latest reading only, rounded half up to a whole km', () => {
    const readings = [
      { date: '2024-06-01', km: 9_000 },
      // 3 days: 1 km → 333.33 km, rounded to 333.
      { date: '2024-01-04', km: 1 },
    ]
    expect(projectMileage(TERMS, ALLOWANCE, PERIOD, readings.slice(0, 1))?.atEndKm).toBe(59_211) // 9,000 × 1000 / 152 = 59,210.5
    expect(projectMileage(TERMS, ALLOWANCE, PERIOD, readings.slice(1))?.atEndKm).toBe(333)
    // 8 days, 3 km → 375 exactly; 7 days, 3 km → 428.57 → 429 (half up).
    expect(projectMileage(TERMS, ALLOWANCE, PERIOD, [{ date: '2024-01-09', km: 3 }])?.atEndKm).toBe(
      375,
    )
    expect(projectMileage(TERMS, ALLOWANCE, PERIOD, [{ date: '2024-01-08', km: 3 }])?.atEndKm).toBe(
      429,
    )
    // On the start day there is no pace: the reading itself.
    expect(
      projectMileage(TERMS, ALLOWANCE, PERIOD, [{ date: '2024-01-01', km: 12 }])?.atEndKm,
    ).toBe(12)
  })
})

describe('reading checks', () => {
  const period = { ...PERIOD, today: '2025-03-01' }
  const readings = [
    { date: '2024-06-01', km: 9_000 },
    { date: '2024-12-01', km: 20_000 },
  ]
  const problems = (date: string, km: number) => readingProblems({ date, km }, period, readings)

  it('accepts a reading between, after and on the same km as its neighbours', () => {
    expect(problems('2025-03-01', 20_000)).toEqual({})
    expect(problems('2024-09-01', 15_000)).toEqual({})
    expect(problems('2024-01-01', 0)).toEqual({})
  })

  it('names the field and the reason', () => {
    expect(problems('2025-03-02', 25_000)).toEqual({ date: 'in_future' })
    expect(problems('2023-12-31', 0)).toEqual({ date: 'before_start' })
    expect(problems('2024-12-01', 21_000)).toEqual({ date: 'already_recorded' })
    expect(problems('2025-02-01', 19_999)).toEqual({ km: 'below_previous' })
    expect(problems('2024-09-01', 20_001)).toEqual({ km: 'above_later' })
    // 1,500 km a day at most (the start day counts): 10 days after the start, 16,500 km.
    const first = (km: number) => readingProblems({ date: '2024-01-11', km }, period, [])
    expect(first(16_500)).toEqual({})
    expect(first(16_501)).toEqual({ km: 'out_of_range' })
    const late = readingProblems(
      { date: '2026-09-28', km: 90_000 },
      { ...PERIOD, today: '2027-01-01' },
      readings,
    )
    expect(late).toEqual({ date: 'after_end' })
  })
})
