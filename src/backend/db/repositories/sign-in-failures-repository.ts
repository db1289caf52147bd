import { type Queryable, deleteBy, prepare, stampOnce } from '../sql.ts'

/** Wrong passwords in a row, per normalised e-mail address, whether or not an account exists. */
export function createSignInFailuresRepository(db: Queryable) {
  const get = prepare(db, 'SELECT count, locked_at FROM sign_in_failures WHERE email = ?')
  const increment = prepare(
    db,
    `INSERT INTO sign_in_failures (email, count, updated_at) VALUES (?, 1, ?)
    ON CONFLICT (email) DO UPDATE SET count = sign_in_failures.count + 1, updated_at = excluded.updated_at
    RETURNING count`,
  )
  const lock = stampOnce(db, 'sign_in_failures', 'locked_at', 'email')
  const release = prepare(
    db,
    'UPDATE sign_in_failures SET count = count - 1 WHERE email = ? AND count > 0 AND locked_at IS NULL',
  )
  const clear = deleteBy(db, 'sign_in_failures', 'email')
  const clearUnlocked = prepare(
    db,
    'DELETE FROM sign_in_failures WHERE email = ? AND locked_at IS NULL',
  )
  return {
    async state(email: string): Promise<{ count: number; locked: boolean }> {
      const row = await get.get<{ count: number; locked_at: string | null }>(email)
      return { count: row?.count ?? 0, locked: Boolean(row?.locked_at) }
    },
    /** Counts one more attempt before the password is checked; returns the new count. */
    async reserveAttempt(email: string, now: Date): Promise<number> {
      return (await increment.get<{ count: number }>(email, now.toISOString()))?.count ?? 1
    },
    /**
     * Gives a reserved attempt back without resetting the count: a right password
     * when the second factor still has to follow (only a right code resets).
     */
    async releaseAttempt(email: string): Promise<void> {
      await release.run(email)
    },
    /** Locks the address; true only for the call that locked it (so one lock e-mail goes out). */
    lock(email: string, now: Date): Promise<boolean> {
      return lock(email, now)
    },
    /** A password reset (or a newly proven mailbox) clears the count and the lock. */
    async clear(email: string): Promise<void> {
      await clear(email)
    },
    /** A right password resets the count, never a lock; false when the address is locked. */
    async resetCount(email: string): Promise<boolean> {
      await clearUnlocked.run(email)
      return !(await get.get<{ locked_at: string | null }>(email))?.locked_at
    },
  }
}
export type SignInFailuresRepository = ReturnType<typeof createSignInFailuresRepository>
