/**
 * POST /me/email-change and /me/email-change/confirm through the real
 * backend: the password confirms, a 24-hour single-use link goes to the new
 * address, the old one is told; nothing changes before the link is used; then
 * the new address signs in, the old one does not, and every session ends.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { parseDeepLink } from '../../../src/shared/deep-links.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  registration,
  tokenFrom,
  type TestBackend,
} from '../../helpers/backend.ts'
import {
  ANNA_LOGIN,
  registeredCustomer,
  signIn,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const NEW_EMAIL = 'anna.huber@example.at'

const signInAnswer = (email: string, password: string) =>
  backend.json('POST', '/api/v1/sessions', { email, password })

const requestChange = (auth: Auth, newEmail: string, password = ANNA_LOGIN.password) =>
  backend.json('POST', '/api/v1/me/email-change', { newEmail, password }, auth)
const confirm = (token: string) =>
  backend.json('POST', '/api/v1/me/email-change/confirm', { token })
const emailOf = async (auth: Auth) =>
  (await backend.json('GET', '/api/v1/me', undefined, auth)).json().customer.email

/** Every message in the outbox to an address, newest first. */
const mailTo = (to: string) => backend.app.services.repos.outbox.list({ to, limit: 50 })

describe('POST /me/email-change', () => {
  it('sends a 24-hour link to the new address and tells the old one; nothing changes yet', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await requestChange(auth, ` ${NEW_EMAIL.toUpperCase()} `)
    expect(response.statusCode, response.body).toBe(202)
    expect(response.json()).toEqual({
      status: 'confirmation_sent',
      expiresAt: '2026-05-18T08:30:00Z',
    })

    const link = await backend.lastMessage(NEW_EMAIL, 'email')
    expect(link?.subject).toBe('Bitte bestätigen Sie Ihre neue E-Mail-Adresse')
    expect(link?.links).toHaveLength(1)
    expect(link?.links[0]).toMatch(/^myminifinance:\/\/email-change\?token=[A-Za-z0-9_-]{43}$/)
    // The app's deep-link parser knows the link kind.
    expect(parseDeepLink(link?.links[0] ?? '')).toEqual({
      action: 'email-change',
      token: tokenFrom(link),
    })
    // The link is stored only as a hash.
    expect(JSON.stringify(await backend.db.all('SELECT * FROM email_links'))).not.toContain(
      tokenFrom(link),
    )

    const notice = await backend.lastMessage(ANNA_LOGIN.email, 'email')
    expect(notice?.subject).toBe('Änderung Ihrer E-Mail-Adresse angefordert')
    expect(notice?.text).toContain(NEW_EMAIL)
    expect(notice?.text).toContain('+43 662 2191 4920')
    expect(notice?.text).toContain('ksc@mini.at')
    expect(notice?.links).toEqual([])

    expect(await emailOf(auth)).toBe(ANNA_LOGIN.email)
    expect((await signInAnswer(ANNA_LOGIN.email, ANNA_LOGIN.password)).statusCode).toBe(201)
    expect((await signInAnswer(NEW_EMAIL, ANNA_LOGIN.password)).statusCode).toBe(401)
  })

  it('refuses a wrong password with 403, sending nothing', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = (await mailTo(ANNA_LOGIN.email)).length
    const response = await requestChange(auth, NEW_EMAIL, 'Das-ist-nicht-das-Passwort')
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('invalid_credentials')
    expect(await mailTo(NEW_EMAIL)).toEqual([])
    expect(await mailTo(ANNA_LOGIN.email)).toHaveLength(before)
  })

  it('counts a wrong password with sign-in: the third wrong one in a row locks the account (423)', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    expect((await requestChange(auth, NEW_EMAIL, 'Falsches-Passwort-1')).statusCode).toBe(403)
    expect((await signInAnswer(ANNA_LOGIN.email, 'Falsches-Passwort-2')).statusCode).toBe(401)
    const third = await requestChange(auth, NEW_EMAIL, 'Falsches-Passwort-3')
    expect(third.statusCode).toBe(423)
    expect(third.json().error.code).toBe('account_locked')
    expect(await mailTo(NEW_EMAIL)).toEqual([])
    expect((await signInAnswer(ANNA_LOGIN.email, ANNA_LOGIN.password)).statusCode).toBe(423)
  })

  it('refuses the current address and what is no address', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const same = await requestChange(auth, ANNA_LOGIN.email.toUpperCase())
    expect(same.statusCode).toBe(400)
    expect(same.json().error.fields).toEqual({ newEmail: 'invalid_value' })
    const bad = await requestChange(auth, 'not-an-address')
    expect(bad.json().error.fields).toEqual({ newEmail: 'invalid_format' })
    const extra = await backend.json(
      'POST',
      '/api/v1/me/email-change',
      { newEmail: NEW_EMAIL, password: ANNA_LOGIN.password, confirmed: true },
      auth,
    )
    expect(extra.json().error.fields).toEqual({ confirmed: 'unknown_property' })
  })

  it('needs a session', async () => {
    backend = await createTestBackend()
    const response = await backend.json('POST', '/api/v1/me/email-change', {
      newEmail: NEW_EMAIL,
      password: ANNA_LOGIN.password,
    })
    expect(response.statusCode).toBe(401)
  })

  it('answers the same for an address that has an account, which gets a notice instead of a link', async () => {
    backend = await createTestBackend()
    const taken = await registerAndConfirm(backend)
    const auth = await signInAnna(backend)
    const free = await requestChange(auth, NEW_EMAIL)
    const answer = await requestChange(auth, taken)
    expect(answer.statusCode).toBe(free.statusCode)
    expect(answer.body).toBe(free.body)

    const notice = await backend.lastMessage(taken, 'email')
    expect(notice?.subject).toBe('Diese E-Mail-Adresse wird bereits verwendet')
    expect(notice?.links).toEqual([])
    expect(notice?.text).not.toContain('Anna')
    expect((await backend.lastMessage(ANNA_LOGIN.email, 'email'))?.text).toContain(taken)
    // The newer request also replaced the earlier link.
    const earlier = await confirm(tokenFrom(await backend.lastMessage(NEW_EMAIL, 'email')))
    expect(earlier.statusCode).toBe(400)
    expect((await signInAnswer(taken, GOOD_PASSWORD)).statusCode).toBe(201)
  })
})

