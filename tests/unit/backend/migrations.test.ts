import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/backend/clock.ts'
import { openDatabase, transaction } from '../../../src/backend/db/connection.ts'
import { migrate } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'
import {
  createContractsRepository,
  type NewContractRecord,
} from '../../../src/backend/db/repositories/contracts-repository.ts'
import { createCustomersRepository } from '../../../src/backend/db/repositories/customers-repository.ts'
import { createOutboxRepository } from '../../../src/backend/db/repositories/outbox-repository.ts'
import { createSettingsRepository } from '../../../src/backend/db/repositories/settings-repository.ts'
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

const versions = (db: DatabaseSync): number[] =>
  (
    db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number
    }[]
  ).map((r) => r.version)

describe('migrations', () => {
  it('create the schema on an empty database, in WAL mode with synchronous=FULL', () => {
    const db = openDatabase(tempFile())
    expect(versions(db)).toEqual(migrations.map((m) => m.version))
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe(
      'wal',
    )
    expect((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous).toBe(2)
    expect((db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys).toBe(
      1,
    )
    db.close()
  })

  it('apply nothing twice on an existing database and keep its data', () => {
    const file = tempFile()
    const db = openDatabase(file)
    db.prepare("INSERT INTO settings (key, value) VALUES ('kept', 'yes')").run()
    db.close()
    const again = openDatabase(file)
    expect(migrate(again)).toEqual([])
    expect(again.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({
      value: 'yes',
    })
    again.close()
  })

  it('apply only the new ones to an older database', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    expect(migrate(db, migrations.slice(0, 1))).toEqual([1])
    expect(migrate(db)).toEqual(migrations.slice(1).map((m) => m.version))
    db.close()
  })

  it('roll back entirely when one fails', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL' },
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined()
    expect(versions(db)).toEqual([])
    db.close()
  })

  it('refuse a database from a newer version of the app', () => {
    const file = tempFile()
    const db = openDatabase(file)
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')",
    ).run()
    db.close()
    expect(() => openDatabase(file)).toThrow(/newer version/)
  })
})

describe('migration 3 (customer e-mail, HTML part of e-mails)', () => {
  it('upgrades a version-2 database and keeps its rows', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    migrate(db, migrations.slice(0, 2))
    db.prepare(
      `INSERT INTO customers (customer_number, salutation, first_name, last_name, date_of_birth,
        street, house_number, postal_code, city, country, phone, locale, created_at)
        VALUES ('100000001', 'ms', 'Eva', 'Lang', '1980-01-01', 'Linzer Gasse', '1', '5020',
        'Salzburg', 'AT', NULL, 'de', '2026-01-01T00:00:00Z')`,
    ).run()
    db.prepare(
      `INSERT INTO outbox (kind, recipient, subject, text, created_at)
        VALUES ('email', 'eva@example.at', 'Hallo', 'Text', '2026-01-01T00:00:00Z')`,
    ).run()
    expect(migrate(db, migrations.slice(0, 4))).toEqual([3, 4])
    const customers = createCustomersRepository(db).all()
    expect(customers.map((c) => [c.lastName, c.email])).toEqual([['Lang', null]])
    const outbox = createOutboxRepository(db).list({ limit: 10 })
    expect(outbox.map((m) => [m.subject, m.html])).toEqual([['Hallo', null]])
    db.close()
  })

  it('stores the HTML part the outbox is given', async () => {
    const db = openDatabase(tempFile())
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
    const [letter, email] = createOutboxRepository(db).list({ limit: 10 })
    expect(email).toMatchObject({ html: '<p>t</p>', createdAt: '2026-05-17T08:30:00.000Z' })
    expect(letter).toMatchObject({ kind: 'letter', html: null, links: [] })
    db.close()
  })
})

