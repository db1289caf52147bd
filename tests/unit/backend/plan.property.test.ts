/**
 * The instalment plan, checked as properties over random contracts (fast-check)
 * and against examples computed by hand. Expected values come from independent
 * formulas here (BigInt half-up interest, calendar arithmetic, present values),
 * never from the implementation's output.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assertValidTerms,
  buildPlan,
  dueDate,
  effectiveRatePct,
  MAX_RATE_BP,
  monthlyInterest,
  regularInstalment,
  type PlanRow,
  type PlanTerms,
} from '../../../src/backend/contracts/plan.ts'
import { termsArbitrary } from '../../helpers/contract-arbitrary.ts'

const RUNS = { numRuns: 300 }

// ---------------------------------------------------------------------------
// Independent reference arithmetic

/** balance · bp / 120 000 (rate / 100 / 100 / 12), rounded half up, in BigInt: quotient and remainder. */
function halfUpInterest(balanceCents: number, rateBp: number): number {
  const numerator = BigInt(balanceCents) * BigInt(rateBp)
  const denominator = 120_000n
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  return Number(2n * remainder >= denominator ? quotient + 1n : quotient)
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** The payment day in the n-th calendar month after the start month (payment days ≤ 28 exist in every month). */
function expectedDueDate(startDate: string, paymentDay: number, n: number): string {
  const monthIndex = Number(startDate.slice(0, 4)) * 12 + Number(startDate.slice(5, 7)) - 1 + n
  return `${Math.floor(monthIndex / 12)}-${pad2((monthIndex % 12) + 1)}-${pad2(paymentDay)}`
}

/** Present value (cents) of the plan's payments and, for leasing, the residual value, at an annual rate in %. */
function presentValue(terms: PlanTerms, plan: readonly PlanRow[], annualPct: number): number {
  const discount = (months: number) => Math.pow(1 + annualPct / 100, -months / 12)
  const payments = plan.reduce((sum, row) => sum + row.instalmentCents * discount(row.n), 0)
  const residual =
    terms.product === 'leasing' ? terms.finalAmountCents * discount(terms.termMonths) : 0
  return payments + residual
}

/** The nominal rate compounded monthly, in % p.a.: (1 + i/12)^12 − 1. */
const compoundedPct = (rateBp: number): number => 100 * (Math.pow(1 + rateBp / 10_000 / 12, 12) - 1)

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0)

// ---------------------------------------------------------------------------
// Random contracts

const anyTerms = termsArbitrary()

// ---------------------------------------------------------------------------

