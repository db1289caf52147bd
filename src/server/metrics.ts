/**
 * The API server's metrics in Prometheus's text format (prom-client), on a port of
 * their own (`--metrics-port`), never on the API's: requests and their latency per
 * route and status, the database connections, the outbox's backlog, wrong passwords
 * and locks, and Node's process metrics. docs/operations.md says what each means.
 */
import { createServer, type Server } from 'node:http'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { AnsweredRequest, BackendOperations, DatabaseStats } from '../host/app-host.ts'
import { listen } from './http-server.ts'

/** What the gauges read at each scrape: the running backend. */
export interface MetricsSources {
  databaseStats(): DatabaseStats
  outboxBacklog(): Promise<number>
}

export interface ServerMetrics {
  registry: Registry
  /** The backend's hooks that count requests, wrong passwords and locks. */
  operations: Required<Pick<BackendOperations, 'onRequestDone' | 'events'>>
  /** Connects the gauges to the backend once it runs. */
  watch(sources: MetricsSources): void
}

/** Latency buckets in seconds: a fast answer (5 ms) to a slow PDF or argon2 check (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Registers the metrics in a registry of their own (one per server). */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry()
  let sources: MetricsSources | null = null
  const labelNames = ['method', 'route', 'status'] as const
  const requests = new Counter({
    name: 'mmf_http_requests_total',
    help: 'Answered HTTP requests, by method, route pattern and status.',
    labelNames,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'mmf_http_request_duration_seconds',
    help: 'Time from the request to the end of its answer, by method, route pattern and status.',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const pool = (name: string, help: string, read: (stats: DatabaseStats) => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        if (sources) this.set(read(sources.databaseStats()))
      },
    })
  }
  pool('mmf_db_pool_connections', 'Database connections open.', (stats) => stats.total)
  pool('mmf_db_pool_idle_connections', 'Database connections open and idle.', (s) => s.idle)
  pool('mmf_db_pool_waiting_queries', 'Queries waiting for a connection.', (s) => s.waiting)
  new Gauge({
    name: 'mmf_outbox_backlog',
    help: 'E-mails written and not yet sent (waiting for their first attempt or a retry).',
    registers: [registry],
    async collect() {
      if (sources) this.set(await sources.outboxBacklog())
    },
  })
  const failures = new Counter({
    name: 'mmf_sign_in_failures_total',
    help: 'Wrong passwords, at sign-in or when confirming a change (one count per address).',
    registers: [registry],
  })
  const locks = new Counter({
    name: 'mmf_account_locks_total',
    help: 'Addresses locked by the wrong password that reached the limit.',
    registers: [registry],
  })
  collectDefaultMetrics({ register: registry })
  return {
    registry,
    operations: {
      onRequestDone({ method, route, status, seconds }: AnsweredRequest) {
        const labels = { method, route, status: String(status) }
        requests.inc(labels)
        latency.observe(labels, seconds)
      },
      events: {
        passwordFailed: () => failures.inc(),
        accountLocked: () => locks.inc(),
      },
    },
    watch(next) {
      sources = next
    },
  }
}

export interface RunningMetrics {
  port: number
  close(): Promise<void>
}

/** Serves GET /metrics (and nothing else) on its own port. */
export async function startMetricsServer(options: {
  host: string
  port: number
  registry: Registry
  log: (line: string) => void
}): Promise<RunningMetrics> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n')
      return
    }
    options.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
      (error: unknown) => {
        options.log(`metrics failed: ${error instanceof Error ? error.message : String(error)}`)
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Failed\n')
      },
    )
  })
  return {
    port: await listen(server, options.host, options.port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