describe('migration 4 (contracts, the customer’s bank account)', () => {
  it('upgrades a version-3 database, keeps its customers and lets it store contracts', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    db.exec('PRAGMA foreign_keys = ON')
    migrate(db, migrations.slice(0, 3))
    db.prepare(
      `INSERT INTO customers (customer_number, salutation, first_name, last_name, date_of_birth,
        street, house_number, postal_code, city, country, phone, email, locale, created_at)
        VALUES ('100000001', 'ms', 'Eva', 'Lang', '1980-01-01', 'Linzer Gasse', '1', '5020',
        'Salzburg', 'AT', NULL, 'eva@example.at', 'de', '2026-01-01T00:00:00Z')`,
    ).run()
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'contracts'").get()).toBe(
      undefined,
    )

    expect(migrate(db, migrations.slice(0, 4))).toEqual([4])
    const [eva] = createCustomersRepository(db).all()
    expect(eva).toMatchObject({
      lastName: 'Lang',
      email: 'eva@example.at',
      city: 'Salzburg',
      iban: null,
      accountHolder: null,
    })
    db.prepare(
      "UPDATE customers SET iban = 'AT611904300234573201', account_holder = 'Eva Lang'",
    ).run()
    expect(createCustomersRepository(db).all()[0]).toMatchObject({
      iban: 'AT611904300234573201',
      accountHolder: 'Eva Lang',
    })
    // Today's repository also needs the columns later migrations added.
    migrate(db)
    const contracts = createContractsRepository(db)
    contracts.insert(contract(eva?.id ?? 0), new Date('2026-05-17T08:30:00Z'))
    expect(contracts.listByCustomer(eva?.id ?? 0).map((c) => [c.number, c.product])).toEqual([
      ['KR-2026-000001', 'loan'],
    ])
    db.close()
  })

  it('refuses a contract with a product other than loan, leasing or balloon, or a payment day of 29', () => {
    const db = openDatabase(tempFile())
    const customerId = createCustomersRepository(db).insert(
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
      expect(() => contracts.insert({ ...contract(customerId), ...change }, now)).toThrow(
        /CHECK constraint failed/,
      )
    expect(contracts.listByCustomer(customerId)).toEqual([])
    // The same contract with sensible values is stored.
    contracts.insert({ ...contract(customerId), paymentDay: 28, product: 'balloon' }, now)
    expect(contracts.listByCustomer(customerId)).toHaveLength(1)
    db.close()
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
  it('names the German body styles of stored contracts in English and keeps every other model as it is', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    migrate(db, migrations.slice(0, 12))
    const now = '2026-05-17T08:30:00.000Z'
    const customer = (number: string, locale: 'de' | 'en') =>
      Number(
        db
          .prepare(
            `INSERT INTO customers (customer_number, salutation, first_name, last_name,
              date_of_birth, street, house_number, postal_code, city, country, locale, created_at)
              VALUES (?, 'ms', 'Eva', 'Lang', '1980-01-01', 'Linzer Gasse', '1', '5020',
              'Salzburg', 'AT', ?, ?)`,
          )
          .run(number, locale, now).lastInsertRowid,
      )
    const eva = customer('100000001', 'de')
    const models = ['Cooper SE 3-Türer', 'Cooper 5-Türer', 'Cooper Cabrio', 'Countryman S ALL4']
    models.forEach((model, i) =>
      db
        .prepare(
          `INSERT INTO contracts (public_id, customer_id, number, product, vehicle_make,
            vehicle_model, vin, registration_plate, start_date, term_months, payment_day,
            financed_amount_cents, down_payment_cents, nominal_rate_bp, created_at)
            VALUES (?, ?, ?, 'loan', 'MINI', ?, 'WMW00000000000001', 'S-1 AB', '2026-01-01',
            48, 1, 2000000, 0, 399, ?)`,
        )
        .run(`00000000-0000-4000-8000-00000000000${i}`, eva, `KR-2026-00000${i}`, model, now),
    )

    expect(migrate(db)).toEqual(migrations.slice(12).map((m) => m.version))
    const stored = createContractsRepository(db)
      .listByCustomer(eva)
      .map((c) => c.vehicle.model)
    expect(stored).toEqual(
      expect.arrayContaining([
        { de: 'Cooper SE 3-Türer', en: 'Cooper SE 3-door' },
        { de: 'Cooper 5-Türer', en: 'Cooper 5-door' },
        { de: 'Cooper Cabrio', en: 'Cooper Convertible' },
        { de: 'Countryman S ALL4', en: 'Countryman S ALL4' },
      ]),
    )
    expect(stored).toHaveLength(4)
    db.close()
  })

  it('gives the customer record the language of the activated account bound to it, and only that', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    migrate(db, migrations.slice(0, 12))
    const now = '2026-05-17T08:30:00.000Z'
    const insertCustomer = db.prepare(
      `INSERT INTO customers (customer_number, salutation, first_name, last_name, date_of_birth,
        street, house_number, postal_code, city, country, locale, created_at)
        VALUES (?, 'ms', 'Eva', 'Lang', '1980-01-01', 'Linzer Gasse', '1', '5020', 'Salzburg',
        'AT', ?, ?)`,
    )
    const insertAccount = db.prepare(
      `INSERT INTO accounts (email, password_hash, salutation, first_name, last_name,
        date_of_birth, customer_number, locale, status, confirm_expires_at, customer_id,
        activated_at, created_at)
        VALUES (?, 'x', 'ms', 'Eva', 'Lang', '1980-01-01', ?, ?, 'confirmed', ?, ?, ?, ?)`,
    )
    const customer = (number: string, locale: string) =>
      Number(insertCustomer.run(number, locale, now).lastInsertRowid)
    // Activated in English, the record said German: the letters follow the account.
    const activated = customer('100000001', 'de')
    insertAccount.run('a@example.at', '100000001', 'en', now, activated, now, now)
    // Not activated yet: the record is not the account's (activation will align it).
    const pending = customer('100000002', 'de')
    insertAccount.run('b@example.at', '100000002', 'en', now, pending, null, now)
    // No account at all.
    const alone = customer('100000003', 'en')

    migrate(db)
    const locales = new Map(
      createCustomersRepository(db)
        .all()
        .map((c) => [c.id, c.locale]),
    )
    expect([locales.get(activated), locales.get(pending), locales.get(alone)]).toEqual([
      'en',
      'de',
      'en',
    ])
    db.close()
  })
})

describe('transaction()', () => {
  it('keeps all rows of a multi-row change or none', () => {
    const db = openDatabase(tempFile())
    const settings = createSettingsRepository(db)
    transaction(db, () => {
      settings.set('a', '1')
      settings.set('b', '2')
    })
    expect(() =>
      transaction(db, () => {
        settings.set('a', 'changed')
        settings.set('c', '3')
        throw new Error('half-way')
      }),
    ).toThrow('half-way')
    expect([settings.get('a'), settings.get('b'), settings.get('c')]).toEqual(['1', '2', null])
    // The connection is usable afterwards (no transaction left open).
    transaction(db, () => settings.set('d', '4'))
    expect(settings.get('d')).toBe('4')
    db.close()
  })
})
