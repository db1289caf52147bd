/**
 * Where a registered customer stands on the way to the contract data (GET /me/activation),
 * what a wrong code tells (the tries left), the nine-digit customer number, and the
 * correction of details that matched no customer record (PUT /me/identity).
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registration,
  type TestBackend,
} from '../../helpers/backend.ts'
import {
  activateWithLetter,
  latestLetterCode,
  LUKAS,
  LUKAS_DETAILS,
  LUKAS_TYPO as TYPO,
  registeredCustomer,
  signIn,
  type Auth,
} from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const state = async (auth: Auth) => {
  const answer = await backend.json('GET', '/api/v1/me/activation', undefined, auth)
  expect(answer.statusCode, answer.body).toBe(200)
  return answer.json()
}
const activate = (auth: Auth, code: string) =>
  backend.json('POST', '/api/v1/me/activation', { code }, auth)
const correct = (auth: Auth, body: Record<string, unknown>) =>
  backend.json('PUT', '/api/v1/me/identity', body, auth)
const letters = () => backend.app.services.repos.outbox.list({ kind: 'letter', limit: 50 })

/** A code of the right shape that is not the one in the letter. */
async function wrongCode(): Promise<string> {
  return (await latestLetterCode(backend)).startsWith('3') ? '4444-4444-4444' : '3333-3333-3333'
}

describe('the customer number', () => {
  it.each([
    ['10051790A', 'invalid_format'],
    ['10051790', 'invalid_format'],
    ['1005179033', 'invalid_format'],
    ['100-517-903', 'invalid_format'],
    ['  ', 'required'],
  ])('refuses %j at registration: %s', async (customerNumber, reason) => {
    backend = await createTestBackend()
    const answer = await backend.json(
      'POST',
      '/api/v1/registrations',
      registration({ customerNumber }),
    )
    expect(answer.statusCode).toBe(400)
    expect(answer.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { customerNumber: reason },
    })
    expect(await backend.app.services.repos.accounts.byEmail('lukas.g@example.at')).toBeNull()
  })

  it('takes nine digits with spaces between them, and matches them', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: ' 100 517 903 ' })
    expect((await state(auth)).state).toBe('letter_sent')
    const me = await backend.json('GET', '/api/v1/me', undefined, auth)
    expect(me.json().customer.customerNumber).toBe(LUKAS)
    expect(await letters()).toHaveLength(1)
  })
})

describe('GET /me/activation', () => {
  it('a matched registration: the day the letter was posted, the day it arrives by, the code’s last day, five tries', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    // The clock starts on Sunday, 17 May 2026: three working days later is Wednesday.
    expect(await state(auth)).toEqual({
      state: 'letter_sent',
      letterSentOn: '2026-05-17',
      letterExpectedBy: '2026-05-20',
      codeValidUntil: '2026-06-16',
      attemptsLeft: 5,
    })
  })

  it('a letter posted on a Thursday arrives by the Tuesday after', async () => {
    backend = await createTestBackend()
    backend.clock.advance(4 * 86_400)
    const auth = await registeredCustomer(backend)
    expect(await state(auth)).toMatchObject({
      letterSentOn: '2026-05-21',
      letterExpectedBy: '2026-05-26',
    })
  })

  it('counts the tries down with each wrong code, then says the code is locked and when a new letter arrives', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const wrong = await wrongCode()
    const answers: unknown[] = []
    for (let i = 0; i < 5; i++) {
      const answer = await activate(auth, wrong)
      answers.push([answer.statusCode, answer.json().error.code, answer.json().error.attemptsLeft])
    }
    expect(answers).toEqual([
      [400, 'activation_code_invalid', 4],
      [400, 'activation_code_invalid', 3],
      [400, 'activation_code_invalid', 2],
      [400, 'activation_code_invalid', 1],
      [423, 'activation_locked', 0],
    ])
    expect(await state(auth)).toEqual({ state: 'locked', letterExpectedBy: '2026-05-20' })
    // Locked is locked: the right code does not get through either.
    expect((await activate(auth, await latestLetterCode(backend))).statusCode).toBe(423)

    const letter = await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)
    expect(letter.statusCode).toBe(202)
    expect(letter.json()).toEqual({ status: 'letter_sent', letterExpectedBy: '2026-05-20' })
    expect(await state(auth)).toMatchObject({ state: 'letter_sent', attemptsLeft: 5 })
  })

  it('says when the code has expired, with the day a new letter arrives by', async () => {
    backend = await createTestBackend()
    await registeredCustomer(backend)
    backend.clock.advance(30 * 86_400)
    // The session's access token has long expired: ask with a new one.
    const again = await signIn(backend, 'lukas.g@example.at', GOOD_PASSWORD)
    // Tuesday, 16 June 2026: three working days later is Friday.
    expect(await state(again)).toEqual({ state: 'code_expired', letterExpectedBy: '2026-06-19' })
  })

  it('details that match no record: not_matched with what was typed; activated once the code is in', async () => {
    backend = await createTestBackend()
    const unmatched = await registeredCustomer(backend, { customerNumber: TYPO })
    expect(await state(unmatched)).toEqual({
      state: 'not_matched',
      registered: { customerNumber: TYPO, lastName: 'Gruber', dateOfBirth: '1990-07-28' },
    })
    const matched = await registeredCustomer(backend, { email: 'lukas.2@example.at' })
    await activateWithLetter(backend, matched)
    expect(await state(matched)).toEqual({ state: 'activated' })
  })

  it('needs a session', async () => {
    backend = await createTestBackend()
    expect((await backend.json('GET', '/api/v1/me/activation')).statusCode).toBe(401)
  })
})

