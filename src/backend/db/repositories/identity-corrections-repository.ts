import { type Queryable, insertInto, prepare } from '../sql.ts'

/** The corrections of an account's registration details (the daily limit of PUT /me/identity). */
export function createIdentityCorrectionsRepository(db: Queryable) {
  const insert = insertInto(db, 'identity_corrections', 'account_id, corrected_at')
  const nthNewest = prepare(
    db,
    `SELECT corrected_at FROM identity_corrections
    WHERE account_id = ? AND corrected_at > ? ORDER BY corrected_at DESC LIMIT 1 OFFSET ?`,
  )
  return {
    async record(accountId: number, at: Date): Promise<void> {
      await insert(accountId, at.toISOString())
    },
    /** When the n-th newest correction after `since` was made (n from 1); null when there are fewer. */
    async nthNewestSince(accountId: number, since: Date, n: number): Promise<string | null> {
      const row = await nthNewest.get<{ corrected_at: string }>(
        accountId,
        since.toISOString(),
        n - 1,
      )
      return row?.corrected_at ?? null
    },
  }
}
export type IdentityCorrectionsRepository = ReturnType<typeof createIdentityCorrectionsRepository>
