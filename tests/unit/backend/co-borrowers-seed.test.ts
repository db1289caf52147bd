/**
 * The demo's co-borrowers: Anna Huber's leasing contract names Markus Huber, a
 * free demo customer that `GET /dev/customers` lists with his date of birth, so
 * anyone can try the invitation; a demo database from before co-borrowers gets
 * them (and Markus) on its next start, once.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEMO_CO_BORROWER_CUSTOMER,
  DEMO_CO_BORROWERS,
} from '../../../src/backend/demo/seed-co-borrowers.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { signInAnna } from '../../helpers/customers.ts'
import { contractIdOf } from './co-borrowers-fixtures.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

const parties = async (b: TestBackend): Promise<number | undefined> =>
  (await b.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM contract_co_borrowers'))?.n

describe('the demo co-borrowers', () => {
  it('are named on Anna’s leasing and Sophie’s balloon; Markus is a free demo customer', async () => {
    const b = (backend = await createTestBackend())
    const anna = await signInAnna(b)
    const leasing = await contractIdOf(b, 'LS-2026-048212')
    const detail = (await b.json('GET', `/api/v1/contracts/${leasing}`, undefined, anna)).json()
    expect(detail.parties).toEqual([
      { role: 'holder', name: 'Anna Huber' },
      { role: 'co_borrower', name: 'Markus Huber' },
    ])
    const loan = await contractIdOf(b, 'KR-2025-048211')
    const single = (await b.json('GET', `/api/v1/contracts/${loan}`, undefined, anna)).json()
    expect(single.parties).toEqual([{ role: 'holder', name: 'Anna Huber' }])
    expect(await parties(b)).toBe(DEMO_CO_BORROWERS.length)

    const customers = (await b.json('GET', '/api/v1/dev/customers')).json().items as {
      customerNumber: string
      dateOfBirth: string
      registered: boolean
    }[]
    expect(customers.find((c) => c.customerNumber === '100482125')).toMatchObject({
      dateOfBirth: '1982-06-03',
      registered: false,
      // He holds none: he co-borrows Anna's.
      contracts: 0,
    })
    expect(customers.find((c) => c.customerNumber === '100482117')).toMatchObject({
      contracts: 3,
    })
  })

  it('come to a demo database from before co-borrowers on its next start, once', async () => {
    backend = await createTestBackend()
    await backend.db.exec('DELETE FROM contract_co_borrowers')
    await backend.db.run("DELETE FROM settings WHERE key = 'demo_co_borrowers_seeded'")
    await backend.db.run(
      'DELETE FROM customers WHERE customer_number = ?',
      DEMO_CO_BORROWER_CUSTOMER.customerNumber,
    )
    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    expect(await parties(backend)).toBe(DEMO_CO_BORROWERS.length)
    const markus = (await backend.app.services.repos.customers.all()).filter(
      (c) => c.customerNumber === DEMO_CO_BORROWER_CUSTOMER.customerNumber,
    )
    expect(markus).toHaveLength(1)
    await backend.close()
    backend = await createTestBackend({ dataDir })
    expect(await parties(backend)).toBe(DEMO_CO_BORROWERS.length)
  })
})