describe('PUT /me/identity', () => {
  it('corrects a typo in the customer number: the letter goes to the address on file, its code activates', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: TYPO })
    expect(await letters()).toHaveLength(0)

    const answer = await correct(auth, { ...LUKAS_DETAILS, customerNumber: '100 517 903' })
    expect(answer.statusCode).toBe(202)
    expect(answer.json()).toMatchObject({
      state: 'letter_sent',
      letterExpectedBy: '2026-05-20',
      attemptsLeft: 5,
    })
    expect(await letters()).toHaveLength(1)
    expect((await letters())[0]?.to).toContain('Mariahilfer Straße 45/12, 1060 Wien')
    const me = await backend.json('GET', '/api/v1/me', undefined, auth)
    expect(me.json().customer).toMatchObject({ customerNumber: LUKAS, activated: false })

    await activateWithLetter(backend, auth)
    expect((await backend.json('GET', '/api/v1/contracts', undefined, auth)).statusCode).toBe(200)
  })

  it('corrects the last name and the date of birth as well', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, {
      lastName: 'Gruba',
      dateOfBirth: '1990-08-28',
    })
    expect((await state(auth)).state).toBe('not_matched')
    const answer = await correct(auth, { ...LUKAS_DETAILS, lastName: ' gruber ' })
    expect(answer.json().state).toBe('letter_sent')
    const me = await backend.json('GET', '/api/v1/me', undefined, auth)
    expect(me.json().customer).toMatchObject({ lastName: 'gruber', dateOfBirth: '1990-07-28' })
  })

  it('answers not_matched when the correction matches nothing either, and sends nothing', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: TYPO })
    const answer = await correct(auth, { ...LUKAS_DETAILS, customerNumber: '100517904' })
    expect(answer.statusCode).toBe(202)
    expect(answer.json()).toEqual({
      state: 'not_matched',
      registered: { ...LUKAS_DETAILS, customerNumber: '100517904' },
    })
    expect(await letters()).toHaveLength(0)
  })

  it('checks the details as registration does, and a refused one counts nothing', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: TYPO })
    for (let i = 0; i < 4; i++) {
      const answer = await correct(auth, {
        customerNumber: '10051790A',
        lastName: 'Gruber2',
        dateOfBirth: '2999-01-01',
      })
      expect(answer.statusCode).toBe(400)
      expect(answer.json().error.fields).toEqual({
        customerNumber: 'invalid_format',
        lastName: 'invalid_characters',
        dateOfBirth: 'out_of_range',
      })
    }
    const unknown = await correct(auth, { ...LUKAS_DETAILS, nickname: 'Luki' })
    expect(unknown.json().error.fields).toEqual({ nickname: 'unknown_property' })
    expect((await correct(auth, LUKAS_DETAILS)).json().state).toBe('letter_sent')
  })

  it('is for accounts that matched no record: 409 once matched or activated, and 401 without a session', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const matched = await correct(auth, { ...LUKAS_DETAILS, customerNumber: TYPO })
    expect(matched.statusCode).toBe(409)
    expect(matched.json().error).toMatchObject({ code: 'not_eligible', reason: 'already_matched' })
    await activateWithLetter(backend, auth)
    const activated = await correct(auth, LUKAS_DETAILS)
    expect(activated.json().error).toMatchObject({
      code: 'not_eligible',
      reason: 'already_activated',
    })
    expect((await backend.json('PUT', '/api/v1/me/identity', LUKAS_DETAILS)).statusCode).toBe(401)
    const me = await backend.json('GET', '/api/v1/me', undefined, auth)
    expect(me.json().customer.customerNumber).toBe(LUKAS)
  })

  it('opens no letter request before a match, and one after it', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: TYPO })
    const before = await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)
    expect(before.statusCode).toBe(409)
    await correct(auth, LUKAS_DETAILS)
    const after = await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)
    expect(after.statusCode).toBe(202)
    expect(await letters()).toHaveLength(2)
  })
})
