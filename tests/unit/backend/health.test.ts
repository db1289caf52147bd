/**
 * GET /healthz and GET /readyz (api.md "Operations"): the load balancer takes a node
 * out of rotation when its database stops answering or a newer node has migrated
 * the database past this code; the probes never count against the rate limits.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { defaultBackendConfig } from '../../../src/backend/config.ts'
import { NEWEST_SCHEMA } from '../../../src/backend/operations.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

/** A statement on the backend's database from outside its requests, as another node (or an operator) runs it. */
async function elsewhere(
  b: TestBackend,
  sql: string,
  ...params: (string | number)[]
): Promise<void> {
  await b.db.run(sql, ...params)
}

describe('the health probes', () => {
  it('answer 200 at the root while the process runs and the database is current', async () => {
    backend = await createTestBackend({ demo: false })
    const health = await backend.json('GET', '/healthz')
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({ status: 'ok' })
    const ready = await backend.json('GET', '/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready' })
    expect(await backend.readiness()).toEqual({ ready: true })
    // Outside the API's prefix: the balancer's paths are not the app's.
    expect((await backend.json('GET', '/api/v1/healthz')).statusCode).toBe(404)
    expect((await backend.json('GET', '/api/v1/readyz')).statusCode).toBe(404)
  })

  it('answer 503 not ready once a newer version has migrated the database', async () => {
    backend = await createTestBackend({ demo: false })
    await elsewhere(
      backend,
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
      NEWEST_SCHEMA + 1,
      'from-the-future',
      '2026-12-07T00:00:00Z',
    )
    const ready = await backend.json('GET', '/readyz')
    expect(ready.statusCode).toBe(503)
    expect(ready.json()).toEqual({ status: 'not_ready', reason: 'schema_newer' })
    // The process still runs: the orchestrator must not restart it for this.
    expect((await backend.json('GET', '/healthz')).statusCode).toBe(200)
  })

  it('answer 503 when the database lacks this code’s newest migration', async () => {
    backend = await createTestBackend({ demo: false })
    await elsewhere(backend, 'DELETE FROM schema_migrations WHERE version = ?', NEWEST_SCHEMA)
    const ready = await backend.json('GET', '/readyz')
    expect(ready.statusCode).toBe(503)
    expect(ready.json()).toEqual({ status: 'not_ready', reason: 'schema_outdated' })
  })

  it('answer 503 when the database does not answer (closed)', async () => {
    backend = await createTestBackend({ demo: false })
    await backend.db.close()
    const ready = await backend.json('GET', '/readyz')
    expect(ready.statusCode).toBe(503)
    expect(ready.json()).toEqual({ status: 'not_ready', reason: 'database_unavailable' })
    // No connection is idle: none is left to take a query.
    expect(backend.databaseStats()).toMatchObject({ idle: 0, waiting: 0 })
  })

  it('never count against the general rate limit of a client address', async () => {
    backend = await createTestBackend({
      demo: false,
      config: {
        rateLimits: {
          ...defaultBackendConfig.rateLimits,
          requestsPerClient: { max: 2, windowSeconds: 3600 },
        },
      },
    })
    for (let i = 0; i < 5; i++) {
      expect((await backend.json('GET', '/readyz')).statusCode).toBe(200)
      expect((await backend.json('GET', '/healthz')).statusCode).toBe(200)
    }
    expect((await backend.json('GET', '/api/v1/support')).statusCode).toBe(200)
    expect((await backend.json('GET', '/api/v1/support')).statusCode).toBe(200)
    expect((await backend.json('GET', '/api/v1/support')).statusCode).toBe(429)
    // A limited client's probes still pass: the proxy's address is a client too.
    expect((await backend.json('GET', '/readyz')).statusCode).toBe(200)
  })
})
