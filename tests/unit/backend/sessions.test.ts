import { afterEach, describe, expect, it } from 'vitest'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  registration,
  tokenFrom,
  type TestBackend,
} from '../../helpers/backend.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const NEW_PASSWORD = 'Gaisberg-Nebel-Kaffeehaus-Sonne'
const signIn = (email: string, password: string) =>
  backend.json('POST', '/api/v1/sessions', { email, password })
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

describe('sign-in', () => {
  it('answers 201 with tokens and the customer; the tokens are stored only as hashes', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const response = await signIn(` ${email.toUpperCase()} `, GOOD_PASSWORD)
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toMatchObject({
      accessTokenExpiresAt: '2026-05-17T08:40:00Z',
      refreshTokenExpiresAt: '2026-06-16T08:30:00Z',
      customer: { email, firstName: 'Lukas', lastName: 'Gruber', activated: false },
    })
    const dump = JSON.stringify(await backend.db.all('SELECT * FROM access_tokens, refresh_tokens'))
    expect(dump).not.toContain(body.accessToken)
    expect(dump).not.toContain(body.refreshToken)
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, bearer(body.accessToken))).statusCode,
    ).toBe(200)
  })

  it('gives the same answer for a wrong password and an unknown address', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const wrong = await signIn(email, 'Das-ist-nicht-das-Passwort')
    const unknown = await signIn('nobody@example.at', 'Das-ist-nicht-das-Passwort')
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.body).toBe(unknown.body)
  })

  it('says "not confirmed" only with the right password', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration())
    expect((await signIn('lukas.g@example.at', 'Das-ist-nicht-das-Passwort')).statusCode).toBe(401)
    const right = await signIn('lukas.g@example.at', GOOD_PASSWORD)
    expect(right.statusCode).toBe(403)
    expect(right.json().error.code).toBe('email_not_confirmed')
  })

  it('locks after three wrong passwords in a row, even for the right one; the owner is told by e-mail', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    expect((await signIn(email, 'Falsch-Nummer-eins-1')).statusCode).toBe(401)
    expect((await signIn(email, 'Falsch-Nummer-zwei-2')).statusCode).toBe(401)
    const third = await signIn(email, 'Falsch-Nummer-drei-3')
    expect(third.statusCode).toBe(423)
    expect(third.json().error.code).toBe('account_locked')
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(423)
    expect((await backend.lastMessage(email))?.subject).toBe('Ihr Konto wurde gesperrt')
    // Time does not unlock it.
    backend.clock.advance(30 * 86_400)
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(423)
  })

  it('a successful sign-in resets the count', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    await signIn(email, 'Falsch-Nummer-eins-1')
    await signIn(email, 'Falsch-Nummer-zwei-2')
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(201)
    await signIn(email, 'Falsch-Nummer-eins-1')
    await signIn(email, 'Falsch-Nummer-zwei-2')
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(201)
  })

  it('locks unknown addresses the same way, so the answers tell nothing', async () => {
    backend = await createTestBackend()
    const answers: number[] = []
    for (let i = 0; i < 4; i++)
      answers.push((await signIn('ghost@example.at', `Rate-mal-Nummer-${i}-x`)).statusCode)
    expect(answers).toEqual([401, 401, 423, 423])
    expect(await backend.lastMessage('ghost@example.at')).toBeUndefined()
  })

  it('20 parallel wrong passwords cannot get past the lock', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(email, i === 19 ? GOOD_PASSWORD : `Falsch-parallel-${i}-xx`),
      ),
    )
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 201)).toEqual([])
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(2)
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(423)
  })
})

