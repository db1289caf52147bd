/** Applies the pending migrations at start, all in one transaction. */
import type { DatabaseSync } from 'node:sqlite'
import { migrations as allMigrations, type Migration } from './migrations/index.ts'
import { transaction } from './sql.ts'

/** Applies every migration newer than the database; returns the versions applied. */
export function migrate(
  db: DatabaseSync,
  migrations: readonly Migration[] = allMigrations,
  now: () => Date = () => new Date(),
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`)
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as
    { version: number | null } | undefined
  const current = row?.version ?? 0
  const known = migrations.at(-1)?.version ?? 0
  if (current > known) {
    throw new Error(
      `The database is from a newer version of My MINI Finance (schema ${current}, this app knows ${known}). Please update the app.`,
    )
  }
  const pending = migrations.filter((m) => m.version > current)
  if (pending.length === 0) return []
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  )
  transaction(db, () => {
    for (const migration of pending) {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, now().toISOString())
    }
  })
  return pending.map((m) => m.version)
}