describe('POST /me/email-change/confirm', () => {
  it('changes the address: the new one signs in, the old one not, every session ends', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const other = await signInAnna(backend)
    await requestChange(auth, NEW_EMAIL)
    const token = tokenFrom(await backend.lastMessage(NEW_EMAIL, 'email'))

    // No session needed: the link is opened from the mailbox, maybe on another device.
    const response = await confirm(token)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ status: 'email_changed', email: NEW_EMAIL })

    for (const session of [auth, other]) {
      const me = await backend.json('GET', '/api/v1/me', undefined, session)
      expect(me.statusCode).toBe(401)
    }
    const old = await signInAnswer(ANNA_LOGIN.email, ANNA_LOGIN.password)
    expect(old.statusCode).toBe(401)
    expect(old.json().error.code).toBe('invalid_credentials')
    const fresh = await signIn(backend, ` ${NEW_EMAIL.toUpperCase()}`, ANNA_LOGIN.password)
    expect(await emailOf(fresh)).toBe(NEW_EMAIL)

    const done = await backend.lastMessage(NEW_EMAIL, 'email')
    expect(done?.subject).toBe('Ihre E-Mail-Adresse wurde geändert')
    expect(done?.text).toContain('+43 662 2191 4920')

    const postbox = (await backend.json('GET', '/api/v1/documents', undefined, fresh)).json()
    expect(postbox.items[0]).toMatchObject({
      title: 'Bestätigung Ihrer neuen E-Mail-Adresse',
      category: 'letter',
      read: false,
    })
  })

  it('works once', async () => {
    backend = await createTestBackend()
    await requestChange(await signInAnna(backend), NEW_EMAIL)
    const token = tokenFrom(await backend.lastMessage(NEW_EMAIL, 'email'))
    const [first, second] = await Promise.all([confirm(token), confirm(token)])
    expect([first?.statusCode, second?.statusCode].sort()).toEqual([200, 400])
    const again = await confirm(token)
    expect(again.statusCode).toBe(400)
    expect(again.json().error.code).toBe('link_invalid')
  })

  it('expires after 24 hours by the backend’s clock, and then changes nothing', async () => {
    backend = await createTestBackend()
    await requestChange(await signInAnna(backend), NEW_EMAIL)
    const token = tokenFrom(await backend.lastMessage(NEW_EMAIL, 'email'))
    backend.clock.advance(24 * 3600)
    const response = await confirm(token)
    expect(response.statusCode).toBe(410)
    expect(response.json().error.code).toBe('link_expired')
    // (The access token has expired meanwhile too.)
    expect(await emailOf(await signInAnna(backend))).toBe(ANNA_LOGIN.email)
    expect((await signInAnswer(NEW_EMAIL, ANNA_LOGIN.password)).statusCode).toBe(401)
  })

  it('still works a minute before the 24 hours are up', async () => {
    backend = await createTestBackend()
    await requestChange(await signInAnna(backend), NEW_EMAIL)
    backend.clock.advance(24 * 3600 - 60)
    expect(
      (await confirm(tokenFrom(await backend.lastMessage(NEW_EMAIL, 'email')))).statusCode,
    ).toBe(200)
  })

  it('refuses an unknown or malformed token', async () => {
    backend = await createTestBackend()
    const unknown = await confirm('A'.repeat(43))
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.code).toBe('link_invalid')
    // A malformed token is as unknown as any other.
    const malformed = await confirm('short')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error.code).toBe('link_invalid')
    // A registration's confirmation link is not an e-mail change link.
    await backend.json('POST', '/api/v1/registrations', registration())
    const registrationToken = tokenFrom(await backend.lastMessage('lukas.g@example.at', 'email'))
    expect((await confirm(registrationToken)).json().error.code).toBe('link_invalid')
  })

  it('voids a reset link sent to the old address before the change', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/password-resets', { email: ANNA_LOGIN.email })
    const reset = tokenFrom(await backend.lastMessage(ANNA_LOGIN.email, 'email'))
    await requestChange(await signInAnna(backend), NEW_EMAIL)
    await confirm(tokenFrom(await backend.lastMessage(NEW_EMAIL, 'email')))
    const response = await backend.json('POST', '/api/v1/password-resets/confirm', {
      token: reset,
      newPassword: 'Kapuzinerberg-Abendrot-Zwetschke',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('link_invalid')
  })

  it('takes over an address whose registration was never confirmed', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration({ email: NEW_EMAIL }))
    await requestChange(await signInAnna(backend), NEW_EMAIL)
    const link = (await mailTo(NEW_EMAIL)).find((m) => m.links[0]?.includes('email-change'))
    expect((await confirm(tokenFrom(link))).statusCode).toBe(200)
    // The unconfirmed registration's password does not sign in; Anna's does.
    expect((await signInAnswer(NEW_EMAIL, GOOD_PASSWORD)).statusCode).toBe(401)
    expect((await signInAnswer(NEW_EMAIL, ANNA_LOGIN.password)).statusCode).toBe(201)
  })

  it('refuses an address that got a confirmed account after the request', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    await requestChange(auth, 'lukas.g@example.at')
    const token = tokenFrom(await backend.lastMessage('lukas.g@example.at', 'email'))
    await registerAndConfirm(backend)
    const response = await confirm(token)
    expect(response.statusCode).toBe(409)
    expect(response.json().error.code).toBe('not_eligible')
    expect(await emailOf(auth)).toBe(ANNA_LOGIN.email)
    expect((await signInAnswer('lukas.g@example.at', GOOD_PASSWORD)).statusCode).toBe(201)
  })

  it('works before activation too, without a letter in the (not yet shown) postbox', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    expect((await requestChange(auth, NEW_EMAIL, GOOD_PASSWORD)).statusCode).toBe(202)
    expect(
      (await confirm(tokenFrom(await backend.lastMessage(NEW_EMAIL, 'email')))).statusCode,
    ).toBe(200)
    expect((await signInAnswer(NEW_EMAIL, GOOD_PASSWORD)).statusCode).toBe(201)
    const letters = await backend.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM documents WHERE kind = 'email_change'",
    )
    expect(letters?.n).toBe(0)
  })
})
