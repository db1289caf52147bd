/**
 * Two standalone servers (real processes, from the sources) on one PostgreSQL
 * database behave as one: they migrate it once when they start together, a lock
 * holds against wrong passwords split across them, a reset link works once, an
 * Idempotency-Key files one request, a rate limit counts both, every e-mail goes
 * out once while both run senders, and a node killed mid-write loses nothing it
 * acknowledged while the other goes on. Only on the PostgreSQL run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LATEST_MIGRATION } from '../../../src/backend/db/migrate.ts'
import { DEMO_LOGINS } from '../../../src/backend/demo/seed.ts'
import {
  GOOD_PASSWORD,
  onPostgres,
  registration,
  testDatabase,
  tokenFrom,
} from '../../helpers/backend.ts'
import { totpCode } from '../../helpers/mfa.ts'
import { startSmtpServer, waitUntil, type TestSmtpServer } from '../../helpers/smtp.ts'

const root = join(import.meta.dirname, '../../..')
const SECRET_KEY = randomBytes(32).toString('base64')
const ANNA = Object.values(DEMO_LOGINS)[0] as { email: string; password: string }

interface Node {
  name: string
  port: number
  process: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

let dataDir = ''
let database: { url: string; drop(): Promise<void> } | null = null
let smtp: TestSmtpServer
let a: Node
let b: Node
const nodes: Node[] = []

/** Starts a server process on the shared database; resolves once it listens. */
async function startNode(name: string, url: string): Promise<Node> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'src/server/index.ts'),
      '--database',
      url,
      '--port',
      '0',
      '--demo',
      // Each test speaks for its own client address, as a proxy in front would say.
      '--trust-proxy',
      '127.0.0.1',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MMF_SMTP_HOST: '127.0.0.1',
        MMF_SMTP_PORT: String(smtp.port),
        MMF_SMTP_SECURE: 'false',
        MMF_SMTP_FROM: 'My MINI Finance <no-reply@mini.at>',
        // The same secret key on both nodes (required with --database).
        MMF_SECRET_KEY: SECRET_KEY,
      },
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  await waitUntil(
    () => /on http:\/\/127\.0\.0\.1:\d+\//.test(output) || child.exitCode !== null,
    60_000,
    `node ${name}`,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; it said:\n${output}`)
  })
  if (child.exitCode !== null) throw new Error(`node ${name} ended (${child.exitCode}):\n${output}`)
  const port = Number(/on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1])
  const node = { name, port, process: child, output: () => output, exited }
  nodes.push(node)
  return node
}

interface Answer {
  status: number
  body: Record<string, unknown>
}

/** A request to `node` as the client `client` (X-Forwarded-For through the trusted proxy). */
async function call(
  node: Node,
  client: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${node.port}${path}`, {
    method,
    headers: {
      'x-forwarded-for': client,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} }
}

