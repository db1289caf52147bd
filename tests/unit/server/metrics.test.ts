/**
 * The API server's Prometheus metrics (docs/operations.md "Metrics"): what a real
 * backend's requests, wrong passwords, locks, database and outbox show on the
 * metrics port, which serves nothing else; the API itself has no /metrics.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_LOGINS } from '../../../src/backend/demo/seed.ts'
import {
  createServerMetrics,
  startMetricsServer,
  type RunningMetrics,
  type ServerMetrics,
} from '../../../src/server/metrics.ts'
import { createTestBackend, registration, type TestBackend } from '../../helpers/backend.ts'

let backend: TestBackend | undefined
let server: RunningMetrics | undefined
afterEach(async () => {
  await server?.close()
  await backend?.dispose()
  server = undefined
  backend = undefined
})

async function measured(
  options: Parameters<typeof createTestBackend>[0] = {},
): Promise<{ b: TestBackend; metrics: ServerMetrics; scrape: () => Promise<string> }> {
  const metrics = createServerMetrics()
  const b = await createTestBackend({ ...options, operations: metrics.operations })
  backend = b
  metrics.watch(b)
  server = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    registry: metrics.registry,
    log: () => undefined,
  })
  const url = `http://127.0.0.1:${server.port}/metrics`
  return {
    b,
    metrics,
    scrape: async () => {
      const answer = await fetch(url)
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
      return answer.text()
    },
  }
}

/** A sample's value in the text format, by its name and labels as written. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('the metrics', () => {
  it('count requests and their latency per method, route pattern and status', async () => {
    const { b, scrape } = await measured({ demo: false })
    await b.json('GET', '/api/v1/support')
    await b.json('GET', '/api/v1/support')
    await b.json('GET', '/api/v1/documents/123')
    await b.json('GET', '/no/such/page')
    const text = await scrape()
    const support = 'method="GET",route="/api/v1/support",status="200"'
    expect(sample(text, `mmf_http_requests_total{${support}}`)).toBe(2)
    expect(sample(text, `mmf_http_request_duration_seconds_count{${support}}`)).toBe(2)
    expect(sample(text, `mmf_http_request_duration_seconds_bucket{le="+Inf",${support}}`)).toBe(2)
    expect(sample(text, `mmf_http_request_duration_seconds_sum{${support}}`)).toBeGreaterThan(0)
    // The pattern, not the id: one series however many documents are asked for.
    expect(
      sample(
        text,
        'mmf_http_requests_total{method="GET",route="/api/v1/documents/:id",status="401"}',
      ),
    ).toBe(1)
    expect(
      sample(text, 'mmf_http_requests_total{method="GET",route="unmatched",status="404"}'),
    ).toBe(1)
    expect(text).not.toContain('documents/123')
  })

  it('count wrong passwords and the lock the last of them causes', async () => {
    const { b, scrape } = await measured()
    const email = Object.values(DEMO_LOGINS)[0]?.email
    for (let i = 0; i < 3; i++) {
      await b.json('POST', '/api/v1/sessions', { email, password: 'Falsches-Passwort-12345' })
    }
    const text = await scrape()
    expect(sample(text, 'mmf_sign_in_failures_total')).toBe(3)
    expect(sample(text, 'mmf_account_locks_total')).toBe(1)
  })

  it('show the database connections and the e-mails waiting to be sent', async () => {
    // A mail server that refuses: the confirmation e-mail stays pending for its retry.
    const { b, scrape } = await measured({
      demo: false,
      config: { smtp: { host: '127.0.0.1', port: 1, secure: false, from: 'noreply@mini.at' } },
    })
    const before = await scrape()
    expect(sample(before, 'mmf_outbox_backlog')).toBe(0)
    expect(sample(before, 'mmf_db_pool_connections')).toBe(1)
    expect(sample(before, 'mmf_db_pool_idle_connections')).toBe(1)
    expect(sample(before, 'mmf_db_pool_waiting_queries')).toBe(0)
    expect((await b.json('POST', '/api/v1/registrations', registration())).statusCode).toBe(202)
    expect(sample(await scrape(), 'mmf_outbox_backlog')).toBe(1)
  })

  it('include the process’s own metrics (CPU, memory, event loop)', async () => {
    const { scrape } = await measured({ demo: false })
    const text = await scrape()
    expect(text).toContain('process_cpu_seconds_total')
    expect(text).toContain('nodejs_eventloop_lag_seconds')
  })

  it('are served at GET /metrics on their own port only, never by the API', async () => {
    const { b } = await measured({ demo: false })
    const base = `http://127.0.0.1:${server?.port}`
    expect((await fetch(`${base}/`)).status).toBe(404)
    expect((await fetch(`${base}/api/v1/support`)).status).toBe(404)
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404)
    expect((await b.json('GET', '/metrics')).statusCode).toBe(404)
  })
})
