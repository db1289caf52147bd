import type { DatabaseSync } from 'node:sqlite'
import type { Locale, Salutation } from '../../../shared/api/auth.ts'
import { insertRecord, preparedOnUse, recordOrNull, type RowOf } from '../sql.ts'

/** An online account (registration), with or without a matched customer record. */
export interface Account {
  id: number
  email: string
  passwordHash: string
  salutation: Salutation
  firstName: string
  lastName: string
  dateOfBirth: string
  customerNumber: string
  locale: Locale
  status: 'pending' | 'confirmed'
  confirmExpiresAt: string
  confirmedAt: string | null
  /** The customer record bound to the account: set at activation (the letter's code proves it). */
  customerId: number | null
  /** The record the registration's details matched, whose address the activation letter goes to. */
  matchedCustomerId: number | null
  activatedAt: string | null
  createdAt: string
  /** Correspondence only in the postbox. */
  paperless: boolean
  /** When marketing consent was given; null without consent. */
  marketingConsentAt: string | null
  /** Incremented by every profile change (If-Match compares it, in SQL). */
  profileVersion: number
}

type Row = RowOf<Omit<Account, 'matchedCustomerId' | 'paperless'>> & {
  matched_customer_id?: number | null
  paperless: number
}

const toAccount = (r: Row): Account => ({
  id: r.id,
  email: r.email,
  passwordHash: r.password_hash,
  salutation: r.salutation,
  firstName: r.first_name,
  lastName: r.last_name,
  dateOfBirth: r.date_of_birth,
  customerNumber: r.customer_number,
  locale: r.locale,
  status: r.status,
  confirmExpiresAt: r.confirm_expires_at,
  confirmedAt: r.confirmed_at,
  customerId: r.customer_id,
  // Absent before migration 11.
  matchedCustomerId: r.matched_customer_id ?? null,
  activatedAt: r.activated_at,
  createdAt: r.created_at,
  paperless: r.paperless === 1,
  marketingConsentAt: r.marketing_consent_at,
  profileVersion: r.profile_version,
})

export type NewAccount = Omit<
  Account,
  | 'id'
  | 'confirmedAt'
  | 'customerId'
  | 'matchedCustomerId'
  | 'activatedAt'
  | 'paperless'
  | 'marketingConsentAt'
  | 'profileVersion'
>

/** The accounts table. E-mail addresses are stored normalised (trimmed, lower case). */
export function createAccountsRepository(db: DatabaseSync) {
  const insert = insertRecord<NewAccount>(db, 'accounts', [
    'email',
    'passwordHash',
    'salutation',
    'firstName',
    'lastName',
    'dateOfBirth',
    'customerNumber',
    'locale',
    'status',
    'confirmExpiresAt',
    'createdAt',
  ])
  const byEmail = db.prepare('SELECT * FROM accounts WHERE email = ?')
  const byId = db.prepare('SELECT * FROM accounts WHERE id = ?')
  const byCustomer = db.prepare('SELECT * FROM accounts WHERE customer_id = ?')
  const remove = db.prepare('DELETE FROM accounts WHERE id = ?')
  // Prepared on first use: the repository also reads databases migrated only part of the
  // way (before migration 11), which have no matched_customer_id (confirm, identity).
  const onUse = preparedOnUse(db)
  const confirmStatement = () =>
    onUse(
      "UPDATE accounts SET status = 'confirmed', confirmed_at = ?, matched_customer_id = ? WHERE id = ? AND status = 'pending'",
    )
  const setPassword = db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?')
  const activate = db.prepare(
    'UPDATE accounts SET customer_id = ?, activated_at = ? WHERE id = ? AND activated_at IS NULL',
  )
  const setEmail = db.prepare('UPDATE accounts SET email = ? WHERE id = ?')
  const identityStatement = () =>
    onUse(
      'UPDATE accounts SET customer_number = ?, last_name = ?, date_of_birth = ?, matched_customer_id = ? WHERE id = ? AND activated_at IS NULL',
    )
  const setPreferences = db.prepare(
    'UPDATE accounts SET locale = ?, paperless = ?, marketing_consent_at = ? WHERE id = ?',
  )
  const bumpIf = db.prepare(
    'UPDATE accounts SET profile_version = profile_version + 1 WHERE id = ? AND profile_version = ?',
  )
  const bump = db.prepare('UPDATE accounts SET profile_version = profile_version + 1 WHERE id = ?')
  const expired = db.prepare(
    "SELECT id FROM accounts WHERE status = 'pending' AND confirm_expires_at <= ?",
  )
  return {
    insert(account: NewAccount): number {
      return insert(account)
    },
    byEmail(email: string): Account | null {
      return recordOrNull(byEmail, toAccount, email)
    },
    byId(id: number): Account | null {
      return recordOrNull(byId, toAccount, id)
    },
    byCustomerId(customerId: number): Account | null {
      return recordOrNull(byCustomer, toAccount, customerId)
    },
    delete(id: number): void {
      remove.run(id)
    },
    /**
     * Marks a pending account confirmed with the record its details matched (not bound yet);
     * false when it was not pending (a parallel confirmation won).
     */
    confirm(id: number, at: Date, matchedCustomerId: number | null): boolean {
      return confirmStatement().run(at.toISOString(), matchedCustomerId, id).changes === 1
    },
    setPasswordHash(id: number, hash: string): void {
      setPassword.run(hash, id)
    },
    /**
     * Activates the account and binds the customer record to it; false when it was
     * activated already. The caller makes sure no other account holds the record.
     */
    activate(id: number, customerId: number, at: Date): boolean {
      return activate.run(customerId, at.toISOString(), id).changes === 1
    },
    /** The sign-in address (normalised); the caller makes sure no other account has it. */
    setEmail(id: number, email: string): void {
      setEmail.run(email, id)
    },
    /**
     * The details a registration is matched by, corrected, with the record they match
     * now (not bound: that happens at activation); false once the account is activated.
     */
    setIdentity(
      id: number,
      identity: Pick<Account, 'customerNumber' | 'lastName' | 'dateOfBirth'>,
      matchedCustomerId: number | null,
    ): boolean {
      return (
        identityStatement().run(
          identity.customerNumber,
          identity.lastName,
          identity.dateOfBirth,
          matchedCustomerId,
          id,
        ).changes === 1
      )
    },
    setPreferences(
      id: number,
      preferences: Pick<Account, 'locale' | 'paperless' | 'marketingConsentAt'>,
    ): void {
      setPreferences.run(
        preferences.locale,
        preferences.paperless ? 1 : 0,
        preferences.marketingConsentAt,
        id,
      )
    },
    /**
     * Counts a profile change: compare-and-set against `expectedVersion` when
     * given (false when another change came first), unconditional otherwise.
     */
    bumpProfileVersion(id: number, expectedVersion?: number): boolean {
      const result = expectedVersion === undefined ? bump.run(id) : bumpIf.run(id, expectedVersion)
      return result.changes === 1
    },
    /** Pending registrations whose confirmation time has passed. */
    expiredPendingIds(now: Date): number[] {
      return (expired.all(now.toISOString()) as { id: number }[]).map((r) => r.id)
    },
  }
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>
