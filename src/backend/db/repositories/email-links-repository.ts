import {
  type Queryable,
  fromRow,
  insertInto,
  prepare,
  recordBy,
  stampEvery,
  stampOnce,
} from '../sql.ts'

export type LinkPurpose = 'confirm' | 'reset' | 'email_change'

export interface EmailLink {
  id: number
  accountId: number
  purpose: LinkPurpose
  payload: string | null
  expiresAt: string
  usedAt: string | null
}

const toEmailLink = fromRow<EmailLink>([
  'id',
  'accountId',
  'purpose',
  'payload',
  'expiresAt',
  'usedAt',
])

/** Single-use links sent by e-mail; only their SHA-256 hashes are stored. */
export function createEmailLinksRepository(db: Queryable) {
  const insert = insertInto(
    db,
    'email_links',
    'account_id, purpose, token_hash, payload, expires_at, created_at',
  )
  const byHash = recordBy(db, 'email_links', 'token_hash, purpose', toEmailLink)
  const claim = stampOnce(db, 'email_links', 'used_at', 'id')
  const voidOthers = stampEvery(db, 'email_links', 'used_at', 'account_id, purpose')
  const hashesOf = prepare(
    db,
    'SELECT token_hash FROM email_links WHERE account_id = ? AND purpose = ?',
  )
  const tombstone = prepare(
    db,
    'INSERT INTO expired_links (token_hash, expired_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
  )
  const isTombstone = prepare(db, 'SELECT 1 AS found FROM expired_links WHERE token_hash = ?')
  return {
    async insert(
      link: {
        accountId: number
        purpose: LinkPurpose
        tokenHash: string
        payload?: string
        expiresAt: Date
      },
      now: Date,
    ): Promise<void> {
      await insert(
        link.accountId,
        link.purpose,
        link.tokenHash,
        link.payload ?? null,
        link.expiresAt.toISOString(),
        now.toISOString(),
      )
    },
    find(tokenHash: string, purpose: LinkPurpose): Promise<EmailLink | null> {
      return byHash(tokenHash, purpose)
    },
    /** Uses a link up; false when it was already used (exactly one of parallel uses wins). */
    claim(id: number, now: Date): Promise<boolean> {
      return claim(id, now)
    },
    /** Voids every unused link of the purpose (a new link replaces the old ones). */
    async voidAll(accountId: number, purpose: LinkPurpose, now: Date): Promise<void> {
      await voidOthers(now, accountId, purpose)
    },
    /** Keeps the hashes of an expired registration's confirmation links (no personal data). */
    async rememberExpired(accountId: number, now: Date): Promise<void> {
      for (const row of await hashesOf.all<{ token_hash: string }>(accountId, 'confirm')) {
        await tombstone.run(row.token_hash, now.toISOString())
      }
    },
    async wasExpired(tokenHash: string): Promise<boolean> {
      return (await isTombstone.get(tokenHash)) !== undefined
    },
  }
}
export type EmailLinksRepository = ReturnType<typeof createEmailLinksRepository>
