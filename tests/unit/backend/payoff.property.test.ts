/**
 * The payoff arithmetic (contracts/payoff.ts) as properties over random
 * contracts (fast-check) and worked examples by hand. Expected values come
 * from the plan's rows and from independent formulas here (BigInt half-up
 * interest, a 30E/360 day count of its own), never from the payoff's output.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  accruedInterest,
  days30E360,
  payoffQuote,
  specialRepaymentEffect,
} from '../../../src/backend/contracts/payoff.ts'
import {
  buildPlan,
  monthlyInterest,
  regularInstalment,
  type PlanTerms,
} from '../../../src/backend/contracts/plan.ts'
import { addDays, addMonths } from '../../../src/shared/dates.ts'
import { termsArbitrary } from '../../helpers/contract-arbitrary.ts'

const RUNS = { numRuns: 200 }

/** balance · bp · days / 3 600 000, rounded half up, in BigInt. */
function halfUp(balanceCents: number, rateBp: number, days: number): number {
  const numerator = BigInt(balanceCents) * BigInt(rateBp) * BigInt(days)
  const denominator = 3_600_000n
  const quotient = numerator / denominator
  return Number(2n * (numerator % denominator) >= denominator ? quotient + 1n : quotient)
}

/** 30E/360 by the book: a 31st counts as the 30th, every month has 30 days. */
function expectedDays(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number]
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number]
  return (y2 - y1) * 360 + (m2 - m1) * 30 + (d2 === 31 ? 30 : d2) - (d1 === 31 ? 30 : d1)
}

