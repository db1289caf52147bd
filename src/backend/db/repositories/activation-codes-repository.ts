import type { DatabaseSync } from 'node:sqlite'
import { insertInto, recordOrNull, stampOnce, type RowOf } from '../sql.ts'

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
export function createActivationCodesRepository(db: DatabaseSync) {
  const insert = insertInto(db, 'activation_codes', 'account_id, code_hash, expires_at, created_at')
  const voidOpen = db.prepare(
    'UPDATE activation_codes SET voided_at = ? WHERE account_id = ? AND used_at IS NULL AND voided_at IS NULL',
  )
  const latest = db.prepare(
    'SELECT * FROM activation_codes WHERE account_id = ? ORDER BY id DESC LIMIT 1',
  )
  const countSince = db.prepare(
    'SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM activation_codes WHERE account_id = ? AND created_at > ?',
  )
  const fail = db.prepare(
    'UPDATE activation_codes SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts',
  )
  const use = stampOnce(db, 'activation_codes', 'used_at', 'id')
  return {
    issue(accountId: number, codeHash: string, expiresAt: Date, now: Date): void {
      voidOpen.run(now.toISOString(), accountId)
      insert(accountId, codeHash, expiresAt.toISOString(), now.toISOString())
    },
    latest(accountId: number): ActivationCode | null {
      return recordOrNull(latest, toActivationCode, accountId)
    },
    /** The letters sent after `since`: how many, and when the oldest of them was. */
    lettersSince(accountId: number, since: Date): { count: number; oldest: string | null } {
      const row = countSince.get(accountId, since.toISOString()) as {
        n: number
        oldest: string | null
      }
      return { count: row.n, oldest: row.oldest }
    },
    recordFailure(id: number): number {
      return (fail.get(id) as { failed_attempts: number }).failed_attempts
    },
    markUsed(id: number, now: Date): boolean {
      return use(id, now)
    },
  }
}
export type ActivationCodesRepository = ReturnType<typeof createActivationCodesRepository>
