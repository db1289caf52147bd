import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/backend/db/connection.ts'
import { migrate } from '../../../src/backend/db/migrate.ts'
import { migrations } from '../../../src/backend/db/migrations/index.ts'

const dirs: string[] = []
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mmf-migrate-'))
  dirs.push(dir)
  return join(dir, 'sub', 'mmf.sqlite')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const versions = (db: DatabaseSync): number[] =>
  (
    db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number
    }[]
  ).map((r) => r.version)

describe('migrations', () => {
  it('create the schema on an empty database, in WAL mode with synchronous=FULL', () => {
    const db = openDatabase(tempFile())
    expect(versions(db)).toEqual(migrations.map((m) => m.version))
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe(
      'wal',
    )
    expect((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous).toBe(2)
    expect((db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys).toBe(
      1,
    )
    db.close()
  })

  it('apply nothing twice on an existing database and keep its data', () => {
    const file = tempFile()
    const db = openDatabase(file)
    db.prepare("INSERT INTO settings (key, value) VALUES ('kept', 'yes')").run()
    db.close()
    const again = openDatabase(file)
    expect(migrate(again)).toEqual([])
    expect(again.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({
      value: 'yes',
    })
    again.close()
  })

  it('apply only the new ones to an older database', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    expect(migrate(db, migrations.slice(0, 1))).toEqual([1])
    expect(migrate(db)).toEqual(migrations.slice(1).map((m) => m.version))
    db.close()
  })

  it('roll back entirely when one fails', () => {
    const db = new DatabaseSync(tempFile().replace('/sub', ''))
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL' },
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined()
    expect(versions(db)).toEqual([])
    db.close()
  })

  it('refuse a database from a newer version of the app', () => {
    const file = tempFile()
    const db = openDatabase(file)
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')",
    ).run()
    db.close()
    expect(() => openDatabase(file)).toThrow(/newer version/)
  })
})
