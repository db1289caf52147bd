/**
 * GET /contracts, /contracts/{id} and /contracts/{id}/schedule through the real
 * backend: who may see what, and whether the figures agree with the plan and
 * the bank's calendar day. Expectations come from the demo data's terms
 * (DEMO_CONTRACTS), the fixed clock and the plan rows, not from earlier output.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type {
  ContractDetail,
  ContractSummary,
  Schedule,
  ScheduleRow,
} from '../../../src/shared/api/contracts.ts'
import { DEMO_CUSTOMERS } from '../../../src/backend/demo/seed.ts'
import { DEMO_CONTRACTS, type DemoContract } from '../../../src/backend/demo/seed-contracts.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA,
  latestLetterCode,
  LUKAS,
  registeredCustomer,
  signInAnna,
  SOPHIE,
  type Auth,
} from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

/** The helpers' clock stands at 2026-05-17T08:30Z: 10:30 summer time in Vienna, the bank's day. */
const TODAY = '2026-05-17'

/** Sophie Wagner's details as the demo customer records have them. */
const sophie = {
  email: 'sophie.w@example.at',
  salutation: 'ms',
  firstName: 'Sophie',
  lastName: 'Wagner',
  dateOfBirth: '1978-11-02',
  customerNumber: SOPHIE,
}

/** Registers, confirms, signs in and activates with the code from the letter. */
async function activatedCustomer(overrides: Record<string, unknown> = {}): Promise<Auth> {
  const auth = await registeredCustomer(backend, overrides)
  await activateWithLetter(backend, auth)
  return auth
}

const list = async (auth: Auth): Promise<ContractSummary[]> => {
  const response = await backend.json('GET', '/api/v1/contracts', undefined, auth)
  expect(response.statusCode).toBe(200)
  return response.json().items
}
const detail = async (auth: Auth, id: string): Promise<ContractDetail> => {
  const response = await backend.json('GET', `/api/v1/contracts/${id}`, undefined, auth)
  expect(response.statusCode).toBe(200)
  return response.json()
}
const schedule = async (auth: Auth, id: string): Promise<Schedule> => {
  const response = await backend.json('GET', `/api/v1/contracts/${id}/schedule`, undefined, auth)
  expect(response.statusCode).toBe(200)
  return response.json()
}

const demoContractsOf = (customerNumber: string): DemoContract[] =>
  DEMO_CONTRACTS.filter((c) => c.customerNumber === customerNumber)

const demoContract = (number: string): DemoContract => {
  const found = DEMO_CONTRACTS.find((c) => c.number === number)
  if (!found) throw new Error(`no demo contract ${number}`)
  return found
}

/**
 * Instalments collected by today: a contract seeded `startedMonthsAgo` months
 * before today (the 17th) pays on its payment day in every following month,
 * so one more is still to come when the payment day is the 17th or later.
 */
const expectedPaid = (demo: DemoContract): number =>
  Math.min(demo.termMonths, demo.startedMonthsAgo - (demo.paymentDay >= 17 ? 1 : 0))

