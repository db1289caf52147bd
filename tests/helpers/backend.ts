/** Builds a real backend (file database in a temp dir) with a fake clock, for tests through inject. */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { inject, it } from 'vitest'
import { createFixedClock, type AdjustableClock } from '../../src/backend/clock.ts'
import type { BackendConfigOverrides } from '../../src/backend/config.ts'
import { createBackend, type Backend, type BackendOperations } from '../../src/backend/index.ts'
import { createPasswordHasher } from '../../src/host/password-hasher.ts'

/** argon2id at OWASP's floor: real hashing, faster tests. */
export const testHasher = createPasswordHasher(
  { memoryCostKiB: 19_456, timeCost: 2, parallelism: 1 },
  4,
)

export interface TestBackend extends Backend {
  clock: AdjustableClock
  dataDir: string
  /** What the backend logged (the sender worker's failed deliveries). */
  logLines: string[]
  json(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
  /** The newest outbox message to an address (and kind), via the repository. */
  lastMessage(
    to: string,
    kind?: 'email' | 'letter',
  ): Promise<{ subject: string; text: string; links: string[] } | undefined>
  dispose(): Promise<void>
}

/**
 * On the PostgreSQL run (MMF_TEST_ENGINE=postgres, tests/helpers/postgres-global-setup.ts):
 * the database of the test backend with this data directory, made on first use,
 * so that a backend started again on the same directory finds its data (as on
 * SQLite, where the file lies in it); null on the SQLite run.
 */
export async function testDatabase(
  dataDir: string,
): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (process.env.MMF_TEST_ENGINE !== 'postgres') return null
  const admin = inject('postgresUrl')
  if (!admin) throw new Error(inject('postgresMissing') || 'no PostgreSQL server for this run')
  const name = `mmf_${createHash('sha256').update(dataDir).digest('hex').slice(0, 32)}`
  const onAdmin = async (sql: string, tolerated?: string): Promise<void> => {
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    try {
      await client.query(sql)
    } catch (error) {
      if ((error as { code?: string }).code !== tolerated) throw error
    } finally {
      await client.end()
    }
  }
  // 42P04: it exists already (a restart on the same directory).
  await onAdmin(`CREATE DATABASE ${name}`, '42P04')
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

/** The secret key of the test backend on a data directory (32 bytes). */
export function testSecretKey(dataDir: string): Buffer {
  return createHash('sha256').update(`secret-key:${dataDir}`).digest()
}

/** Creates a backend; `demo` defaults to true. The clock starts at 2026-05-17 08:30 UTC. */
export async function createTestBackend(
  options: {
    demo?: boolean
    config?: BackendConfigOverrides
    dataDir?: string
    /** File the demo's 10,000 letters of the bulk customer (slow; only the tests that need them). */
    bulkDocuments?: boolean
    /** The standalone server's JSON log and metrics' hooks. */
    operations?: BackendOperations
  } = {},
): Promise<TestBackend> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mmf-test-'))
  const clock = createFixedClock('2026-05-17T08:30:00Z')
  const logLines: string[] = []
  const database = await testDatabase(dataDir)
  const backend = await createBackend({
    dataDir,
    // PostgreSQL needs a configured key (SQLite makes its key file in the data directory):
    // one per data directory, so that a restart on it opens what it sealed.
    ...(database ? { database: database.url, secretKey: testSecretKey(dataDir) } : {}),
    demo: options.demo ?? true,
    clock,
    hasher: testHasher,
    demoBulkDocuments: options.bulkDocuments ?? false,
    log: (line) => logLines.push(line),
    ...(options.config ? { config: options.config } : {}),
    ...(options.operations ? { operations: options.operations } : {}),
  })
  // In demo mode createBackend wraps the clock; advancing ours moves both.
  let disposed = false
  return {
    ...backend,
    clock,
    dataDir,
    logLines,
    json: (method, url, body, headers = {}) =>
      backend.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      }),
    async lastMessage(to, kind) {
      const [newest] = await backend.app.services.repos.outbox.list({
        to,
        ...(kind ? { kind } : {}),
        limit: 1,
      })
      return newest
    },
    async dispose() {
      // Once only: a file's afterEach may meet the backend of a test that closed it already.
      if (disposed) return
      disposed = true
      await backend.close()
      // The directory's owner drops its database too; a restart's backend leaves it.
      if (!options.dataDir) await database?.drop()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The token from a myminifinance:// link in a message. */
export function tokenFrom(message: { links: string[] } | undefined): string {
  const link = message?.links[0]
  if (!link) throw new Error('no link in the message')
  const token = new URL(link).searchParams.get('token')
  if (!token) throw new Error(`no token in ${link}`)
  return token
}

export const GOOD_PASSWORD = 'Donaukanal-Sonnenuntergang-77'

/** A registration body for a demo customer (Lukas Gruber matches the demo records). */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    email: 'lukas.g@example.at',
    password: GOOD_PASSWORD,
    salutation: 'mr',
    firstName: 'Lukas',
    lastName: 'Gruber',
    dateOfBirth: '1990-07-28',
    customerNumber: '100517903',
    acceptTerms: true,
    locale: 'de',
    ...overrides,
  }
}

/** Registers and confirms an account; returns its address. */
export async function registerAndConfirm(
  backend: TestBackend,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const body = registration(overrides)
  const response = await backend.json('POST', '/api/v1/registrations', body)
  if (response.statusCode !== 202)
    throw new Error(`register: ${response.statusCode} ${response.body}`)
  const email = String(body.email)
  const token = tokenFrom(await backend.lastMessage(email, 'email'))
  const confirmed = await backend.json('POST', '/api/v1/registrations/confirm', { token })
  if (confirmed.statusCode !== 200)
    throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`)
  return email
}

/** Whether this is the backend tests' PostgreSQL run (MMF_TEST_ENGINE=postgres). */
export const onPostgres = process.env.MMF_TEST_ENGINE === 'postgres'

/**
 * A test of something only SQLite has (a database file, its query planner, its
 * upgrade from earlier releases): on the PostgreSQL run it is skipped, and says why.
 */
export function itOnSqlite(name: string, reason: string, fn: () => Promise<void>): void {
  if (onPostgres) console.log(`skipped on PostgreSQL: "${name}": ${reason}`)
  it.skipIf(onPostgres)(name, fn)
}
