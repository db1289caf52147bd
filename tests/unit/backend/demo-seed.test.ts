/** Demo data is written on the first start of a demo database, and never again. */
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CUSTOMERS, seedDemoData } from '../../../src/backend/demo/seed.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

const customerCount = (b: TestBackend): number =>
  (b.db.prepare('SELECT COUNT(*) AS n FROM customers').get() as { n: number }).n

describe('demo seed', () => {
  it('writes the demo customers once: not again on a restart, nor on a second call', async () => {
    backend = await createTestBackend()
    expect(DEMO_CUSTOMERS.length).toBeGreaterThanOrEqual(6)
    expect(customerCount(backend)).toBe(DEMO_CUSTOMERS.length)
    const numbers = backend.app.services.repos.customers.all().map((c) => c.customerNumber)
    expect(numbers.sort()).toEqual(DEMO_CUSTOMERS.map((c) => c.customerNumber).sort())
    expect(await seedDemoData(backend.app.services)).toBe(false)

    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    expect(customerCount(backend)).toBe(DEMO_CUSTOMERS.length)
    const accounts = backend.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }
    expect(accounts.n).toBe(1)
  })

  it('keeps a customer the demo user changed (the seed does not overwrite on restart)', async () => {
    backend = await createTestBackend()
    backend.db
      .prepare("UPDATE customers SET city = 'Hallein' WHERE customer_number = ?")
      .run('100517903')
    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    const lukas = backend.app.services.repos.customers
      .all()
      .find((c) => c.customerNumber === '100517903')
    expect(lukas?.city).toBe('Hallein')
  })

  it('writes nothing into a database that is not a demo one', async () => {
    backend = await createTestBackend({ demo: false })
    expect(customerCount(backend)).toBe(0)
  })
})

describe('demo clock', () => {
  it('starts from the real time again when the stored offset is unreadable', async () => {
    backend = await createTestBackend()
    backend.db
      .prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('demo_clock_offset', 'soon')")
      .run()
    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    expect(backend.app.services.clock.now().toISOString()).toBe('2026-05-17T08:30:00.000Z')
    const moved = await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: 60 })
    expect(moved.json().now).toBe('2026-05-17T08:31:00.000Z')
  })
})
