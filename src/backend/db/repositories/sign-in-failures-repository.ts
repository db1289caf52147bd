import type { DatabaseSync } from 'node:sqlite'
import { stampOnce } from '../sql.ts'

/** Wrong passwords in a row, per normalised e-mail address, whether or not an account exists. */
export function createSignInFailuresRepository(db: DatabaseSync) {
  const get = db.prepare('SELECT count, locked_at FROM sign_in_failures WHERE email = ?')
  const increment =
    db.prepare(`INSERT INTO sign_in_failures (email, count, updated_at) VALUES (?, 1, ?)
    ON CONFLICT (email) DO UPDATE SET count = count + 1, updated_at = excluded.updated_at
    RETURNING count`)
  const lock = stampOnce(db, 'sign_in_failures', 'locked_at', 'email')
  const clear = db.prepare('DELETE FROM sign_in_failures WHERE email = ?')
  const clearUnlocked = db.prepare(
    'DELETE FROM sign_in_failures WHERE email = ? AND locked_at IS NULL',
  )
  return {
    state(email: string): { count: number; locked: boolean } {
      const row = get.get(email) as { count: number; locked_at: string | null } | undefined
      return { count: row?.count ?? 0, locked: Boolean(row?.locked_at) }
    },
    /** Counts one more attempt before the password is checked; returns the new count. */
    reserveAttempt(email: string, now: Date): number {
      return (increment.get(email, now.toISOString()) as { count: number }).count
    },
    /** Locks the address; true only for the call that locked it (so one lock e-mail goes out). */
    lock(email: string, now: Date): boolean {
      return lock(email, now)
    },
    /** A password reset (or a newly proven mailbox) clears the count and the lock. */
    clear(email: string): void {
      clear.run(email)
    },
    /** A right password resets the count, never a lock; false when the address is locked. */
    resetCount(email: string): boolean {
      clearUnlocked.run(email)
      return !(get.get(email) as { locked_at: string | null } | undefined)?.locked_at
    },
  }
}
export type SignInFailuresRepository = ReturnType<typeof createSignInFailuresRepository>
