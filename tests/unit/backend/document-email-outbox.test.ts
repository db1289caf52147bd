/**
 * The outbox's attachments (migration 9) on a real database file: an upgrade
 * keeps the messages sent before, a message and its attachments are stored
 * together or not at all, and deleting a message deletes its attachments.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/backend/clock.ts'
import { openDatabase, transaction } from '../../../src/backend/db/connection.ts'
import { migrate } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'
import {
  createOutboxRepository,
  type OutboxAttachment,
} from '../../../src/backend/db/repositories/outbox-repository.ts'
import { createDatabaseOutbox } from '../../../src/backend/outbox/outbox.ts'

const dirs: string[] = []
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-outbox-'))
  dirs.push(dir)
  return join(dir, 'mmf.sqlite')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const pdf = (text: string): OutboxAttachment => ({
  fileName: `${text}.pdf`,
  contentType: 'application/pdf',
  bytes: new TextEncoder().encode(`%PDF-1.7 ${text}`),
})

const message = (attachments?: OutboxAttachment[]) => ({
  kind: 'email' as const,
  to: 'anna@example.at',
  subject: 'Ihr Dokument',
  text: 'Text',
  ...(attachments ? { attachments } : {}),
})

const count = (db: DatabaseSync, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

describe('outbox attachments (migration 9)', () => {
  it('upgrade a version-8 database: earlier messages list no attachments', () => {
    const db = new DatabaseSync(tempFile())
    migrate(db, migrations.slice(0, 8))
    db.prepare(
      `INSERT INTO outbox (kind, recipient, subject, text, created_at)
        VALUES ('email', 'eva@example.at', 'Hallo', 'Text', '2026-01-01T00:00:00Z')`,
    ).run()
    expect(migrate(db)).toEqual(migrations.filter((m) => m.version > 8).map((m) => m.version))
    const [old] = createOutboxRepository(db).list({ limit: 10 })
    expect(old).toMatchObject({ subject: 'Hallo', attachments: [] })
    db.close()
  })

  it('are stored in order with their message, byte for byte', async () => {
    const db = openDatabase(tempFile())
    const repository = createOutboxRepository(db)
    const outbox = createDatabaseOutbox(repository, createFixedClock('2026-05-17T08:30:00Z'))
    await outbox.send(message([pdf('eins'), pdf('zwei')]))
    await outbox.send(message())
    const [plain, withFiles] = repository.list({ limit: 10 })
    expect(plain?.attachments).toEqual([])
    expect(withFiles?.attachments).toEqual([
      { fileName: 'eins.pdf', contentType: 'application/pdf', sizeBytes: 13 },
      { fileName: 'zwei.pdf', contentType: 'application/pdf', sizeBytes: 13 },
    ])
    const second = repository.attachment(withFiles?.id ?? 0, 1)
    expect(Buffer.from(second?.bytes ?? []).toString()).toBe('%PDF-1.7 zwei')
    expect(repository.attachment(withFiles?.id ?? 0, 2)).toBeNull()
    expect(repository.attachment(plain?.id ?? 0, 0)).toBeNull()
    // Deleting a message deletes its attachments.
    db.prepare('DELETE FROM outbox WHERE id = ?').run(withFiles?.id ?? 0)
    expect(count(db, 'outbox_attachments')).toBe(0)
    db.close()
  })

  it('are stored with their message or not at all, also inside a transaction', () => {
    const db = openDatabase(tempFile())
    const repository = createOutboxRepository(db)
    const broken = { ...pdf('kaputt'), contentType: null as unknown as string }
    const at = { createdAt: '2026-05-17T08:30:00.000Z', html: null, links: [] }
    expect(() => repository.insert({ ...message([pdf('gut'), broken]), ...at })).toThrow()
    expect([count(db, 'outbox'), count(db, 'outbox_attachments')]).toEqual([0, 0])
    // Inside a transaction the message is kept with its attachments, and rolled back with it.
    transaction(db, () => repository.insert({ ...message([pdf('gut')]), ...at }))
    expect(() =>
      transaction(db, () => {
        repository.insert({ ...message([pdf('weg')]), ...at })
        throw new Error('the surrounding work fails')
      }),
    ).toThrow('the surrounding work fails')
    expect(repository.list({ limit: 10 }).map((m) => m.attachments.map((a) => a.fileName))).toEqual(
      [['gut.pdf']],
    )
    db.close()
  })
})
