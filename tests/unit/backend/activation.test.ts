import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CUSTOMERS } from '../../../src/backend/demo/seed.ts'
import { newActivationCode } from '../../../src/backend/services/tokens.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  type TestBackend,
} from '../../helpers/backend.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

/** Registers Lukas Gruber (a demo customer), signs in; returns his bearer header and the code of the letter. */
async function signedInWithLetter(): Promise<{ auth: Record<string, string>; code: string }> {
  const email = await registerAndConfirm(backend)
  const session = (
    await backend.json('POST', '/api/v1/sessions', { email, password: GOOD_PASSWORD })
  ).json()
  return { auth: { authorization: `Bearer ${session.accessToken}` }, code: await latestCode() }
}

async function latestCode(): Promise<string> {
  const [letter] = await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 1 })
  const match = /: {3}([3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4})/.exec(letter?.text ?? '')
  if (!match?.[1]) throw new Error('no code in the letter')
  return match[1]
}

const activate = (auth: Record<string, string>, code: string) =>
  backend.json('POST', '/api/v1/me/activation', { code }, auth)

describe('activation', () => {
  it('accepts the code from the letter, ignoring case, spaces and dashes; it works once', async () => {
    backend = await createTestBackend()
    const { auth, code } = await signedInWithLetter()
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `
    const ok = await activate(auth, typed)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ activated: true })
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, auth)).json().customer.activated,
    ).toBe(true)
    const codes = JSON.stringify(await backend.db.all('SELECT * FROM activation_codes'))
    expect(codes).not.toContain(code.replaceAll('-', ''))
  })

  it('locks after five wrong codes until a new letter; the new letter voids the old code', async () => {
    backend = await createTestBackend()
    const { auth, code } = await signedInWithLetter()
    const wrong = code.startsWith('3') ? '4444-4444-4444' : '3333-3333-3333'
    const answers: number[] = []
    for (let i = 0; i < 5; i++) answers.push((await activate(auth, wrong)).statusCode)
    expect(answers).toEqual([400, 400, 400, 400, 423])
    expect((await activate(auth, code)).statusCode).toBe(423)
    const letter = await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)
    expect(letter.statusCode).toBe(202)
    const fresh = await latestCode()
    expect((await activate(auth, code)).json().error.code).toBe('activation_code_invalid')
    expect((await activate(auth, fresh)).statusCode).toBe(200)
  })

  it('codes expire after 30 days', async () => {
    backend = await createTestBackend()
    const { code } = await signedInWithLetter()
    backend.clock.advance(30 * 86_400)
    // The access token has expired too: sign in again.
    const session = (
      await backend.json('POST', '/api/v1/sessions', {
        email: 'lukas.g@example.at',
        password: GOOD_PASSWORD,
      })
    ).json()
    const answer = await activate({ authorization: `Bearer ${session.accessToken}` }, code)
    expect(answer.statusCode).toBe(410)
    expect(answer.json().error.code).toBe('activation_code_expired')
  })

  it('limits new letters', async () => {
    backend = await createTestBackend()
    const { auth } = await signedInWithLetter()
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)).statusCode,
      )
    }
    expect(statuses).toEqual([202, 202, 429])
  })

  it('refuses malformed codes without counting them, and needs a session', async () => {
    backend = await createTestBackend()
    const { auth, code } = await signedInWithLetter()
    for (let i = 0; i < 6; i++) {
      const answer = await activate(auth, 'O0I1-LOOK-ALIK')
      expect(answer.json().error).toMatchObject({
        code: 'validation_failed',
        fields: { code: 'invalid_format' },
      })
    }
    expect((await activate(auth, code)).statusCode).toBe(200)
    expect((await backend.json('POST', '/api/v1/me/activation', { code })).statusCode).toBe(401)
  })
})

/** Characters easily read as another: 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V. */
const LOOK_ALIKES = /[0O1IL2Z5S8BUV]/

describe('activation letter and code', () => {
  it('goes by post to the address on the customer record, never by e-mail', async () => {
    backend = await createTestBackend()
    const { code } = await signedInWithLetter()
    const record = DEMO_CUSTOMERS.find((c) => c.customerNumber === '100517903')
    if (!record) throw new Error('Lukas Gruber is missing from the demo customers')
    const letters = await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 10 })
    expect(letters).toHaveLength(1)
    const [letter] = letters
    for (const part of [
      `${record.firstName} ${record.lastName}`,
      `${record.street} ${record.houseNumber}`,
      `${record.postalCode} ${record.city}`,
    ]) {
      expect(letter?.to).toContain(part)
      expect(letter?.text).toContain(part)
    }
    expect(letter?.text).toContain(code)
    // The e-mails to the account only say that a letter is on its way.
    const emails = await backend.app.services.repos.outbox.list({ kind: 'email', limit: 50 })
    expect(emails.length).toBeGreaterThan(0)
    for (const email of emails) {
      expect(email.text).not.toContain(code)
      expect(email.text).not.toContain(code.replaceAll('-', ''))
    }
  })

  it('codes read XXXX-XXXX-XXXX, 12 random characters without look-alikes', async () => {
    backend = await createTestBackend()
    const { code } = await signedInWithLetter()
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(code).not.toMatch(LOOK_ALIKES)
    const codes = Array.from({ length: 2_000 }, () => newActivationCode())
    expect(new Set(codes).size).toBe(codes.length)
    const characters = new Set(codes.join(''))
    for (const fresh of codes) expect(fresh).toMatch(/^[A-Z0-9]{12}$/)
    expect([...characters].join('')).not.toMatch(LOOK_ALIKES)
    // Letters and digits both occur (the whole alphabet is used, not a part of it).
    expect([...characters].some((c) => /\d/.test(c))).toBe(true)
    expect([...characters].some((c) => /[A-Z]/.test(c))).toBe(true)
    expect(characters.size).toBeGreaterThanOrEqual(20)
  })

  it('a code works only for the account it was sent to, and only once', async () => {
    backend = await createTestBackend()
    const lukas = await signedInWithLetter()
    const sophie = await registerAndConfirm(backend, {
      email: 'sophie.w@example.at',
      salutation: 'ms',
      firstName: 'Sophie',
      lastName: 'Wagner',
      dateOfBirth: '1978-11-02',
      customerNumber: '100603258',
    })
    const sophieAuth = {
      authorization: `Bearer ${
        (
          await backend.json('POST', '/api/v1/sessions', { email: sophie, password: GOOD_PASSWORD })
        ).json().accessToken
      }`,
    }
    const sophieCode = await latestCode()
    expect(sophieCode).not.toBe(lukas.code)
    // Lukas's code does not activate Sophie's account, before or after Lukas used it.
    expect((await activate(sophieAuth, lukas.code)).json().error.code).toBe(
      'activation_code_invalid',
    )
    expect((await activate(lukas.auth, lukas.code)).statusCode).toBe(200)
    expect((await activate(sophieAuth, lukas.code)).json().error.code).toBe(
      'activation_code_invalid',
    )
    const sophieMe = await backend.json('GET', '/api/v1/me', undefined, sophieAuth)
    expect(sophieMe.json().customer.activated).toBe(false)
    expect((await activate(sophieAuth, sophieCode)).statusCode).toBe(200)
  })

  it('details that match no customer record (a wrong date of birth) get no letter, but an e-mail', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend, { dateOfBirth: '1990-07-29' })
    expect(await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 10 })).toEqual([])
    expect((await backend.lastMessage(email, 'email'))?.subject).toBe(
      'Ihre Registrierung: bitte prüfen Sie Ihre Angaben',
    )
    const session = (
      await backend.json('POST', '/api/v1/sessions', { email, password: GOOD_PASSWORD })
    ).json()
    const auth = { authorization: `Bearer ${session.accessToken}` }
    const letter = await backend.json('POST', '/api/v1/me/activation/letters', undefined, auth)
    expect(letter.statusCode).toBe(409)
    expect(letter.json().error.code).toBe('not_eligible')
    expect(await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 10 })).toEqual([])
    expect((await backend.json('GET', '/api/v1/contracts', undefined, auth)).statusCode).toBe(403)
  })

  it('a customer record bound to an activated account gets no letter for another account', async () => {
    backend = await createTestBackend()
    const { auth, code } = await signedInWithLetter()
    expect((await activate(auth, code)).statusCode).toBe(200)
    await registerAndConfirm(backend, { email: 'someone.else@example.at' })
    expect(
      await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 10 }),
    ).toHaveLength(1)
    expect((await backend.lastMessage('someone.else@example.at', 'email'))?.subject).toBe(
      'Ihre Registrierung: bitte prüfen Sie Ihre Angaben',
    )
  })
})
