/**
 * DELETE /me ends the portal account. It takes the password on the counter it
 * shares with sign-in (a stolen session cannot guess at it, nor delete without
 * it); afterwards nothing of the account works any more — no session of any
 * device, no refresh token, no link, no code — while the bank's customer record,
 * contracts and letters stay; the record can be claimed again only through
 * activation, and the address can register again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  createTestBackend,
  GOOD_PASSWORD,
  onPostgres,
  registerAndConfirm,
  type TestBackend,
  tokenFrom,
} from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA,
  ANNA_LOGIN,
  customerRecord,
  latestLetterCode,
  registeredCustomer,
  signIn,
  type Auth,
} from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const WRONG = 'Das-ist-nicht-ihr-Passwort'
const deleteMe = (auth: Auth | Record<string, never>, password: string) =>
  backend.json('DELETE', '/api/v1/me', { password }, auth)

/** Anna's session with its refresh token. */
async function annaSession(): Promise<{ auth: Auth; refreshToken: string }> {
  const response = await backend.json('POST', '/api/v1/sessions', ANNA_LOGIN)
  expect(response.statusCode, response.body).toBe(201)
  const body = response.json()
  return { auth: { authorization: `Bearer ${body.accessToken}` }, refreshToken: body.refreshToken }
}

/** Rows that belong to an account, table by table. */
async function rowsOf(accountId: number): Promise<Record<string, number>> {
  const count = async (sql: string) =>
    (await backend.db.get<{ n: number }>(sql, accountId))?.n ?? Number.NaN
  return {
    accounts: await count('SELECT COUNT(*) AS n FROM accounts WHERE id = ?'),
    sessions: await count('SELECT COUNT(*) AS n FROM session_families WHERE account_id = ?'),
    accessTokens: await count(
      'SELECT COUNT(*) AS n FROM access_tokens t JOIN session_families f ON f.id = t.family_id WHERE f.account_id = ?',
    ),
    links: await count('SELECT COUNT(*) AS n FROM email_links WHERE account_id = ?'),
    codes: await count('SELECT COUNT(*) AS n FROM activation_codes WHERE account_id = ?'),
  }
}

