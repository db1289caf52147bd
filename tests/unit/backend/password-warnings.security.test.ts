/**
 * Warnings before the lock and reset links checked when their page opens (issue 13,
 * points 4, 7 and 8), as an attacker would probe them:
 * - `attemptsLeft` of a wrong password is the address's counter, whether or not the
 *   address has an account: the answers for a customer and for nobody stay identical;
 * - the read-only check of a reset link never uses it up or extends it, answers a used,
 *   unknown or malformed link like the confirmation does, and counts against the same
 *   limits as the other link calls;
 * - a reset link cannot be used to test guesses at the current password without bound.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import type { BackendConfig } from '../../../src/backend/config.ts'
import { RESET_COMPARISONS_PER_LINK } from '../../../src/backend/services/sessions.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  tokenFrom,
  type TestBackend,
} from '../../helpers/backend.ts'
import { ANNA_LOGIN } from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const NEW_PASSWORD = 'Gaisberg-Nebel-Kaffeehaus-Sonne'
const signIn = (email: string, password: string) =>
  backend.json('POST', '/api/v1/sessions', { email, password })
const check = (token: string) => backend.json('POST', '/api/v1/password-resets/check', { token })
const confirm = (token: string, newPassword = NEW_PASSWORD) =>
  backend.json('POST', '/api/v1/password-resets/confirm', { token, newPassword })

function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.json().error.code).toBe(code)
}

/** A fresh reset link for the address, from the demo mailbox. */
async function resetLink(email: string): Promise<string> {
  expect((await backend.json('POST', '/api/v1/password-resets', { email })).statusCode).toBe(202)
  return tokenFrom(await backend.lastMessage(email, 'email'))
}

describe('attemptsLeft tells nothing about the address', () => {
  it('counts down 2, 1 and then locks, byte for byte the same for a customer and for nobody', async () => {
    backend = await createTestBackend()
    const customer = await registerAndConfirm(backend)
    const answers = { customer: [] as string[], nobody: [] as string[] }
    for (let attempt = 0; attempt < 3; attempt++) {
      const known = await signIn(customer, `Falsch-Nummer-${attempt}-xxxx`)
      const unknown = await signIn('niemand@example.at', `Falsch-Nummer-${attempt}-xxxx`)
      expect(known.statusCode).toBe(unknown.statusCode)
      answers.customer.push(known.body)
      answers.nobody.push(unknown.body)
    }
    expect(answers.customer).toEqual(answers.nobody)
    expect(answers.customer.map((body) => JSON.parse(body).error)).toEqual([
      expect.objectContaining({ code: 'invalid_credentials', attemptsLeft: 2 }),
      expect.objectContaining({ code: 'invalid_credentials', attemptsLeft: 1 }),
      expect.objectContaining({ code: 'account_locked' }),
    ])
    // The lock answer carries no count to compare either.
    expect(JSON.parse(answers.customer[2] as string).error.attemptsLeft).toBeUndefined()
  })

  it('is per normalised address: case and spaces do not give an attacker fresh attempts', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const first = await signIn(email, 'Falsch-Nummer-eins-1')
    const second = await signIn(` ${email.toUpperCase()} `, 'Falsch-Nummer-zwei-2')
    expect([first.json().error.attemptsLeft, second.json().error.attemptsLeft]).toEqual([2, 1])
    expectError(await signIn(email, 'Falsch-Nummer-drei-3'), 423, 'account_locked')
  })

  it('a wrong confirmation while signed in says how many are left, sign-ins counted', async () => {
    backend = await createTestBackend()
    const session = (await signIn(ANNA_LOGIN.email, ANNA_LOGIN.password)).json()
    const auth = { authorization: `Bearer ${session.accessToken}` }
    expect((await signIn(ANNA_LOGIN.email, 'Falsch-Nummer-eins-1')).json().error.attemptsLeft).toBe(
      2,
    )
    const wrong = await backend.json(
      'POST',
      '/api/v1/me/email-change',
      { newEmail: 'anderswo@example.at', password: 'Falsch-Nummer-zwei-2' },
      auth,
    )
    expectError(wrong, 403, 'invalid_credentials')
    expect(wrong.json().error.attemptsLeft).toBe(1)
  })
})