describe('tokens', () => {
  it('access tokens live 10 minutes', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const { accessToken } = (await signIn(email, GOOD_PASSWORD)).json()
    backend.clock.advance(9 * 60)
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, bearer(accessToken))).statusCode,
    ).toBe(200)
    backend.clock.advance(61)
    const expired = await backend.json('GET', '/api/v1/me', undefined, bearer(accessToken))
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error.code).toBe('unauthenticated')
  })

  it('refresh rotates; a used refresh token revokes the whole family', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const first = (await signIn(email, GOOD_PASSWORD)).json()
    const second = await backend.json('POST', '/api/v1/sessions/refresh', {
      refreshToken: first.refreshToken,
    })
    expect(second.statusCode).toBe(200)
    const pair = second.json()
    expect(pair.refreshToken).not.toBe(first.refreshToken)
    expect(pair.customer.email).toBe(email)
    // The old token again: reuse. Everything of this session ends.
    const reuse = await backend.json('POST', '/api/v1/sessions/refresh', {
      refreshToken: first.refreshToken,
    })
    expect(reuse.statusCode).toBe(401)
    expect(reuse.json().error.code).toBe('session_revoked')
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, bearer(pair.accessToken))).statusCode,
    ).toBe(401)
    expect(
      (await backend.json('POST', '/api/v1/sessions/refresh', { refreshToken: pair.refreshToken }))
        .statusCode,
    ).toBe(401)
  })

  it('refresh tokens live 30 days', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const { refreshToken } = (await signIn(email, GOOD_PASSWORD)).json()
    backend.clock.advance(30 * 86_400)
    expect(
      (await backend.json('POST', '/api/v1/sessions/refresh', { refreshToken })).statusCode,
    ).toBe(401)
  })

  it('sign-out revokes the session family', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const { accessToken, refreshToken } = (await signIn(email, GOOD_PASSWORD)).json()
    const out = await backend.json(
      'DELETE',
      '/api/v1/sessions/current',
      undefined,
      bearer(accessToken),
    )
    expect(out.statusCode).toBe(204)
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, bearer(accessToken))).statusCode,
    ).toBe(401)
    expect(
      (await backend.json('POST', '/api/v1/sessions/refresh', { refreshToken })).statusCode,
    ).toBe(401)
    expect((await backend.json('DELETE', '/api/v1/sessions/current')).statusCode).toBe(401)
  })
})

