import type { DatabaseSync } from 'node:sqlite'
import { insertInto } from '../sql.ts'

/** The corrections of an account's registration details (the daily limit of PUT /me/identity). */
export function createIdentityCorrectionsRepository(db: DatabaseSync) {
  const insert = insertInto(db, 'identity_corrections', 'account_id, corrected_at')
  const nthNewest = db.prepare(`SELECT corrected_at FROM identity_corrections
    WHERE account_id = ? AND corrected_at > ? ORDER BY corrected_at DESC LIMIT 1 OFFSET ?`)
  return {
    record(accountId: number, at: Date): void {
      insert(accountId, at.toISOString())
    },
    /** When the n-th newest correction after `since` was made (n from 1); null when there are fewer. */
    nthNewestSince(accountId: number, since: Date, n: number): string | null {
      const row = nthNewest.get(accountId, since.toISOString(), n - 1) as
        { corrected_at: string } | undefined
      return row?.corrected_at ?? null
    },
  }
}
export type IdentityCorrectionsRepository = ReturnType<typeof createIdentityCorrectionsRepository>
