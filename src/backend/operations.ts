/**
 * What operating the server asks of the database: whether it is ready (it answers
 * and its schema is the one this code knows), how its connections are used, and
 * how many e-mails wait to be sent. The one place of these queries, so that the
 * database layer (node:sqlite today, PostgreSQL next) adapts them here alone.
 */
import type { DatabaseSync } from 'node:sqlite'
import { migrations } from './db/migrations/index.ts'

/** Why a node is not ready (GET /readyz answers it; nothing secret in it). */
export type NotReadyReason = 'database_unavailable' | 'schema_outdated' | 'schema_newer'

export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason }

/** The database connections: all of them, the idle ones, and the queries waiting for one. */
export interface DatabaseStats {
  total: number
  idle: number
  waiting: number
}

/** The newest migration this code knows. */
export const NEWEST_SCHEMA = migrations.at(-1)?.version ?? 0

/** Ready when the database answers and its newest migration is this code's newest. */
export async function readiness(db: DatabaseSync): Promise<Readiness> {
  let version: number
  try {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
      { version: number | null } | undefined
    version = row?.version ?? 0
  } catch {
    // Closed, locked beyond its busy timeout, or gone: whatever it is, it does not answer.
    return { ready: false, reason: 'database_unavailable' }
  }
  // A newer node has migrated the database (a rolling upgrade): this one's queries may fail.
  if (version > NEWEST_SCHEMA) return { ready: false, reason: 'schema_newer' }
  if (version < NEWEST_SCHEMA) return { ready: false, reason: 'schema_outdated' }
  return { ready: true }
}

/**
 * The connections' use. SQLite has one connection per process, which is never busy
 * while JavaScript runs (its calls are synchronous): idle unless closed, nobody waiting.
 */
export function databaseStats(db: DatabaseSync): DatabaseStats {
  return { total: 1, idle: db.isOpen ? 1 : 0, waiting: 0 }
}

/** E-mails written and not yet sent (delivery pending, retries included). */
export async function outboxBacklog(db: DatabaseSync): Promise<number> {
  const row = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE delivery = 'pending'").get() as
    { n: number } | undefined
  return row?.n ?? 0
}