describe('contracts: access', () => {
  it('need a session: 401 without a token or with a made-up one', async () => {
    backend = await createTestBackend()
    const id = randomUUID()
    for (const url of [
      '/api/v1/contracts',
      `/api/v1/contracts/${id}`,
      `/api/v1/contracts/${id}/schedule`,
    ]) {
      for (const headers of [{}, { authorization: 'Bearer made-up-token' }] as Auth[]) {
        const response = await backend.json('GET', url, undefined, headers)
        expect(response.statusCode, url).toBe(401)
        expect(response.json().error.code).toBe('unauthenticated')
      }
    }
  })

  it('need an activated account: 403 activation_required until the code from the letter is entered', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const id = randomUUID()
    for (const url of [
      '/api/v1/contracts',
      `/api/v1/contracts/${id}`,
      `/api/v1/contracts/${id}/schedule`,
    ]) {
      const response = await backend.json('GET', url, undefined, auth)
      expect(response.statusCode, url).toBe(403)
      expect(response.json().error.code).toBe('activation_required')
    }
    const code = await latestLetterCode(backend)
    expect((await backend.json('POST', '/api/v1/me/activation', { code }, auth)).statusCode).toBe(
      200,
    )
    const contracts = await list(auth)
    expect(contracts.map((c) => c.number)).toEqual(demoContractsOf(LUKAS).map((c) => c.number))
    const [first] = contracts
    expect((await detail(auth, first?.id ?? '')).number).toBe(first?.number)
    expect((await schedule(auth, first?.id ?? '')).items).toHaveLength(first?.termMonths ?? -1)
  })

  it('the ready demo login sees exactly its three contracts, one of each product, newest first', async () => {
    backend = await createTestBackend()
    const contracts = await list(await signInAnna(backend))
    expect(contracts).toHaveLength(3)
    expect(contracts.map((c) => c.product).sort()).toEqual(['balloon', 'leasing', 'loan'])
    expect(contracts.map((c) => c.number).sort()).toEqual(
      demoContractsOf(ANNA)
        .map((c) => c.number)
        .sort(),
    )
    const starts = contracts.map((c) => c.startDate)
    expect(starts).toEqual([...starts].sort().reverse())
    // Ids in URLs are not guessable counters.
    for (const c of contracts) expect(c.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('another customer’s contract is not found, exactly like an unknown or garbage id', async () => {
    backend = await createTestBackend()
    const lukas = await activatedCustomer()
    const [lukasContract] = await list(lukas)
    const lukasId = lukasContract?.id ?? ''
    expect(lukasId).not.toBe('')
    const anna = await signInAnna(backend)
    const annaIds = (await list(anna)).map((c) => c.id)

    const ids = [
      lukasId,
      randomUUID(),
      'not-a-contract',
      encodeURIComponent("' OR '1'='1"),
      encodeURIComponent(lukasId.toUpperCase()),
    ]
    const bodies = new Set<string>()
    for (const id of ids) {
      for (const url of [`/api/v1/contracts/${id}`, `/api/v1/contracts/${id}/schedule`]) {
        const response = await backend.json('GET', url, undefined, anna)
        expect(response.statusCode, url).toBe(404)
        expect(response.json().error.code).toBe('not_found')
        bodies.add(response.body)
      }
    }
    // The answer tells an existing foreign contract and a made-up id apart in no way.
    expect(bodies.size).toBe(1)
    // And the other way round: Lukas cannot read Anna's contracts.
    for (const id of annaIds)
      expect(
        (await backend.json('GET', `/api/v1/contracts/${id}/schedule`, undefined, lukas))
          .statusCode,
      ).toBe(404)
  })

  it('no answer carries a vehicle or contract number of another customer', async () => {
    backend = await createTestBackend()
    const lukas = await activatedCustomer()
    const anna = await signInAnna(backend)
    for (const [customerNumber, auth] of [
      [ANNA, anna],
      [LUKAS, lukas],
    ] as const) {
      const bodies: string[] = []
      const listed = await backend.json('GET', '/api/v1/contracts', undefined, auth)
      bodies.push(listed.body)
      for (const c of listed.json().items as ContractSummary[]) {
        bodies.push((await backend.json('GET', `/api/v1/contracts/${c.id}`, undefined, auth)).body)
        bodies.push(
          (await backend.json('GET', `/api/v1/contracts/${c.id}/schedule`, undefined, auth)).body,
        )
      }
      const everything = bodies.join('\n')
      for (const own of demoContractsOf(customerNumber)) expect(everything).toContain(own.vin)
      for (const other of DEMO_CONTRACTS.filter((c) => c.customerNumber !== customerNumber)) {
        expect(everything).not.toContain(other.vin)
        expect(everything).not.toContain(other.number)
        expect(everything).not.toContain(other.registrationPlate)
      }
    }
  })
})

describe('contracts: figures', () => {
  it('detail: residual value and mileage for leasing only, the final instalment for balloon only', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const contracts = await list(anna)
    const byProduct = new Map(contracts.map((c) => [c.product, c.id]))

    const leasing = await detail(anna, byProduct.get('leasing') ?? '')
    const leasingDemo = demoContract(leasing.number)
    expect(leasing).toMatchObject({
      residualValueCents: (leasingDemo.finalEuros ?? 0) * 100,
      mileagePerYearKm: leasingDemo.mileagePerYearKm,
      finalInstalmentCents: null,
    })
    const leasingRows = (await schedule(anna, leasing.id)).items
    expect(leasingRows.at(-1)?.balanceAfterCents).toBe(leasing.residualValueCents)

    const balloon = await detail(anna, byProduct.get('balloon') ?? '')
    const balloonRows = (await schedule(anna, balloon.id)).items
    expect(balloon).toMatchObject({ residualValueCents: null, mileagePerYearKm: null })
    expect(balloon.finalInstalmentCents).toBe(balloonRows.at(-1)?.instalmentCents)
    // The final instalment is the balloon principal plus a month's interest on it.
    const balloonPrincipal = (demoContract(balloon.number).finalEuros ?? 0) * 100
    expect(balloonRows.at(-1)?.principalCents).toBe(balloonPrincipal)
    expect(balloon.finalInstalmentCents).toBeGreaterThan(balloonPrincipal)
    expect(balloon.finalInstalmentCents).toBeGreaterThan(balloon.monthlyInstalmentCents)

    const loan = await detail(anna, byProduct.get('loan') ?? '')
    expect(loan).toMatchObject({
      finalInstalmentCents: null,
      residualValueCents: null,
      mileagePerYearKm: null,
    })

    for (const c of [leasing, balloon, loan]) {
      const demo = demoContract(c.number)
      expect(c).toMatchObject({
        financedAmountCents: demo.financedEuros * 100,
        downPaymentCents: demo.downPaymentEuros * 100,
        nominalRatePct: demo.nominalRatePct,
        termMonths: demo.termMonths,
        paymentDay: demo.paymentDay,
        currency: 'EUR',
        status: 'active',
      })
      expect(c.paymentsMade + c.paymentsRemaining).toBe(c.termMonths)
      expect(c.effectiveRatePct).toBeGreaterThanOrEqual(c.nominalRatePct)
    }
  })

  it('detail: the bank account shows country, check digits and the last four characters only', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const iban = DEMO_CUSTOMERS.find((c) => c.customerNumber === ANNA)?.iban ?? ''
    expect(iban).toMatch(/^AT\d{18}$/)
    for (const c of await list(anna)) {
      const response = await backend.json('GET', `/api/v1/contracts/${c.id}`, undefined, anna)
      const masked = (response.json() as ContractDetail).bankAccount?.ibanMasked
      expect(masked).toBe(`${iban.slice(0, 4)} **** **** **** ${iban.slice(-4)}`)
      // No other run of the account number appears anywhere in the answer.
      expect(response.body).not.toContain(iban)
      expect(response.body).not.toContain(iban.slice(4, 12))
      expect(response.body).not.toContain(iban.slice(8, 16))
    }
  })

  it('schedule: instalments due before today are paid, the next is due, the rest upcoming; the summary agrees', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    for (const summary of await list(anna)) {
      const demo = demoContract(summary.number)
      const { items, currency } = await schedule(anna, summary.id)
      expect(currency).toBe('EUR')
      expect(items).toHaveLength(demo.termMonths)
      const paid = items.filter((row) => row.dueDate < TODAY)
      expect(paid).toHaveLength(expectedPaid(demo))
      expect(items.map((row) => row.status)).toEqual(
        items.map((_, index) =>
          index < paid.length ? 'paid' : index === paid.length ? 'due' : 'upcoming',
        ),
      )
      const due = items[paid.length] as ScheduleRow
      expect(due.dueDate >= TODAY).toBe(true)
      expect(summary).toMatchObject({
        status: 'active',
        paymentsMade: paid.length,
        nextPaymentDate: due.dueDate,
        outstandingBalanceCents: paid.at(-1)?.balanceAfterCents,
        endDate: items.at(-1)?.dueDate,
        // The regular instalment is what the first months charge.
        monthlyInstalmentCents: items[0]?.instalmentCents,
      })
      // The summary of the list and the detail agree.
      const full = await detail(anna, summary.id)
      expect(full).toMatchObject(summary)
      expect(full.paymentsRemaining).toBe(demo.termMonths - paid.length)
    }
  })

  it('a month later, one more instalment of every running contract is paid', async () => {
    backend = await createTestBackend()
    const before = new Map<string, { made: number; due: string | null; rows: ScheduleRow[] }>()
    let anna = await signInAnna(backend)
    for (const c of await list(anna))
      before.set(c.id, {
        made: c.paymentsMade,
        due: c.nextPaymentDate,
        rows: (await schedule(anna, c.id)).items,
      })

    backend.clock.advance(31 * 86_400)
    // The access token (10 minutes) has long expired.
    anna = await signInAnna(backend)
    for (const c of await list(anna)) {
      const earlier = before.get(c.id)
      expect(earlier).toBeDefined()
      if (!earlier) continue
      expect(c.paymentsMade).toBe(earlier.made + 1)
      const rows = (await schedule(anna, c.id)).items
      const wasDue = rows.find((row) => row.dueDate === earlier.due)
      expect(wasDue?.status).toBe('paid')
      expect(c.outstandingBalanceCents).toBe(wasDue?.balanceAfterCents)
      expect(c.nextPaymentDate).toBe(rows[earlier.made + 1]?.dueDate)
      expect(rows.filter((row) => row.status === 'due')).toHaveLength(1)
    }
  })

  it('an instalment is due on its day and paid from the next day on, by the calendar in Vienna', async () => {
    backend = await createTestBackend()
    const statusOn = async (instant: string, dueDate: string) => {
      backend.clock.advance((Date.parse(instant) - backend.clock.now().getTime()) / 1000)
      const anna = await signInAnna(backend)
      const loan = (await list(anna)).find((c) => c.product === 'loan') as ContractSummary
      const rows = (await schedule(anna, loan.id)).items
      return { row: rows.find((r) => r.dueDate === dueDate), next: loan.nextPaymentDate }
    }
    // Anna's loan is debited on the 1st: the instalment of 1 June 2026.
    const loanDemo = demoContractsOf(ANNA).find((c) => c.product === 'loan') as DemoContract
    expect(loanDemo.paymentDay).toBe(1)
    // 23:59 on 31 May in Vienna, still May.
    expect(await statusOn('2026-05-31T21:59:00Z', '2026-06-01')).toMatchObject({
      row: { status: 'due' },
      next: '2026-06-01',
    })
    // 1 June in Vienna: due today, not yet collected.
    expect(await statusOn('2026-06-01T21:59:00Z', '2026-06-01')).toMatchObject({
      row: { status: 'due' },
      next: '2026-06-01',
    })
    // 00:30 on 2 June in Vienna, while still 1 June in UTC: collected.
    expect(await statusOn('2026-06-01T22:30:00Z', '2026-06-01')).toMatchObject({
      row: { status: 'paid' },
      next: '2026-07-01',
    })
  })

  it('the settled contract: every instalment paid, nothing outstanding, no next payment', async () => {
    backend = await createTestBackend()
    const auth = await activatedCustomer(sophie)
    const contracts = await list(auth)
    expect(contracts.map((c) => c.number).sort()).toEqual(
      demoContractsOf(SOPHIE)
        .map((c) => c.number)
        .sort(),
    )
    const settledDemo = demoContractsOf(SOPHIE).find(
      (c) => c.startedMonthsAgo > c.termMonths,
    ) as DemoContract
    const settled = contracts.find((c) => c.number === settledDemo.number) as ContractSummary
    expect(settled).toMatchObject({
      status: 'settled',
      outstandingBalanceCents: 0,
      nextPaymentDate: null,
      paymentsMade: settledDemo.termMonths,
    })
    expect(settled.endDate < TODAY).toBe(true)
    const full = await detail(auth, settled.id)
    expect(full.paymentsRemaining).toBe(0)
    const rows = (await schedule(auth, settled.id)).items
    expect(rows).toHaveLength(settledDemo.termMonths)
    expect(rows.every((row) => row.status === 'paid')).toBe(true)
    // Her other contract is still running.
    const running = contracts.filter((c) => c.id !== settled.id)
    expect(running.map((c) => c.status)).toEqual(['active'])
  })
})
