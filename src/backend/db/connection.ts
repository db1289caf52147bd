/** Opens the backend's database on either engine and applies pending migrations. */
import type { Database } from './database.ts'
import { migrate } from './migrate.ts'
import { openPostgresDatabase } from './postgres-database.ts'
import { openSqliteDatabase } from './sqlite-database.ts'

/**
 * A postgres:// or postgresql:// URL opens PostgreSQL (the bank's server, any
 * number of nodes); anything else is the path of a SQLite file (the embedded
 * backend and the demo).
 */
export async function openDatabase(target: string): Promise<Database> {
  const db = /^postgres(ql)?:\/\//i.test(target)
    ? openPostgresDatabase({ connectionString: target })
    : openSqliteDatabase(target)
  try {
    await migrate(db)
  } catch (error) {
    await db.close()
    throw error
  }
  return db
}