describe('POST /password-resets/check', () => {
  it('answers a usable link with its address and end, and uses up nothing', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const token = await resetLink(email)
    for (let i = 0; i < 3; i++) {
      const checked = await check(token)
      expect(checked.statusCode, checked.body).toBe(200)
      expect(checked.json()).toEqual({
        status: 'valid',
        email,
        expiresAt: '2026-05-17T09:00:00Z',
      })
    }
    // The link still works once, and then neither the check nor the confirmation takes it.
    expect((await confirm(token)).statusCode).toBe(200)
    expectError(await check(token), 400, 'link_invalid')
    expect((await check(token)).body).toBe((await check('A'.repeat(43))).body)
  })

  it('never extends a link: checked a second before its end, it has expired a second later', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const token = await resetLink(email)
    backend.clock.advance(30 * 60 - 1)
    expect((await check(token)).json().expiresAt).toBe('2026-05-17T09:00:00Z')
    backend.clock.advance(1)
    const expired = await check(token)
    expectError(expired, 410, 'link_expired')
    // The holder had the e-mail: the address comes back, so that a new link is one click away.
    expect(expired.json().error.email).toBe(email)
    expectError(await confirm(token), 410, 'link_expired')
    // The account was not touched: the old password still signs in.
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(201)
  })

  it('answers a link that a newer one replaced, and a malformed one, as link_invalid without an address', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const older = await resetLink(email)
    const newer = await resetLink(email)
    const replaced = await check(older)
    expectError(replaced, 400, 'link_invalid')
    expect(replaced.body).not.toContain(email)
    expectError(await check('../../etc/passwd'), 400, 'link_invalid')
    expect((await check(newer)).statusCode).toBe(200)
  })

  it('counts against the per-client limit as the other link calls do', async () => {
    backend = await createTestBackend({
      config: {
        rateLimits: { requestsPerClient: { max: 3, windowSeconds: 3600 } },
      } as Partial<BackendConfig>,
    })
    const token = 'A'.repeat(43)
    expectError(await check(token), 400, 'link_invalid')
    expectError(await confirm(token), 400, 'link_invalid')
    expectError(await check(token), 400, 'link_invalid')
    const refused = await check(token)
    expectError(refused, 429, 'rate_limited')
    expect(refused.headers['retry-after']).toBeDefined()
    expectError(await confirm(token), 429, 'rate_limited')
  })
})

describe('the current password is not a new one', () => {
  it('a reset refuses it without using the link up', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const token = await resetLink(email)
    const same = await confirm(token, GOOD_PASSWORD)
    expect(same.statusCode).toBe(400)
    expect(same.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { newPassword: 'same_as_current' },
    })
    expect((await confirm(token)).statusCode).toBe(200)
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(201)
  })

  it(`a reset link compares at most ${RESET_COMPARISONS_PER_LINK} passwords with the current one, even in parallel`, async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const token = await resetLink(email)
    // Guesses sent at once all reach the comparison before any of them uses the link up: the
    // worst case, every guess the right one. Beyond the bound none is compared (429).
    const answers = await Promise.all(
      Array.from({ length: RESET_COMPARISONS_PER_LINK + 5 }, () => confirm(token, GOOD_PASSWORD)),
    )
    const reasons = answers.map((a) => a.json().error.fields?.newPassword ?? a.json().error.code)
    expect(reasons.filter((r) => r === 'same_as_current')).toHaveLength(RESET_COMPARISONS_PER_LINK)
    expect(reasons.filter((r) => r === 'rate_limited')).toHaveLength(5)
    expectError(await confirm(token, 'Noch-ein-Versuch-am-alten'), 429, 'rate_limited')
    // Nothing changed meanwhile.
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(201)
  })
})
