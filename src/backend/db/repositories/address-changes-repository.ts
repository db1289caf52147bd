import type { DatabaseSync } from 'node:sqlite'
import { insertInto } from '../sql.ts'

/** The postal address changes of customer records (the daily limit, the Typenschein's hold). */
export function createAddressChangesRepository(db: DatabaseSync) {
  const insert = insertInto(db, 'address_changes', 'customer_id, account_id, changed_at')
  const nthNewest = db.prepare(`SELECT changed_at FROM address_changes
    WHERE customer_id = ? AND changed_at > ? ORDER BY changed_at DESC LIMIT 1 OFFSET ?`)
  const latest = db.prepare(
    'SELECT MAX(changed_at) AS changed_at FROM address_changes WHERE customer_id = ?',
  )
  return {
    record(customerId: number, accountId: number, at: Date): void {
      insert(customerId, accountId, at.toISOString())
    },
    /** When the n-th newest change after `since` was made (n from 1); null when there are fewer. */
    nthNewestSince(customerId: number, since: Date, n: number): string | null {
      const row = nthNewest.get(customerId, since.toISOString(), n - 1) as
        { changed_at: string } | undefined
      return row?.changed_at ?? null
    },
    /** When the customer's address last changed; null when never. */
    latest(customerId: number): string | null {
      return (latest.get(customerId) as { changed_at: string | null }).changed_at
    },
  }
}
export type AddressChangesRepository = ReturnType<typeof createAddressChangesRepository>
