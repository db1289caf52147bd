/**
 * Whoever knows a customer number, a surname and a birth date must not claim
 * someone else's customer record for good: the record is bound to the account
 * that enters the code from the letter sent to the address on file
 * (activation), not to the first account that confirms its e-mail address.
 * Wrong passwords counted against an address before it had an account are
 * cleared when its owner confirms it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { migrate } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'
import { openSqliteDatabase } from '../../../src/backend/db/sqlite-database.ts'
import { createAccountsRepository } from '../../../src/backend/db/repositories/accounts-repository.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  type TestBackend,
} from '../../helpers/backend.ts'
import {
  customerRecord,
  latestLetterCode,
  LUKAS,
  signIn,
  type Auth,
} from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const activate = (auth: Auth, code: string) =>
  backend.json('POST', '/api/v1/me/activation', { code }, auth)

/** Registers Lukas Gruber's details under an address, confirms, signs in; the code of the letter it caused. */
async function registerLukasAs(email: string): Promise<{ auth: Auth; code: string }> {
  await registerAndConfirm(backend, { email })
  return {
    auth: await signIn(backend, email, GOOD_PASSWORD),
    code: await latestLetterCode(backend),
  }
}

describe('binding the customer record', () => {
  it('an impostor who confirms first does not get the record: the letter’s holder does', async () => {
    backend = await createTestBackend()
    const impostor = await registerLukasAs('impostor@example.at')
    const lukas = await registerLukasAs('lukas.g@example.at')
    // Both letters went to Lukas's address on file, not to the impostor.
    const letters = await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 10 })
    expect(letters).toHaveLength(2)
    for (const letter of letters) expect(letter.to).toContain('Lukas Gruber')

    // Nothing is bound before the code is entered.
    const record = await customerRecord(backend, LUKAS)
    expect(await backend.app.services.repos.accounts.byCustomerId(record.id)).toBeNull()

    expect((await activate(lukas.auth, lukas.code)).statusCode).toBe(200)
    expect((await backend.app.services.repos.accounts.byCustomerId(record.id))?.email).toBe(
      'lukas.g@example.at',
    )
    const contracts = await backend.json('GET', '/api/v1/contracts', undefined, lukas.auth)
    expect(contracts.statusCode).toBe(200)
    expect(contracts.json().items.length).toBeGreaterThan(0)

    // Lukas's code is not the impostor's; and even the impostor's own (had they the letter)
    // no longer binds a record that is bound.
    expect((await activate(impostor.auth, lukas.code)).json().error.code).toBe(
      'activation_code_invalid',
    )
    const late = await activate(impostor.auth, impostor.code)
    expect(late.statusCode).toBe(409)
    expect(late.json().error.code).toBe('not_eligible')
    expect(
      (await backend.json('GET', '/api/v1/contracts', undefined, impostor.auth)).statusCode,
    ).toBe(403)
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, impostor.auth)).json().customer.address,
    ).toBeNull()
  })

  it('a confirmed account that never activated holds nothing: the customer can still register', async () => {
    backend = await createTestBackend()
    await registerLukasAs('impostor@example.at')
    const lukas = await registerLukasAs('lukas.g@example.at')
    expect((await backend.lastMessage('lukas.g@example.at', 'email'))?.subject).toBe(
      'Ihr Aktivierungscode ist unterwegs',
    )
    expect((await activate(lukas.auth, lukas.code)).statusCode).toBe(200)
  })

  it('migration 11 releases the records of accounts that never activated and keeps the activated ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmf-binding-'))
    const db = openSqliteDatabase(join(dir, 'mmf.sqlite'))
    onTestFinished(async () => {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    })
    await migrate(
      db,
      migrations.filter((m) => m.version < 11),
    )
    const customer = async (customerNumber: string): Promise<number> => {
      const row = await db.get<{ id: number }>(
        `INSERT INTO customers (customer_number, salutation, first_name, last_name, date_of_birth,
          street, house_number, postal_code, city, country, locale, created_at)
          VALUES (?, 'mr', 'Max', 'Muster', '1980-01-01', 'Weg', '1', '5020', 'Salzburg', 'AT', 'de',
          '2026-01-01T00:00:00Z') RETURNING id`,
        customerNumber,
      )
      if (!row) throw new Error('no customer inserted')
      return row.id
    }
    const squatted = await customer('100000001')
    const owned = await customer('100000002')
    const account = (...values: (string | number | null)[]) =>
      db.run(
        `INSERT INTO accounts (email, password_hash, salutation, first_name, last_name,
          date_of_birth, customer_number, locale, status, confirm_expires_at, created_at,
          confirmed_at, customer_id, activated_at)
          VALUES (?, 'x', 'mr', 'Max', 'Muster', '1980-01-01', ?, 'de', 'confirmed',
          '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?, ?)`,
        ...values,
      )
    await account('squatter@example.at', '100000001', squatted, null)
    await account('owner@example.at', '100000002', owned, '2026-01-02T00:00:00Z')

    expect(await migrate(db)).toEqual(
      migrations.filter((m) => m.version >= 11).map((m) => m.version),
    )
    const accounts = createAccountsRepository(db)
    expect(await accounts.byEmail('squatter@example.at')).toMatchObject({
      customerId: null,
      matchedCustomerId: squatted,
    })
    expect(await accounts.byEmail('owner@example.at')).toMatchObject({
      customerId: owned,
      matchedCustomerId: owned,
    })
    expect(await accounts.byCustomerId(squatted)).toBeNull()
  })
})

describe('failures counted before the address had an account', () => {
  it('are cleared when its owner confirms it: a stranger cannot lock an address in advance', async () => {
    backend = await createTestBackend()
    const email = 'lukas.g@example.at'
    for (let i = 0; i < 3; i++)
      await backend.json('POST', '/api/v1/sessions', { email, password: `Geraten-${i}-xxxxxx` })
    const locked = await backend.json('POST', '/api/v1/sessions', {
      email,
      password: GOOD_PASSWORD,
    })
    expect(locked.statusCode).toBe(423)
    await registerAndConfirm(backend, { email })
    const response = await backend.json('POST', '/api/v1/sessions', {
      email,
      password: GOOD_PASSWORD,
    })
    expect(response.statusCode, response.body).toBe(201)
  })
})
