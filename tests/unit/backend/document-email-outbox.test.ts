/**
 * The outbox's attachments (migration 9) on a real database file: an upgrade
 * keeps the messages sent before, a message and its attachments are stored
 * together or not at all, and deleting a message deletes its attachments.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../src/backend/clock.ts'
import { openDatabase } from '../../../src/backend/db/connection.ts'
import type { Queryable } from '../../../src/backend/db/database.ts'
import { migrate } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'
import {
  createOutboxRepository,
  type OutboxAttachment,
} from '../../../src/backend/db/repositories/outbox-repository.ts'
import { openSqliteDatabase } from '../../../src/backend/db/sqlite-database.ts'
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

const count = async (db: Queryable, table: string): Promise<number | undefined> =>
  (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n

describe('outbox attachments (migration 9)', () => {
  it('upgrade a version-8 database: earlier messages list no attachments', async () => {
    const db = openSqliteDatabase(tempFile())
    await migrate(db, migrations.slice(0, 8))
    await db.run(
      `INSERT INTO outbox (kind, recipient, subject, text, created_at)
        VALUES ('email', 'eva@example.at', 'Hallo', 'Text', '2026-01-01T00:00:00Z')`,
    )
    expect(await migrate(db, migrations.slice(0, 9))).toEqual([9])
    const [old] = await createOutboxRepository(db).list({ limit: 10 })
    expect(old).toMatchObject({ subject: 'Hallo', attachments: [] })
    await db.close()
  })

  it('are stored in order with their message, byte for byte', async () => {
    const db = await openDatabase(tempFile())
    const repository = createOutboxRepository(db)
    const outbox = createDatabaseOutbox(repository, createFixedClock('2026-05-17T08:30:00Z'))
    await outbox.send(message([pdf('eins'), pdf('zwei')]))
    await outbox.send(message())
    const [plain, withFiles] = await repository.list({ limit: 10 })
    expect(plain?.attachments).toEqual([])
    expect(withFiles?.attachments).toEqual([
      { fileName: 'eins.pdf', contentType: 'application/pdf', sizeBytes: 13 },
      { fileName: 'zwei.pdf', contentType: 'application/pdf', sizeBytes: 13 },
    ])
    const second = await repository.attachment(withFiles?.id ?? 0, 1)
    expect(Buffer.from(second?.bytes ?? []).toString()).toBe('%PDF-1.7 zwei')
    expect(await repository.attachment(withFiles?.id ?? 0, 2)).toBeNull()
    expect(await repository.attachment(plain?.id ?? 0, 0)).toBeNull()
    // Deleting a message deletes its attachments.
    await db.run('DELETE FROM outbox WHERE id = ?', withFiles?.id ?? 0)
    expect(await count(db, 'outbox_attachments')).toBe(0)
    await db.close()
  })

  it('are stored with their message or not at all, also inside a transaction', async () => {
    const db = await openDatabase(tempFile())
    const repository = createOutboxRepository(db)
    const broken = { ...pdf('kaputt'), contentType: null as unknown as string }
    const at = { createdAt: '2026-05-17T08:30:00.000Z', html: null, links: [] }
    await expect(repository.insert({ ...message([pdf('gut'), broken]), ...at })).rejects.toThrow()
    expect([await count(db, 'outbox'), await count(db, 'outbox_attachments')]).toEqual([0, 0])
    // Inside a transaction the message is kept with its attachments, and rolled back with it.
    await db.transaction((tx) =>
      createOutboxRepository(tx).insert({ ...message([pdf('gut')]), ...at }),
    )
    await expect(
      db.transaction(async (tx) => {
        await createOutboxRepository(tx).insert({ ...message([pdf('weg')]), ...at })
        throw new Error('the surrounding work fails')
      }),
    ).rejects.toThrow('the surrounding work fails')
    expect(
      (await repository.list({ limit: 10 })).map((m) => m.attachments.map((a) => a.fileName)),
    ).toEqual([['gut.pdf']])
    await db.close()
  })
})