/** The newest demo-mailbox message to `to` (either node: they share the outbox). */
async function lastMail(to: string): Promise<{ links: string[] } | undefined> {
  const answer = await call(a, '10.0.0.1', 'GET', `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)
  return (answer.body.items as { links: string[] }[] | undefined)?.[0]
}

/** A registered and confirmed account (through node A), for tests of its own. */
async function confirmedAccount(client: string): Promise<string> {
  const email = `two-nodes-${randomUUID().slice(0, 8)}@example.at`
  const registered = await call(a, client, 'POST', '/api/v1/registrations', registration({ email }))
  expect(registered.status).toBe(202)
  const token = tokenFrom(await lastMail(email))
  const confirmed = await call(b, client, 'POST', '/api/v1/registrations/confirm', { token })
  expect(confirmed.status).toBe(200)
  return email
}

async function query<T>(sql: string, ...params: string[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: database?.url })
  await client.connect()
  try {
    return (await client.query(sql, params)).rows as T[]
  } finally {
    await client.end()
  }
}

if (!onPostgres) {
  console.log(
    'skipped on SQLite: two nodes on one database need PostgreSQL (MMF_TEST_ENGINE=postgres)',
  )
}

describe.skipIf(!onPostgres)('two nodes on one PostgreSQL database', () => {
  beforeAll(async () => {
    smtp = await startSmtpServer()
    dataDir = mkdtempSync(join(tmpdir(), 'mmf-two-nodes-'))
    database = await testDatabase(dataDir)
    if (!database) throw new Error('no PostgreSQL database')
    // Together, on an empty database: both migrate and seed it, one of them for real.
    ;[a, b] = await Promise.all([startNode('A', database.url), startNode('B', database.url)])
  }, 120_000)

  afterAll(async () => {
    for (const node of nodes) if (node.process.exitCode === null) node.process.kill('SIGKILL')
    await Promise.all(nodes.map((node) => node.exited))
    await database?.drop()
    await smtp?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('started together on an empty database, they migrated it once and are both ready', async () => {
    const rows = await query<{ version: number }>('SELECT version FROM schema_migrations')
    expect(rows.map((r) => Number(r.version)).sort((x, y) => x - y)).toEqual(
      Array.from({ length: LATEST_MIGRATION }, (_, i) => i + 1),
    )
    for (const node of [a, b]) {
      expect((await call(node, '10.0.0.2', 'GET', '/readyz')).status).toBe(200)
    }
    // The demo data exists once, whichever node seeded it.
    const [customers] = await query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM customers WHERE customer_number = '100517903'`,
    )
    expect(Number(customers?.n)).toBe(1)
  })

  it('20 parallel wrong passwords split across both nodes cannot get past the lock', async () => {
    const email = await confirmedAccount('10.0.1.1')
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2 === 0 ? a : b, `10.0.1.${10 + i}`, 'POST', '/api/v1/sessions', {
          email,
          password: `Falsch-${i}-Passwort-mit-Länge`,
        }),
      ),
    )
    const statuses = answers.map((answer) => answer.status)
    // At most two wrong passwords are told apart (attempts left); the third locks.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(2)
    expect(statuses).toContain(423)
    expect(statuses.every((s) => [401, 423, 429].includes(s))).toBe(true)
    // The right password now opens neither node.
    for (const node of [a, b]) {
      const right = await call(node, '10.0.1.99', 'POST', '/api/v1/sessions', {
        email,
        password: GOOD_PASSWORD,
      })
      expect(right.status).toBe(423)
    }
  })

  it('a second-factor code used on one node is refused on the other; a recovery code used on both at once signs in once', async () => {
    const email = await confirmedAccount('10.0.7.1')
    const signedIn = await call(a, '10.0.7.1', 'POST', '/api/v1/sessions', {
      email,
      password: GOOD_PASSWORD,
    })
    const auth = { authorization: `Bearer ${String(signedIn.body.accessToken)}` }
    const started = await call(
      a,
      '10.0.7.1',
      'POST',
      '/api/v1/me/mfa/totp',
      { password: GOOD_PASSWORD },
      auth,
    )
    const secret = String(started.body.secret)
    const enabled = await call(
      b,
      '10.0.7.1',
      'POST',
      '/api/v1/me/mfa/totp/confirm',
      { enrolmentId: started.body.enrolmentId, code: totpCode(secret, new Date()) },
      auth,
    )
    expect(enabled.status).toBe(200)
    const recoveryCodes = enabled.body.recoveryCodes as string[]
    const challenge = async (node: Node): Promise<string> => {
      const answer = await call(node, '10.0.7.2', 'POST', '/api/v1/sessions', {
        email,
        password: GOOD_PASSWORD,
      })
      expect(answer.status).toBe(200)
      return String(answer.body.challengeId)
    }
    const codeStep = (node: Node, challengeId: string, code: string) =>
      call(node, '10.0.7.2', 'POST', '/api/v1/sessions/mfa', { challengeId, code })
    // One recovery code on both nodes at once: one signs in, the other is a wrong code.
    // (With no wrong code before it: each check in flight holds a place in the
    // three-strike count until it is decided, so after an earlier wrong code the
    // losing one could be the third, and lock.)
    const [onA, onB] = [await challenge(a), await challenge(b)]
    const both = await Promise.all([
      codeStep(a, onA, recoveryCodes[0] ?? ''),
      codeStep(b, onB, recoveryCodes[0] ?? ''),
    ])
    expect(both.map((answer) => answer.status).sort()).toEqual([201, 401])
    // The next step's code (the enrolment used this one's): within the window either way.
    const code = totpCode(secret, new Date(), 1)
    expect((await codeStep(a, await challenge(a), code)).status).toBe(201)
    const replay = await codeStep(b, await challenge(b), code)
    expect(replay.status).toBe(401)
    expect(replay.body.error).toMatchObject({ code: 'invalid_code' })
  })

  it('two parallel uses of one reset link, one per node: exactly one wins', async () => {
    const email = await confirmedAccount('10.0.2.1')
    expect((await call(a, '10.0.2.1', 'POST', '/api/v1/password-resets', { email })).status).toBe(
      202,
    )
    const token = tokenFrom(await lastMail(email))
    const answers = await Promise.all(
      [a, b].map((node, i) =>
        call(node, '10.0.2.2', 'POST', '/api/v1/password-resets/confirm', {
          token,
          newPassword: `Neues-Passwort-Nummer-${i}-Donau`,
        }),
      ),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400])
    expect(answers.find((answer) => answer.status === 400)?.body.error).toMatchObject({
      code: 'link_invalid',
    })
  })

  it('the same Idempotency-Key on both nodes files one request', async () => {
    const signIn = await call(a, '10.0.3.1', 'POST', '/api/v1/sessions', ANNA)
    expect(signIn.status).toBe(201)
    const auth = { authorization: `Bearer ${String(signIn.body.accessToken)}` }
    const contracts = await call(b, '10.0.3.1', 'GET', '/api/v1/contracts', undefined, auth)
    const contractId = (contracts.body.items as { id: string }[])[0]?.id
    const before = await call(a, '10.0.3.1', 'GET', '/api/v1/service-requests', undefined, auth)
    const key = randomUUID()
    const body = { type: 'contract_copy', contractId, details: {} }
    const answers = await Promise.all(
      [a, b].map((node) =>
        call(node, '10.0.3.1', 'POST', '/api/v1/service-requests', body, {
          ...auth,
          'idempotency-key': key,
        }),
      ),
    )
    expect(answers.map((answer) => answer.status)).toEqual([201, 201])
    expect(answers[0]?.body.id).toBe(answers[1]?.body.id)
    const after = await call(b, '10.0.3.1', 'GET', '/api/v1/service-requests', undefined, auth)
    expect((after.body.items as unknown[]).length).toBe((before.body.items as unknown[]).length + 1)
  })

  it('a rate limit holds across nodes: five reset requests an hour per address, not five per node', async () => {
    const email = `nobody-${randomUUID().slice(0, 8)}@example.at`
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const node = i % 2 === 0 ? a : b
      statuses.push(
        (await call(node, '10.0.4.1', 'POST', '/api/v1/password-resets', { email })).status,
      )
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(3)
  })

  it('every e-mail is sent once while both nodes run senders', async () => {
    let pending = Infinity
    for (let tries = 0; tries < 300 && pending > 0; tries++) {
      // Not the e-mails scheduled for later and never taken up yet: the e-mail of new
      // letters waits 15 minutes for more letters (the earlier tests filed some).
      const [row] = await query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM outbox WHERE delivery = 'pending'
            AND NOT (attempts = 0 AND next_attempt_at > $1)`,
        new Date().toISOString(),
      )
      pending = Number(row?.n)
      if (pending > 0) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(pending).toBe(0)
    const [sent] = await query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM outbox WHERE delivery = 'sent'",
    )
    const ids = smtp.received.map((mail) => mail.messageId)
    expect(Number(sent?.n)).toBeGreaterThan(5)
    expect(ids).toHaveLength(Number(sent?.n))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('kill -9 of one node mid-write loses no acknowledged write, and the other goes on', async () => {
    const acknowledged: string[] = []
    let stop = false
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          const answer = await call(
            b,
            `10.0.5.${w * 50 + (i % 50)}`,
            'POST',
            '/api/v1/sessions',
            ANNA,
          )
          if (answer.status === 201) acknowledged.push(String(answer.body.accessToken))
        } catch {
          return // the node is gone
        }
      }
    })
    await waitUntil(() => acknowledged.length >= 8, 30_000, 'sign-ins on node B')
    b.process.kill('SIGKILL')
    stop = true
    await Promise.all(writers)
    await b.exited
    // Every session node B acknowledged works on node A.
    for (const token of acknowledged) {
      const me = await call(a, '10.0.5.250', 'GET', '/api/v1/me', undefined, {
        authorization: `Bearer ${token}`,
      })
      expect(me.status).toBe(200)
    }
    expect((await call(a, '10.0.5.251', 'GET', '/readyz')).status).toBe(200)
    expect((await call(a, '10.0.5.252', 'POST', '/api/v1/sessions', ANNA)).status).toBe(201)
  })
})
