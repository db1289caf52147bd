import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/backend/clock.ts'
import { openDatabase } from '../../../src/backend/db/connection.ts'
import type { Queryable } from '../../../src/backend/db/database.ts'
import { migrate, schemaVersion } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'
import {
  createContractsRepository,
  type NewContractRecord,
} from '../../../src/backend/db/repositories/contracts-repository.ts'
import { createCustomersRepository } from '../../../src/backend/db/repositories/customers-repository.ts'
import { createOutboxRepository } from '../../../src/backend/db/repositories/outbox-repository.ts'
import { createSettingsRepository } from '../../../src/backend/db/repositories/settings-repository.ts'
import { openSqliteDatabase } from '../../../src/backend/db/sqlite-database.ts'
import { createDatabaseOutbox } from '../../../src/backend/outbox/outbox.ts'

const dirs: string[] = []
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-migrate-'))
  dirs.push(dir)
  return join(dir, 'sub', 'mmf.sqlite')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const versions = async (db: Queryable): Promise<number[]> =>
  (await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map(
    (r) => r.version,
  )

describe('migrations', () => {
  it('create the schema on an empty database, in WAL mode with synchronous=FULL', async () => {
    const db = await openDatabase(tempFile())
    expect(await versions(db)).toEqual(migrations.map((m) => m.version))
    expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe(
      'wal',
    )
    expect((await db.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous).toBe(2)
    expect((await db.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))?.foreign_keys).toBe(1)
    await db.close()
  })

  it('apply nothing twice on an existing database and keep its data', async () => {
    const file = tempFile()
    const db = await openDatabase(file)
    await db.run("INSERT INTO settings (key, value) VALUES ('kept', 'yes')")
    await db.close()
    const again = await openDatabase(file)
    expect(await migrate(again)).toEqual([])
    expect(await again.get("SELECT value FROM settings WHERE key = 'kept'")).toEqual({
      value: 'yes',
    })
    await again.close()
  })

  it('apply only the new ones to an older database', async () => {
    const db = openSqliteDatabase(tempFile().replace('/sub', ''))
    expect(await migrate(db, migrations.slice(0, 1))).toEqual([1])
    expect(await migrate(db)).toEqual(migrations.slice(1).map((m) => m.version))
    await db.close()
  })

  it('roll back entirely when one fails', async () => {
    const db = openSqliteDatabase(tempFile().replace('/sub', ''))
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL' },
    ]
    await expect(migrate(db, broken)).rejects.toThrow()
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'a'")).toBeUndefined()
    // No version recorded: even the table of versions is rolled back with them.
    expect(await schemaVersion(db)).toBe(0)
    await db.close()
  })

  it('refuse a database from a newer version of the app', async () => {
    const file = tempFile()
    const db = await openDatabase(file)
    await db.run(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')",
    )
    await db.close()
    await expect(openDatabase(file)).rejects.toThrow(/newer version/)
  })
})

describe('migration 3 (customer e-mail, HTML part of e-mails)', () => {
  it('upgrades a version-2 database and keeps its rows', async () => {
    const db = openSqliteDatabase(tempFile().replace('/sub', ''))
    await migrate(db, migrations.slice(0, 2))
    await db.run(
      `INSERT INTO customers (customer_number, salutation, first_name, last_name, date_of_birth,
        street, house_number, postal_code, city, country, phone, locale, created_at)
        VALUES ('100000001', 'ms', 'Eva', 'Lang', '1980-01-01', 'Linzer Gasse', '1', '5020',
        'Salzburg', 'AT', NULL, 'de', '2026-01-01T00:00:00Z')`,
    )
    await db.run(
      `INSERT INTO outbox (kind, recipient, subject, text, created_at)
        VALUES ('email', 'eva@example.at', 'Hallo', 'Text', '2026-01-01T00:00:00Z')`,
    )
    expect(await migrate(db, migrations.slice(0, 4))).toEqual([3, 4])
    const customers = await createCustomersRepository(db).all()
    expect(customers.map((c) => [c.lastName, c.email])).toEqual([['Lang', null]])
    const outbox = await createOutboxRepository(db).list({ limit: 10 })
    expect(outbox.map((m) => [m.subject, m.html])).toEqual([['Hallo', null]])
    await db.close()
  })

  it('stores the HTML part the outbox is given', async () => {
    const db = await openDatabase(tempFile())
    const outbox = createDatabaseOutbox(
      createOutboxRepository(db),
      createFixedClock('2026-05-17T08:30:00Z'),
    )
    await outbox.send({
      kind: 'email',
      to: 'a@example.at',
      subject: 's',
      text: 't',
      html: '<p>t</p>',
    })
    await outbox.send({ kind: 'letter', to: 'Eva Lang, Salzburg', subject: 'Brief', text: 't' })
    const [letter, email] = await createOutboxRepository(db).list({ limit: 10 })
    expect(email).toMatchObject({ html: '<p>t</p>', createdAt: '2026-05-17T08:30:00.000Z' })
    expect(letter).toMatchObject({ kind: 'letter', html: null, links: [] })
    await db.close()
  })
})

