/**
 * POST /contracts/{id}/simulations through the real backend: the figures are
 * those of the contract's real plan, the bounds (amount, date), leasing and
 * other customers' contracts. The helpers' clock stands at 2026-05-17.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/backend/contracts/plan.ts'
import { specialRepaymentEffect } from '../../../src/backend/contracts/payoff.ts'
import { rowsAfter, simulateSpecialRepayment } from '../../../src/backend/contracts/simulation.ts'
import { addDays } from '../../../src/shared/dates.ts'
import { formatDate, formatMoney } from '../../../src/shared/format.ts'
import { expectText, pdfText } from '../../helpers/pdf-text.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { demoCustomer, signInAnna, SOPHIE, type Auth } from '../../helpers/customers.ts'
import {
  ANNA_BALLOON,
  ANNA_LEASING,
  ANNA_LOAN,
  contentOf,
  contractOf,
  contractRecord,
  postRequest,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

async function simulate(auth: Auth | undefined, id: string, body: unknown) {
  return backend.json('POST', `/api/v1/contracts/${id}/simulations`, body, auth)
}

describe('POST /contracts/{id}/simulations', () => {
  it('answers both variants from the contract’s real plan: same instalment ends earlier, same term lowers the instalment', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const terms = await contractRecord(backend, loan.id)
    const body = { specialRepaymentCents: 300_000, date: '2026-05-20' }
    const shorter = await simulate(auth, loan.id, { ...body, keep: 'instalment' })
    expect(shorter.statusCode, shorter.body).toBe(200)
    const lower = (await simulate(auth, loan.id, { ...body, keep: 'term' })).json()
    const expected = (keep: 'instalment' | 'term') =>
      simulateSpecialRepayment(terms, { amountCents: 300_000, date: '2026-05-20', keep })
    expect(shorter.json()).toEqual(expected('instalment'))
    expect(shorter.json().newEndDate < loan.endDate).toBe(true)
    expect(shorter.json().newInstalmentCents).toBe(loan.monthlyInstalmentCents)
    expect(shorter.json().bookedOn).toBe('2026-06-01')
    expect(lower.newEndDate).toBe(loan.endDate)
    expect(lower.newInstalmentCents).toBeLessThan(loan.monthlyInstalmentCents)
    expect(lower.interestSavedCents).toBe(expected('term').interestSavedCents)
    expect(shorter.json().interestSavedCents).toBeGreaterThan(lower.interestSavedCents)
    // The rows up to the booking are today's plan.
    const plan = buildPlan(terms)
    const booked = plan.findIndex((r) => r.dueDate === '2026-06-01')
    expect(lower.schedule.slice(0, booked + 1)).toEqual(plan.slice(0, booked + 1))
    // More than a year left: 1 % of the amount.
    expect(lower.feeCents).toBe(3_000)
  })

  it('takes a balloon, refuses leasing (409 product_not_eligible)', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const body = { specialRepaymentCents: 100_000, date: '2026-06-10', keep: 'term' }
    const ok = await simulate(auth, balloon.id, body)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().schedule.at(-1).dueDate).toBe(balloon.endDate)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const refused = await simulate(auth, leasing.id, body)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toMatchObject({
      code: 'not_eligible',
      reason: 'product_not_eligible',
    })
  })

  it('400 names the field: below € 500, above the balance, a day in the past or after the last instalment but one, an unknown keep', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const good = { specialRepaymentCents: 100_000, date: '2026-05-20', keep: 'term' }
    const cases: [Record<string, unknown>, string][] = [
      [{ specialRepaymentCents: 49_999 }, 'specialRepaymentCents'],
      [{ specialRepaymentCents: loan.outstandingBalanceCents }, 'specialRepaymentCents'],
      [{ date: '2026-05-16' }, 'date'],
      [{ date: loan.endDate }, 'date'],
      [{ keep: 'both' }, 'keep'],
      [{ date: '2026-02-30' }, 'date'],
    ]
    for (const [change, field] of cases) {
      const response = await simulate(auth, loan.id, { ...good, ...change })
      expect(response.statusCode, JSON.stringify(change)).toBe(400)
      expect(Object.keys(response.json().error.fields ?? {}), JSON.stringify(change)).toEqual([
        field,
      ])
    }
  })

  it('another customer’s contract is not found, like an unknown one; without a session 401', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const loan = await contractOf(backend, anna, ANNA_LOAN)
    const sophie = await demoCustomer(backend, SOPHIE)
    const body = { specialRepaymentCents: 100_000, date: '2026-05-20', keep: 'term' }
    const foreign = await simulate(sophie, loan.id, body)
    expect(foreign.statusCode).toBe(404)
    const unknown = await simulate(sophie, '00000000-0000-4000-8000-000000000000', body)
    expect(unknown.statusCode).toBe(404)
    expect(foreign.json()).toEqual(unknown.json())
    expect((await simulate(undefined, loan.id, body)).statusCode).toBe(401)
  })
})

describe('the special repayment filed from the simulator', () => {
  it('keeps the instalment when asked: the confirmation names the same instalment and the earlier end', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const filed = await postRequest(backend, auth, {
      type: 'special_repayment',
      contractId: loan.id,
      details: { amountCents: 300_000, keep: 'instalment' },
    })
    expect(filed.statusCode, filed.body).toBe(201)
    expect(filed.json().details).toEqual({ amountCents: 300_000, keep: 'instalment' })
    backend.clock.advance(2 * 86_400)
    auth = await signInAnna(backend)
    const done = (
      await backend.json('GET', `/api/v1/service-requests/${filed.json().id}`, undefined, auth)
    ).json()
    expect(done.status).toBe('completed')
    // Answered on 19 May: booked two weeks later, after 1 June's instalment.
    const terms = await contractRecord(backend, loan.id)
    const plan = buildPlan(terms)
    const effect = specialRepaymentEffect(terms, addDays('2026-05-19', 14), 300_000, plan)
    const rows = rowsAfter(
      terms,
      plan.length - effect.remainingPayments,
      effect.balanceAfterCents,
      'instalment',
      300_000,
    )
    const newEnd = rows.at(-1)?.dueDate ?? ''
    expect(newEnd < loan.endDate).toBe(true)
    const text = await pdfText(await contentOf(backend, auth, String(done.documentId)))
    const money = (cents: number) => formatMoney(cents, 'EUR', 'de')
    expectText(text, [
      `Neue monatliche Rate ${money(loan.monthlyInstalmentCents)}`,
      `Verbleibende Raten ${rows.length}`,
      `Vertragsende ${formatDate(newEnd, 'de')}`,
      'Ihre Rate bleibt gleich, Ihr Vertrag endet früher.',
    ])
  })
})
