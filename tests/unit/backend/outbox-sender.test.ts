/**
 * The sender worker on real database files against a real local SMTP server:
 * retries with backoff, failure after the last attempt, restarts, a claim whose
 * worker died, two workers on one database, and what an upgrade leaves alone.
 * The backend's fake clock decides when a retry or a lease is due.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { OutboxDeliverySettings } from '../../../src/backend/config.ts'
import { migrate } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'
import { openSqliteDatabase } from '../../../src/backend/db/sqlite-database.ts'
import type { OutgoingMessage } from '../../../src/backend/outbox/outbox.ts'
import { STOP_GRACE_MS, retryDelayMs } from '../../../src/backend/outbox/sender.ts'
import { createTestBackend, itOnSqlite, type TestBackend } from '../../helpers/backend.ts'
import {
  startSmtpServer,
  waitUntil,
  type SmtpAnswer,
  type TestSmtpServer,
} from '../../helpers/smtp.ts'

const backends: TestBackend[] = []
const servers: TestSmtpServer[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.dispose()
  for (const server of servers.splice(0)) await server.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const RETRY = { retryBaseMs: 60_000, retryCapMs: 600_000 }

async function smtpServer(
  options: { answer?: (n: number) => SmtpAnswer; delayMs?: number } = {},
): Promise<TestSmtpServer> {
  const server = await startSmtpServer(options)
  servers.push(server)
  return server
}

/** A backend outside demo mode on `dataDir` (kept after the test's own close), sending through `smtp`. */
async function open(
  dataDir: string,
  smtp: TestSmtpServer | null,
  outbox: Partial<OutboxDeliverySettings> = {},
): Promise<TestBackend> {
  const backend = await createTestBackend({
    demo: false,
    dataDir,
    config: { ...(smtp ? { smtp: smtp.settings } : {}), outbox },
  })
  backends.push(backend)
  return backend
}

/** Closes a backend early (a restart); afterEach does not close it again. */
async function close(backend: TestBackend): Promise<void> {
  backends.splice(backends.indexOf(backend), 1)
  await backend.close()
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-sender-'))
  dirs.push(dir)
  return dir
}

const email = (to: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  kind: 'email',
  to,
  subject: 'Ihr Passwort wurde geändert',
  text: 'Guten Tag,',
  ...extra,
})

interface DeliveryRow {
  id: number
  recipient: string
  delivery: string
  attempts: number
  last_error: string | null
}

const rows = (backend: TestBackend): Promise<DeliveryRow[]> =>
  backend.db.all<DeliveryRow>(
    'SELECT id, recipient, delivery, attempts, last_error FROM outbox ORDER BY id',
  )

/** Moves the backend's clock and lets the worker look at once. */
async function after(backend: TestBackend, ms: number): Promise<void> {
  backend.clock.advance(ms / 1000)
  backend.outboxSender?.wake()
  await backend.outboxSender?.idle()
}

