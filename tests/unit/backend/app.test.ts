import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

describe('the API conventions', () => {
  it('serves the seed FAQ’s support contacts, and configured ones instead', async () => {
    backend = await createTestBackend()
    const response = await backend.json('GET', '/api/v1/support')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ phone: '+43 662 2191 4920', email: 'ksc@mini.at' })
    expect(response.headers['cache-control']).toBe('no-store')
    await backend.dispose()
    backend = await createTestBackend({
      config: { support: { phone: '+43 1 234 5678', email: 'hilfe@example.at', hours: 'Mo–Do' } },
    })
    expect((await backend.json('GET', '/api/v1/support')).json()).toEqual({
      phone: '+43 1 234 5678',
      email: 'hilfe@example.at',
      hours: 'Mo–Do',
    })
  })

  it('rejects unknown properties instead of dropping them', async () => {
    backend = await createTestBackend()
    const response = await backend.json('POST', '/api/v1/registrations/resend', {
      email: 'a@b.at',
      admin: true,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: expect.any(String),
        fields: { admin: 'unknown_property' },
      },
    })
  })

  it('does not coerce types', async () => {
    backend = await createTestBackend()
    const response = await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: '60' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({ advanceSeconds: 'invalid_type' })
  })

  it('answers malformed JSON with 400 and a non-JSON body with 415', async () => {
    backend = await createTestBackend()
    const malformed = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/registrations/resend',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { body: 'malformed_json' },
    })
    const text = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/registrations/resend',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a@b.at',
    })
    expect(text.statusCode).toBe(415)
    expect(text.json().error.code).toBe('unsupported_media_type')
    // An empty form body (what a browser sends for a POST without data) still is a form body
    // on a call that wants JSON...
    const emptyForm = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/registrations/resend',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
    })
    expect(emptyForm.statusCode).toBe(400)
    // ...but is no reason to refuse a call that takes no body at all.
    const noBody = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/me/activation/letters',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
    })
    expect(noBody.statusCode).toBe(401)
  })

  it('answers unknown routes with 404 not_found in the error format', async () => {
    backend = await createTestBackend()
    for (const url of ['/api/v1/nothing', '/api/v2/support', '/', '/api/v1/support/']) {
      const response = await backend.json('GET', url)
      expect(response.statusCode, url).toBe(404)
      expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
    }
  })

  it('refuses a body larger than the limit', async () => {
    backend = await createTestBackend({ config: { bodyLimitBytes: 1024 } })
    const response = await backend.json('POST', '/api/v1/registrations/resend', {
      email: `${'a'.repeat(2000)}@b.at`,
    })
    expect(response.statusCode).toBe(413)
    expect(response.json().error.code).toBe('payload_too_large')
  })
})

describe('the OpenAPI document', () => {
  it('lists every route with its schemas; dev routes only in demo mode', async () => {
    backend = await createTestBackend()
    const document = (await backend.json('GET', '/api/v1/openapi.json')).json()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/support',
        '/api/v1/registrations',
        '/api/v1/registrations/confirm',
        '/api/v1/sessions',
        '/api/v1/sessions/refresh',
        '/api/v1/sessions/current',
        '/api/v1/password-resets',
        '/api/v1/me/password',
        '/api/v1/dev/outbox',
        '/api/v1/dev/clock',
        '/api/v1/dev/customers',
      ]),
    )
    const register = document.paths['/api/v1/registrations'].post
    expect(register.requestBody.content['application/json'].schema.required).toContain(
      'acceptTerms',
    )
    expect(register.responses['202']).toBeDefined()
    expect(register.responses['400'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ApiError',
    )
    expect(
      document.paths['/api/v1/support'].get.responses['200'].content['application/json'].schema
        .required,
    ).toEqual(['phone', 'email', 'hours'])

    await backend.dispose()
    backend = await createTestBackend({ demo: false })
    const production = (await backend.json('GET', '/api/v1/openapi.json')).json()
    expect(Object.keys(production.paths).some((p) => p.startsWith('/api/v1/dev/'))).toBe(false)
  })
})

describe('demo mode', () => {
  it('has no dev routes outside demo mode', async () => {
    backend = await createTestBackend({ demo: false })
    expect((await backend.json('GET', '/api/v1/dev/outbox')).statusCode).toBe(404)
    expect(
      (await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: 60 })).statusCode,
    ).toBe(404)
    expect((await backend.json('GET', '/api/v1/dev/customers')).statusCode).toBe(404)
  })

  it('moves the clock forward, and the offset survives a restart', async () => {
    backend = await createTestBackend()
    const moved = await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: 3600 })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().now).toBe('2026-05-17T09:30:00.000Z')
    const dataDir = backend.dataDir
    await backend.close()
    const again = await createTestBackend({ dataDir })
    try {
      expect(again.app.services.clock.now().toISOString()).toBe('2026-05-17T09:30:00.000Z')
    } finally {
      await again.dispose()
    }
    backend = await createTestBackend({ dataDir })
  })

  it('lists the demo customers, with at least three not registered and one ready login', async () => {
    backend = await createTestBackend()
    const items = (await backend.json('GET', '/api/v1/dev/customers')).json().items as {
      registered: boolean
      demoLogin: { email: string; password: string } | null
    }[]
    expect(items.length).toBeGreaterThanOrEqual(6)
    expect(items.filter((c) => !c.registered).length).toBeGreaterThanOrEqual(3)
    const ready = items.find((c) => c.demoLogin)
    expect(ready?.registered).toBe(true)
    const signIn = await backend.json('POST', '/api/v1/sessions', ready?.demoLogin)
    expect(signIn.statusCode).toBe(201)
    expect(signIn.json().customer.activated).toBe(true)
  })

  it('lists outbox messages newest first, filtered by address and kind', async () => {
    backend = await createTestBackend()
    const outbox = backend.app.services.outbox
    await outbox.send({ kind: 'email', to: 'a@example.at', subject: 'one', text: 'x' })
    await outbox.send({ kind: 'letter', to: 'A Person, Street 1', subject: 'two', text: 'x' })
    await outbox.send({
      kind: 'email',
      to: 'a@example.at',
      subject: 'three',
      text: 'x',
      links: ['myminifinance://confirm?token=abc'],
    })
    const all = (await backend.json('GET', '/api/v1/dev/outbox')).json().items
    expect(all.map((m: { subject: string }) => m.subject)).toEqual(['three', 'two', 'one'])
    const mine = (await backend.json('GET', '/api/v1/dev/outbox?to=A@EXAMPLE.AT&kind=email')).json()
      .items
    expect(mine.map((m: { subject: string }) => m.subject)).toEqual(['three', 'one'])
    expect(mine[0].links).toEqual(['myminifinance://confirm?token=abc'])
  })
})