describe('password reset', () => {
  async function lockedAccount(): Promise<string> {
    const email = await registerAndConfirm(backend)
    for (let i = 0; i < 3; i++) await signIn(email, `Falsch-Nummer-${i}-xxxx`)
    return email
  }

  it('always answers 202; the link works once, unlocks the account and ends every session', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const session = (await signIn(email, GOOD_PASSWORD)).json()
    for (let i = 0; i < 3; i++) await signIn(email, `Falsch-Nummer-${i}-xxxx`)
    const asked = await backend.json('POST', '/api/v1/password-resets', { email })
    const unknown = await backend.json('POST', '/api/v1/password-resets', {
      email: 'nobody@example.at',
    })
    expect([asked.statusCode, unknown.statusCode]).toEqual([202, 202])
    expect(asked.body).toBe(unknown.body)
    const mail = await backend.lastMessage(email)
    expect(mail?.subject).toBe('Ihr neues Passwort für My MINI Finance')
    const token = tokenFrom(mail)
    const done = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token,
      newPassword: NEW_PASSWORD,
    })
    expect(done.statusCode).toBe(200)
    expect(done.json()).toEqual({ status: 'password_changed', email })
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(201)
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, bearer(session.accessToken))).statusCode,
    ).toBe(401)
    const again = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token,
      newPassword: 'Noch-ein-ganz-neues-Passwort',
    })
    expect(again.statusCode).toBe(400)
    expect(again.json().error.code).toBe('link_invalid')
    expect((await backend.lastMessage(email))?.subject).toBe('Ihr Passwort wurde geändert')
  })

  it('links expire after 30 minutes', async () => {
    backend = await createTestBackend()
    const email = await lockedAccount()
    await backend.json('POST', '/api/v1/password-resets', { email })
    const token = tokenFrom(await backend.lastMessage(email))
    backend.clock.advance(30 * 60)
    const late = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token,
      newPassword: NEW_PASSWORD,
    })
    expect(late.statusCode).toBe(410)
    expect(late.json().error.code).toBe('link_expired')
    expect((await signIn(email, GOOD_PASSWORD)).statusCode).toBe(423)
  })

  it('checks the new password against the policy without using the link up', async () => {
    backend = await createTestBackend()
    const email = await lockedAccount()
    await backend.json('POST', '/api/v1/password-resets', { email })
    const token = tokenFrom(await backend.lastMessage(email))
    const weak = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token,
      newPassword: 'Gruber-Lukas-1990-xx',
    })
    expect(weak.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { newPassword: 'contains_personal_data' },
    })
    expect(
      (
        await backend.json('POST', '/api/v1/password-resets/confirm', {
          token,
          newPassword: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(200)
  })

  it('two parallel uses of one link: exactly one succeeds', async () => {
    backend = await createTestBackend()
    const email = await lockedAccount()
    await backend.json('POST', '/api/v1/password-resets', { email })
    const token = tokenFrom(await backend.lastMessage(email))
    const [a, b] = await Promise.all([
      backend.json('POST', '/api/v1/password-resets/confirm', { token, newPassword: NEW_PASSWORD }),
      backend.json('POST', '/api/v1/password-resets/confirm', {
        token,
        newPassword: 'Ein-anderes-neues-Passwort-9',
      }),
    ])
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 400])
  })

  it('the lock e-mail’s link is a working reset link', async () => {
    backend = await createTestBackend()
    const email = await lockedAccount()
    const token = tokenFrom(await backend.lastMessage(email))
    expect(
      (
        await backend.json('POST', '/api/v1/password-resets/confirm', {
          token,
          newPassword: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(200)
  })
})

describe('change password', () => {
  it('refuses the current password as the new one (same_as_current) before checking it', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const { accessToken } = (await signIn(email, GOOD_PASSWORD)).json()
    await signIn(email, 'Falsch-Nummer-eins-1')
    await signIn(email, 'Falsch-Nummer-zwei-2')
    const same = await backend.json(
      'PUT',
      '/api/v1/me/password',
      { currentPassword: GOOD_PASSWORD, newPassword: GOOD_PASSWORD },
      bearer(accessToken),
    )
    expect(same.statusCode).toBe(400)
    expect(same.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { newPassword: 'same_as_current' },
    })
    // Refused before the password was checked: neither counted nor the count reset, so the
    // next wrong sign-in is the third in a row.
    const third = await signIn(email, 'Falsch-Nummer-drei-3')
    expect(third.json().error).toMatchObject({ code: 'account_locked' })
    expect((await backend.lastMessage(email))?.subject).toBe('Ihr Konto wurde gesperrt')
  })

  it('needs the current password, keeps this session, ends the others', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const mine = (await signIn(email, GOOD_PASSWORD)).json()
    const other = (await signIn(email, GOOD_PASSWORD)).json()
    const wrong = await backend.json(
      'PUT',
      '/api/v1/me/password',
      { currentPassword: 'nicht-das-richtige-pw', newPassword: NEW_PASSWORD },
      bearer(mine.accessToken),
    )
    expect(wrong.statusCode).toBe(403)
    expect(wrong.json().error.code).toBe('invalid_credentials')
    const ok = await backend.json(
      'PUT',
      '/api/v1/me/password',
      { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD },
      bearer(mine.accessToken),
    )
    expect(ok.statusCode).toBe(204)
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, bearer(mine.accessToken))).statusCode,
    ).toBe(200)
    expect(
      (await backend.json('GET', '/api/v1/me', undefined, bearer(other.accessToken))).statusCode,
    ).toBe(401)
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(201)
    expect(
      (
        await backend.json('PUT', '/api/v1/me/password', {
          currentPassword: GOOD_PASSWORD,
          newPassword: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(401)
  })
})
