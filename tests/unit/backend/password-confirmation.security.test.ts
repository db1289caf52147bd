/**
 * Every signed-in call that takes the customer's password (PUT /me/password,
 * POST /me/email-change, PUT /me/bank-account, PATCH /me with an address, a
 * payment_deferral service request signed with it)
 * shares one counter with sign-in: someone holding a session (an unlocked
 * desktop, a kiosk left signed in) cannot guess at full speed. Wrong → 403; the
 * third wrong one in a row, sign-ins counted too, locks the account exactly as
 * three wrong sign-ins do: 423, every session ends, the lock e-mail goes out,
 * only a password reset unlocks.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { createTestBackend, tokenFrom, type TestBackend } from '../../helpers/backend.ts'
import { ANNA, ANNA_LOGIN, customerRecord, type Auth } from '../../helpers/customers.ts'
import { buildPlan } from '../../../src/backend/contracts/plan.ts'
import { viennaDay } from '../../../src/shared/dates.ts'
import { ANNA_LOAN, contractRecord, postRequest } from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const NEW_PASSWORD = 'Gaisberg-Nebel-Kaffeehaus-Sonne'
const WRONG = 'Das-ist-nicht-ihr-Passwort'

/** The four calls, each with what it changes when the password is right. */
const CALLS = {
  'PUT /me/password': (auth: Auth, password: string) =>
    backend.json(
      'PUT',
      '/api/v1/me/password',
      { currentPassword: password, newPassword: NEW_PASSWORD },
      auth,
    ),
  'POST /me/email-change': (auth: Auth, password: string) =>
    backend.json(
      'POST',
      '/api/v1/me/email-change',
      { newEmail: 'elsewhere@example.at', password },
      auth,
    ),
  'PUT /me/bank-account': (auth: Auth, password: string) =>
    backend.json(
      'PUT',
      '/api/v1/me/bank-account',
      {
        iban: 'AT61 1904 3002 3457 3201',
        accountHolder: 'Anna Huber',
        sepaMandateAccepted: true,
        password,
      },
      auth,
    ),
  'PATCH /me with an address': (auth: Auth, password: string) =>
    backend.json(
      'PATCH',
      '/api/v1/me',
      {
        address: {
          street: 'Linzer Gasse',
          houseNumber: '12',
          postalCode: '5020',
          city: 'Salzburg',
          country: 'AT',
        },
        password,
      },
      auth,
    ),
  'POST /service-requests (payment_deferral)': async (auth: Auth, password: string) => {
    // Looked up without the session: some calls are made with one that has ended.
    const row = await backend.app.services.db.get<{ public_id: string }>(
      'SELECT public_id FROM contracts WHERE number = ?',
      ANNA_LOAN,
    )
    const contractId = row?.public_id ?? ''
    const today = viennaDay(backend.clock.now())
    const plan = buildPlan(await contractRecord(backend, contractId))
    const firstDueDate = plan.find((r) => r.dueDate >= today)?.dueDate
    return postRequest(backend, auth, {
      type: 'payment_deferral',
      contractId,
      details: { months: 1, firstDueDate, reason: 'Kurzarbeit' },
      password,
    })
  },
} as const
type CallName = keyof typeof CALLS
const NAMES = Object.keys(CALLS) as CallName[]

/** Anna's session: the bearer header and the refresh token. */
async function annaSession(): Promise<{ auth: Auth; refreshToken: string }> {
  const response = await signIn(ANNA_LOGIN.password)
  expect(response.statusCode, response.body).toBe(201)
  const body = response.json()
  return { auth: { authorization: `Bearer ${body.accessToken}` }, refreshToken: body.refreshToken }
}

const signIn = (password: string) =>
  backend.json('POST', '/api/v1/sessions', { email: ANNA_LOGIN.email, password })

/** What the calls change, to see that a refused one changed nothing. */
async function accountState(): Promise<string> {
  const customer = await customerRecord(backend, ANNA)
  const account = await backend.app.services.repos.accounts.byEmail(ANNA_LOGIN.email)
  return JSON.stringify([
    customer.street,
    customer.iban,
    account?.passwordHash,
    (await backend.app.services.repos.outbox.list({ to: 'elsewhere@example.at', limit: 5 })).length,
    await backend.app.services.db.get('SELECT COUNT(*) AS n FROM service_requests'),
  ])
}

const lockMails = async () =>
  (
    await backend.app.services.repos.outbox.list({ to: ANNA_LOGIN.email, kind: 'email', limit: 50 })
  ).filter((m) => m.subject === 'Ihr Konto wurde gesperrt')

function expectCode(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.json().error.code).toBe(code)
}

