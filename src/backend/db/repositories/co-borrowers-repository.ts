import {
  type Queryable,
  type RowOf,
  fromRow,
  insertInto,
  prepare,
  recordBy,
  recordOrNull,
  stampEvery,
  stampOnce,
} from '../sql.ts'

/** The second party named on a contract. */
export interface CoBorrowerRecord {
  contractId: number
  firstName: string
  lastName: string
  dateOfBirth: string
}

export interface InvitationRecord {
  id: number
  contractId: number
  email: string
  failedAttempts: number
  expiresAt: string
  usedAt: string | null
}

/** A co-borrower's current or past access to a contract. */
export interface AccessRecord {
  id: number
  publicId: string
  contractId: number
  accountId: number
  grantedAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

const toParty = fromRow<CoBorrowerRecord>(['contractId', 'firstName', 'lastName', 'dateOfBirth'])
const toInvitation = fromRow<InvitationRecord>([
  'id',
  'contractId',
  'email',
  'failedAttempts',
  'expiresAt',
  'usedAt',
])
const toAccess = fromRow<AccessRecord>([
  'id',
  'publicId',
  'contractId',
  'accountId',
  'grantedAt',
  'lastUsedAt',
  'revokedAt',
])

/** How stale last_used_at may get before a read writes it again (one write a minute at most). */
const LAST_USED_GRANULARITY_MS = 60_000

/** Co-borrowers, their invitations and their access (migration 0020). */
export function createCoBorrowersRepository(db: Queryable) {
  const insertParty = insertInto(
    db,
    'contract_co_borrowers',
    'contract_id, first_name, last_name, date_of_birth',
  )
  const party = recordBy(db, 'contract_co_borrowers', 'contract_id', toParty)
  const insertInvitation = insertInto(
    db,
    'contract_invitations',
    'contract_id, token_hash, email, created_at, expires_at',
  )
  const invitationByHash = recordBy(db, 'contract_invitations', 'token_hash', toInvitation)
  const voidInvitations = stampEvery(db, 'contract_invitations', 'used_at', 'contract_id')
  const countFailure = prepare(
    db,
    `UPDATE contract_invitations SET failed_attempts = failed_attempts + 1
     WHERE id = ? AND used_at IS NULL RETURNING failed_attempts`,
  )
  const claimInvitation = stampOnce(db, 'contract_invitations', 'used_at', 'id')
  const insertAccess = insertInto(
    db,
    'contract_access',
    'public_id, contract_id, account_id, granted_at',
  )
  const currentAccess = prepare(
    db,
    'SELECT * FROM contract_access WHERE contract_id = ? AND account_id = ? AND revoked_at IS NULL',
  )
  const accessOfContract = prepare(
    db,
    'SELECT * FROM contract_access WHERE contract_id = ? AND revoked_at IS NULL ORDER BY granted_at, id',
  )
  const accessByPublicId = prepare(
    db,
    'SELECT * FROM contract_access WHERE public_id = ? AND contract_id = ? AND revoked_at IS NULL',
  )
  const sharedWith = prepare(
    db,
    `SELECT contract_id FROM contract_access WHERE account_id = ? AND revoked_at IS NULL
     ORDER BY contract_id`,
  )
  const revoke = stampOnce(db, 'contract_access', 'revoked_at', 'id')
  const touch = prepare(
    db,
    `UPDATE contract_access SET last_used_at = ?
     WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
  )
  return {
    async insertParty(party: CoBorrowerRecord): Promise<void> {
      await insertParty(party.contractId, party.firstName, party.lastName, party.dateOfBirth)
    },
    /** The co-borrower named on a contract, or null. */
    party(contractId: number): Promise<CoBorrowerRecord | null> {
      return party(contractId)
    },
    /** A new invitation; the contract's earlier open ones are void from now on. */
    async invite(
      invitation: { contractId: number; tokenHash: string; email: string; expiresAt: Date },
      now: Date,
    ): Promise<void> {
      await voidInvitations(now, invitation.contractId)
      await insertInvitation(
        invitation.contractId,
        invitation.tokenHash,
        invitation.email,
        now.toISOString(),
        invitation.expiresAt.toISOString(),
      )
    },
    invitation(tokenHash: string): Promise<InvitationRecord | null> {
      return invitationByHash(tokenHash)
    },
    /** Counts a wrong date of birth; the failures so far (0: the invitation was spent meanwhile). */
    async recordFailure(id: number): Promise<number> {
      const row = await countFailure.get<{ failed_attempts: number }>(id)
      return row ? Number(row.failed_attempts) : 0
    },
    /** Uses an invitation up (or voids it); exactly one of parallel calls gets true. */
    claimInvitation(id: number, now: Date): Promise<boolean> {
      return claimInvitation(id, now)
    },
    async grant(
      access: { publicId: string; contractId: number; accountId: number },
      now: Date,
    ): Promise<void> {
      await insertAccess(access.publicId, access.contractId, access.accountId, now.toISOString())
    },
    /** The account's current access to the contract, or null. */
    current(contractId: number, accountId: number): Promise<AccessRecord | null> {
      return recordOrNull(currentAccess, toAccess, contractId, accountId)
    },
    /** Who has access to the contract now, oldest first. */
    async ofContract(contractId: number): Promise<AccessRecord[]> {
      return (await accessOfContract.all<RowOf<AccessRecord>>(contractId)).map(toAccess)
    },
    byPublicId(contractId: number, publicId: string): Promise<AccessRecord | null> {
      return recordOrNull(accessByPublicId, toAccess, publicId, contractId)
    },
    /** The ids of the contracts the account reads as co-borrower. */
    async sharedWith(accountId: number): Promise<number[]> {
      return (await sharedWith.all<{ contract_id: number }>(accountId)).map((r) =>
        Number(r.contract_id),
      )
    },
    /** Ends an access; false when it had ended already. */
    revoke(id: number, now: Date): Promise<boolean> {
      return revoke(id, now)
    },
    /** Records a read by the co-borrower (at most one write a minute). */
    async touch(id: number, now: Date): Promise<void> {
      const stale = new Date(now.getTime() - LAST_USED_GRANULARITY_MS).toISOString()
      await touch.run(now.toISOString(), id, stale)
    },
  }
}
export type CoBorrowersRepository = ReturnType<typeof createCoBorrowersRepository>
