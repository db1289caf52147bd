import { type Queryable, insertInto, prepare, stampOnce } from '../sql.ts'

/** Session families with their access and refresh tokens (hashes only). */
export function createSessionsRepository(db: Queryable) {
  const insertFamily = insertInto(db, 'session_families', 'id, account_id, created_at')
  const insertAccess = insertInto(db, 'access_tokens', 'token_hash, family_id, expires_at')
  const insertRefresh = insertInto(db, 'refresh_tokens', 'token_hash, family_id, expires_at')
  const findAccess = prepare(
    db,
    `SELECT a.expires_at, f.id AS family_id, f.account_id, f.revoked_at
    FROM access_tokens a JOIN session_families f ON f.id = a.family_id WHERE a.token_hash = ?`,
  )
  const findRefresh = prepare(
    db,
    `SELECT r.expires_at, r.used_at, f.id AS family_id, f.account_id,
    f.revoked_at, f.created_at AS family_created_at
    FROM refresh_tokens r JOIN session_families f ON f.id = r.family_id WHERE r.token_hash = ?`,
  )
  const useRefresh = stampOnce(db, 'refresh_tokens', 'used_at', 'token_hash')
  const revokeFamily = stampOnce(db, 'session_families', 'revoked_at', 'id')
  const revokeAccount = prepare(
    db,
    'UPDATE session_families SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL AND id <> ?',
  )
  return {
    async createFamily(id: string, accountId: number, now: Date): Promise<void> {
      await insertFamily(id, accountId, now.toISOString())
    },
    async addAccessToken(hash: string, familyId: string, expiresAt: Date): Promise<void> {
      await insertAccess(hash, familyId, expiresAt.toISOString())
    },
    async addRefreshToken(hash: string, familyId: string, expiresAt: Date): Promise<void> {
      await insertRefresh(hash, familyId, expiresAt.toISOString())
    },
    async findAccessToken(hash: string) {
      return (
        (await findAccess.get<{
          expires_at: string
          family_id: string
          account_id: number
          revoked_at: string | null
        }>(hash)) ?? null
      )
    },
    async findRefreshToken(hash: string) {
      return (
        (await findRefresh.get<{
          expires_at: string
          used_at: string | null
          family_id: string
          account_id: number
          revoked_at: string | null
          /** The sign-in that started the family: its absolute lifetime counts from it. */
          family_created_at: string
        }>(hash)) ?? null
      )
    },
    /** Uses a refresh token up; false when it had been used before (reuse). */
    useRefreshToken(hash: string, now: Date): Promise<boolean> {
      return useRefresh(hash, now)
    },
    async revokeFamily(familyId: string, now: Date): Promise<void> {
      await revokeFamily(familyId, now)
    },
    /** Revokes every session of the account except `keepFamilyId` (pass '' to revoke all). */
    async revokeAllOf(accountId: number, now: Date, keepFamilyId = ''): Promise<void> {
      await revokeAccount.run(now.toISOString(), accountId, keepFamilyId)
    },
  }
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>
