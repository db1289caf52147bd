/**
 * PUT /me/identity lets an account that matched no customer record try other
 * details: it must not become a way to learn about other customers' records or to
 * claim one. A near miss, no record and a record another account holds answer
 * alike; a match sends the letter to the address on file and binds nothing; a few
 * corrections a day, counted in the database (a restart or parallel calls get no
 * more).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { createTestBackend, GOOD_PASSWORD, type TestBackend } from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA,
  customerRecord,
  LUKAS,
  LUKAS_DETAILS,
  LUKAS_TYPO as TYPO,
  registeredCustomer,
  signIn,
  type Auth,
} from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const correct = (auth: Auth, body: Record<string, unknown>) =>
  backend.json('PUT', '/api/v1/me/identity', body, auth)
const letters = () => backend.app.services.repos.outbox.list({ kind: 'letter', limit: 50 })
/** The answer without the echo of what was sent. */
const shape = (answer: { statusCode: number; json(): Record<string, unknown> }) => {
  const { registered, ...rest } = answer.json()
  return { status: answer.statusCode, ...rest, echoed: typeof registered }
}

describe('PUT /me/identity tells nothing about other records', () => {
  it('answers a near miss (a real customer number, a wrong name) as it answers no record at all', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: TYPO })
    const nearMiss = await correct(auth, { ...LUKAS_DETAILS, lastName: 'Huber' })
    const nearMissBirth = await correct(auth, { ...LUKAS_DETAILS, dateOfBirth: '1990-07-27' })
    const noRecord = await correct(auth, { ...LUKAS_DETAILS, customerNumber: '999999999' })
    expect(shape(nearMiss)).toEqual({ status: 202, state: 'not_matched', echoed: 'object' })
    expect(shape(nearMissBirth)).toEqual(shape(noRecord))
    expect(shape(nearMiss)).toEqual(shape(noRecord))
    expect(Object.keys(nearMiss.headers).sort()).toEqual(Object.keys(noRecord.headers).sort())
    expect(await letters()).toHaveLength(0)
  })

  it('answers a record another account activated with as no record, and sends it no letter', async () => {
    backend = await createTestBackend()
    const other = await registeredCustomer(backend, { customerNumber: TYPO })
    // Anna Huber's record belongs to the demo's activated login.
    const anna = await customerRecord(backend, ANNA)
    const answer = await correct(other, {
      customerNumber: ANNA,
      lastName: anna.lastName,
      dateOfBirth: anna.dateOfBirth,
    })
    expect(shape(answer)).toEqual({ status: 202, state: 'not_matched', echoed: 'object' })
    expect(await letters()).toHaveLength(0)
    expect((await backend.json('GET', '/api/v1/contracts', undefined, other)).statusCode).toBe(403)
  })

  it('binds nothing on a match: the letter goes to the record’s address, and only its code claims the record', async () => {
    backend = await createTestBackend()
    // Lukas registered himself and waits for his letter; someone else corrects to his details.
    const lukas = await registeredCustomer(backend)
    const lukasCode = (await letters())[0]?.text ?? ''
    const intruder = await registeredCustomer(backend, {
      email: 'intruder@example.at',
      customerNumber: TYPO,
    })
    const answer = await correct(intruder, LUKAS_DETAILS)
    expect(answer.json().state).toBe('letter_sent')
    // The intruder's letter went to Lukas's address too, not to anything the intruder named.
    expect(await letters()).toHaveLength(2)
    for (const letter of await letters()) expect(letter.to).toContain('Mariahilfer Straße 45/12')
    const intruderAccount = await backend.app.services.repos.accounts.byEmail('intruder@example.at')
    expect(intruderAccount?.customerId).toBeNull()
    expect((await backend.json('GET', '/api/v1/contracts', undefined, intruder)).statusCode).toBe(
      403,
    )
    // Lukas's own code still works for Lukas, and the record is his.
    const code = /[3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4}/.exec(lukasCode)?.[0] ?? ''
    const activated = await backend.json('POST', '/api/v1/me/activation', { code }, lukas)
    expect(activated.statusCode).toBe(200)
    expect(
      (await backend.app.services.repos.accounts.byEmail('lukas.g@example.at'))?.customerId,
    ).toBe((await customerRecord(backend, LUKAS)).id)
  })
})

describe('the limit of corrections', () => {
  it('takes three in 24 hours, then 429 with Retry-After until the oldest is a day old', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: TYPO })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await correct(auth, { ...LUKAS_DETAILS, customerNumber: `99999999${i}` })).statusCode,
      )
      backend.clock.advance(60)
    }
    const refused = await correct(auth, LUKAS_DETAILS)
    expect([...statuses, refused.statusCode]).toEqual([202, 202, 202, 429])
    expect(refused.json().error.code).toBe('rate_limited')
    expect(Number(refused.headers['retry-after'])).toBe(86_400 - 180)
    expect(await letters()).toHaveLength(0)
    backend.clock.advance(86_400 - 180)
    // A new access token: the one from the sign-in has expired meanwhile.
    const fresh = await signIn(backend, 'lukas.g@example.at', GOOD_PASSWORD)
    expect((await correct(fresh, LUKAS_DETAILS)).json().state).toBe('letter_sent')
  })

  it('counts the corrections kept in the database, so a restart forgets none', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mmf-identity-'))
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    backend = await createTestBackend({ dataDir })
    let auth = await registeredCustomer(backend, { customerNumber: TYPO })
    for (let i = 0; i < 3; i++) {
      await correct(auth, { ...LUKAS_DETAILS, customerNumber: `99999999${i}` })
    }
    await backend.dispose()
    backend = await createTestBackend({ dataDir })
    auth = await signIn(backend, 'lukas.g@example.at', GOOD_PASSWORD)
    expect((await correct(auth, LUKAS_DETAILS)).statusCode).toBe(429)
  })

  it('lets no more than three of ten parallel corrections through', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: TYPO })
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        correct(auth, { ...LUKAS_DETAILS, customerNumber: `99999999${i}` }),
      ),
    )
    const statuses = answers.map((a) => a.statusCode).sort()
    expect(statuses.filter((s) => s === 202)).toHaveLength(3)
    expect(statuses.filter((s) => s === 429)).toHaveLength(7)
  })

  it('counts per account: another account corrects as before', async () => {
    backend = await createTestBackend()
    const first = await registeredCustomer(backend, { customerNumber: TYPO })
    for (let i = 0; i < 3; i++) {
      await correct(first, { ...LUKAS_DETAILS, customerNumber: `99999999${i}` })
    }
    const second = await registeredCustomer(backend, {
      email: 'second@example.at',
      customerNumber: TYPO,
    })
    expect((await correct(second, LUKAS_DETAILS)).statusCode).toBe(202)
    await activateWithLetter(backend, second)
  })
})
