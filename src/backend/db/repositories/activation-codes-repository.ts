import { type Queryable, type RowOf, insertInto, prepare, recordOrNull, stampOnce } from '../sql.ts'

export interface ActivationCode {
  id: number
  accountId: number
  codeHash: string
  expiresAt: string
  usedAt: string | null
  voidedAt: string | null
  failedAttempts: number
  /** When the letter with this code was posted. */
  createdAt: string
}

const toActivationCode = (r: RowOf<ActivationCode>): ActivationCode => ({
  id: r.id,
  accountId: r.account_id,
  codeHash: r.code_hash,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  voidedAt: r.voided_at,
  failedAttempts: r.failed_attempts,
  createdAt: r.created_at,
})

/** Activation codes sent by post (hashes only); a new letter voids the old code. */
export function createActivationCodesRepository(db: Queryable) {
  const insert = insertInto(db, 'activation_codes', 'account_id, code_hash, expires_at, created_at')
  const voidOpen = prepare(
    db,
    'UPDATE activation_codes SET voided_at = ? WHERE account_id = ? AND used_at IS NULL AND voided_at IS NULL',
  )
  const latest = prepare(
    db,
    'SELECT * FROM activation_codes WHERE account_id = ? ORDER BY id DESC LIMIT 1',
  )
  const countSince = prepare(
    db,
    'SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM activation_codes WHERE account_id = ? AND created_at > ?',
  )
  const fail = prepare(
    db,
    'UPDATE activation_codes SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts',
  )
  const use = stampOnce(db, 'activation_codes', 'used_at', 'id')
  return {
    async issue(accountId: number, codeHash: string, expiresAt: Date, now: Date): Promise<void> {
      await voidOpen.run(now.toISOString(), accountId)
      await insert(accountId, codeHash, expiresAt.toISOString(), now.toISOString())
    },
    latest(accountId: number): Promise<ActivationCode | null> {
      return recordOrNull(latest, toActivationCode, accountId)
    },
    /** The letters sent after `since`: how many, and when the oldest of them was. */
    async lettersSince(
      accountId: number,
      since: Date,
    ): Promise<{ count: number; oldest: string | null }> {
      const row = await countSince.get<{ n: number; oldest: string | null }>(
        accountId,
        since.toISOString(),
      )
      return { count: row?.n ?? 0, oldest: row?.oldest ?? null }
    },
    async recordFailure(id: number): Promise<number> {
      return (await fail.get<{ failed_attempts: number }>(id))?.failed_attempts ?? 0
    },
    markUsed(id: number, now: Date): Promise<boolean> {
      return use(id, now)
    },
  }
}
export type ActivationCodesRepository = ReturnType<typeof createActivationCodesRepository>
