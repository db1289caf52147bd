/**
 * The repayment simulator (contracts/simulation.ts) as properties over random
 * loan and balloon contracts (fast-check), and against examples computed by hand.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildPlan, type PlanTerms } from '../../../src/backend/contracts/plan.ts'
import {
  maxSpecialRepayment,
  simulateSpecialRepayment,
  type KeepWhat,
} from '../../../src/backend/contracts/simulation.ts'
import { termsArbitrary } from '../../helpers/contract-arbitrary.ts'

const RUNS = { numRuns: 300 }
const keepArbitrary = fc.constantFrom<KeepWhat>('instalment', 'term')
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

/** A contract, a row to book on (not the last) and two fractions of the bookable amount. */
const scenario = termsArbitrary({ products: ['loan', 'balloon'], minTermMonths: 2 }).chain(
  (terms) => {
    const plan = buildPlan(terms)
    return fc.record({
      terms: fc.constant(terms),
      row: fc.integer({ min: 0, max: plan.length - 2 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      b: fc.double({ min: 0, max: 1, noNaN: true }),
      keep: keepArbitrary,
    })
  },
)

function setUp(s: { terms: PlanTerms; row: number; a: number; b: number }) {
  const plan = buildPlan(s.terms)
  const date = plan[s.row]?.dueDate ?? s.terms.startDate
  const max = maxSpecialRepayment(plan, date)
  const [low, high] = [s.a, s.b].sort((x, y) => x - y) as [number, number]
  return { plan, date, max, low: Math.floor(low * max), high: Math.floor(high * max) }
}

describe('repayment simulator: invariants (300 random loan and balloon contracts each)', () => {
  it('an amount of 0 gives today’s schedule exactly, whichever is kept', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { plan, date } = setUp(s)
        const result = simulateSpecialRepayment(s.terms, { amountCents: 0, date, keep: s.keep })
        expect(result.schedule).toEqual(plan)
        expect(result.interestSavedCents).toBe(0)
        expect(result.feeCents).toBe(0)
        expect(result.newEndDate).toBe(plan.at(-1)?.dueDate)
      }),
      RUNS,
    )
  })

  it('interest saved is never negative and does not fall as the amount grows', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { date, low, high } = setUp(s)
        const small = simulateSpecialRepayment(s.terms, { amountCents: low, date, keep: s.keep })
        const large = simulateSpecialRepayment(s.terms, { amountCents: high, date, keep: s.keep })
        expect(small.interestSavedCents).toBeGreaterThanOrEqual(0)
        expect(large.interestSavedCents).toBeGreaterThanOrEqual(small.interestSavedCents)
      }),
      RUNS,
    )
  })

  it('the principal parts plus the special repayment still add up to the financed amount', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { date, high } = setUp(s)
        const result = simulateSpecialRepayment(s.terms, { amountCents: high, date, keep: s.keep })
        const principal = sum(result.schedule.map((r) => r.principalCents))
        expect(principal + high).toBe(s.terms.financedAmountCents)
        expect(result.schedule.at(-1)?.balanceAfterCents).toBe(0)
        for (const r of result.schedule) {
          expect(r.instalmentCents).toBe(r.interestCents + r.principalCents)
          expect(r.principalCents).toBeGreaterThanOrEqual(0)
        }
      }),
      RUNS,
    )
  })

  it('keeping the term keeps the end date; keeping the instalment never lengthens it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { plan, date, high } = setUp(s)
        const end = plan.at(-1)?.dueDate ?? ''
        const term = simulateSpecialRepayment(s.terms, { amountCents: high, date, keep: 'term' })
        const inst = simulateSpecialRepayment(s.terms, {
          amountCents: high,
          date,
          keep: 'instalment',
        })
        expect(term.newEndDate).toBe(end)
        expect(inst.newEndDate <= end).toBe(true)
        expect(term.feeCents).toBeLessThanOrEqual(term.interestSavedCents)
        expect(inst.feeCents).toBeLessThanOrEqual(inst.interestSavedCents)
      }),
      RUNS,
    )
  })
})