describe('outbox sender: retries', () => {
  it('delivers once after the server refused twice, each retry only after its backoff, with one Message-ID', async () => {
    const smtp = await smtpServer({ answer: (n) => (n < 2 ? 'refuse' : 'accept') })
    const backend = await open(tempDir(), smtp, RETRY)
    await backend.app.services.outbox.send(email('eva@example.at'))
    await backend.outboxSender?.idle()
    expect(smtp.received).toHaveLength(1)

    // Not before the backoff: at least half of 60 s after the first failure.
    await after(backend, 29_000)
    expect(smtp.received).toHaveLength(1)
    await after(backend, 31_000)
    expect(smtp.received).toHaveLength(2)
    // The second wait doubles: 60–120 s.
    await after(backend, 59_000)
    expect(smtp.received).toHaveLength(2)
    await after(backend, 61_000)
    expect(smtp.received).toHaveLength(3)

    expect(smtp.accepted()).toHaveLength(1)
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(1)
    await after(backend, 86_400_000)
    expect(smtp.received).toHaveLength(3)
    expect(await rows(backend)).toMatchObject([{ delivery: 'sent', attempts: 3 }])
    // The log names the message by its id only.
    expect(backend.logLines).toHaveLength(2)
    expect(backend.logLines[0]).toMatch(
      /^outbox: message \d+, attempt 1 of 10 failed \(EMESSAGE 451\)/,
    )
    expect(backend.logLines.join('\n')).not.toContain('eva@example.at')
  })

  it('marks an e-mail failed after the last attempt and tries no more', async () => {
    const smtp = await smtpServer({ answer: () => 'refuse' })
    const backend = await open(tempDir(), smtp, { ...RETRY, maxAttempts: 3 })
    await backend.app.services.outbox.send(email('eva@example.at'))
    await backend.outboxSender?.idle()
    await after(backend, 600_000)
    await after(backend, 600_000)
    expect(smtp.received).toHaveLength(3)
    await after(backend, 86_400_000)
    expect(smtp.received).toHaveLength(3)
    expect(smtp.accepted()).toHaveLength(0)
    const [row] = await rows(backend)
    expect(row).toMatchObject({ delivery: 'failed', attempts: 3, last_error: 'EMESSAGE 451' })
    expect(backend.logLines.at(-1)).toBe(
      `outbox: message ${row?.id} failed after 3 attempts (EMESSAGE 451)`,
    )
    expect(backend.logLines.join('\n')).not.toContain('eva@example.at')
  })

  it('waits twice as long after each failure, up to the cap, never less than half', () => {
    const settings = { retryBaseMs: 1_000, retryCapMs: 10_000 }
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, settings, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ])
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, settings, () => 0))).toEqual([
      500, 1_000, 2_000, 4_000, 5_000, 5_000,
    ])
  })
})

describe('outbox sender: restarts', () => {
  it('delivers messages written just before a close exactly once after the next start', async () => {
    const smtp = await smtpServer()
    const dataDir = tempDir()
    const first = await open(dataDir, smtp)
    // The start's own look for pending mail is over (on PostgreSQL it runs beside the writes).
    await first.outboxSender?.idle()
    // Written as the outbox writes them, without waking this start's sender: they are
    // pending when it closes (on any engine; a woken sender might take one first).
    const outbox = first.app.services.repos.outbox
    const createdAt = first.app.services.clock.now().toISOString()
    for (const name of ['a', 'b', 'c']) {
      const message = email(`${name}@example.at`)
      await outbox.insert({
        kind: 'email',
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        links: [],
        createdAt,
        deliver: true,
      })
    }
    await close(first)
    expect(smtp.received).toHaveLength(0)

    const second = await open(dataDir, smtp)
    await second.outboxSender?.idle()
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      'a@example.at',
      'b@example.at',
      'c@example.at',
    ])
    expect(smtp.accepted()).toHaveLength(3)
  })

  it('lets the attempt in flight finish on close; the rest go out after the start', async () => {
    const smtp = await smtpServer({ delayMs: 300 })
    const dataDir = tempDir()
    const first = await open(dataDir, smtp)
    for (const name of ['a', 'b', 'c']) {
      await first.app.services.outbox.send(email(`${name}@example.at`))
    }
    await waitUntil(() => smtp.received.length === 1, 5_000, 'the first message')
    await close(first)
    expect(smtp.accepted()).toHaveLength(1)

    const second = await open(dataDir, smtp)
    await second.outboxSender?.idle()
    expect(smtp.received).toHaveLength(3)
    expect(smtp.accepted().map((m) => m.to[0])).toEqual([
      'a@example.at',
      'b@example.at',
      'c@example.at',
    ])
    expect((await rows(second)).map((r) => [r.delivery, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ])
  })

  it('abandons an attempt the server never answers without hanging the close; after the lease it goes out once', async () => {
    const smtp = await smtpServer({ answer: (n) => (n === 0 ? 'hang' : 'accept') })
    const dataDir = tempDir()
    const first = await open(dataDir, smtp)
    await first.app.services.outbox.send(email('eva@example.at'))
    await waitUntil(() => smtp.received.length === 1, 5_000, 'the message')
    const started = performance.now()
    await close(first)
    expect(performance.now() - started).toBeLessThan(STOP_GRACE_MS + 1_500)

    // The claim of the worker that went away holds until its lease (5 minutes) ends.
    const second = await open(dataDir, smtp)
    await second.outboxSender?.idle()
    await after(second, 299_000)
    expect(smtp.received).toHaveLength(1)
    await after(second, 2_000)
    expect(smtp.accepted()).toHaveLength(1)
    expect(smtp.accepted()[0]?.messageId).toBe(smtp.received[0]?.messageId)
    expect(await rows(second)).toMatchObject([{ delivery: 'sent', attempts: 2 }])
  })

  it('two backends on one database file deliver each message once', async () => {
    const smtp = await smtpServer({ delayMs: 30 })
    const dataDir = tempDir()
    const a = await open(dataDir, smtp, { pollIntervalMs: 20 })
    const b = await open(dataDir, smtp, { pollIntervalMs: 20 })
    const names = Array.from({ length: 12 }, (_, i) => `kunde${i}@example.at`)
    for (const [i, name] of names.entries()) {
      await (i % 2 ? a : b).app.services.outbox.send(email(name))
    }
    await waitUntil(() => smtp.accepted().length === names.length, 10_000, 'every message')
    await Promise.all([a.outboxSender?.idle(), b.outboxSender?.idle()])
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([...names].sort())
    expect((await rows(a)).every((r) => r.delivery === 'sent' && r.attempts === 1)).toBe(true)
  })
})

