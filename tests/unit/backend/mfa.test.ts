/**
 * The second factor as a customer uses it (api.md "Second factor"): enrolment
 * with a first code, the sign-in's code step with codes of the current step ±1,
 * a challenge open for 5 minutes, single-use recovery codes and a new set that
 * voids the old one, turning it off, an e-mail on each change; a password reset
 * leaves it on. Codes are computed with otpauth from the secret the API returned.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, tokenFrom, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna, type Auth } from '../../helpers/customers.ts'
import { codeStep, enrol, passwordStep, totpCode } from '../../helpers/mfa.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const { email, password } = ANNA_LOGIN

async function annaWithMfa(): Promise<{ auth: Auth; secret: string; recoveryCodes: string[] }> {
  backend = await createTestBackend()
  const auth = await signInAnna(backend)
  return { auth, ...(await enrol(backend, auth, password)) }
}

describe('the second factor', () => {
  it('is turned on with the password and a first code, and shows 10 recovery codes once', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    expect((await backend.json('GET', '/api/v1/me/mfa', undefined, auth)).json()).toEqual({
      enabled: false,
      recoveryCodesLeft: 0,
    })
    const wrongPassword = await backend.json(
      'POST',
      '/api/v1/me/mfa/totp',
      { password: 'Nicht-das-richtige-Passwort' },
      auth,
    )
    expect(wrongPassword.statusCode).toBe(403)
    expect(wrongPassword.json().error).toMatchObject({ code: 'invalid_credentials' })

    const started = await backend.json('POST', '/api/v1/me/mfa/totp', { password }, auth)
    expect(started.statusCode).toBe(201)
    const { enrolmentId, secret, otpauthUri } = started.json()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/My%20MINI%20Finance:anna\.huber%40demo/)
    expect(otpauthUri).toContain(`secret=${secret}`)
    // Not on until confirmed.
    expect((await backend.json('GET', '/api/v1/me/mfa', undefined, auth)).json().enabled).toBe(
      false,
    )
    const wrongCode = await backend.json(
      'POST',
      '/api/v1/me/mfa/totp/confirm',
      { enrolmentId, code: totpCode(secret, backend.clock.now(), 3) },
      auth,
    )
    expect(wrongCode.statusCode).toBe(403)
    expect(wrongCode.json().error.code).toBe('invalid_code')

    const confirmed = await backend.json(
      'POST',
      '/api/v1/me/mfa/totp/confirm',
      { enrolmentId, code: totpCode(secret, backend.clock.now()) },
      auth,
    )
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const { enabled, recoveryCodes } = confirmed.json()
    expect(enabled).toBe(true)
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/)
    expect((await backend.json('GET', '/api/v1/me/mfa', undefined, auth)).json()).toEqual({
      enabled: true,
      recoveryCodesLeft: 10,
    })
    const mail = await backend.lastMessage(email, 'email')
    expect(mail?.subject).toBe('Zwei-Faktor-Anmeldung eingeschaltet')
    expect(mail?.text).toContain('Authenticator-App')
    // The enrolment is used up, and a second one is refused while it is on.
    const again = await backend.json(
      'POST',
      '/api/v1/me/mfa/totp/confirm',
      { enrolmentId, code: totpCode(secret, backend.clock.now(), 1) },
      auth,
    )
    expect(again.json().error.code).toBe('enrolment_not_found')
    const second = await backend.json('POST', '/api/v1/me/mfa/totp', { password }, auth)
    expect(second.statusCode).toBe(409)
    expect(second.json().error.code).toBe('mfa_already_enabled')
  })

  it('forgets an enrolment after 15 minutes, and a new one replaces the earlier', async () => {
    // A session that outlives the enrolment.
    backend = await createTestBackend({ config: { accessTokenMinutes: 60 } })
    const auth = await signInAnna(backend)
    const start = async () =>
      (await backend.json('POST', '/api/v1/me/mfa/totp', { password }, auth)).json<{
        enrolmentId: string
        secret: string
      }>()
    const confirm = (enrolment: { enrolmentId: string; secret: string }) =>
      backend.json(
        'POST',
        '/api/v1/me/mfa/totp/confirm',
        {
          enrolmentId: enrolment.enrolmentId,
          code: totpCode(enrolment.secret, backend.clock.now()),
        },
        auth,
      )
    const first = await start()
    backend.clock.advance(15 * 60)
    const expired = await confirm(first)
    expect(expired.statusCode).toBe(404)
    expect(expired.json().error.code).toBe('enrolment_not_found')
    const second = await start()
    const third = await start()
    expect((await confirm(second)).statusCode).toBe(404)
    expect((await confirm(third)).statusCode).toBe(200)
  })

  it('asks for a code after the right password, and signs in with it', async () => {
    const { secret } = await annaWithMfa()
    backend.clock.advance(60)
    const response = await backend.json('POST', '/api/v1/sessions', { email, password })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(Object.keys(body).sort()).toEqual(['challengeId', 'expiresAt', 'mfaRequired'])
    expect(body.mfaRequired).toBe(true)
    expect(Date.parse(body.expiresAt) - backend.clock.now().getTime()).toBe(5 * 60_000)
    const signedIn = await codeStep(
      backend,
      body.challengeId,
      totpCode(secret, backend.clock.now()),
    )
    expect(signedIn.statusCode, signedIn.body).toBe(201)
    const me = await backend.json('GET', '/api/v1/me/mfa', undefined, {
      authorization: `Bearer ${signedIn.json().accessToken}`,
    })
    expect(me.json().enabled).toBe(true)
  })

  it('takes codes of the step before and after, not two steps away', async () => {
    const { secret } = await annaWithMfa()
    const tryCode = async (steps: number) => {
      backend.clock.advance(300)
      const challengeId = await passwordStep(backend, email, password)
      return (await codeStep(backend, challengeId, totpCode(secret, backend.clock.now(), steps)))
        .statusCode
    }
    expect(await tryCode(-1)).toBe(201)
    expect(await tryCode(1)).toBe(201)
    expect(await tryCode(0)).toBe(201)
    expect(await tryCode(-2)).toBe(401)
    expect(await tryCode(2)).toBe(401)
    expect(await tryCode(0)).toBe(201)
  })

  it('takes spaces in a code, but each code once', async () => {
    const { secret } = await annaWithMfa()
    backend.clock.advance(90)
    const code = totpCode(secret, backend.clock.now())
    const first = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      `${code.slice(0, 3)} ${code.slice(3)}`,
    )
    expect(first.statusCode).toBe(201)
    const replay = await codeStep(backend, await passwordStep(backend, email, password), code)
    expect(replay.statusCode).toBe(401)
    expect(replay.json().error).toMatchObject({ code: 'invalid_code', attemptsLeft: 2 })
    // The step before the one used is over too.
    const earlier = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      totpCode(secret, backend.clock.now(), -1),
    )
    expect(earlier.json().error.code).toBe('invalid_code')
    backend.clock.advance(30)
    const next = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      totpCode(secret, backend.clock.now()),
    )
    expect(next.statusCode).toBe(201)
  })

  it('closes the code step after 5 minutes', async () => {
    const { secret } = await annaWithMfa()
    const open = await passwordStep(backend, email, password)
    const closing = await passwordStep(backend, email, password)
    backend.clock.advance(5 * 60 - 1)
    expect((await codeStep(backend, open, totpCode(secret, backend.clock.now()))).statusCode).toBe(
      201,
    )
    backend.clock.advance(31)
    const late = await codeStep(backend, closing, totpCode(secret, backend.clock.now()))
    expect(late.statusCode).toBe(401)
    expect(late.json().error.code).toBe('challenge_expired')
    const unknown = await codeStep(backend, 'A'.repeat(43), totpCode(secret, backend.clock.now()))
    expect(unknown.json().error.code).toBe('challenge_expired')
    // A used challenge is over as well.
    expect(
      (await codeStep(backend, open, totpCode(secret, backend.clock.now()))).json().error.code,
    ).toBe('challenge_expired')
  })

  it('signs in with a recovery code once', async () => {
    const { auth, recoveryCodes } = await annaWithMfa()
    const [code = ''] = recoveryCodes
    const first = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      ` ${code.toUpperCase().replace('-', ' ')} `,
    )
    expect(first.statusCode, first.body).toBe(201)
    const again = await codeStep(backend, await passwordStep(backend, email, password), code)
    expect(again.statusCode).toBe(401)
    expect(again.json().error.code).toBe('invalid_code')
    expect((await backend.json('GET', '/api/v1/me/mfa', undefined, auth)).json()).toEqual({
      enabled: true,
      recoveryCodesLeft: 9,
    })
  })

  it('makes a new set of recovery codes with the password and a code; the old set stops working', async () => {
    const { auth, secret, recoveryCodes } = await annaWithMfa()
    backend.clock.advance(30)
    const renewed = await backend.json(
      'POST',
      '/api/v1/me/mfa/recovery-codes',
      { password, code: totpCode(secret, backend.clock.now()) },
      auth,
    )
    expect(renewed.statusCode, renewed.body).toBe(200)
    const fresh: string[] = renewed.json().recoveryCodes
    expect(fresh).toHaveLength(10)
    expect(fresh.filter((code) => recoveryCodes.includes(code))).toEqual([])
    expect((await backend.lastMessage(email, 'email'))?.subject).toBe(
      'Neue Wiederherstellungscodes',
    )
    const old = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      recoveryCodes[1] ?? '',
    )
    expect(old.json().error.code).toBe('invalid_code')
    const current = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      fresh[0] ?? '',
    )
    expect(current.statusCode).toBe(201)
  })

  it('is turned off with the password and a recovery code; then the password alone signs in', async () => {
    const { auth, recoveryCodes } = await annaWithMfa()
    const off = await backend.json(
      'DELETE',
      '/api/v1/me/mfa',
      { password, code: recoveryCodes[0] },
      auth,
    )
    expect(off.statusCode, off.body).toBe(204)
    expect((await backend.lastMessage(email, 'email'))?.subject).toBe(
      'Zwei-Faktor-Anmeldung ausgeschaltet',
    )
    expect((await backend.json('GET', '/api/v1/me/mfa', undefined, auth)).json()).toEqual({
      enabled: false,
      recoveryCodesLeft: 0,
    })
    expect((await backend.json('POST', '/api/v1/sessions', { email, password })).statusCode).toBe(
      201,
    )
    const again = await backend.json(
      'DELETE',
      '/api/v1/me/mfa',
      { password, code: recoveryCodes[1] },
      auth,
    )
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('mfa_not_enabled')
  })

  it('stays on after a password reset', async () => {
    const { secret } = await annaWithMfa()
    const before = await passwordStep(backend, email, password)
    await backend.json('POST', '/api/v1/password-resets', { email })
    const token = tokenFrom(await backend.lastMessage(email, 'email'))
    const newPassword = 'Mönchsberg-Abendsonne-Kaffeehaus-9'
    const reset = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token,
      newPassword,
    })
    expect(reset.statusCode, reset.body).toBe(200)
    backend.clock.advance(30)
    // A code step opened before the reset is over; the second factor is not.
    const stale = await codeStep(backend, before, totpCode(secret, backend.clock.now()))
    expect(stale.json().error.code).toBe('challenge_expired')
    const challengeId = await passwordStep(backend, email, newPassword)
    expect(
      (await codeStep(backend, challengeId, totpCode(secret, backend.clock.now()))).statusCode,
    ).toBe(201)
  })

  it('writes the e-mails in English for an English account', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    await backend.json('PATCH', '/api/v1/me', { preferences: { locale: 'en' } }, auth)
    await enrol(backend, auth, password)
    const mail = await backend.lastMessage(email, 'email')
    expect(mail?.subject).toBe('Two-factor sign-in turned on')
    expect(mail?.text).toContain('authenticator app')
  })
})