/** The lawful fee: 1 % with more than a year left, else 0.5 %, at most the interest still to come, rounded down. */
function expectedFee(principal: number, payoffDate: string, end: string, interestAfter: number) {
  const bp = end > addMonths(payoffDate, 12) ? 100 : 50
  return Math.max(0, Math.min(Math.floor((principal * bp) / 10_000), interestAfter))
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

/** Terms of two months or more, so that each has a due date before the last one. */
const anyTerms = termsArbitrary({ minTermMonths: 2 })

/** 10 000 EUR at 5 % p.a. over 12 months from 2026-01-10, paid on the 1st: the refusals' example. */
const SMALL_LOAN: PlanTerms = {
  product: 'loan',
  financedAmountCents: 1_000_000,
  nominalRateBp: 500,
  termMonths: 12,
  finalAmountCents: 0,
  startDate: '2026-01-10',
  paymentDay: 1,
}

describe('payoff quote: properties over random contracts', () => {
  it('on a due date, right after that instalment, is the plan’s balance plus the fee, with no interest', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const plan = buildPlan(terms)
        const end = plan.at(-1)?.dueDate ?? ''
        plan.slice(0, -1).forEach((row, index) => {
          const quote = payoffQuote(terms, row.dueDate, { plan })
          const interestAfter = sum(plan.slice(index + 1).map((r) => r.interestCents))
          const fee = expectedFee(row.balanceAfterCents, row.dueDate, end, interestAfter)
          expect(quote.principalCents).toBe(row.balanceAfterCents)
          expect(quote.instalmentsPaid).toBe(row.n)
          expect(quote.interestDays).toBe(0)
          expect(quote.interestCents).toBe(0)
          expect(quote.feeCents).toBe(fee)
          expect(quote.totalCents).toBe(row.balanceAfterCents + fee)
          // Leasing: paying off is buying the vehicle, the residual value included.
          if (terms.product === 'leasing')
            expect(quote.principalCents).toBeGreaterThanOrEqual(terms.finalAmountCents)
        })
      }),
      RUNS,
    )
  })

  it('between due dates adds the interest accrued since the last one (30E/360, half up) to its balance', () => {
    fc.assert(
      fc.property(anyTerms, fc.integer({ min: 0, max: 10_000 }), (terms, pick) => {
        const plan = buildPlan(terms)
        const end = plan.at(-1)?.dueDate ?? ''
        const span = expectedDays(terms.startDate, end)
        // Any day from the start to the day before the end.
        let day = addDays(terms.startDate, pick % Math.max(1, Math.min(span, 3_700)))
        if (day >= end) day = addDays(end, -1)
        if (day < terms.startDate) return
        const paid = plan.filter((r) => r.dueDate <= day)
        const last = paid.at(-1)
        const principal = last?.balanceAfterCents ?? terms.financedAmountCents
        const from = last?.dueDate ?? terms.startDate
        const quote = payoffQuote(terms, day)
        expect(quote.principalCents).toBe(principal)
        expect(quote.interestFrom).toBe(from)
        expect(quote.interestDays).toBe(expectedDays(from, day))
        expect(quote.interestCents).toBe(halfUp(principal, terms.nominalRateBp, quote.interestDays))
        const interestAfter =
          sum(plan.slice(paid.length).map((r) => r.interestCents)) - quote.interestCents
        expect(quote.feeCents).toBe(expectedFee(principal, day, end, interestAfter))
        expect(quote.totalCents).toBe(principal + quote.interestCents + quote.feeCents)
      }),
      RUNS,
    )
  })

  it('never charges more than 1 % of the principal, 0.5 % with a year or less left, nothing for a variable rate', () => {
    fc.assert(
      fc.property(anyTerms, fc.nat(), (terms, pick) => {
        const plan = buildPlan(terms)
        const end = plan.at(-1)?.dueDate ?? ''
        const row = plan[pick % Math.max(1, plan.length - 1)]
        const day = row && row.dueDate < end ? addDays(row.dueDate, pick % 20) : terms.startDate
        if (day >= end) return
        const quote = payoffQuote(terms, day)
        const limitBp = end > addMonths(day, 12) ? 100 : 50
        expect(quote.feeRateBp).toBe(limitBp)
        expect(quote.feeCents * 10_000).toBeLessThanOrEqual(quote.principalCents * limitBp)
        expect(quote.feeCents).toBeGreaterThanOrEqual(0)
        const variable = payoffQuote(terms, day, { variableRate: true })
        expect(variable.feeCents).toBe(0)
        expect(variable.feeRateBp).toBe(0)
        expect(variable.totalCents).toBe(quote.totalCents - quote.feeCents)
      }),
      RUNS,
    )
  })

  it('falls from one due date to the next along the whole plan', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const plan = buildPlan(terms)
        const totals = plan
          .slice(0, -1)
          .map((row) => payoffQuote(terms, row.dueDate, { plan }).totalCents)
        totals.slice(1).forEach((total, index) => {
          const previous = totals[index] ?? 0
          // Each instalment repays principal, so what is left to pay off shrinks.
          if ((plan[index + 1]?.principalCents ?? 0) > 0) expect(total).toBeLessThan(previous)
          else expect(total).toBeLessThanOrEqual(previous)
        })
      }),
      RUNS,
    )
  })

  it('accrues exactly the plan’s monthly interest over a whole period of 30 days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        (balance, bp) => {
          expect(accruedInterest(balance, bp, 30)).toBe(monthlyInterest(balance, bp))
          expect(accruedInterest(balance, bp, 0)).toBe(0)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('refuses a day outside the term: before the start, on or after the last due date', () => {
    const terms = SMALL_LOAN
    const end = buildPlan(terms).at(-1)?.dueDate ?? ''
    expect(() => payoffQuote(terms, '2026-01-09')).toThrow(RangeError)
    expect(() => payoffQuote(terms, end)).toThrow(RangeError)
    expect(() => payoffQuote(terms, '2026-02-30')).toThrow(RangeError)
    expect(payoffQuote(terms, addDays(end, -1)).totalCents).toBeGreaterThan(0)
  })
})

