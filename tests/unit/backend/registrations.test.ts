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

describe('registration', () => {
  it('answers 202 with the expiry and e-mails a 24 h confirmation link built from configuration', async () => {
    backend = await createTestBackend({ config: { linkBase: 'https://portal.example.at/#/' } })
    const response = await backend.json('POST', '/api/v1/registrations', registration(), {
      host: 'evil.example',
    })
    expect(response.statusCode).toBe(202)
    expect(response.json()).toEqual({
      status: 'confirmation_sent',
      expiresAt: '2026-05-18T08:30:00Z',
    })
    const mail = await backend.lastMessage('lukas.g@example.at', 'email')
    expect(mail?.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse')
    expect(mail?.links[0]).toMatch(
      /^https:\/\/portal\.example\.at\/#\/confirm\?token=[A-Za-z0-9_-]{43}$/,
    )
    expect(mail?.text).not.toContain('evil.example')
  })

  it('writes e-mails in the customer’s language', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration({ locale: 'en' }))
    expect((await backend.lastMessage('lukas.g@example.at'))?.subject).toBe(
      'Please confirm your e-mail address',
    )
  })

  it('stores only a hash of the link token', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration())
    const token = tokenFrom(await backend.lastMessage('lukas.g@example.at'))
    const rows = await backend.db.all<{ token_hash: string }>('SELECT token_hash FROM email_links')
    expect(rows.length).toBe(1)
    expect(rows[0]?.token_hash).not.toContain(token)
    const hash = await backend.db.get<{ password_hash: string }>(
      'SELECT password_hash FROM accounts',
    )
    expect(hash?.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$/)
  })

  it.each([
    [{ password: 'kurz-aber-gut' }, { password: 'too_short' }],
    [{ password: 'x'.repeat(129) }, { password: 'too_long' }],
    [{ password: 'passwordpassword' }, { password: 'too_common' }],
    [{ password: 'password12345678' }, { password: 'too_common' }],
    [{ password: 'Mein-Name-ist-Gruber-1990' }, { password: 'contains_personal_data' }],
    [{ password: 'lukas.g-hat-ein-langes-Passwort' }, { password: 'contains_personal_data' }],
    [{ email: 'not-an-address' }, { email: 'invalid_format' }],
    [{ acceptTerms: false }, { acceptTerms: 'invalid_value' }],
    [{ dateOfBirth: '1990-02-30' }, { dateOfBirth: 'invalid_format' }],
    [{ dateOfBirth: '2030-01-01' }, { dateOfBirth: 'out_of_range' }],
    [{ firstName: '   ' }, { firstName: 'required' }],
  ])('refuses %o with the field named', async (override, fields) => {
    backend = await createTestBackend()
    const response = await backend.json('POST', '/api/v1/registrations', registration(override))
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'validation_failed', fields })
  })

  it('accepts any Unicode, normalised to NFC, and counts code points, not bytes', async () => {
    backend = await createTestBackend()
    // 15 code points, many of them multi-byte: fine.
    const response = await backend.json(
      'POST',
      '/api/v1/registrations',
      registration({ password: 'Ähre-Öl-Über-ß🚗' }),
    )
    expect(response.statusCode).toBe(202)
  })

  it('does not reveal an existing account: same answer, and the owner gets an e-mail instead', async () => {
    backend = await createTestBackend()
    const email = await registerAndConfirm(backend)
    const again = await backend.json(
      'POST',
      '/api/v1/registrations',
      registration({ email: email.toUpperCase() }),
    )
    const fresh = await backend.json(
      'POST',
      '/api/v1/registrations',
      registration({ email: 'new@example.at' }),
    )
    expect(again.statusCode).toBe(fresh.statusCode)
    expect(Object.keys(again.json())).toEqual(Object.keys(fresh.json()))
    expect((await backend.lastMessage(email, 'email'))?.subject).toBe(
      'Sie sind bereits registriert',
    )
  })
})

