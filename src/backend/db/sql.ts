/**
 * The SQL shapes the repositories share, each written once: a statement bound to
 * the database or transaction, a row inserted (its values in column order, or a
 * record's fields), a row read into a record, a timestamp set only once, the
 * n-th newest row of a daily limit, and a WHERE clause of optional filters and
 * a page cursor. Values always go in as parameters; table
 * and column names come from the repositories' own literals.
 */
import type { Queryable, SqlValue } from './database.ts'

export type { Queryable, SqlValue }

/** `camelCase` → `snake_case`, the column name of a record's field. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S

/** A table row as the database returns it: the record's fields under their column names. */
export type RowOf<T> = { [K in keyof T & string as SnakeCase<K>]: T[K] }

/** One SQL statement on a database or transaction, run with its parameters. */
export interface Statement {
  get<T = unknown>(...params: SqlValue[]): Promise<T | undefined>
  all<T = unknown>(...params: SqlValue[]): Promise<T[]>
  run(...params: SqlValue[]): Promise<{ changes: number }>
}

/** `sql` as a Statement of `db` (the engines cache what they prepare). */
export function prepare(db: Queryable, sql: string): Statement {
  return {
    get: (...params) => db.get(sql, ...params),
    all: (...params) => db.all(sql, ...params),
    run: async (...params) => ({ changes: await db.run(sql, ...params) }),
  }
}

/** The first row `statement` finds for `params`, as a record; null when there is none. */
export async function recordOrNull<Row, T>(
  statement: Statement,
  toRecord: (row: Row) => T,
  ...params: SqlValue[]
): Promise<T | null> {
  const row = await statement.get<Row>(...params)
  return row ? toRecord(row) : null
}

/**
 * `INSERT INTO table (columns) VALUES (?, …)`, a placeholder per column (`columns`
 * as in SQL: names separated by commas). The function takes the values in that
 * order; with `returning`, it answers that column of the new row (its id).
 */
export function insertInto(
  db: Queryable,
  table: string,
  columns: string,
  returning?: string,
): (...values: SqlValue[]) => Promise<number> {
  const count = columns.split(',').length
  const placeholders = Array.from({ length: count }, () => '?').join(', ')
  const sql = `INSERT INTO ${table} (${columns}) VALUES (${placeholders})${returning ? ` RETURNING ${returning}` : ''}`
  return async (...values) => {
    if (values.length !== count) throw new Error(`${table}: ${count} values, not ${values.length}`)
    if (!returning) return db.run(sql, ...values)
    const row = await db.get<Record<string, number>>(sql, ...values)
    return Number(row?.[returning])
  }
}

/**
 * `insertInto` for a record: `fields` names its fields once, in camelCase, and
 * each goes into the column of that name in snake_case (`passwordHash` →
 * `password_hash`). The function takes the record; with `returning`, it answers
 * that column of the new row.
 */
export function insertRecord<T extends { [K in keyof T]: SqlValue }>(
  db: Queryable,
  table: string,
  fields: readonly (keyof T & string)[],
  returning?: string,
): (record: T) => Promise<number> {
  const columns = fields.map((field) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
  const insert = insertInto(db, table, columns.join(', '), returning)
  return (record) => insert(...fields.map((field) => record[field]))
}

/**
 * `UPDATE table SET column = ? WHERE key = ? AND column IS NULL`: sets a
 * timestamp (used, revoked, locked, read) once. The function answers true only
 * for the call that set it, so of parallel calls (on any node) exactly one wins.
 */
export function stampOnce(
  db: Queryable,
  table: string,
  column: string,
  key: string,
): (keyValue: SqlValue, at: Date) => Promise<boolean> {
  const sql = `UPDATE ${table} SET ${column} = ? WHERE ${key} = ? AND ${column} IS NULL`
  return async (keyValue, at) => (await db.run(sql, at.toISOString(), keyValue)) === 1
}

/**
 * `SELECT at FROM table WHERE owner = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?`:
 * when the owner's n-th newest row after `since` was made (n from 1), null when
 * there are fewer. The daily limits ask this instead of counting every row: the
 * answer also says when the limit frees up again.
 */
export function nthNewestSince(
  db: Queryable,
  table: string,
  owner: string,
  at: string,
): (ownerValue: SqlValue, since: Date, n: number) => Promise<string | null> {
  const sql = `SELECT ${at} FROM ${table}
    WHERE ${owner} = ? AND ${at} > ? ORDER BY ${at} DESC LIMIT 1 OFFSET ?`
  return async (ownerValue, since, n) =>
    (await db.get<Record<string, string>>(sql, ownerValue, since.toISOString(), n - 1))?.[at] ??
    null
}

/** Where a page of a newest-first list ended: its last row's creation time and public id. */
export interface PageCursor {
  createdAt: string
  publicId: string
}

/** The conditions of a WHERE clause, each with its parameters (never values in the SQL). */
export class Conditions {
  readonly #sql: string[] = []
  /** The parameters of the conditions, in order (a caller may fill a placeholder in later). */
  readonly params: SqlValue[] = []

  /** Adds `condition` with the values of its placeholders. */
  where(condition: string, ...values: SqlValue[]): this {
    this.#sql.push(condition)
    this.params.push(...values)
    return this
  }

  /** Adds `condition` only when `value` is given (an optional filter). */
  whereGiven(condition: string, value: SqlValue | undefined): this {
    return value === undefined ? this : this.where(condition, value)
  }

  /**
   * Keeps the rows before a page cursor, newest first by (`at`, `key`): a row
   * value, so that the index seeks to the cursor instead of reading every newer row.
   */
  whereBefore(at: string, key: string, cursor: PageCursor | undefined): this {
    return cursor ? this.where(`(${at}, ${key}) < (?, ?)`, cursor.createdAt, cursor.publicId) : this
  }

  /** `WHERE a AND b`, or nothing without conditions. */
  toString(): string {
    return this.#sql.length > 0 ? `WHERE ${this.#sql.join(' AND ')}` : ''
  }
}
