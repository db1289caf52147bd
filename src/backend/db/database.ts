/**
 * The backend's one door to its database, the same on both engines: node:sqlite
 * (the desktop app's embedded backend and the demo) and PostgreSQL (the bank's
 * standalone server, any number of nodes). Its own small layer rather than a
 * query builder: the repositories keep their SQL readable as SQL, written once in
 * the subset both engines share; this layer only numbers the placeholders for
 * PostgreSQL (`?` → `$1`), reads BIGINT and NUMERIC back as numbers, runs
 * transactions (SERIALIZABLE on PostgreSQL, retried when two nodes collide) and
 * serialises them on the one SQLite connection. Values always go in as parameters.
 */

import { AsyncLocalStorage } from 'node:async_hooks'

/** A value bound to a placeholder. Instants are ISO-8601 strings in UTC; money is integer cents. */
export type SqlValue = string | number | null | Uint8Array

export type Engine = 'sqlite' | 'postgres'

/** What runs SQL: the database, or one transaction of it. */
export interface Queryable {
  readonly engine: Engine
  /** The same object for the database and each of its transactions: a key for caches per database. */
  readonly identity: object
  /** Every row the statement answers. */
  all<T>(sql: string, ...params: SqlValue[]): Promise<T[]>
  /** The first row, or undefined. */
  get<T>(sql: string, ...params: SqlValue[]): Promise<T | undefined>
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, ...params: SqlValue[]): Promise<number>
  /**
   * Runs `fn` all or nothing. On the database: a transaction (on PostgreSQL
   * SERIALIZABLE, and `fn` runs again when the engine refuses it for a
   * concurrent one, so it must do nothing but database work). Inside one: a
   * savepoint.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
}

export interface PoolStats {
  /** Connections open. */
  total: number
  /** Of those, waiting for work. */
  idle: number
  /** Callers waiting for a connection. */
  waiting: number
}

export interface Database extends Queryable {
  /** Runs several statements (no parameters): migrations only. */
  exec(sql: string): Promise<void>
  /**
   * Runs `fn` in a transaction that no other process on this database runs at the
   * same time (PostgreSQL: under an advisory lock): the migrations at start.
   */
  migrationTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  stats(): PoolStats
  close(): Promise<void>
}

/**
 * Guards against the one mistake the types cannot catch: a statement on the
 * database itself (not on the transaction) from inside a transaction's work. On
 * SQLite it would wait for the connection the transaction holds, for ever; on
 * PostgreSQL it would run outside the transaction. It throws instead.
 */
export function transactionGuard(): {
  /** Runs `fn` as a transaction's work. */
  within<T>(fn: () => Promise<T>): Promise<T>
  /** Throws when called from a transaction's work. */
  checkOutside(): void
} {
  const work = new AsyncLocalStorage<true>()
  return {
    within: (fn) => work.run(true, fn),
    checkOutside() {
      if (work.getStore()) {
        throw new Error(
          'A statement on the database from inside a transaction: use the transaction (tx) instead.',
        )
      }
    },
  }
}

/** PostgreSQL's codes for "try again": a serialization failure, a deadlock. */
const RETRYABLE = new Set(['40001', '40P01'])
/**
 * A unique violation: under SERIALIZABLE also what a transaction meets when a
 * concurrent one inserted the key it checked for (two nodes seeding, two
 * registrations of one address). Run again, it sees that row; a few tries only,
 * since it may also be a plain mistake.
 */
const UNIQUE_VIOLATION = '23505'
const UNIQUE_VIOLATION_TRIES = 3

/** Whether the transaction that failed with `error` on its `attempt`-th try may simply run again. */
export function isRetryable(error: unknown, attempt = 1): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return false
  return RETRYABLE.has(code) || (code === UNIQUE_VIOLATION && attempt < UNIQUE_VIOLATION_TRIES)
}

/**
 * Walks SQL as the placeholder numbering and the migrations' statement splitter
 * both must: a quoted string or identifier and a `--` comment (up to its line's
 * end) go to `skipped` whole, so that a `?` or `;` in them is never taken for
 * SQL; every other character goes to `code`.
 */
export function scanSql(
  sql: string,
  code: (c: string) => void,
  skipped: (text: string, kind: 'quoted' | 'comment') => void,
): void {
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i] as string
    const quoted = c === "'" || c === '"'
    if (quoted || (c === '-' && sql[i + 1] === '-')) {
      const end = sql.indexOf(quoted ? c : '\n', i + 1)
      // A quote ends with its closing quote; a comment before its newline.
      const stop = end === -1 ? sql.length : quoted ? end + 1 : end
      skipped(sql.slice(i, stop), quoted ? 'quoted' : 'comment')
      i = stop - 1
    } else {
      code(c)
    }
  }
}

/**
 * `?` placeholders numbered for PostgreSQL (`$1`, `$2` …), outside quoted
 * strings and identifiers and comments. Memoised: the repositories' SQL is a
 * small fixed set (the filtered lists add a few shapes).
 */
const numbered = new Map<string, string>()
export function numberPlaceholders(sql: string): string {
  const known = numbered.get(sql)
  if (known !== undefined) return known
  let out = ''
  let n = 0
  scanSql(
    sql,
    (c) => (out += c === '?' ? `$${++n}` : c),
    (text) => (out += text),
  )
  if (numbered.size < 2000) numbered.set(sql, out)
  return out
}

/**
 * The subquery `(SELECT …)` of the values in a JSON array bound to its one
 * placeholder, for `column IN …`: a list of any length as one parameter.
 */
export function jsonListSql(engine: Engine, type: 'text' | 'bigint'): string {
  if (engine === 'sqlite') return '(SELECT value FROM json_each(?))'
  return type === 'text'
    ? '(SELECT json_array_elements_text(?::json))'
    : '(SELECT json_array_elements_text(?::json)::bigint)'
}

/** A top-level field of a JSON text column, as text. */
export function jsonFieldSql(engine: Engine, column: string, field: string): string {
  if (!/^\w+$/.test(field)) throw new Error(`not a plain field name: ${field}`)
  return engine === 'sqlite' ? `${column} ->> '$.${field}'` : `(${column}::json ->> '${field}')`
}
