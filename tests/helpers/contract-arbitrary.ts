/** Random contract terms (fast-check) for the property tests of the contract arithmetic. */
import fc from 'fast-check'
import type { PlanTerms } from '../../src/backend/contracts/plan.ts'
import type { Product } from '../../src/shared/api/contracts.ts'

/**
 * Terms of 1 000–250 000 EUR, 0–20 % p.a. (0 drawn explicitly and often),
 * `minTermMonths`–120 months (a balloon at least 2), a residual value / balloon
 * principal of 0–60 % of the amount (at least 1 cent), payment days 1–28,
 * start dates 2000–2060.
 */
export function termsArbitrary(
  options: { products?: readonly Product[]; minTermMonths?: number } = {},
): fc.Arbitrary<PlanTerms> {
  const { products = ['loan', 'leasing', 'balloon'], minTermMonths = 1 } = options
  return fc.constantFrom(...products).chain((product) =>
    fc
      .record({
        amount: fc.integer({ min: 100_000, max: 25_000_000 }),
        rateBp: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 })),
        termMonths: fc.integer({
          min: Math.max(minTermMonths, product === 'balloon' ? 2 : 1),
          max: 120,
        }),
        finalPermille: fc.integer({ min: 0, max: 600 }),
        paymentDay: fc.integer({ min: 1, max: 28 }),
        start: fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2060-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
      })
      .map((r): PlanTerms => ({
        product,
        financedAmountCents: r.amount,
        nominalRateBp: r.rateBp,
        termMonths: r.termMonths,
        finalAmountCents:
          product === 'loan'
            ? 0
            : Math.min(r.amount - 1, Math.max(1, Math.floor((r.amount * r.finalPermille) / 1000))),
        startDate: r.start.toISOString().slice(0, 10),
        paymentDay: r.paymentDay,
      })),
  )
}
