/**
 * The SQL shapes the repositories share (db/sql.ts), on a real SQLite database:
 * a row inserted, a timestamp set once, optional filters as parameters, a savepoint that undoes
 * only its own work, and a missing row read as null.
 */
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import {
  Conditions,
  insertInto,
  insertRecord,
  preparedOnUse,
  recordOrNull,
  savepoint,
  stampOnce,
  transaction,
} from '../../../src/backend/db/sql.ts'

let db: DatabaseSync
const open = (): DatabaseSync => {
  db = new DatabaseSync(':memory:')
  db.exec(`CREATE TABLE links (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, kind TEXT NOT NULL,
    used_at TEXT)`)
  const insert = db.prepare('INSERT INTO links (id, owner, kind) VALUES (?, ?, ?)')
  insert.run(1, 'anna', 'reset')
  insert.run(2, 'anna', 'confirm')
  insert.run(3, 'ben', 'reset')
  return db
}
afterEach(() => db.close())

const ids = (rows: unknown[]): number[] => (rows as { id: number }[]).map((row) => row.id)

describe('insertInto', () => {
  it('inserts the values in the order of the columns and answers the new row id', () => {
    open()
    const insert = insertInto(db, 'links', 'owner, kind')
    expect(insert('carla', 'confirm')).toBe(4)
    expect(db.prepare('SELECT owner, kind, used_at FROM links WHERE id = 4').get()).toEqual({
      owner: 'carla',
      kind: 'confirm',
      used_at: null,
    })
  })

  it('refuses a value too few or too many instead of storing NULL or failing half-way', () => {
    open()
    const insert = insertInto(db, 'links', 'owner, kind')
    expect(() => insert('carla')).toThrow('links: 2 values, not 1')
    expect(() => insert('carla', 'confirm', 'x')).toThrow('links: 2 values, not 3')
    expect(db.prepare('SELECT COUNT(*) AS n FROM links').get()).toEqual({ n: 3 })
  })
})

describe('insertRecord', () => {
  it('puts each named field of the record into its snake_case column', () => {
    open()
    const insert = insertRecord<{ owner: string; kind: string; usedAt: string | null }>(
      db,
      'links',
      ['owner', 'kind', 'usedAt'],
    )
    const usedAt = '2026-03-01T10:00:00.000Z'
    expect(insert({ owner: 'carla', kind: 'confirm', usedAt })).toBe(4)
    expect(db.prepare('SELECT owner, kind, used_at FROM links WHERE id = 4').get()).toEqual({
      owner: 'carla',
      kind: 'confirm',
      used_at: usedAt,
    })
  })
})

describe('stampOnce', () => {
  it('sets the timestamp for the first call only and keeps the first one', () => {
    open()
    const use = stampOnce(db, 'links', 'used_at', 'id')
    const first = new Date('2026-03-01T10:00:00.000Z')
    expect(use(1, first)).toBe(true)
    expect(use(1, new Date('2026-03-01T10:05:00.000Z'))).toBe(false)
    expect(db.prepare('SELECT used_at FROM links WHERE id = 1').get()).toEqual({
      used_at: first.toISOString(),
    })
    // Only that row.
    expect(db.prepare('SELECT COUNT(*) AS n FROM links WHERE used_at IS NULL').get()).toEqual({
      n: 2,
    })
  })

  it('answers false for a row that does not exist', () => {
    open()
    expect(stampOnce(db, 'links', 'used_at', 'id')(99, new Date())).toBe(false)
  })
})

describe('Conditions', () => {
  const list = (owner?: string, kind?: string): number[] => {
    const filters = new Conditions().whereGiven('owner = ?', owner).whereGiven('kind = ?', kind)
    return ids(db.prepare(`SELECT id FROM links ${filters} ORDER BY id`).all(...filters.params))
  }

  it('leaves out the filters that are not given', () => {
    open()
    expect(list()).toEqual([1, 2, 3])
    expect(list('anna')).toEqual([1, 2])
    expect(list(undefined, 'reset')).toEqual([1, 3])
    expect(list('anna', 'reset')).toEqual([1])
  })

  it('passes values as parameters, never as SQL', () => {
    open()
    expect(list("anna' OR '1'='1")).toEqual([])
    expect(`${new Conditions().whereGiven('owner = ?', "x' OR 1=1 --")}`).toBe('WHERE owner = ?')
  })
})

describe('savepoint', () => {
  it('undoes only its own statements inside a transaction, which then commits', () => {
    open()
    transaction(db, () => {
      db.prepare("UPDATE links SET kind = 'kept' WHERE id = 1").run()
      expect(() =>
        savepoint(db, 'inner', () => {
          db.prepare("UPDATE links SET kind = 'undone' WHERE id = 2").run()
          throw new Error('the inner step fails')
        }),
      ).toThrow('the inner step fails')
    })
    expect(db.prepare('SELECT kind FROM links ORDER BY id').all()).toEqual([
      { kind: 'kept' },
      { kind: 'confirm' },
      { kind: 'reset' },
    ])
  })
})

describe('recordOrNull and preparedOnUse', () => {
  it('maps the row found, null when there is none; one statement per SQL text', () => {
    open()
    const statement = preparedOnUse(db)
    const byId = statement('SELECT id, owner FROM links WHERE id = ?')
    expect(statement('SELECT id, owner FROM links WHERE id = ?')).toBe(byId)
    const owner = (row: { owner: string }): string => row.owner.toUpperCase()
    expect(recordOrNull(byId, owner, 3)).toBe('BEN')
    expect(recordOrNull(byId, owner, 4)).toBeNull()
  })
})