describe('migration 4 (contracts, the customer’s bank account)', () => {
  it('upgrades a version-3 database, keeps its customers and lets it store contracts', async () => {
    // Foreign keys on, as on every connection the backend opens.
    const db = openSqliteDatabase(tempFile().replace('/sub', ''))
    await migrate(db, migrations.slice(0, 3))
    await db.run(
      `INSERT INTO customers (customer_number, salutation, first_name, last_name, date_of_birth,
        street, house_number, postal_code, city, country, phone, email, locale, created_at)
        VALUES ('100000001', 'ms', 'Eva', 'Lang', '1980-01-01', 'Linzer Gasse', '1', '5020',
        'Salzburg', 'AT', NULL, 'eva@example.at', 'de', '2026-01-01T00:00:00Z')`,
    )
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'contracts'")).toBe(undefined)

    expect(await migrate(db, migrations.slice(0, 4))).toEqual([4])
    const [eva] = await createCustomersRepository(db).all()
    expect(eva).toMatchObject({
      lastName: 'Lang',
      email: 'eva@example.at',
      city: 'Salzburg',
      iban: null,
      accountHolder: null,
    })
    await db.run("UPDATE customers SET iban = 'AT611904300234573201', account_holder = 'Eva Lang'")
    expect((await createCustomersRepository(db).all())[0]).toMatchObject({
      iban: 'AT611904300234573201',
      accountHolder: 'Eva Lang',
    })
    // Today's repository also needs the columns later migrations added.
    await migrate(db)
    const contracts = createContractsRepository(db)
    await contracts.insert(contract(eva?.id ?? 0), new Date('2026-05-17T08:30:00Z'))
    expect(
      (await contracts.listByCustomer(eva?.id ?? 0)).map((c) => [c.number, c.product]),
    ).toEqual([['KR-2026-000001', 'loan']])
    await db.close()
  })

  it('refuses a contract with a product other than loan, leasing or balloon, or a payment day of 29', async () => {
    const db = await openDatabase(tempFile())
    const customerId = await createCustomersRepository(db).insert(
      {
        customerNumber: '100000001',
        salutation: 'ms',
        firstName: 'Eva',
        lastName: 'Lang',
        dateOfBirth: '1980-01-01',
        street: 'Linzer Gasse',
        houseNumber: '1',
        postalCode: '5020',
        city: 'Salzburg',
        country: 'AT',
        phone: null,
        email: null,
        locale: 'de',
        iban: null,
        accountHolder: null,
      },
      new Date('2026-05-17T08:30:00Z'),
    )
    const contracts = createContractsRepository(db)
    const now = new Date('2026-05-17T08:30:00Z')
    const bad: Partial<NewContractRecord>[] = [
      { product: 'lease' as NewContractRecord['product'] },
      { product: 'LOAN' as NewContractRecord['product'] },
      { paymentDay: 29 },
      { paymentDay: 0 },
    ]
    for (const change of bad)
      await expect(contracts.insert({ ...contract(customerId), ...change }, now)).rejects.toThrow(
        /CHECK constraint failed/,
      )
    expect(await contracts.listByCustomer(customerId)).toEqual([])
    // The same contract with sensible values is stored.
    await contracts.insert({ ...contract(customerId), paymentDay: 28, product: 'balloon' }, now)
    expect(await contracts.listByCustomer(customerId)).toHaveLength(1)
    await db.close()
  })
})

function contract(customerId: number): NewContractRecord {
  return {
    publicId: 'c1b0e7a2-5d1f-4a8e-9c43-2f6d8b7a1e90',
    customerId,
    number: 'KR-2026-000001',
    product: 'loan',
    vehicle: {
      make: 'MINI',
      model: { de: 'MINI One', en: 'MINI One' },
      vin: 'WMW00000000000001',
      registrationPlate: 'S-1 AB',
    },
    startDate: '2026-05-17',
    termMonths: 48,
    paymentDay: 1,
    financedAmountCents: 2_000_000,
    downPaymentCents: 0,
    nominalRateBp: 399,
    finalAmountCents: 0,
    mileagePerYearKm: null,
    currency: 'EUR',
  }
}

