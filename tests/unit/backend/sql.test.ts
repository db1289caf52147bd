/**
 * The SQL shapes the repositories share (db/sql.ts), on a real SQLite database:
 * a row inserted, a row found by its keys into a record, columns set and rows
 * deleted by a key, a timestamp set once (on one row, or on every open row of a
 * key), the n-th newest row of a daily limit, optional filters and a page cursor
 * as parameters, a savepoint that undoes only its own work, and a missing row
 * read as null.
 */
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Database } from '../../../src/backend/db/database.ts'
import {
  Conditions,
  deleteBy,
  fromRow,
  insertInto,
  insertRecord,
  nthNewestSince,
  prepare,
  recordBy,
  recordOrNull,
  stampEvery,
  stampOnce,
  updateBy,
} from '../../../src/backend/db/sql.ts'
import { openSqliteDatabase } from '../../../src/backend/db/sqlite-database.ts'

let db: Database
const open = async (): Promise<Database> => {
  db = openSqliteDatabase(':memory:')
  await db.exec(`CREATE TABLE links (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, kind TEXT NOT NULL,
    used_at TEXT)`)
  const insert = (...values: (string | number)[]) =>
    db.run('INSERT INTO links (id, owner, kind) VALUES (?, ?, ?)', ...values)
  await insert(1, 'anna', 'reset')
  await insert(2, 'anna', 'confirm')
  await insert(3, 'ben', 'reset')
  return db
}
afterEach(async () => {
  vi.restoreAllMocks()
  await db.close()
})

const ids = (rows: unknown[]): number[] => (rows as { id: number }[]).map((row) => row.id)

describe('insertInto', () => {
  it('inserts the values in the order of the columns and answers the new row id', async () => {
    await open()
    const insert = insertInto(db, 'links', 'owner, kind', 'id')
    expect(await insert('carla', 'confirm')).toBe(4)
    expect(await db.get('SELECT owner, kind, used_at FROM links WHERE id = 4')).toEqual({
      owner: 'carla',
      kind: 'confirm',
      used_at: null,
    })
  })

  it('refuses a value too few or too many instead of storing NULL or failing half-way', async () => {
    await open()
    const insert = insertInto(db, 'links', 'owner, kind')
    await expect(insert('carla')).rejects.toThrow('links: 2 values, not 1')
    await expect(insert('carla', 'confirm', 'x')).rejects.toThrow('links: 2 values, not 3')
    expect(await db.get('SELECT COUNT(*) AS n FROM links')).toEqual({ n: 3 })
  })
})

describe('insertRecord', () => {
  it('puts each named field of the record into its snake_case column', async () => {
    await open()
    const insert = insertRecord<{ owner: string; kind: string; usedAt: string | null }>(
      db,
      'links',
      ['owner', 'kind', 'usedAt'],
      'id',
    )
    const usedAt = '2026-03-01T10:00:00.000Z'
    expect(await insert({ owner: 'carla', kind: 'confirm', usedAt })).toBe(4)
    expect(await db.get('SELECT owner, kind, used_at FROM links WHERE id = 4')).toEqual({
      owner: 'carla',
      kind: 'confirm',
      used_at: usedAt,
    })
  })
})

describe('fromRow and recordBy', () => {
  it('reads the named fields from their snake_case columns, leaving the others out', () => {
    const toLink = fromRow<{ id: number; usedAt: string | null }>(['id', 'usedAt'])
    expect(toLink({ id: 1, used_at: null, owner: 'anna' } as never)).toEqual({
      id: 1,
      usedAt: null,
    })
  })

  it('finds the row with all the keys given, null when there is none', async () => {
    await open()
    const toLink = fromRow<{ id: number; kind: string }>(['id', 'kind'])
    const byOwnerAndKind = recordBy(db, 'links', 'owner, kind', toLink)
    expect(await byOwnerAndKind('anna', 'confirm')).toEqual({ id: 2, kind: 'confirm' })
    expect(await byOwnerAndKind('ben', 'confirm')).toBeNull()
    expect(await recordBy(db, 'links', 'id', toLink)(3)).toEqual({ id: 3, kind: 'reset' })
  })
})

describe('updateBy and deleteBy', () => {
  it('sets the columns of the row with the key and answers how many rows changed', async () => {
    await open()
    const set = updateBy(db, 'links', 'kind, used_at', 'owner')
    expect(await set('anna', 'gone', '2026-03-01T10:00:00.000Z')).toBe(2)
    expect(await set('nobody', 'x', null)).toBe(0)
    expect(await db.all('SELECT kind, used_at FROM links ORDER BY id')).toEqual([
      { kind: 'gone', used_at: '2026-03-01T10:00:00.000Z' },
      { kind: 'gone', used_at: '2026-03-01T10:00:00.000Z' },
      { kind: 'reset', used_at: null },
    ])
    await expect(set('ben', 'x')).rejects.toThrow('links: 2 values, not 1')
  })

  it('deletes the rows with the key and answers how many went', async () => {
    await open()
    const remove = deleteBy(db, 'links', 'owner')
    expect(await remove('anna')).toBe(2)
    expect(await remove('anna')).toBe(0)
    expect(ids(await db.all('SELECT id FROM links'))).toEqual([3])
  })
})