describe.each(NAMES)('%s', (name) => {
  const call = (auth: Auth, password: string) => CALLS[name](auth, password)

  it('answers a wrong password 403 invalid_credentials and changes nothing', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    const before = await accountState()
    expectCode(await call(auth, WRONG), 403, 'invalid_credentials')
    expect(await accountState()).toBe(before)
  })

  it('locks at the third wrong password in a row: 423, every session ends, the lock e-mail, only a reset unlocks', async () => {
    backend = await createTestBackend()
    const mine = await annaSession()
    const other = await annaSession()
    const before = await accountState()
    expectCode(await call(mine.auth, WRONG), 403, 'invalid_credentials')
    expectCode(await call(mine.auth, WRONG), 403, 'invalid_credentials')
    expectCode(await call(mine.auth, WRONG), 423, 'account_locked')
    expect(await accountState()).toBe(before)

    // Both sessions are dead: their access tokens and their refresh tokens.
    for (const session of [mine, other]) {
      expectCode(
        await backend.json('GET', '/api/v1/me', undefined, session.auth),
        401,
        'unauthenticated',
      )
      const refreshed = await backend.json('POST', '/api/v1/sessions/refresh', {
        refreshToken: session.refreshToken,
      })
      expectCode(refreshed, 401, 'session_revoked')
    }
    // Exactly as a sign-in lock: the owner is told, the right password does not help, time neither.
    expect(await lockMails()).toHaveLength(1)
    expectCode(await signIn(ANNA_LOGIN.password), 423, 'account_locked')
    backend.clock.advance(30 * 86_400)
    expectCode(await signIn(ANNA_LOGIN.password), 423, 'account_locked')

    // Only a new password unlocks it.
    await backend.json('POST', '/api/v1/password-resets', { email: ANNA_LOGIN.email })
    const reset = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token: tokenFrom(await backend.lastMessage(ANNA_LOGIN.email, 'email')),
      newPassword: 'Untersberg-Morgennebel-Brezel',
    })
    expect(reset.statusCode, reset.body).toBe(200)
    expect((await signIn('Untersberg-Morgennebel-Brezel')).statusCode).toBe(201)
  })

  it('one wrong confirmation and two wrong sign-ins lock; the confirmation after the lock is 401', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    expectCode(await call(auth, WRONG), 403, 'invalid_credentials')
    expectCode(await signIn(WRONG), 401, 'invalid_credentials')
    expectCode(await signIn(WRONG), 423, 'account_locked')
    // The lock ended the session that was still open.
    expectCode(await call(auth, ANNA_LOGIN.password), 401, 'unauthenticated')
    expect(await lockMails()).toHaveLength(1)
  })

  it('two wrong sign-ins and a wrong confirmation lock', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    expectCode(await signIn(WRONG), 401, 'invalid_credentials')
    expectCode(await signIn(WRONG), 401, 'invalid_credentials')
    expectCode(await call(auth, WRONG), 423, 'account_locked')
    expectCode(await signIn(ANNA_LOGIN.password), 423, 'account_locked')
  })

  it('a right confirmation resets the count', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    expectCode(await signIn(WRONG), 401, 'invalid_credentials')
    expectCode(await signIn(WRONG), 401, 'invalid_credentials')
    const right = await call(auth, ANNA_LOGIN.password)
    expect(right.statusCode, right.body).toBeLessThan(300)
    const password = name === 'PUT /me/password' ? NEW_PASSWORD : ANNA_LOGIN.password
    expectCode(await signIn(WRONG), 401, 'invalid_credentials')
    expectCode(await signIn(WRONG), 401, 'invalid_credentials')
    expect((await signIn(password)).statusCode).toBe(201)
  })

  it('20 parallel wrong passwords cannot get past the lock', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    const before = await accountState()
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(auth, WRONG)))
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 403).length, statuses.join()).toBeLessThanOrEqual(2)
    // The rest: locked, the session ended, or refused unchecked while the first ones ran.
    expect(statuses.filter((s) => [401, 423, 429].includes(s))).toHaveLength(
      20 - statuses.filter((s) => s === 403).length,
    )
    expect(await accountState()).toBe(before)
    expectCode(await signIn(ANNA_LOGIN.password), 423, 'account_locked')
    expect(await lockMails()).toHaveLength(1)
  })
})

describe('the lock, however it came about', () => {
  it('three wrong sign-ins end the sessions that were open, too', async () => {
    backend = await createTestBackend()
    const { auth, refreshToken } = await annaSession()
    for (let i = 0; i < 3; i++) await signIn(WRONG)
    expectCode(await backend.json('GET', '/api/v1/me', undefined, auth), 401, 'unauthenticated')
    expectCode(
      await backend.json('POST', '/api/v1/sessions/refresh', { refreshToken }),
      401,
      'session_revoked',
    )
  })
})