describe('payoff quote: worked examples', () => {
  it('before the first instalment: the amount financed, interest from the start, 1 % fee', () => {
    // € 10,000 at 6 % for 24 months from 10 Jan 2026; paid off on 25 Jan: 15 days of interest,
    // 10 000 · 6 % · 15 / 360 = € 25.00; more than a year left: 1 % = € 100.00.
    const quote = payoffQuote(
      {
        product: 'loan',
        financedAmountCents: 1_000_000,
        nominalRateBp: 600,
        termMonths: 24,
        finalAmountCents: 0,
        startDate: '2026-01-10',
        paymentDay: 1,
      },
      '2026-01-25',
    )
    expect(quote).toMatchObject({
      principalCents: 1_000_000,
      interestFrom: '2026-01-10',
      interestDays: 15,
      interestCents: 2_500,
      feeRateBp: 100,
      feeCents: 10_000,
      totalCents: 1_012_500,
      instalmentsPaid: 0,
    })
  })

  it('a year or less left: 0.5 %; at 0 % no fee at all (no interest to lose)', () => {
    const terms: PlanTerms = {
      product: 'loan',
      financedAmountCents: 120_000,
      nominalRateBp: 0,
      termMonths: 12,
      finalAmountCents: 0,
      startDate: '2026-01-15',
      paymentDay: 1,
    }
    // € 1,200 at 0 %: € 100 a month; after three instalments (1 Feb, 1 Mar, 1 Apr) € 900 are left.
    const quote = payoffQuote(terms, '2026-04-10')
    expect(quote).toMatchObject({
      principalCents: 90_000,
      interestCents: 0,
      feeRateBp: 50,
      feeCents: 0,
      totalCents: 90_000,
    })
    // At 4.8 %: 0.5 % of the balance, less than the interest still to come.
    const withRate = { ...terms, nominalRateBp: 480 }
    const plan = buildPlan(withRate)
    const q = payoffQuote(withRate, '2026-04-01')
    expect(q.principalCents).toBe(plan[2]?.balanceAfterCents)
    expect(q.feeCents).toBe(Math.floor(q.principalCents / 200))
  })

  it('counts days 30E/360: the 31st as the 30th, every month 30 days', () => {
    expect(days30E360('2026-01-31', '2026-02-28')).toBe(28)
    expect(days30E360('2026-02-28', '2026-03-31')).toBe(32)
    expect(days30E360('2026-01-01', '2027-01-01')).toBe(360)
    expect(days30E360('2026-05-01', '2026-05-20')).toBe(19)
    expect(days30E360('2026-05-15', '2026-06-15')).toBe(30)
  })

  it('rounds interest half up to the cent', () => {
    // 10 000 cents · 3 % · 18 / 360 = 15 cents exactly; · 19 / 360 = 15.83 → 16; 0.5 cent → 1.
    expect(accruedInterest(10_000, 300, 18)).toBe(15)
    expect(accruedInterest(10_000, 300, 19)).toBe(16)
    expect(accruedInterest(600, 300, 10)).toBe(1)
    expect(accruedInterest(599, 300, 10)).toBe(0)
  })
})

describe('special repayment: what it changes', () => {
  it('lowers the balance by the amount and the instalment for the same remaining term', () => {
    fc.assert(
      fc.property(
        termsArbitrary({ products: ['loan', 'balloon'], minTermMonths: 2 }).filter(
          (t) => t.termMonths >= 3,
        ),
        fc.integer({ min: 1, max: 1_000 }),
        (terms, permille) => {
          const plan = buildPlan(terms)
          const row = plan[0]
          if (!row) return
          const before = row.balanceAfterCents
          const amount = Math.max(1, Math.floor((before * permille) / 1_001))
          const effect = specialRepaymentEffect(terms, row.dueDate, amount)
          expect(effect.balanceBeforeCents).toBe(before)
          expect(effect.balanceAfterCents).toBe(before - amount)
          expect(effect.remainingPayments).toBe(plan.length - 1)
          expect(effect.newInstalmentCents).not.toBeNull()
          expect(effect.newInstalmentCents ?? Infinity).toBeLessThanOrEqual(
            regularInstalment(terms),
          )
          if (terms.product === 'balloon') {
            expect(effect.finalAmountCents).toBe(Math.min(terms.finalAmountCents, before - amount))
          } else {
            expect(effect.finalAmountCents).toBeNull()
            // The new instalment repays the new balance over the remaining term.
            const replan = buildPlan({
              ...terms,
              financedAmountCents: before - amount,
              termMonths: plan.length - 1,
            })
            expect(replan[0]?.instalmentCents).toBe(effect.newInstalmentCents)
          }
        },
      ),
      RUNS,
    )
  })

  it('refuses leasing and an amount that leaves nothing', () => {
    const loan = SMALL_LOAN
    expect(() => specialRepaymentEffect(loan, '2026-01-20', 1_000_000)).toThrow(RangeError)
    expect(() =>
      specialRepaymentEffect(
        { ...loan, product: 'leasing', finalAmountCents: 300_000 },
        '2026-01-20',
        1_000,
      ),
    ).toThrow(RangeError)
  })
})