describe('confirmation', () => {
  it('confirms once; a second click says already confirmed; a matching customer gets the activation letter', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration())
    const token = tokenFrom(await backend.lastMessage('lukas.g@example.at'))
    const first = await backend.json('POST', '/api/v1/registrations/confirm', { token })
    expect(first.json()).toEqual({ status: 'confirmed' })
    const second = await backend.json('POST', '/api/v1/registrations/confirm', { token })
    expect(second.json()).toEqual({ status: 'already_confirmed' })
    const letters = (await backend.json('GET', '/api/v1/dev/outbox?kind=letter')).json().items
    expect(letters).toHaveLength(1)
    expect(letters[0].to).toContain('Mariahilfer Straße 45/12, 1060 Wien')
    expect(letters[0].text).toMatch(/Aktivierungscode: {3}[3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4}/)
    expect((await backend.lastMessage('lukas.g@example.at', 'email'))?.subject).toBe(
      'Ihr Aktivierungscode ist unterwegs',
    )
  })

  it('e-mails the customer to check the details in the app when they match no customer record', async () => {
    backend = await createTestBackend()
    await registerAndConfirm(backend, {
      email: 'nomatch@example.at',
      lastName: 'Anders',
      password: 'Donaukanal-Sonnenuntergang-77',
    })
    const mail = await backend.lastMessage('nomatch@example.at', 'email')
    expect(mail?.subject).toBe('Ihre Registrierung: bitte prüfen Sie Ihre Angaben')
    expect(mail?.text).toContain('Dort können Sie Ihre Angaben korrigieren.')
    expect(mail?.text).toContain('+43 662 2191 4920')
    expect((await backend.json('GET', '/api/v1/dev/outbox?kind=letter')).json().items).toEqual([])
  })

  it('an expired link: 410, the registration and all its rows are deleted, and registering again works', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration())
    const token = tokenFrom(await backend.lastMessage('lukas.g@example.at'))
    backend.clock.advance(24 * 3600)
    const expired = await backend.json('POST', '/api/v1/registrations/confirm', { token })
    expect(expired.statusCode).toBe(410)
    expect(expired.json().error.code).toBe('link_expired')
    expect(await backend.db.get('SELECT COUNT(*) AS n FROM accounts')).toEqual({ n: 1 }) // the demo login only
    expect(await backend.db.get('SELECT COUNT(*) AS n FROM email_links')).toEqual({ n: 0 })
    // Asked again later, the link still says "expired", not "invalid".
    expect(
      (await backend.json('POST', '/api/v1/registrations/confirm', { token })).statusCode,
    ).toBe(410)
    const again = await backend.json('POST', '/api/v1/registrations', registration())
    expect(again.statusCode).toBe(202)
  })

  it('the sweep at start deletes expired unconfirmed registrations', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration())
    const dataDir = backend.dataDir
    backend.clock.advance(25 * 3600)
    await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: 1 })
    await backend.close()
    backend = await createTestBackend({ dataDir })
    backend.clock.advance(25 * 3600)
    const { sweepExpiredRegistrations } =
      await import('../../../src/backend/services/registrations.ts')
    await sweepExpiredRegistrations(backend.app.services)
    const pending = await backend.db.get(
      "SELECT COUNT(*) AS n FROM accounts WHERE status = 'pending'",
    )
    expect(pending).toEqual({ n: 0 })
  })

  it('an unknown or malformed token is invalid', async () => {
    backend = await createTestBackend()
    const unknown = await backend.json('POST', '/api/v1/registrations/confirm', {
      token: 'A'.repeat(43),
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.code).toBe('link_invalid')
    const malformed = await backend.json('POST', '/api/v1/registrations/confirm', {
      token: '../../etc',
    })
    expect(malformed.statusCode).toBe(400)
  })

  it('resend always answers 202 and sends a new link only for a pending registration', async () => {
    backend = await createTestBackend()
    await backend.json('POST', '/api/v1/registrations', registration())
    const before = tokenFrom(await backend.lastMessage('lukas.g@example.at'))
    const resent = await backend.json('POST', '/api/v1/registrations/resend', {
      email: ' Lukas.G@example.at ',
    })
    const unknown = await backend.json('POST', '/api/v1/registrations/resend', {
      email: 'nobody@example.at',
    })
    expect(resent.statusCode).toBe(202)
    expect(unknown.statusCode).toBe(202)
    expect(resent.body).toBe(unknown.body)
    const after = tokenFrom(await backend.lastMessage('lukas.g@example.at'))
    expect(after).not.toBe(before)
    expect(
      (await backend.json('POST', '/api/v1/registrations/confirm', { token: after })).statusCode,
    ).toBe(200)
    expect(await backend.lastMessage('nobody@example.at')).toBeUndefined()
  })
})

describe('rate limits', () => {
  it('answer 429 with Retry-After: resend per address (5 per hour)', async () => {
    backend = await createTestBackend()
    for (let i = 0; i < 5; i++) {
      const ok = await backend.json(
        'POST',
        '/api/v1/registrations/resend',
        { email: 'a@example.at' },
        {},
      )
      expect(ok.statusCode).toBe(202)
    }
    const limited = await backend.json('POST', '/api/v1/registrations/resend', {
      email: 'a@example.at',
    })
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.code).toBe('rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    backend.clock.advance(3601)
    expect(
      (await backend.json('POST', '/api/v1/registrations/resend', { email: 'a@example.at' }))
        .statusCode,
    ).toBe(202)
  })

  it('per client address for registration, resend and reset (configurable)', async () => {
    backend = await createTestBackend({
      config: { rateLimits: { mailPerClient: { max: 3, windowSeconds: 600 } } as never },
    })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await backend.json('POST', '/api/v1/password-resets', { email: `p${i}@example.at` }))
          .statusCode,
      )
    }
    expect(statuses).toEqual([202, 202, 202, 429])
  })

  it('per client address for sign-in (60 per minute)', async () => {
    backend = await createTestBackend()
    const statuses: number[] = []
    for (let i = 0; i < 61; i++) {
      const r = await backend.json('POST', '/api/v1/sessions', {
        email: `u${i}@example.at`,
        password: GOOD_PASSWORD,
      })
      statuses.push(r.statusCode)
    }
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true)
    expect(statuses[60]).toBe(429)
  })
})
