/**
 * The SQL shapes the repositories share, each written once: a statement bound to
 * the database or transaction, a row inserted (its values in column order, or a
 * record's fields), a row found by its keys and read into a record, columns set
 * and rows deleted by a key, a timestamp set only once (on one row, or on every
 * open row of a key), the n-th newest row of a daily limit, and a WHERE clause
 * of optional filters and a page cursor. Values always go in as parameters;
 * table and column names come from the repositories' own literals.
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
  const insert = insertInto(db, table, fields.map(columnOf).join(', '), returning)
  return (record) => insert(...fields.map((field) => record[field]))
}

/** The column of a record's field: `passwordHash` → `password_hash`. */
function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/**
 * The reverse of `insertRecord`: reads each of `fields` from its snake_case column,
 * as it is (no conversion); the row's other columns are left out of the record.
 */
export function fromRow<T>(fields: readonly (keyof T & string)[]): (row: RowOf<T>) => T {
  const pairs = fields.map((field) => [field, columnOf(field)] as const)
  return (row) => {
    const columns = row as Record<string, unknown>
    return Object.fromEntries(pairs.map(([field, column]) => [field, columns[column]])) as T
  }
}

/**
 * `SELECT * FROM table WHERE a = ? AND b = ?` for the key columns `keys` (as in
 * SQL: names separated by commas): the function takes the keys' values in that
 * order and answers the row as a record, null when there is none.
 */
export function recordBy<Row, T>(
  db: Queryable,
  table: string,
  keys: string,
  toRecord: (row: Row) => T,
): (...keyValues: SqlValue[]) => Promise<T | null> {
  const statement = prepare(db, `SELECT * FROM ${table} WHERE ${equalsEach(keys, ' AND ')}`)
  return (...keyValues) => recordOrNull(statement, toRecord, ...keyValues)
}

/**
 * `UPDATE table SET a = ?, b = ? WHERE key = ?`: the function takes the key's
 * value, then the columns' values in their order; it answers how many rows changed.
 */
export function updateBy(
  db: Queryable,
  table: string,
  columns: string,
  key: string,
): (keyValue: SqlValue, ...values: SqlValue[]) => Promise<number> {
  const count = columns.split(',').length
  const sql = `UPDATE ${table} SET ${equalsEach(columns, ', ')} WHERE ${key} = ?`
  return async (keyValue, ...values) => {
    if (values.length !== count) throw new Error(`${table}: ${count} values, not ${values.length}`)
    return db.run(sql, ...values, keyValue)
  }
}

/** `DELETE FROM table WHERE key = ?`: the function answers how many rows went. */
export function deleteBy(
  db: Queryable,
  table: string,
  key: string,
): (keyValue: SqlValue) => Promise<number> {
  const sql = `DELETE FROM ${table} WHERE ${key} = ?`
  return (keyValue) => db.run(sql, keyValue)
}

/** `a = ?` for each of the comma-separated `columns`, joined by `separator`. */
function equalsEach(columns: string, separator: string): string {
  return columns
    .split(',')
    .map((column) => `${column.trim()} = ?`)
    .join(separator)
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

/**
 * `UPDATE table SET column = ? WHERE a = ? AND b = ? AND column IS NULL` for the
 * key columns `keys`: stamps every row of the keys still open (voids the unused
 * links, supersedes the mandates), leaving those stamped before as they were.
 * The function takes the time, then the keys' values; it answers how many rows it stamped.
 */
export function stampEvery(
  db: Queryable,
  table: string,
  column: string,
  keys: string,
): (at: Date, ...keyValues: SqlValue[]) => Promise<number> {
  const sql = `UPDATE ${table} SET ${column} = ? WHERE ${equalsEach(keys, ' AND ')} AND ${column} IS NULL`
  return (at, ...keyValues) => db.run(sql, at.toISOString(), ...keyValues)
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
