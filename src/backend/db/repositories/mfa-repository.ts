import { type Queryable, deleteBy, fromRow, insertInto, prepare, stampOnce } from '../sql.ts'

/** An account's TOTP while the second factor is on. */
export interface TotpRecord {
  accountId: number
  /** AES-256-GCM, services/mfa-crypto.ts; never the secret itself. */
  secretSealed: string
  enabledAt: string
  /** The time step of the newest code used (replay protection). */
  lastStep: number
}

/** A sign-in's code step. */
export interface MfaChallenge {
  accountId: number
  expiresAt: string
  usedAt: string | null
}

const toEnrolment = fromRow<{ secretSealed: string; expiresAt: string }>([
  'secretSealed',
  'expiresAt',
])

/**
 * The second factor's rows (migration 0018): TOTP, pending enrolments,
 * recovery codes (keyed hashes) and sign-in challenges (by their id's hash).
 * Every "use once" is one conditional UPDATE, so of parallel uses on any node
 * exactly one wins.
 */
export function createMfaRepository(db: Queryable) {
  const totpOf = prepare(
    db,
    'SELECT account_id, secret_sealed, enabled_at, last_step FROM mfa_totp WHERE account_id = ?',
  )
  const insertTotp = insertInto(db, 'mfa_totp', 'account_id, secret_sealed, enabled_at, last_step')
  const useStep = prepare(
    db,
    'UPDATE mfa_totp SET last_step = ? WHERE account_id = ? AND last_step < ?',
  )
  const removeTotp = deleteBy(db, 'mfa_totp', 'account_id')
  const insertEnrolment = insertInto(
    db,
    'mfa_enrolments',
    'id_hash, account_id, secret_sealed, created_at, expires_at',
  )
  const enrolment = prepare(
    db,
    'SELECT secret_sealed, expires_at FROM mfa_enrolments WHERE id_hash = ? AND account_id = ?',
  )
  const removeEnrolments = deleteBy(db, 'mfa_enrolments', 'account_id')
  const removeExpiredEnrolments = prepare(db, 'DELETE FROM mfa_enrolments WHERE expires_at <= ?')
  const insertCode = insertInto(db, 'mfa_recovery_codes', 'account_id, code_hash, created_at')
  const codesOf = prepare(
    db,
    'SELECT id, code_hash FROM mfa_recovery_codes WHERE account_id = ? AND used_at IS NULL ORDER BY id',
  )
  const removeCodes = deleteBy(db, 'mfa_recovery_codes', 'account_id')
  const useCode = stampOnce(db, 'mfa_recovery_codes', 'used_at', 'id')
  const insertChallenge = insertInto(
    db,
    'mfa_challenges',
    'id_hash, account_id, created_at, expires_at',
  )
  const challenge = prepare(
    db,
    'SELECT account_id, expires_at, used_at FROM mfa_challenges WHERE id_hash = ?',
  )
  const useChallenge = stampOnce(db, 'mfa_challenges', 'used_at', 'id_hash')
  const removeChallenges = deleteBy(db, 'mfa_challenges', 'account_id')
  const removeOldChallenges = prepare(db, 'DELETE FROM mfa_challenges WHERE expires_at <= ?')
  return {
    async totp(accountId: number): Promise<TotpRecord | null> {
      const row = await totpOf.get<{
        account_id: number
        secret_sealed: string
        enabled_at: string
        last_step: number
      }>(accountId)
      return row
        ? {
            accountId: row.account_id,
            secretSealed: row.secret_sealed,
            enabledAt: row.enabled_at,
            lastStep: Number(row.last_step),
          }
        : null
    },
    async enableTotp(accountId: number, secretSealed: string, step: number, now: Date) {
      await insertTotp(accountId, secretSealed, now.toISOString(), step)
    },
    /**
     * Records the use of the code of time step `step`: false when a code of that
     * step or a later one was used already (a replay, or the loser of parallel uses).
     */
    async useStep(accountId: number, step: number): Promise<boolean> {
      return (await useStep.run(step, accountId, step)).changes === 1
    },
    /** Turns the second factor off: the secret, the recovery codes and open challenges go. */
    async disable(accountId: number): Promise<void> {
      await removeTotp(accountId)
      await removeCodes(accountId)
      await removeChallenges(accountId)
    },
    /** A new enrolment replaces the account's earlier ones (only the newest QR code works). */
    async startEnrolment(
      enrolment: { idHash: string; accountId: number; secretSealed: string; expiresAt: Date },
      now: Date,
    ): Promise<void> {
      await removeEnrolments(enrolment.accountId)
      await removeExpiredEnrolments.run(now.toISOString())
      await insertEnrolment(
        enrolment.idHash,
        enrolment.accountId,
        enrolment.secretSealed,
        now.toISOString(),
        enrolment.expiresAt.toISOString(),
      )
    },
    async enrolment(
      idHash: string,
      accountId: number,
    ): Promise<{ secretSealed: string; expiresAt: string } | null> {
      const row = await enrolment.get<{ secret_sealed: string; expires_at: string }>(
        idHash,
        accountId,
      )
      return row ? toEnrolment(row) : null
    },
    /** Ends the account's enrolments; false when there was none left (another call confirmed it). */
    async endEnrolments(accountId: number): Promise<boolean> {
      return (await removeEnrolments(accountId)) > 0
    },
    /** The unused recovery codes' hashes. */
    unusedCodes(accountId: number): Promise<{ id: number; code_hash: string }[]> {
      return codesOf.all<{ id: number; code_hash: string }>(accountId)
    },
    /** Replaces the recovery codes with a new set (the old set stops working). */
    async replaceCodes(accountId: number, hashes: readonly string[], now: Date): Promise<void> {
      await removeCodes(accountId)
      for (const hash of hashes) await insertCode(accountId, hash, now.toISOString())
    },
    /** Uses a recovery code up; false when it was used already. */
    useCode(id: number, now: Date): Promise<boolean> {
      return useCode(id, now)
    },
    async createChallenge(
      challenge: { idHash: string; accountId: number; expiresAt: Date },
      now: Date,
    ): Promise<void> {
      await removeOldChallenges.run(now.toISOString())
      await insertChallenge(
        challenge.idHash,
        challenge.accountId,
        now.toISOString(),
        challenge.expiresAt.toISOString(),
      )
    },
    async challenge(idHash: string): Promise<MfaChallenge | null> {
      const row = await challenge.get<{
        account_id: number
        expires_at: string
        used_at: string | null
      }>(idHash)
      return row
        ? { accountId: Number(row.account_id), expiresAt: row.expires_at, usedAt: row.used_at }
        : null
    },
    /** Ends the account's open sign-in challenges (a lock, a password reset). */
    async endChallenges(accountId: number): Promise<void> {
      await removeChallenges(accountId)
    },
    /** Uses a challenge up; false when it was used already (exactly one of parallel uses wins). */
    useChallenge(idHash: string, now: Date): Promise<boolean> {
      return useChallenge(idHash, now)
    },
  }
}
export type MfaRepository = ReturnType<typeof createMfaRepository>