describe('migration 13 (one language: vehicle models in English, letters in the account’s language)', () => {
  it('names the German body styles of stored contracts in English and keeps every other model as it is', async () => {
    const db = openSqliteDatabase(tempFile().replace('/sub', ''))
    await migrate(db, migrations.slice(0, 12))
    const now = '2026-05-17T08:30:00.000Z'
    const eva = await insertCustomer(db, '100000001', 'de', now)
    const models = ['Cooper SE 3-Türer', 'Cooper 5-Türer', 'Cooper Cabrio', 'Countryman S ALL4']
    for (const [i, model] of models.entries())
      await db.run(
        `INSERT INTO contracts (public_id, customer_id, number, product, vehicle_make,
          vehicle_model, vin, registration_plate, start_date, term_months, payment_day,
          financed_amount_cents, down_payment_cents, nominal_rate_bp, created_at)
          VALUES (?, ?, ?, 'loan', 'MINI', ?, 'WMW00000000000001', 'S-1 AB', '2026-01-01',
          48, 1, 2000000, 0, 399, ?)`,
        `00000000-0000-4000-8000-00000000000${i}`,
        eva,
        `KR-2026-00000${i}`,
        model,
        now,
      )

    expect(await migrate(db)).toEqual(migrations.slice(12).map((m) => m.version))
    const stored = (await createContractsRepository(db).listByCustomer(eva)).map(
      (c) => c.vehicle.model,
    )
    expect(stored).toEqual(
      expect.arrayContaining([
        { de: 'Cooper SE 3-Türer', en: 'Cooper SE 3-door' },
        { de: 'Cooper 5-Türer', en: 'Cooper 5-door' },
        { de: 'Cooper Cabrio', en: 'Cooper Convertible' },
        { de: 'Countryman S ALL4', en: 'Countryman S ALL4' },
      ]),
    )
    expect(stored).toHaveLength(4)
    await db.close()
  })

  it('gives the customer record the language of the activated account bound to it, and only that', async () => {
    const db = openSqliteDatabase(tempFile().replace('/sub', ''))
    await migrate(db, migrations.slice(0, 12))
    const now = '2026-05-17T08:30:00.000Z'
    const insertAccount = (...values: (string | number | null)[]) =>
      db.run(
        `INSERT INTO accounts (email, password_hash, salutation, first_name, last_name,
          date_of_birth, customer_number, locale, status, confirm_expires_at, customer_id,
          activated_at, created_at)
          VALUES (?, 'x', 'ms', 'Eva', 'Lang', '1980-01-01', ?, ?, 'confirmed', ?, ?, ?, ?)`,
        ...values,
      )
    // Activated in English, the record said German: the letters follow the account.
    const activated = await insertCustomer(db, '100000001', 'de', now)
    await insertAccount('a@example.at', '100000001', 'en', now, activated, now, now)
    // Not activated yet: the record is not the account's (activation will align it).
    const pending = await insertCustomer(db, '100000002', 'de', now)
    await insertAccount('b@example.at', '100000002', 'en', now, pending, null, now)
    // No account at all.
    const alone = await insertCustomer(db, '100000003', 'en', now)

    await migrate(db)
    const locales = new Map(
      (await createCustomersRepository(db).all()).map((c) => [c.id, c.locale]),
    )
    expect([locales.get(activated), locales.get(pending), locales.get(alone)]).toEqual([
      'en',
      'de',
      'en',
    ])
    await db.close()
  })
})

/** A customer row as a version-12 database stores it; answers its id. */
async function insertCustomer(
  db: Queryable,
  customerNumber: string,
  locale: string,
  now: string,
): Promise<number> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO customers (customer_number, salutation, first_name, last_name, date_of_birth,
      street, house_number, postal_code, city, country, locale, created_at)
      VALUES (?, 'ms', 'Eva', 'Lang', '1980-01-01', 'Linzer Gasse', '1', '5020', 'Salzburg',
      'AT', ?, ?) RETURNING id`,
    customerNumber,
    locale,
    now,
  )
  if (!row) throw new Error(`customer ${customerNumber} not inserted`)
  return row.id
}

describe('transaction()', () => {
  it('keeps all rows of a multi-row change or none', async () => {
    const db = await openDatabase(tempFile())
    const settings = createSettingsRepository(db)
    await db.transaction(async (tx) => {
      await createSettingsRepository(tx).set('a', '1')
      await createSettingsRepository(tx).set('b', '2')
    })
    await expect(
      db.transaction(async (tx) => {
        await createSettingsRepository(tx).set('a', 'changed')
        await createSettingsRepository(tx).set('c', '3')
        throw new Error('half-way')
      }),
    ).rejects.toThrow('half-way')
    expect([await settings.get('a'), await settings.get('b'), await settings.get('c')]).toEqual([
      '1',
      '2',
      null,
    ])
    // The connection is usable afterwards (no transaction left open).
    await db.transaction((tx) => createSettingsRepository(tx).set('d', '4'))
    expect(await settings.get('d')).toBe('4')
    await db.close()
  })
})
