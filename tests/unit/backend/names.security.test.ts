/**
 * Names land in the greeting of e-mails that go to any address a stranger
 * registers: a name with a line break or a link would be phishing from the
 * bank's own sender. Registration and the bank account's holder take letters,
 * spaces, - ' and . only (invalid_characters otherwise), and no e-mail ever
 * greets with a control character, even for a name stored before the rule.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CUSTOMERS } from '../../../src/backend/demo/seed.ts'
import { checkName } from '../../../src/shared/names.ts'
import {
  createTestBackend,
  registration,
  testHasher,
  type TestBackend,
} from '../../helpers/backend.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const register = (overrides: Record<string, unknown>) =>
  backend.json('POST', '/api/v1/registrations', registration(overrides))

describe('names at registration', () => {
  it.each([
    ['firstName', 'Lukas\nIhr Konto ist gesperrt: https://evil.example'],
    ['firstName', 'Lukas\u202e'],
    ['lastName', 'Gruber https://evil.example/login'],
    ['lastName', 'gruber@evil.example'],
    ['lastName', 'Gruber 2'],
    ['firstName', 'Bitte anrufen: 0800'],
  ])('refuses %s %j with invalid_characters and sends nothing', async (field, value) => {
    backend = await createTestBackend()
    const response = await register({ [field]: value })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { [field]: 'invalid_characters' },
    })
    expect(await backend.app.services.repos.outbox.list({ limit: 10 })).toEqual([])
  })

  it('refuses more than 60 characters', async () => {
    backend = await createTestBackend()
    const response = await register({ firstName: 'A'.repeat(61) })
    expect(response.json().error.fields).toEqual({ firstName: 'too_long' })
  })

  it('accepts names of any script, with marks, apostrophes, hyphens and periods', async () => {
    backend = await createTestBackend()
    const response = await register({
      email: 'zoe@example.at',
      salutation: 'none',
      firstName: 'Zoë-Renée',
      lastName: "O'Brien-Ἀλεξίου St. Ivanović",
    })
    expect(response.statusCode, response.body).toBe(202)
    const mail = await backend.lastMessage('zoe@example.at', 'email')
    expect(mail?.text.split('\n')[0]).toBe("Guten Tag, Zoë-Renée O'Brien-Ἀλεξίου St. Ivanović,")
  })

  it('lets every demo customer’s names and account holder pass', () => {
    for (const customer of DEMO_CUSTOMERS) {
      for (const name of [customer.firstName, customer.lastName, customer.accountHolder ?? 'x'])
        expect(checkName(name), name).toEqual({ ok: true, name })
    }
  })
})

describe('e-mail greetings', () => {
  it('never carry a control character, even of a name stored before the rule', async () => {
    backend = await createTestBackend()
    const now = backend.clock.now()
    const id = await backend.app.services.repos.accounts.insert({
      email: 'old@example.at',
      passwordHash: await testHasher.hash('Ein-ganz-altes-Passwort-1'),
      salutation: 'none',
      firstName: 'Eve\r\n\r\nIhr Konto ist gesperrt. Entsperren: https://evil.example',
      lastName: 'Alt\u202e',
      dateOfBirth: '1980-01-01',
      customerNumber: '999999',
      locale: 'de',
      status: 'pending',
      confirmExpiresAt: now.toISOString(),
      createdAt: now.toISOString(),
    })
    await backend.app.services.repos.accounts.confirm(id, now, null)
    const asked = await backend.json('POST', '/api/v1/password-resets', { email: 'old@example.at' })
    expect(asked.statusCode).toBe(202)
    const text = (await backend.lastMessage('old@example.at', 'email'))?.text ?? ''
    const [greeting, blank] = text.split('\n')
    expect(greeting).toBe(
      'Guten Tag, Eve Ihr Konto ist gesperrt. Entsperren: https://evil.example Alt,',
    )
    expect(blank).toBe('')
    expect(text).not.toMatch(/[\r\u202e]/)
  })
})