describe('stampOnce', () => {
  it('sets the timestamp for the first call only and keeps the first one', async () => {
    await open()
    const use = stampOnce(db, 'links', 'used_at', 'id')
    const first = new Date('2026-03-01T10:00:00.000Z')
    expect(await use(1, first)).toBe(true)
    expect(await use(1, new Date('2026-03-01T10:05:00.000Z'))).toBe(false)
    expect(await db.get('SELECT used_at FROM links WHERE id = 1')).toEqual({
      used_at: first.toISOString(),
    })
    // Only that row.
    expect(await db.get('SELECT COUNT(*) AS n FROM links WHERE used_at IS NULL')).toEqual({
      n: 2,
    })
  })

  it('answers false for a row that does not exist', async () => {
    await open()
    expect(await stampOnce(db, 'links', 'used_at', 'id')(99, new Date())).toBe(false)
  })
})

describe('nthNewestSince', () => {
  it("answers the owner's n-th newest time after `since`, null when there are fewer", async () => {
    await open()
    const at = ['2026-03-01T08:00:00.000Z', '2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z']
    for (const [i, usedAt] of at.entries())
      await db.run(
        'UPDATE links SET used_at = ?, owner = ? WHERE id = ?',
        usedAt,
        i < 2 ? 'anna' : 'ben',
        i + 1,
      )
    const nth = nthNewestSince(db, 'links', 'owner', 'used_at')
    const since = new Date('2026-03-01T07:00:00.000Z')
    expect(await nth('anna', since, 1)).toBe(at[1])
    expect(await nth('anna', since, 2)).toBe(at[0])
    expect(await nth('anna', since, 3)).toBeNull()
    // Only rows after `since`, only the owner's.
    expect(await nth('anna', new Date(at[0] as string), 1)).toBe(at[1])
    expect(await nth('anna', new Date(at[0] as string), 2)).toBeNull()
    expect(await nth('ben', since, 1)).toBe(at[2])
  })
})

describe('stampEvery', () => {
  it('stamps every open row of the keys, keeps the earlier stamps, answers how many', async () => {
    await open()
    const earlier = '2026-03-01T09:00:00.000Z'
    await db.run('UPDATE links SET used_at = ? WHERE id = 2', earlier)
    const voidAll = stampEvery(db, 'links', 'used_at', 'owner')
    const at = new Date('2026-03-01T10:00:00.000Z')
    expect(await voidAll(at, 'anna')).toBe(1)
    expect(await voidAll(at, 'anna')).toBe(0)
    expect(await db.all('SELECT used_at FROM links ORDER BY id')).toEqual([
      { used_at: at.toISOString() },
      { used_at: earlier },
      { used_at: null },
    ])
    expect(await stampEvery(db, 'links', 'used_at', 'owner, kind')(at, 'ben', 'reset')).toBe(1)
  })
})

describe('Conditions', () => {
  const list = async (owner?: string, kind?: string): Promise<number[]> => {
    const filters = new Conditions().whereGiven('owner = ?', owner).whereGiven('kind = ?', kind)
    return ids(await db.all(`SELECT id FROM links ${filters} ORDER BY id`, ...filters.params))
  }

  it('leaves out the filters that are not given', async () => {
    await open()
    expect(await list()).toEqual([1, 2, 3])
    expect(await list('anna')).toEqual([1, 2])
    expect(await list(undefined, 'reset')).toEqual([1, 3])
    expect(await list('anna', 'reset')).toEqual([1])
  })

  it('passes values as parameters, never as SQL', async () => {
    await open()
    expect(await list("anna' OR '1'='1")).toEqual([])
    expect(`${new Conditions().whereGiven('owner = ?', "x' OR 1=1 --")}`).toBe('WHERE owner = ?')
  })
})

describe('Conditions.whereBefore', () => {
  it('keeps the rows before the cursor by time, then by key; nothing without a cursor', async () => {
    await open()
    const before = async (cursor?: { createdAt: string; publicId: string }) => {
      const filters = new Conditions().whereBefore('kind', 'owner', cursor)
      return ids(await db.all(`SELECT id FROM links ${filters} ORDER BY id`, ...filters.params))
    }
    expect(await before()).toEqual([1, 2, 3])
    expect(await before({ createdAt: 'reset', publicId: 'ben' })).toEqual([1, 2])
    expect(await before({ createdAt: 'reset', publicId: 'anna' })).toEqual([2])
    expect(`${new Conditions().whereBefore('a', 'b', { createdAt: 'x', publicId: 'y' })}`).toBe(
      'WHERE (a, b) < (?, ?)',
    )
  })
})

describe('savepoint', () => {
  it('undoes only its own statements inside a transaction, which then commits', async () => {
    await open()
    await db.transaction(async (tx) => {
      await tx.run("UPDATE links SET kind = 'kept' WHERE id = 1")
      await expect(
        tx.transaction(async (inner) => {
          await inner.run("UPDATE links SET kind = 'undone' WHERE id = 2")
          throw new Error('the inner step fails')
        }),
      ).rejects.toThrow('the inner step fails')
    })
    expect(await db.all('SELECT kind FROM links ORDER BY id')).toEqual([
      { kind: 'kept' },
      { kind: 'confirm' },
      { kind: 'reset' },
    ])
  })
})

describe('recordOrNull and prepare', () => {
  it('maps the row found, null when there is none; one statement per SQL text', async () => {
    await open()
    const prepared = vi.spyOn(DatabaseSync.prototype, 'prepare')
    const sql = 'SELECT id, owner FROM links WHERE id = ?'
    const byId = prepare(db, sql)
    const owner = (row: { owner: string }): string => row.owner.toUpperCase()
    expect(await recordOrNull(byId, owner, 3)).toBe('BEN')
    expect(await recordOrNull(byId, owner, 4)).toBeNull()
    expect(await recordOrNull(prepare(db, sql), owner, 1)).toBe('ANNA')
    expect(prepared.mock.calls.filter(([text]) => text === sql)).toHaveLength(1)
  })
})
