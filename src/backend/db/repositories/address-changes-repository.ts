import { type Queryable, insertInto, nthNewestSince, prepare } from '../sql.ts'

/** The postal address changes of customer records (the daily limit, the Typenschein's hold). */
export function createAddressChangesRepository(db: Queryable) {
  const insert = insertInto(db, 'address_changes', 'customer_id, account_id, changed_at')
  const nthNewest = nthNewestSince(db, 'address_changes', 'customer_id', 'changed_at')
  const latest = prepare(
    db,
    'SELECT MAX(changed_at) AS changed_at FROM address_changes WHERE customer_id = ?',
  )
  return {
    async record(customerId: number, accountId: number, at: Date): Promise<void> {
      await insert(customerId, accountId, at.toISOString())
    },
    /** When the n-th newest change after `since` was made (n from 1); null when there are fewer. */
    nthNewestSince(customerId: number, since: Date, n: number): Promise<string | null> {
      return nthNewest(customerId, since, n)
    },
    /** When the customer's address last changed; null when never. */
    async latest(customerId: number): Promise<string | null> {
      return (await latest.get<{ changed_at: string | null }>(customerId))?.changed_at ?? null
    },
  }
}
export type AddressChangesRepository = ReturnType<typeof createAddressChangesRepository>
