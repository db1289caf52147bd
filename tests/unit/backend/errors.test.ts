/** The one error format (api.md) for everything that can go wrong, also where Fastify answers itself. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/backend/app.ts'
import { createFixedClock } from '../../../src/backend/clock.ts'
import { validateBackendConfig } from '../../../src/backend/config.ts'
import { openDatabase } from '../../../src/backend/db/connection.ts'
import { createTestBackend, testHasher, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const errorBody = (code: string) => ({ error: { code, message: expect.any(String) } })

describe('error answers', () => {
  it('answers a known path with another method with 404 not_found, like an unknown path', async () => {
    backend = await createTestBackend()
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      const response = await backend.app.inject({ method, url: '/api/v1/support' })
      expect(response.statusCode, method).toBe(404)
      expect(response.json()).toEqual(errorBody('not_found'))
      expect(response.headers.allow, method).toBeUndefined()
    }
  })

  it('carries no-store and nosniff on answers and errors alike', async () => {
    backend = await createTestBackend()
    const answers = [
      await backend.json('GET', '/api/v1/support'),
      await backend.json('GET', '/api/v1/openapi.json'),
      await backend.json('GET', '/api/v1/nothing'),
      await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: 'soon' }),
      await backend.app.inject({ method: 'GET', url: '/api/v1/%zz' }),
    ]
    for (const response of answers) {
      expect(response.headers['cache-control'], response.body).toBe('no-store')
      expect(response.headers['x-content-type-options'], response.body).toBe('nosniff')
      expect(response.headers['content-type']).toMatch(/^application\/json/)
    }
  })

  it('answers an undecodable URL in the error format, not with Fastify’s own', async () => {
    backend = await createTestBackend()
    const response = await backend.app.inject({ method: 'GET', url: '/api/v1/%zz' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(errorBody('validation_failed'))
    expect(response.body).not.toMatch(/FST_ERR/)
  })

  it('treats a body that does not match its Content-Length as unreadable (400), not as a media type', async () => {
    backend = await createTestBackend()
    const response = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/dev/clock',
      headers: { 'content-type': 'application/json', 'content-length': '3' },
      payload: '{"advanceSeconds":1}',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { body: 'malformed_json' },
    })
  })

  it('refuses prototype pollution in a body as malformed, and the clock does not move', async () => {
    backend = await createTestBackend()
    for (const payload of [
      '{"__proto__":{"advanceSeconds":60}}',
      '{"constructor":{"prototype":{"advanceSeconds":60}}}',
    ]) {
      const response = await backend.app.inject({
        method: 'POST',
        url: '/api/v1/dev/clock',
        headers: { 'content-type': 'application/json' },
        payload,
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.fields).toEqual({ body: 'malformed_json' })
    }
    expect(backend.app.services.clock.now().toISOString()).toBe('2026-05-17T08:30:00.000Z')
  })

  it('names the field and the reason for each kind of schema violation', async () => {
    backend = await createTestBackend()
    const cases: [unknown, Record<string, string>][] = [
      [{}, { advanceSeconds: 'required' }],
      [{ advanceSeconds: 60, extra: 1 }, { extra: 'unknown_property' }],
      [{ advanceSeconds: 1.5 }, { advanceSeconds: 'invalid_type' }],
      [{ advanceSeconds: true }, { advanceSeconds: 'invalid_type' }],
      [{ advanceSeconds: 0 }, { advanceSeconds: 'out_of_range' }],
      [{ advanceSeconds: 31_536_001 }, { advanceSeconds: 'out_of_range' }],
      [[], { body: 'invalid_type' }],
      [null, { body: 'invalid_type' }],
    ]
    for (const [body, fields] of cases) {
      const response = await backend.json('POST', '/api/v1/dev/clock', body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json(), JSON.stringify(body)).toEqual({
        error: { code: 'validation_failed', message: expect.any(String), fields },
      })
    }
    const query = await backend.json('GET', '/api/v1/dev/outbox?kind=fax')
    expect(query.json().error.fields).toEqual({ kind: 'invalid_value' })
    const unknown = await backend.json('GET', '/api/v1/dev/outbox?admin=1')
    expect(unknown.json().error.fields).toEqual({ admin: 'unknown_property' })
    expect(backend.app.services.clock.now().toISOString()).toBe('2026-05-17T08:30:00.000Z')
  })

  it('answers an unexpected failure with 500 internal_error and nothing of its details', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmf-errors-'))
    const db = await openDatabase(join(dir, 'mmf.sqlite'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    cleanups.push(() => db.close())
    const clock = createFixedClock('2026-05-17T08:30:00Z')
    const app = await buildApp({
      db,
      clock,
      config: validateBackendConfig({}),
      hasher: testHasher,
      secretKey: Buffer.alloc(32, 7),
    })
    cleanups.push(() => app.close())
    app.get('/api/v1/boom', async () => {
      throw new Error('SQLITE_CORRUPT at /home/secret/mmf.sqlite')
    })
    const response = await app.inject({ method: 'GET', url: '/api/v1/boom' })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual(errorBody('internal_error'))
    expect(response.body).not.toMatch(/SQLITE|secret|stack/i)
  })
})
