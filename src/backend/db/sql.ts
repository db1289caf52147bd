/**
 * The SQL shapes the repositories share, each written once: a row inserted (its
 * values in column order, or a record's fields), a row read into a record, a
 * timestamp set only once, statements prepared on first use, a transaction or
 * savepoint, and a WHERE clause of optional filters.
 * Values always go in as parameters; table and column names come from the
 * repositories' own literals.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'

/** `camelCase` → `snake_case`, the column name of a record's field. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S

/** A table row as node:sqlite returns it: the record's fields under their column names. */
export type RowOf<T> = { [K in keyof T & string as SnakeCase<K>]: T[K] }

/** The first row `statement` finds for `params`, as a record; null when there is none. */
export function recordOrNull<Row, T>(
  statement: StatementSync,
  toRecord: (row: Row) => T,
  ...params: SQLInputValue[]
): T | null {
  const row = statement.get(...params) as Row | undefined
  return row ? toRecord(row) : null
}

/**
 * `INSERT INTO table (columns) VALUES (?, …)`, a placeholder per column (`columns`
 * as in SQL: names separated by commas). The function takes the values in that
 * order and returns the new row's rowid.
 */
export function insertInto(
  db: DatabaseSync,
  table: string,
  columns: string,
): (...values: SQLInputValue[]) => number {
  const count = columns.split(',').length
  const placeholders = Array.from({ length: count }, () => '?').join(', ')
  const statement = db.prepare(`INSERT INTO ${table} (${columns}) VALUES (${placeholders})`)
  return (...values) => {
    if (values.length !== count) throw new Error(`${table}: ${count} values, not ${values.length}`)
    return Number(statement.run(...values).lastInsertRowid)
  }
}

/**
 * `insertInto` for a record: `fields` names its fields once, in camelCase, and
 * each goes into the column of that name in snake_case (`passwordHash` →
 * `password_hash`). The function takes the record and returns the new row's rowid.
 */
export function insertRecord<T extends { [K in keyof T]: SQLInputValue }>(
  db: DatabaseSync,
  table: string,
  fields: readonly (keyof T & string)[],
): (record: T) => number {
  const columns = fields.map((field) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
  const insert = insertInto(db, table, columns.join(', '))
  return (record) => insert(...fields.map((field) => record[field]))
}

/**
 * `UPDATE table SET column = ? WHERE key = ? AND column IS NULL`: sets a
 * timestamp (used, revoked, locked, read) once. The function returns true only
 * for the call that set it, so of parallel calls exactly one wins.
 */
export function stampOnce(
  db: DatabaseSync,
  table: string,
  column: string,
  key: string,
): (keyValue: SQLInputValue, at: Date) => boolean {
  const statement = db.prepare(
    `UPDATE ${table} SET ${column} = ? WHERE ${key} = ? AND ${column} IS NULL`,
  )
  return (keyValue, at) => statement.run(at.toISOString(), keyValue).changes === 1
}

/**
 * Statements prepared on first use and kept: a repository may sit on a database
 * migrated only part of the way, and filtered lists make one statement per filter set.
 */
export function preparedOnUse(db: DatabaseSync): (sql: string) => StatementSync {
  const statements = new Map<string, StatementSync>()
  return (sql) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
}

/** Runs `fn` after `begin` and `commit` after it; on an error the `undo` statements, and rethrows. */
function bracketed<T>(
  db: DatabaseSync,
  statements: { begin: string; commit: string; undo: readonly string[] },
  fn: () => T,
): T {
  db.exec(statements.begin)
  try {
    const result = fn()
    db.exec(statements.commit)
    return result
  } catch (error) {
    for (const undo of statements.undo) db.exec(undo)
    throw error
  }
}

/** Runs `fn` in one transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on error). Synchronous only. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  return bracketed(db, { begin: 'BEGIN IMMEDIATE', commit: 'COMMIT', undo: ['ROLLBACK'] }, fn)
}

/** Runs `fn` all or nothing, also inside a transaction of the caller (a savepoint nests). */
export function savepoint<T>(db: DatabaseSync, name: string, fn: () => T): T {
  const release = `RELEASE ${name}`
  return bracketed(
    db,
    { begin: `SAVEPOINT ${name}`, commit: release, undo: [`ROLLBACK TO ${name}`, release] },
    fn,
  )
}

/** The conditions of a WHERE clause, each with its parameters (never values in the SQL). */
export class Conditions {
  readonly #sql: string[] = []
  /** The parameters of the conditions, in order (a caller may fill a placeholder in later). */
  readonly params: SQLInputValue[] = []

  /** Adds `condition` with the values of its placeholders. */
  where(condition: string, ...values: SQLInputValue[]): this {
    this.#sql.push(condition)
    this.params.push(...values)
    return this
  }

  /** Adds `condition` only when `value` is given (an optional filter). */
  whereGiven(condition: string, value: SQLInputValue | undefined): this {
    return value === undefined ? this : this.where(condition, value)
  }

  /** `WHERE a AND b`, or nothing without conditions. */
  toString(): string {
    return this.#sql.length > 0 ? `WHERE ${this.#sql.join(' AND ')}` : ''
  }
}