describe('instalment plan: invariants for any contract (300 random contracts each)', () => {
  it('repays exactly the financed amount: the principal parts (plus a leasing residual) add up to it, to the cent', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const plan = buildPlan(terms)
        const residual = terms.product === 'leasing' ? terms.finalAmountCents : 0
        expect(sum(plan.map((r) => r.principalCents)) + residual).toBe(terms.financedAmountCents)
      }),
      RUNS,
    )
  })

  it('has termMonths rows of whole cents, each instalment is interest plus principal, and the balance only falls by the principal', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const plan = buildPlan(terms)
        expect(plan).toHaveLength(terms.termMonths)
        let balance = terms.financedAmountCents
        plan.forEach((row, index) => {
          expect(row.n).toBe(index + 1)
          for (const value of [
            row.instalmentCents,
            row.interestCents,
            row.principalCents,
            row.balanceAfterCents,
          ])
            expect(Number.isSafeInteger(value)).toBe(true)
          expect(row.instalmentCents).toBe(row.interestCents + row.principalCents)
          expect(row.principalCents).toBeGreaterThanOrEqual(0)
          expect(row.interestCents).toBeGreaterThanOrEqual(0)
          expect(row.balanceAfterCents).toBe(balance - row.principalCents)
          balance = row.balanceAfterCents
        })
      }),
      RUNS,
    )
  })

  it('ends at 0 for loans and balloon financing, and at the residual value for leasing', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const last = buildPlan(terms).at(-1)
        expect(last?.balanceAfterCents).toBe(
          terms.product === 'leasing' ? terms.finalAmountCents : 0,
        )
      }),
      RUNS,
    )
  })

  it('balloon: the last row is the final instalment, the balloon principal plus its month’s interest', () => {
    fc.assert(
      fc.property(termsArbitrary({ products: ['balloon'] }), (terms) => {
        const plan = buildPlan(terms)
        const last = plan[plan.length - 1] as PlanRow
        const beforeLast = plan[plan.length - 2] as PlanRow
        expect(last.n).toBe(terms.termMonths)
        expect(beforeLast.balanceAfterCents).toBe(terms.finalAmountCents)
        expect(last.principalCents).toBe(terms.finalAmountCents)
        expect(last.instalmentCents).toBe(
          terms.finalAmountCents + halfUpInterest(terms.finalAmountCents, terms.nominalRateBp),
        )
      }),
      RUNS,
    )
  })

  it('charges each month the nominal rate / 12 on the balance, rounded half up to the cent', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        let balance = terms.financedAmountCents
        for (const row of buildPlan(terms)) {
          expect(row.interestCents).toBe(halfUpInterest(balance, terms.nominalRateBp))
          balance = row.balanceAfterCents
        }
      }),
      RUNS,
    )
  })

  it('monthlyInterest rounds half up like the BigInt reference, over balances up to 1 000 000 EUR and rates up to 30 %', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: MAX_RATE_BP }),
        (balance, rateBp) => {
          expect(monthlyInterest(balance, rateBp)).toBe(halfUpInterest(balance, rateBp))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('debits on the payment day of each following calendar month, strictly one month apart', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const plan = buildPlan(terms)
        plan.forEach((row, index) => {
          expect(row.dueDate).toBe(expectedDueDate(terms.startDate, terms.paymentDay, row.n))
          expect(dueDate(terms, row.n)).toBe(row.dueDate)
          if (index > 0) expect(row.dueDate > (plan[index - 1] as PlanRow).dueDate).toBe(true)
        })
        // The first payment falls in the month after the start, never in the start month.
        expect(plan[0]?.dueDate.slice(0, 7)).not.toBe(terms.startDate.slice(0, 7))
      }),
      RUNS,
    )
  })

  // Domain: the realistic one above (≥ 1 000 EUR, ≤ 120 months, residual ≤ 60 %).
  // There the financed amount less the target is far above the cent rounding of
  // up to 120 instalments, so no regular instalment is ever cut short.
  it('charges the regular instalment every month but the last regular one, which settles the rounding difference', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const plan = buildPlan(terms)
        const instalment = regularInstalment(terms)
        const regularRows = terms.product === 'balloon' ? terms.termMonths - 1 : terms.termMonths
        for (const row of plan.slice(0, regularRows - 1))
          expect(row.instalmentCents).toBe(instalment)
        // The settling instalment differs only by the rounding carried along: at most 1 cent a
        // month (½ for the instalment, ½ for the interest), with interest on it, plus its own.
        const i = terms.nominalRateBp / 120_000
        const carried = i === 0 ? regularRows : (Math.pow(1 + i, regularRows) - 1) / i
        const settling = plan[regularRows - 1] as PlanRow
        expect(Math.abs(settling.instalmentCents - instalment)).toBeLessThanOrEqual(
          Math.ceil(carried) + 1,
        )
      }),
      RUNS,
    )
  })

  it('a 0 % contract charges no interest and has an APR of 0', () => {
    const zeroRate = anyTerms.map((terms) => ({ ...terms, nominalRateBp: 0 }))
    fc.assert(
      fc.property(zeroRate, (terms) => {
        const plan = buildPlan(terms)
        expect(plan.every((row) => row.interestCents === 0)).toBe(true)
        const residual = terms.product === 'leasing' ? terms.finalAmountCents : 0
        expect(sum(plan.map((r) => r.instalmentCents)) + residual).toBe(terms.financedAmountCents)
        expect(effectiveRatePct(terms)).toBe(0)
      }),
      { numRuns: 200 },
    )
  })

  it('APR: the plan’s cash flows (and a leasing residual) discounted at the stated APR give back the financed amount', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const plan = buildPlan(terms)
        const apr = effectiveRatePct(terms, plan)
        expect(Math.abs(apr * 100 - Math.round(apr * 100))).toBeLessThan(1e-9)
        // The APR is stated to two decimals: the exact rate lies within ±0.005 pp of it,
        // so the financed amount lies between the present values 0.01 pp either side.
        const paidOut = terms.financedAmountCents
        expect(presentValue(terms, plan, apr + 0.01)).toBeLessThan(paidOut)
        expect(presentValue(terms, plan, apr - 0.01)).toBeGreaterThan(paidOut)
        // At the stated APR itself the difference is at most duration (< 10 years) × 0.005 pp,
        // i.e. below 0.05 % of the amount (0.06 % allows for convexity).
        expect(Math.abs(presentValue(terms, plan, apr) - paidOut) / paidOut).toBeLessThan(6e-4)
      }),
      RUNS,
    )
  })

  it('APR is the nominal rate compounded monthly, within rounding; for loans never below the nominal rate', () => {
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const apr = effectiveRatePct(terms)
        // ±0.005 from stating two decimals, plus the cents' rounding of interest and instalments.
        expect(Math.abs(apr - compoundedPct(terms.nominalRateBp))).toBeLessThanOrEqual(0.02)
        if (terms.product === 'loan') expect(apr).toBeGreaterThanOrEqual(terms.nominalRateBp / 100)
      }),
      RUNS,
    )
  })
})

