/**
 * What operating the server asks of the database: whether it is ready (it answers
 * and its schema is the one this code knows), how its connections are used, and
 * how many e-mails wait to be sent, on either engine.
 */
import type { Database } from './db/database.ts'
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
export async function readiness(db: Pick<Database, 'get'>): Promise<Readiness> {
  let version: number
  try {
    const row = await db.get<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM schema_migrations',
    )
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
 * The connections' use: PostgreSQL's pool on this node; SQLite's one connection,
 * busy while a transaction holds it, with the statements waiting for it.
 */
export function databaseStats(db: Database): DatabaseStats {
  return db.stats()
}

/** E-mails written and not yet sent (delivery pending, retries included). */
export async function outboxBacklog(db: Database): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM outbox WHERE delivery = 'pending'",
  )
  return row?.n ?? 0
}
