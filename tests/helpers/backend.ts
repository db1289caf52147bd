/** Builds a real backend (file database in a temp dir) with a fake clock, for tests through inject. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
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
  ): { subject: string; text: string; links: string[] } | undefined
  dispose(): Promise<void>
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
  const backend = await createBackend({
    dataDir,
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
    lastMessage(to, kind) {
      return backend.app.services.repos.outbox.list({ to, ...(kind ? { kind } : {}), limit: 1 })[0]
    },
    async dispose() {
      // Once only: a file's afterEach may meet the backend of a test that closed it already.
      if (disposed) return
      disposed = true
      await backend.close()
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
  const token = tokenFrom(backend.lastMessage(email, 'email'))
  const confirmed = await backend.json('POST', '/api/v1/registrations/confirm', { token })
  if (confirmed.statusCode !== 200)
    throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`)
  return email
}
