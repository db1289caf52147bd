/** Demo data is written on the first start of a demo database, and never again. */
import { afterEach, describe, expect, it } from 'vitest'
import { buildPlan, regularInstalment } from '../../../src/backend/contracts/plan.ts'
import type { ContractRecord } from '../../../src/backend/db/repositories/contracts-repository.ts'
import { DEMO_CONTRACTS } from '../../../src/backend/demo/seed-contracts.ts'
import { DEMO_CUSTOMERS, seedDemoData } from '../../../src/backend/demo/seed.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

const customerCount = async (b: TestBackend): Promise<number | undefined> =>
  (await b.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM customers'))?.n

describe('demo seed', () => {
  it('writes the demo customers once: not again on a restart, nor on a second call', async () => {
    backend = await createTestBackend()
    expect(DEMO_CUSTOMERS.length).toBeGreaterThanOrEqual(6)
    expect(await customerCount(backend)).toBe(DEMO_CUSTOMERS.length)
    const numbers = (await backend.app.services.repos.customers.all()).map((c) => c.customerNumber)
    expect(numbers.sort()).toEqual(DEMO_CUSTOMERS.map((c) => c.customerNumber).sort())
    expect(await seedDemoData(backend.app.services)).toBe(false)

    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    expect(await customerCount(backend)).toBe(DEMO_CUSTOMERS.length)
    const accounts = await backend.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM accounts')
    expect(accounts?.n).toBe(1)
  })

  it('keeps a customer the demo user changed (the seed does not overwrite on restart)', async () => {
    backend = await createTestBackend()
    await backend.db.run(
      "UPDATE customers SET city = 'Hallein' WHERE customer_number = ?",
      '100517903',
    )
    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    const lukas = (await backend.app.services.repos.customers.all()).find(
      (c) => c.customerNumber === '100517903',
    )
    expect(lukas?.city).toBe('Hallein')
  })

  it('gives a demo database from before contracts its contracts and bank accounts, once', async () => {
    backend = await createTestBackend()
    // What a demo database of the previous version looks like: customers, no contracts.
    await backend.db.exec(
      'DELETE FROM contracts; UPDATE customers SET iban = NULL, account_holder = NULL',
    )
    await backend.db.run("DELETE FROM settings WHERE key = 'demo_contracts_seeded'")
    await backend.db.run(
      "UPDATE customers SET city = 'Hallein' WHERE customer_number = ?",
      '100517903',
    )
    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    const count = async () =>
      (await backend?.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM contracts'))?.n
    expect(await count()).toBe(DEMO_CONTRACTS.length)
    const lukas = (await backend.app.services.repos.customers.all()).find(
      (c) => c.customerNumber === '100517903',
    )
    expect(lukas?.city).toBe('Hallein')
    expect(lukas?.iban).toMatch(/^AT\d{18}$/)
    await backend.close()
    backend = await createTestBackend({ dataDir })
    expect(await count()).toBe(DEMO_CONTRACTS.length)
  })

  it('writes nothing into a database that is not a demo one', async () => {
    backend = await createTestBackend({ demo: false })
    expect(await customerCount(backend)).toBe(0)
  })
})

describe('demo clock', () => {
  it('starts from the real time again when the stored offset is unreadable', async () => {
    backend = await createTestBackend()
    await backend.db.run(
      `INSERT INTO settings (key, value) VALUES ('demo_clock_offset', 'soon')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    expect(backend.app.services.clock.now().toISOString()).toBe('2026-05-17T08:30:00.000Z')
    const moved = await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: 60 })
    expect(moved.json().now).toBe('2026-05-17T08:31:00.000Z')
  })
})

/** The helpers' clock: 2026-05-17T08:30Z is 10:30 in Vienna, so the seed day is the 17th of May. */
const SEED_DAY = '2026-05-17'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** A date `months` calendar months from a date whose day exists in every month (≤ 28). */
function monthsFrom(date: string, months: number, day = Number(date.slice(8, 10))): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}-${pad2(day)}`
}

/** Every stored contract with its customer's number. */
async function storedContracts(
  b: TestBackend,
): Promise<(ContractRecord & { customerNumber: string })[]> {
  const { customers, contracts } = b.app.services.repos
  const perCustomer = await Promise.all(
    (await customers.all()).map(async (customer) =>
      (await contracts.listByCustomer(customer.id)).map((contract) => ({
        ...contract,
        customerNumber: customer.customerNumber,
      })),
    ),
  )
  return perCustomer.flat()
}

/** The last instalment's due date, from the terms alone. */
const lastDueDate = (c: ContractRecord): string =>
  monthsFrom(c.startDate, c.termMonths, c.paymentDay)

describe('demo contracts', () => {
  it('cover every product, at least six customers, several contracts for some, one of each for Anna Huber', async () => {
    backend = await createTestBackend()
    const contracts = await storedContracts(backend)
    expect(contracts.map((c) => c.number).sort()).toEqual(
      DEMO_CONTRACTS.map((c) => c.number).sort(),
    )
    expect(new Set(contracts.map((c) => c.product))).toEqual(
      new Set(['loan', 'leasing', 'balloon']),
    )
    const perCustomer = new Map<string, number>()
    for (const c of contracts)
      perCustomer.set(c.customerNumber, (perCustomer.get(c.customerNumber) ?? 0) + 1)
    expect(perCustomer.size).toBeGreaterThanOrEqual(6)
    expect([...perCustomer.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(2)
    const anna = contracts.filter((c) => c.customerNumber === '100482117')
    expect(anna.map((c) => c.product).sort()).toEqual(['balloon', 'leasing', 'loan'])
    // Every contract number and vehicle is unique.
    expect(new Set(contracts.map((c) => c.number)).size).toBe(contracts.length)
    expect(new Set(contracts.map((c) => c.vehicle.vin)).size).toBe(contracts.length)
  })

  it('exactly one is settled on the seed day; every other has instalments paid and still to come', async () => {
    backend = await createTestBackend()
    const contracts = await storedContracts(backend)
    const settled = contracts.filter((c) => lastDueDate(c) < SEED_DAY)
    expect(settled.map((c) => c.customerNumber)).toEqual(['100603258'])
    for (const c of contracts.filter((contract) => !settled.includes(contract))) {
      expect(c.startDate < SEED_DAY).toBe(true)
      expect(lastDueDate(c) >= SEED_DAY).toBe(true)
    }
  })

  it('every demo contract’s plan repays exactly its amount, with half-up interest and the regular instalment', async () => {
    backend = await createTestBackend()
    for (const c of await storedContracts(backend)) {
      const plan = buildPlan(c)
      const instalment = regularInstalment(c)
      const regularRows = c.product === 'balloon' ? c.termMonths - 1 : c.termMonths
      expect(plan, c.number).toHaveLength(c.termMonths)
      let balance = c.financedAmountCents
      for (const row of plan) {
        const exact = BigInt(balance) * BigInt(c.nominalRateBp)
        const interest = Number(exact / 120_000n + (2n * (exact % 120_000n) >= 120_000n ? 1n : 0n))
        expect(row.interestCents, `${c.number} #${row.n}`).toBe(interest)
        expect(row.instalmentCents).toBe(row.interestCents + row.principalCents)
        expect(row.principalCents).toBeGreaterThanOrEqual(0)
        expect(row.balanceAfterCents).toBe(balance - row.principalCents)
        expect(row.dueDate).toBe(monthsFrom(c.startDate, row.n, c.paymentDay))
        if (row.n < regularRows) expect(row.instalmentCents).toBe(instalment)
        balance = row.balanceAfterCents
      }
      const residual = c.product === 'leasing' ? c.finalAmountCents : 0
      expect(balance, c.number).toBe(residual)
      expect(plan.reduce((sum, row) => sum + row.principalCents, 0) + residual).toBe(
        c.financedAmountCents,
      )
      if (c.product === 'balloon') expect(plan.at(-1)?.principalCents).toBe(c.finalAmountCents)
    }
  })

  it('start relative to the seed day: seeded a year later, every contract starts a year later', async () => {
    backend = await createTestBackend()
    const startsNow = new Map((await storedContracts(backend)).map((c) => [c.number, c.startDate]))
    for (const demo of DEMO_CONTRACTS)
      expect(startsNow.get(demo.number), demo.number).toBe(
        monthsFrom(SEED_DAY, -demo.startedMonthsAgo),
      )
    await backend.dispose()
    backend = undefined

    backend = await createTestBackend({ demo: false })
    backend.clock.advance(365 * 86_400)
    expect(await seedDemoData(backend.app.services)).toBe(true)
    const startsLater = new Map(
      (await storedContracts(backend)).map((c) => [c.number, c.startDate]),
    )
    expect(startsLater.size).toBe(DEMO_CONTRACTS.length)
    for (const [number, start] of startsNow)
      expect(startsLater.get(number), number).toBe(monthsFrom(start, 12))
  })
})