describe('instalment plan: worked examples computed by hand', () => {
  const loan = (overrides: Partial<PlanTerms> = {}): PlanTerms => ({
    product: 'loan',
    financedAmountCents: 1_000_000,
    nominalRateBp: 600,
    termMonths: 12,
    finalAmountCents: 0,
    startDate: '2026-05-17',
    paymentDay: 1,
    ...overrides,
  })

  it('10 000 EUR at 6 % for 12 months: annuity 860.66 EUR, first month 50.00 interest; APR 6.17 %', () => {
    // A = 10 000 · 0.005 / (1 − 1.005^−12) = 860.664…; (1.005)^12 − 1 = 6.1678 %.
    const terms = loan()
    expect(regularInstalment(terms)).toBe(86_066)
    expect(buildPlan(terms)[0]).toMatchObject({
      interestCents: 5_000,
      principalCents: 81_066,
      balanceAfterCents: 918_934,
      dueDate: '2026-06-01',
    })
    expect(effectiveRatePct(terms)).toBe(6.17)
  })

  it('1 000 EUR at 12 % for 2 months: 507.51 twice (10.00 then 5.02 interest)', () => {
    // A = 1 000 · 0.01 / (1 − 1.01^−2) = 507.512…; month 2: 1 % of 502.49 = 5.0249.
    const plan = buildPlan(
      loan({ financedAmountCents: 100_000, nominalRateBp: 1_200, termMonths: 2 }),
    )
    expect(
      plan.map((r) => [r.instalmentCents, r.interestCents, r.principalCents, r.balanceAfterCents]),
    ).toEqual([
      [50_751, 1_000, 49_751, 50_249],
      [50_751, 502, 50_249, 0],
    ])
  })

  it('12 000 EUR at 0 % for 12 months: twelve instalments of 1 000 EUR', () => {
    const terms = loan({ financedAmountCents: 1_200_000, nominalRateBp: 0 })
    expect(buildPlan(terms).map((r) => r.instalmentCents)).toEqual(Array(12).fill(100_000))
    expect(effectiveRatePct(terms)).toBe(0)
  })

  it('leasing 1 000 EUR, residual 500 EUR, 12 %, 1 month: one instalment of 510.00 EUR, balance left 500 EUR', () => {
    // Interest 1 % of 1 000 = 10.00, plus the principal down to the residual value, 500.00.
    const plan = buildPlan(
      loan({
        product: 'leasing',
        financedAmountCents: 100_000,
        finalAmountCents: 50_000,
        nominalRateBp: 1_200,
        termMonths: 1,
      }),
    )
    expect(plan).toEqual([
      {
        n: 1,
        dueDate: '2026-06-01',
        instalmentCents: 51_000,
        interestCents: 1_000,
        principalCents: 50_000,
        balanceAfterCents: 50_000,
      },
    ])
  })

  it('balloon 1 000 EUR, balloon 400 EUR, 12 %, 3 months: 308.51, 308.50 (settles the rounding), then 404.00', () => {
    // Regular: 4.00 interest on the balloon + annuity on 600 over 2 months (304.5075) = 308.5075 → 308.51.
    // Month 1: 10.00 interest, 298.51 principal → 701.49. Month 2: 7.0149 → 7.01 interest,
    // principal down to 400.00 = 301.49 → 308.50. Month 3: 4.00 interest + 400.00.
    const terms = loan({
      product: 'balloon',
      financedAmountCents: 100_000,
      finalAmountCents: 40_000,
      nominalRateBp: 1_200,
      termMonths: 3,
    })
    expect(regularInstalment(terms)).toBe(30_851)
    expect(
      buildPlan(terms).map((r) => [
        r.instalmentCents,
        r.interestCents,
        r.principalCents,
        r.balanceAfterCents,
      ]),
    ).toEqual([
      [30_851, 1_000, 29_851, 70_149],
      [30_850, 701, 30_149, 40_000],
      [40_400, 400, 40_000, 0],
    ])
  })

  it('rounds interest half up, not to even: 1 % of 0.50 EUR is 1 cent, of 2.50 EUR 3 cents, of 1.49 EUR 1 cent', () => {
    expect(monthlyInterest(50, 1_200)).toBe(1)
    expect(monthlyInterest(250, 1_200)).toBe(3)
    expect(monthlyInterest(149, 1_200)).toBe(1)
    expect(monthlyInterest(0, 1_200)).toBe(0)
  })

  it('due dates: the payment day in the months after the start, also across the year end', () => {
    expect(dueDate({ startDate: '2026-01-31', paymentDay: 15 }, 1)).toBe('2026-02-15')
    expect(dueDate({ startDate: '2026-12-05', paymentDay: 28 }, 2)).toBe('2027-02-28')
    expect(dueDate({ startDate: '2026-05-17', paymentDay: 1 }, 12)).toBe('2027-05-01')
  })
})

