/**
 * A stolen password is not enough (api.md "Second factor"): wrong codes count
 * toward the same three-strike lock as wrong passwords, and a right password
 * alone does not reset that count; a code works once, also when two requests
 * race; the secret and the recovery codes are not in the database in clear, and
 * the sealed secret opens only with the configured key; the code step counts
 * toward the sign-in's rate limit.
 */
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { Secret } from 'otpauth'
import { deriveMfaKeys, openSecret } from '../../../src/backend/services/mfa-crypto.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna } from '../../helpers/customers.ts'
import { codeStep, enrol, passwordStep, totpCode } from '../../helpers/mfa.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const { email, password } = ANNA_LOGIN
const WRONG_PASSWORD = 'Das-ist-nicht-ihr-Passwort'

async function annaWithMfa(config = {}) {
  backend = await createTestBackend({ config })
  const auth = await signInAnna(backend)
  return { auth, ...(await enrol(backend, auth, password)) }
}

/** A code of the current step that is certainly not the right one. */
function wrongCode(secret: string, at: Date): string {
  const right = totpCode(secret, at)
  return right === '000000' ? '111111' : '000000'
}

describe('the second factor against a stolen password', () => {
  it('locks the account at the third wrong code in a row', async () => {
    const { secret } = await annaWithMfa()
    backend.clock.advance(30)
    const challengeId = await passwordStep(backend, email, password)
    const first = await codeStep(backend, challengeId, wrongCode(secret, backend.clock.now()))
    expect(first.statusCode).toBe(401)
    expect(first.json().error).toMatchObject({ code: 'invalid_code', attemptsLeft: 2 })
    const second = await codeStep(backend, challengeId, '12345')
    expect(second.json().error).toMatchObject({ code: 'invalid_code', attemptsLeft: 1 })
    const third = await codeStep(backend, challengeId, wrongCode(secret, backend.clock.now()))
    expect(third.statusCode).toBe(423)
    expect(third.json().error.code).toBe('account_locked')
    expect((await backend.lastMessage(email, 'email'))?.subject).toMatch(/gesperrt/)
    // Now neither the right code nor the right password gets in.
    const right = await codeStep(backend, challengeId, totpCode(secret, backend.clock.now()))
    expect(right.statusCode).toBe(423)
    const again = await backend.json('POST', '/api/v1/sessions', { email, password })
    expect(again.statusCode).toBe(423)
  })

  it('counts wrong passwords and wrong codes together, and the right password resets nothing', async () => {
    const { secret } = await annaWithMfa()
    backend.clock.advance(30)
    const wrong = await backend.json('POST', '/api/v1/sessions', {
      email,
      password: WRONG_PASSWORD,
    })
    expect(wrong.json().error.attemptsLeft).toBe(2)
    // The right password again and again: each time a new code step, the count stands.
    const first = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      wrongCode(secret, backend.clock.now()),
    )
    expect(first.json().error).toMatchObject({ code: 'invalid_code', attemptsLeft: 1 })
    const locked = await codeStep(
      backend,
      await passwordStep(backend, email, password),
      wrongCode(secret, backend.clock.now()),
    )
    expect(locked.statusCode).toBe(423)
  })

  it('resets the count with the right code', async () => {
    const { secret } = await annaWithMfa()
    backend.clock.advance(30)
    const challengeId = await passwordStep(backend, email, password)
    await codeStep(backend, challengeId, wrongCode(secret, backend.clock.now()))
    await codeStep(backend, challengeId, wrongCode(secret, backend.clock.now()))
    const right = await codeStep(backend, challengeId, totpCode(secret, backend.clock.now()))
    expect(right.statusCode).toBe(201)
    const wrong = await backend.json('POST', '/api/v1/sessions', {
      email,
      password: WRONG_PASSWORD,
    })
    expect(wrong.json().error.attemptsLeft).toBe(2)
  })

  it('counts wrong codes when turning it off, and locks at the third: every session ends', async () => {
    const { auth, secret } = await annaWithMfa()
    backend.clock.advance(30)
    const off = (code: string, pass = password) =>
      backend.json('DELETE', '/api/v1/me/mfa', { password: pass, code }, auth)
    const first = await off(wrongCode(secret, backend.clock.now()))
    expect(first.statusCode).toBe(403)
    expect(first.json().error).toMatchObject({ code: 'invalid_code', attemptsLeft: 2 })
    const second = await off(totpCode(secret, backend.clock.now()), WRONG_PASSWORD)
    expect(second.json().error).toMatchObject({ code: 'invalid_credentials', attemptsLeft: 1 })
    const third = await off(wrongCode(secret, backend.clock.now()))
    expect(third.statusCode).toBe(423)
    expect((await backend.json('GET', '/api/v1/me/mfa', undefined, auth)).statusCode).toBe(401)
  })

  it('lets exactly one of two parallel sign-ins with the same code in', async () => {
    const { secret } = await annaWithMfa()
    backend.clock.advance(30)
    const a = await passwordStep(backend, email, password)
    const b = await passwordStep(backend, email, password)
    const code = totpCode(secret, backend.clock.now())
    const answers = await Promise.all([codeStep(backend, a, code), codeStep(backend, b, code)])
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 401])
  })

  it('lets a recovery code sign in once when two use it at once', async () => {
    const { recoveryCodes } = await annaWithMfa()
    const a = await passwordStep(backend, email, password)
    const b = await passwordStep(backend, email, password)
    const code = recoveryCodes[3] ?? ''
    const answers = await Promise.all([codeStep(backend, a, code), codeStep(backend, b, code)])
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 401])
  })

  it('keeps the secret and the recovery codes out of the database in clear', async () => {
    const { secret, recoveryCodes } = await annaWithMfa()
    const raw = Buffer.from(Secret.fromBase32(secret).bytes)
    const db = backend.app.services.db
    const rows = await db.all<Record<string, unknown>>(
      'SELECT * FROM mfa_totp UNION ALL SELECT account_id, code_hash, created_at, id FROM mfa_recovery_codes',
    )
    expect(rows).toHaveLength(11)
    const stored = JSON.stringify(rows)
    for (const form of [
      secret,
      secret.toLowerCase(),
      raw.toString('hex'),
      raw.toString('base64'),
      raw.toString('base64url'),
      ...recoveryCodes,
      ...recoveryCodes.map((code) => code.replace('-', '')),
    ]) {
      expect(stored).not.toContain(form)
    }
    const [row] = await db.all<{ account_id: number; secret_sealed: string }>(
      'SELECT account_id, secret_sealed FROM mfa_totp',
    )
    if (!row) throw new Error('no row')
    // It opens with the configured key only, and only for its own account.
    const keys = backend.app.services.mfaKeys
    expect(Buffer.from(openSecret(keys, row.account_id, row.secret_sealed))).toEqual(raw)
    expect(() =>
      openSecret(deriveMfaKeys(randomBytes(32)), row.account_id, row.secret_sealed),
    ).toThrow()
    expect(() => openSecret(keys, row.account_id + 1, row.secret_sealed)).toThrow()
  })

  it('keeps the challenge id out of the database in clear', async () => {
    await annaWithMfa()
    const challengeId = await passwordStep(backend, email, password)
    const rows = await backend.app.services.db.all('SELECT * FROM mfa_challenges')
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(challengeId)
  })

  it('counts the code step toward the sign-in limit per client', async () => {
    const { secret } = await annaWithMfa({
      rateLimits: { signInPerClient: { max: 3, windowSeconds: 60 } },
    })
    // The enrolment's sign-in took one of the three.
    const challengeId = await passwordStep(backend, email, password)
    expect((await codeStep(backend, challengeId, '12345')).statusCode).toBe(401)
    const right = totpCode(secret, backend.clock.now())
    expect((await codeStep(backend, challengeId, right)).statusCode).toBe(429)
    backend.clock.advance(61)
    const later = await codeStep(backend, challengeId, totpCode(secret, backend.clock.now()))
    expect(later.statusCode).toBe(201)
  })
})
