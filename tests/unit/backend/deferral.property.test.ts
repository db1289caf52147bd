/**
 * The payment deferral's arithmetic (contracts/deferral.ts) over random
 * contracts (fast-check), and an example computed by hand.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deferInstalments } from '../../../src/backend/contracts/deferral.ts'
import { buildPlan, type PlanTerms } from '../../../src/backend/contracts/plan.ts'
import { addMonths } from '../../../src/shared/dates.ts'
import { termsArbitrary } from '../../helpers/contract-arbitrary.ts'

const RUNS = { numRuns: 300 }
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

/** A contract of at least 5 months and a first deferred row that leaves 3 after it. */
const scenario = termsArbitrary({ minTermMonths: 5 }).chain((terms) =>
  fc.record({
    terms: fc.constant(terms),
    row: fc.integer({ min: 0, max: terms.termMonths - 4 }),
    months: fc.integer({ min: 1, max: 3 }),
  }),
)

describe('payment deferral: invariants (300 random contracts each)', () => {
  it('0 months is today’s plan, to the cent', () => {
    fc.assert(
      fc.property(scenario, ({ terms, row }) => {
        const plan = buildPlan(terms)
        const result = deferInstalments(terms, plan, plan[row]?.dueDate ?? '', 0)
        expect(result.schedule).toEqual(plan)
        expect(result.extraInterestCents).toBe(0)
      }),
      RUNS,
    )
  })

  it('extra interest is never negative and grows with the months; the end moves by the months', () => {
    fc.assert(
      fc.property(scenario, ({ terms, row }) => {
        const plan = buildPlan(terms)
        const first = plan[row]?.dueDate ?? ''
        const results = [0, 1, 2, 3].map((m) => deferInstalments(terms, plan, first, m))
        for (const [m, result] of results.entries()) {
          expect(result.extraInterestCents).toBeGreaterThanOrEqual(0)
          expect(result.newEndDate).toBe(addMonths(plan.at(-1)?.dueDate ?? '', m))
          expect(result.schedule).toHaveLength(plan.length + m)
          if (m > 0)
            expect(result.extraInterestCents).toBeGreaterThanOrEqual(
              results[m - 1]?.extraInterestCents ?? 0,
            )
        }
        // Strictly more once a month's interest is at least a cent (5 bp on € 1 000 is not).
        if ((results[1]?.extraInterestCents ?? 0) > 0)
          expect(results[3]?.extraInterestCents).toBeGreaterThan(
            results[1]?.extraInterestCents ?? 0,
          )
      }),
      RUNS,
    )
  })

  it('the principal still adds up to the financed amount (a leasing residual besides), and what is paid rises by exactly the extra interest', () => {
    fc.assert(
      fc.property(scenario, ({ terms, row, months }) => {
        const plan = buildPlan(terms)
        const result = deferInstalments(terms, plan, plan[row]?.dueDate ?? '', months)
        const residual = terms.product === 'leasing' ? terms.finalAmountCents : 0
        expect(sum(result.schedule.map((r) => r.principalCents)) + residual).toBe(
          terms.financedAmountCents,
        )
        expect(sum(result.schedule.map((r) => r.instalmentCents))).toBe(
          sum(plan.map((r) => r.instalmentCents)) + result.extraInterestCents,
        )
        for (const r of result.schedule)
          expect(r.instalmentCents).toBe(r.interestCents + r.principalCents)
        // The deferred rows: nothing collected, the balance untouched.
        const deferred = result.schedule.slice(row, row + months)
        expect(deferred.every((r) => r.instalmentCents === 0)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('payment deferral: by hand', () => {
  const terms: PlanTerms = {
    product: 'loan',
    financedAmountCents: 1_200_000,
    nominalRateBp: 600,
    termMonths: 12,
    finalAmountCents: 0,
    startDate: '2026-01-10',
    paymentDay: 1,
  }

  it('two instalments from 1 May: the end moves from 1 January to 1 March 2027, 2 × 0.5 % of the balance after April', () => {
    const plan = buildPlan(terms)
    const april = plan[2]?.balanceAfterCents ?? 0
    const result = deferInstalments(terms, plan, '2026-05-01', 2)
    expect(result.newEndDate).toBe('2027-03-01')
    // 6 % / 12 = 0.5 % a month on the balance after the April instalment, rounded half up.
    expect(result.extraInterestCents).toBe(2 * Math.round(april * 0.005))
    expect(result.schedule.slice(3, 5).map((r) => [r.dueDate, r.instalmentCents])).toEqual([
      ['2026-05-01', 0],
      ['2026-06-01', 0],
    ])
    expect(result.schedule[5]).toMatchObject({
      dueDate: '2026-07-01',
      instalmentCents: plan[3]?.instalmentCents,
    })
  })

  it('refuses a day that is no due date and a deferral reaching the last instalment', () => {
    const plan = buildPlan(terms)
    expect(() => deferInstalments(terms, plan, '2026-05-02', 1)).toThrow(RangeError)
    expect(() => deferInstalments(terms, plan, '2026-12-01', 2)).toThrow(RangeError)
    expect(() => deferInstalments(terms, plan, '2026-12-01', 1)).not.toThrow()
  })
})