describe('assertValidTerms', () => {
  const valid: PlanTerms = {
    product: 'leasing',
    financedAmountCents: 3_000_000,
    nominalRateBp: 399,
    termMonths: 48,
    finalAmountCents: 1_200_000,
    startDate: '2026-05-17',
    paymentDay: 15,
  }

  it('accepts sensible terms, up to the limits', () => {
    const accepted: PlanTerms[] = [
      valid,
      { ...valid, termMonths: 120, paymentDay: 28, nominalRateBp: 0 },
      { ...valid, paymentDay: 1, finalAmountCents: 1 },
      { ...valid, product: 'loan', finalAmountCents: 0, termMonths: 1 },
      { ...valid, product: 'balloon', termMonths: 2 },
    ]
    for (const terms of accepted) expect(() => assertValidTerms(terms)).not.toThrow()
  })

  it.each<[string, Partial<PlanTerms>]>([
    ['a negative amount', { financedAmountCents: -100_000 }],
    ['an amount of 0', { financedAmountCents: 0 }],
    ['a fraction of a cent', { financedAmountCents: 100_000.5 }],
    ['a negative rate', { nominalRateBp: -1 }],
    ['a rate above the maximum', { nominalRateBp: MAX_RATE_BP + 1 }],
    ['a residual equal to the amount', { finalAmountCents: 3_000_000 }],
    ['a residual above the amount', { finalAmountCents: 3_000_001 }],
    ['leasing without a residual', { finalAmountCents: 0 }],
    ['a loan with a residual', { product: 'loan', finalAmountCents: 100_000 }],
    ['a term of 0 months', { termMonths: 0 }],
    ['a term of 121 months', { termMonths: 121 }],
    ['a balloon over 1 month', { product: 'balloon', termMonths: 1 }],
    ['payment day 0', { paymentDay: 0 }],
    ['payment day 29', { paymentDay: 29 }],
    ['a start date that is no ISO date', { startDate: '17.05.2026' }],
    ['a start in month 13', { startDate: '2026-13-01' }],
    ['a start in month 0', { startDate: '2026-00-10' }],
    ['a start on 30 February', { startDate: '2026-02-30' }],
  ])('rejects %s, also when building the plan', (_what, change) => {
    const terms = { ...valid, ...change }
    expect(() => assertValidTerms(terms)).toThrow(RangeError)
    expect(() => buildPlan(terms)).toThrow(RangeError)
  })
})