describe('DELETE /me', () => {
  it('needs the password: wrong → 403 and nothing is deleted; without a session → 401', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    const wrong = await deleteMe(auth, WRONG)
    expect(wrong.statusCode).toBe(403)
    expect(wrong.json().error.code).toBe('invalid_credentials')
    expect(await backend.app.services.repos.accounts.byEmail(ANNA_LOGIN.email)).not.toBeNull()
    expect((await deleteMe({}, ANNA_LOGIN.password)).statusCode).toBe(401)
    const empty = await backend.json('DELETE', '/api/v1/me', {}, auth)
    expect(empty.json().error.fields).toEqual({ password: 'required' })
    expect((await backend.json('GET', '/api/v1/me', undefined, auth)).statusCode).toBe(200)
  })

  it('counts wrong passwords with sign-in: two wrong sign-ins and one wrong deletion lock the account', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    for (let i = 0; i < 2; i++) {
      const attempt = await backend.json('POST', '/api/v1/sessions', {
        email: ANNA_LOGIN.email,
        password: WRONG,
      })
      expect(attempt.statusCode).toBe(401)
    }
    const third = await deleteMe(auth, WRONG)
    expect(third.statusCode).toBe(423)
    expect(third.json().error.code).toBe('account_locked')
    // Locked: every session ended (the right password has none to delete with), the account stays.
    expect((await backend.json('GET', '/api/v1/me', undefined, auth)).statusCode).toBe(401)
    expect((await backend.lastMessage(ANNA_LOGIN.email, 'email'))?.subject).toBe(
      'Ihr Konto wurde gesperrt',
    )
    expect(await backend.app.services.repos.accounts.byEmail(ANNA_LOGIN.email)).not.toBeNull()
  })

  it('ends every session and token of the account, on every device; its rows are gone', async () => {
    backend = await createTestBackend()
    const account = await backend.app.services.repos.accounts.byEmail(ANNA_LOGIN.email)
    if (!account) throw new Error('Anna is missing')
    const desktop = await annaSession()
    const laptop = await annaSession()
    // A reset link and an e-mail change link on the way.
    await backend.json('POST', '/api/v1/password-resets', { email: ANNA_LOGIN.email })
    const resetToken = tokenFrom(await backend.lastMessage(ANNA_LOGIN.email, 'email'))
    await backend.json(
      'POST',
      '/api/v1/me/email-change',
      { newEmail: 'anna.neu@example.at', password: ANNA_LOGIN.password },
      laptop.auth,
    )
    const changeToken = tokenFrom(await backend.lastMessage('anna.neu@example.at', 'email'))
    expect((await rowsOf(account.id)).sessions).toBe(2)

    const deleted = await deleteMe(desktop.auth, ANNA_LOGIN.password)
    expect(deleted.statusCode).toBe(204)
    expect(deleted.body).toBe('')

    for (const auth of [desktop.auth, laptop.auth]) {
      expect((await backend.json('GET', '/api/v1/me', undefined, auth)).statusCode).toBe(401)
    }
    const refreshed = await backend.json('POST', '/api/v1/sessions/refresh', {
      refreshToken: laptop.refreshToken,
    })
    expect(refreshed.statusCode).toBe(401)
    const signInAgain = await backend.json('POST', '/api/v1/sessions', ANNA_LOGIN)
    expect(signInAgain.statusCode).toBe(401)
    expect(signInAgain.json().error.code).toBe('invalid_credentials')
    const reset = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token: resetToken,
      newPassword: 'Gaisberg-Nebel-Kaffeehaus-Sonne',
    })
    expect(reset.json().error.code).toBe('link_invalid')
    const change = await backend.json('POST', '/api/v1/me/email-change/confirm', {
      token: changeToken,
    })
    expect(change.json().error.code).toBe('link_invalid')
    expect(await rowsOf(account.id)).toEqual({
      accounts: 0,
      sessions: 0,
      accessTokens: 0,
      links: 0,
      codes: 0,
    })
  })

  it('keeps the bank’s record, contracts and letters; an e-mail confirms the deletion', async () => {
    backend = await createTestBackend()
    const record = await customerRecord(backend, ANNA)
    const count = async (table: string) =>
      (
        await backend.db.get<{ n: number }>(
          `SELECT COUNT(*) AS n FROM ${table} WHERE customer_id = ?`,
          record.id,
        )
      )?.n
    const before = { contracts: await count('contracts'), documents: await count('documents') }
    expect(before.contracts).toBe(3)
    const { auth } = await annaSession()
    expect((await deleteMe(auth, ANNA_LOGIN.password)).statusCode).toBe(204)
    expect({ contracts: await count('contracts'), documents: await count('documents') }).toEqual(
      before,
    )
    expect(await customerRecord(backend, ANNA)).toEqual(record)

    const mail = await backend.lastMessage(ANNA_LOGIN.email, 'email')
    expect(mail?.subject).toBe('Ihr Konto wurde gelöscht')
    expect(mail?.text).toContain('Ihre Verträge und Ihre Briefe bleiben bei uns gespeichert.')
    expect(mail?.links).toEqual([])
  })

  it('frees the address and the record: a new registration works, and claims the record only by activation', async () => {
    backend = await createTestBackend()
    const record = await customerRecord(backend, ANNA)
    const { auth } = await annaSession()
    expect((await deleteMe(auth, ANNA_LOGIN.password)).statusCode).toBe(204)

    const email = await registerAndConfirm(backend, {
      email: ANNA_LOGIN.email,
      salutation: 'ms',
      firstName: record.firstName,
      lastName: record.lastName,
      dateOfBirth: record.dateOfBirth,
      customerNumber: ANNA,
    })
    expect((await backend.lastMessage(email, 'email'))?.subject).toBe(
      'Ihr Aktivierungscode ist unterwegs',
    )
    const again = await signIn(backend, email, GOOD_PASSWORD)
    // Matched, not bound: no contract data before the code from the letter is entered.
    expect((await backend.app.services.repos.accounts.byEmail(email))?.customerId).toBeNull()
    expect((await backend.json('GET', '/api/v1/contracts', undefined, again)).statusCode).toBe(403)
    expect(await latestLetterCode(backend)).toMatch(/^[3-9A-Z]{4}-/)
    await activateWithLetter(backend, again)
    const contracts = await backend.json('GET', '/api/v1/contracts', undefined, again)
    expect(contracts.json().items).toHaveLength(3)
  })

  it('of two parallel deletions with the right password, neither fails and one e-mail goes out', async () => {
    backend = await createTestBackend()
    const { auth } = await annaSession()
    const answers = await Promise.all([
      deleteMe(auth, ANNA_LOGIN.password),
      deleteMe(auth, ANNA_LOGIN.password),
    ])
    // Both 204 when both were let in before the account went (SQLite answers them in turn);
    // on PostgreSQL the second may be let in only after the first has committed, and then
    // its session is gone: 401, as for any call after a deletion. Never an error, never 403.
    const statuses = answers.map((a) => a.statusCode).sort()
    expect([
      [204, 204],
      [204, 401],
    ]).toContainEqual(statuses)
    if (!onPostgres) expect(statuses).toEqual([204, 204])
    const deletedMails = (
      await backend.app.services.repos.outbox.list({
        to: ANNA_LOGIN.email,
        kind: 'email',
        limit: 10,
      })
    ).filter((m) => m.subject === 'Ihr Konto wurde gelöscht')
    expect(deletedMails).toHaveLength(1)
  })

  it('works before activation too', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend, { customerNumber: '100517930' })
    expect((await deleteMe(auth, GOOD_PASSWORD)).statusCode).toBe(204)
    expect(await backend.app.services.repos.accounts.byEmail('lukas.g@example.at')).toBeNull()
    expect((await backend.lastMessage('lukas.g@example.at', 'email'))?.subject).toBe(
      'Ihr Konto wurde gelöscht',
    )
  })
})
