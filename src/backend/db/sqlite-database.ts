/**
 * The Database over node:sqlite: one connection to a file (WAL, synchronous=FULL,
 * foreign keys). node:sqlite is synchronous, so a statement runs at once; a
 * transaction holds the connection across its awaits, and everything else waits
 * for it (the connection is one, and SQLite's isolation is per connection).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import { transactionGuard, type Database, type Queryable, type SqlValue } from './database.ts'

export function openSqliteDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new DatabaseSync(file)
  try {
    db.exec('PRAGMA journal_mode = WAL')
    // FULL: a committed change survives a power cut (≈0.3 ms per commit here).
    db.exec('PRAGMA synchronous = FULL')
    db.exec('PRAGMA foreign_keys = ON')
    db.exec('PRAGMA busy_timeout = 5000')
  } catch (error) {
    db.close()
    throw error
  }

  const statements = new Map<string, StatementSync>()
  const prepared = (sql: string): StatementSync => {
    let statement = statements.get(sql)
    if (statement === undefined) {
      statement = db.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
  const bind = (params: SqlValue[]): SQLInputValue[] => params

  /** The transaction holding the connection now, and those waiting for it. */
  let held = false
  const waiting: (() => void)[] = []
  const acquire = async (): Promise<void> => {
    if (!held) {
      held = true
      return
    }
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  const release = (): void => {
    const next = waiting.shift()
    if (next) next()
    else held = false
  }
  /** Runs `fn` now, or once the transaction holding the connection has ended. */
  const guard = transactionGuard()
  const outside = async <T>(fn: () => T): Promise<T> => {
    guard.checkOutside()
    if (!held) return fn()
    await acquire()
    try {
      return fn()
    } finally {
      release()
    }
  }

  const identity = {}
  let savepoints = 0
  const direct = (inTransaction: boolean): Queryable => ({
    engine: 'sqlite',
    identity,
    all: async <T>(sql: string, ...params: SqlValue[]) =>
      prepared(sql).all(...bind(params)) as unknown as T[],
    get: async <T>(sql: string, ...params: SqlValue[]) =>
      prepared(sql).get(...bind(params)) as T | undefined,
    run: async (sql: string, ...params: SqlValue[]) =>
      Number(prepared(sql).run(...bind(params)).changes),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      if (!inTransaction) return topLevel(fn)
      const name = `sp${++savepoints}`
      db.exec(`SAVEPOINT ${name}`)
      try {
        const result = await fn(this)
        db.exec(`RELEASE ${name}`)
        return result
      } catch (error) {
        db.exec(`ROLLBACK TO ${name}`)
        db.exec(`RELEASE ${name}`)
        throw error
      }
    },
  })
  const inside = direct(true)

  async function topLevel<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    guard.checkOutside()
    await acquire()
    try {
      db.exec('BEGIN IMMEDIATE')
      try {
        const result = await guard.within(() => fn(inside))
        db.exec('COMMIT')
        return result
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK')
        throw error
      }
    } finally {
      release()
    }
  }

  return {
    engine: 'sqlite',
    identity,
    all: <T>(sql: string, ...params: SqlValue[]) =>
      outside(() => prepared(sql).all(...bind(params)) as unknown as T[]),
    get: <T>(sql: string, ...params: SqlValue[]) =>
      outside(() => prepared(sql).get(...bind(params)) as T | undefined),
    run: (sql: string, ...params: SqlValue[]) =>
      outside(() => Number(prepared(sql).run(...bind(params)).changes)),
    transaction: topLevel,
    // BEGIN IMMEDIATE takes SQLite's write lock: another process waits (busy_timeout).
    migrationTransaction: topLevel,
    exec: (sql) => outside(() => db.exec(sql)),
    stats: () => ({ total: 1, idle: held || !db.isOpen ? 0 : 1, waiting: waiting.length }),
    async close() {
      await acquire()
      // Twice is fine (a test, or a backend whose database broke off).
      if (db.isOpen) db.close()
      release()
    },
  }
}