describe('outbox sender: what it leaves alone', () => {
  itOnSqlite(
    'never sends e-mails written before the upgrade, nor those written without SMTP settings, nor letters',
    'it upgrades a database file of an earlier release; PostgreSQL starts at the current schema',
    async () => {
      const dataDir = tempDir()
      const old = openSqliteDatabase(join(dataDir, 'mmf.sqlite'))
      await migrate(old, migrations.slice(0, 9))
      await old.run(
        `INSERT INTO outbox (kind, recipient, subject, text, created_at)
        VALUES ('email', 'history@example.at', 'Alt', 'Text', '2026-01-01T00:00:00.000Z')`,
      )
      await old.close()
      const withoutSmtp = await open(dataDir, null)
      await withoutSmtp.app.services.outbox.send(email('demo@example.at'))
      await close(withoutSmtp)

      const smtp = await smtpServer()
      const backend = await open(dataDir, smtp)
      await backend.app.services.outbox.send({
        ...email('Eva Lang, Linzer Gasse 1'),
        kind: 'letter',
      })
      await backend.app.services.outbox.send(email('new@example.at'))
      await backend.outboxSender?.idle()
      expect(smtp.received.map((m) => m.to)).toEqual([['new@example.at']])
      expect((await rows(backend)).map((r) => [r.recipient, r.delivery])).toEqual([
        ['history@example.at', 'sent'],
        ['demo@example.at', 'none'],
        ['Eva Lang, Linzer Gasse 1', 'none'],
        ['new@example.at', 'sent'],
      ])
    },
  )

  it('keeps only the envelope of a delivered e-mail outside demo mode: no live link, no document', async () => {
    const smtp = await smtpServer()
    const backend = await open(tempDir(), smtp)
    const link = 'myminifinance://reset?token=abcdefghijklmnopqrstuvwxyz0123456789'
    await backend.app.services.outbox.send(
      email('eva@example.at', {
        text: `Ihr Link: ${link}`,
        html: `<a href="${link}">Link</a>`,
        links: [link],
        attachments: [
          {
            fileName: 'Vertrag.pdf',
            contentType: 'application/pdf',
            bytes: new TextEncoder().encode('%PDF-1.7'),
          },
        ],
      }),
    )
    await backend.outboxSender?.idle()
    expect(smtp.accepted()[0]?.data).toContain(link)
    const stored = JSON.stringify(
      (await backend.db.all('SELECT * FROM outbox')).concat(
        await backend.db.all('SELECT * FROM outbox_attachments'),
      ),
    )
    expect(stored).not.toContain('token=')
    expect(stored).not.toContain('Vertrag.pdf')
    expect(await rows(backend)).toMatchObject([
      { recipient: 'eva@example.at', delivery: 'sent', attempts: 1 },
    ])
  })
})