describe('repayment simulator: examples computed by hand', () => {
  const flat: PlanTerms = {
    product: 'loan',
    financedAmountCents: 1_000_000,
    nominalRateBp: 0,
    termMonths: 10,
    finalAmountCents: 0,
    startDate: '2026-01-15',
    paymentDay: 1,
  }

  it('0 %: € 2 000 after the third of ten € 1 000 instalments ends two months early, or lowers the rest to € 714,29', () => {
    const shorter = simulateSpecialRepayment(flat, {
      amountCents: 200_000,
      date: '2026-03-20',
      keep: 'instalment',
    })
    expect(shorter.bookedOn).toBe('2026-04-01')
    expect(shorter.newEndDate).toBe('2026-09-01')
    expect(shorter.schedule.map((r) => r.instalmentCents)).toEqual(Array(8).fill(100_000))
    expect([shorter.interestSavedCents, shorter.feeCents, shorter.newInstalmentCents]).toEqual([
      0, 0, 100_000,
    ])
    const lower = simulateSpecialRepayment(flat, {
      amountCents: 200_000,
      date: '2026-03-20',
      keep: 'term',
    })
    expect(lower.newEndDate).toBe('2026-11-01')
    // 100 000 − ⌊200 000 / 7⌋ = 71 429; the last takes the rest: 500 000 − 6 · 71 429.
    expect(lower.schedule.slice(3).map((r) => r.instalmentCents)).toEqual([
      ...Array(6).fill(71_429),
      71_426,
    ])
  })

  const monthly1pct: PlanTerms = {
    product: 'loan',
    financedAmountCents: 1_000_000,
    nominalRateBp: 1_200,
    termMonths: 3,
    finalAmountCents: 0,
    startDate: '2026-01-01',
    paymentDay: 1,
  }

  it('12 %: € 1 000 after the first of three instalments saves € 20,10 (same instalment) or € 15,03 (same term), fee 0.5 %', () => {
    // Plan: 3 400,22 / 3 400,22 / 3 400,23; interest 100,00 + 67,00 + 33,67 = 200,67.
    expect(buildPlan(monthly1pct).map((r) => r.interestCents)).toEqual([10_000, 6_700, 3_367])
    const shorter = simulateSpecialRepayment(monthly1pct, {
      amountCents: 100_000,
      date: '2026-02-01',
      keep: 'instalment',
    })
    // 5 699,78 → 57,00 interest; 3 343,22 repaid; 2 356,56 left: 23,57 interest.
    expect(shorter.schedule.slice(1).map((r) => [r.interestCents, r.instalmentCents])).toEqual([
      [5_700, 340_022],
      [2_357, 238_013],
    ])
    expect([shorter.interestSavedCents, shorter.feeCents]).toEqual([2_010, 500])
    const lower = simulateSpecialRepayment(monthly1pct, {
      amountCents: 100_000,
      date: '2026-02-01',
      keep: 'term',
    })
    // 3 400,22 − ⌊1 000 · 0,01 / (1 − 1,01⁻²)⌋ = 3 400,22 − 507,51 = 2 892,71.
    expect(lower.newInstalmentCents).toBe(289_271)
    expect(lower.schedule.slice(1).map((r) => r.interestCents)).toEqual([5_700, 2_864])
    expect([lower.interestSavedCents, lower.feeCents]).toEqual([1_503, 500])
  })

  it('refuses leasing, a day after the last instalment but one, and an amount that leaves no balance', () => {
    expect(() =>
      simulateSpecialRepayment(
        { ...flat, product: 'leasing', finalAmountCents: 100_000 },
        { amountCents: 1, date: '2026-03-01', keep: 'term' },
      ),
    ).toThrow(RangeError)
    expect(() =>
      simulateSpecialRepayment(flat, { amountCents: 1, date: '2026-10-02', keep: 'term' }),
    ).toThrow(RangeError)
    expect(maxSpecialRepayment(buildPlan(flat), '2026-03-20')).toBe(699_999)
    expect(() =>
      simulateSpecialRepayment(flat, { amountCents: 700_000, date: '2026-03-20', keep: 'term' }),
    ).toThrow(RangeError)
  })
})
