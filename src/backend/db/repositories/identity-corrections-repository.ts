import { type Queryable, insertInto, nthNewestSince } from '../sql.ts'

/** The corrections of an account's registration details (the daily limit of PUT /me/identity). */
export function createIdentityCorrectionsRepository(db: Queryable) {
  const insert = insertInto(db, 'identity_corrections', 'account_id, corrected_at')
  const nthNewest = nthNewestSince(db, 'identity_corrections', 'account_id', 'corrected_at')
  return {
    async record(accountId: number, at: Date): Promise<void> {
      await insert(accountId, at.toISOString())
    },
    /** When the n-th newest correction after `since` was made (n from 1); null when there are fewer. */
    nthNewestSince(accountId: number, since: Date, n: number): Promise<string | null> {
      return nthNewest(accountId, since, n)
    },
  }
}
export type IdentityCorrectionsRepository = ReturnType<typeof createIdentityCorrectionsRepository>
