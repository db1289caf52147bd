import type { Locale, Salutation } from '../../../shared/api/auth.ts'
import {
  type Queryable,
  type RowOf,
  deleteBy,
  insertRecord,
  prepare,
  recordBy,
  updateBy,
} from '../sql.ts'

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
  /** preferences.notifications: instalment reminders by e-mail (default off). */
  notifyEmailReminders: boolean
  /** preferences.notifications: system notifications of the desktop app (default on). */
  notifyDesktop: boolean
}

type Row = RowOf<
  Omit<Account, 'matchedCustomerId' | 'paperless' | 'notifyEmailReminders' | 'notifyDesktop'>
> & {
  matched_customer_id?: number | null
  paperless: number
  /** Absent before migration 17. */
  notify_email_reminders?: number
  notify_desktop?: number
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
  notifyEmailReminders: r.notify_email_reminders === 1,
  notifyDesktop: (r.notify_desktop ?? 1) === 1,
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
  | 'notifyEmailReminders'
  | 'notifyDesktop'
>

/** The accounts table. E-mail addresses are stored normalised (trimmed, lower case). */
export function createAccountsRepository(db: Queryable) {
  const insert = insertRecord<NewAccount>(
    db,
    'accounts',
    [
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
    ],
    'id',
  )
  const byEmail = recordBy(db, 'accounts', 'email', toAccount)
  const byId = recordBy(db, 'accounts', 'id', toAccount)
  const byCustomer = recordBy(db, 'accounts', 'customer_id', toAccount)
  const remove = deleteBy(db, 'accounts', 'id')
  // The repository also reads databases migrated only part of the way (before
  // migration 11), which have no matched_customer_id: statements are prepared when run.
  const confirm = prepare(
    db,
    "UPDATE accounts SET status = 'confirmed', confirmed_at = ?, matched_customer_id = ? WHERE id = ? AND status = 'pending'",
  )
  const setPassword = updateBy(db, 'accounts', 'password_hash', 'id')
  const activate = prepare(
    db,
    'UPDATE accounts SET customer_id = ?, activated_at = ? WHERE id = ? AND activated_at IS NULL',
  )
  const setEmail = updateBy(db, 'accounts', 'email', 'id')
  const setIdentity = prepare(
    db,
    'UPDATE accounts SET customer_number = ?, last_name = ?, date_of_birth = ?, matched_customer_id = ? WHERE id = ? AND activated_at IS NULL',
  )
  const setPreferences = updateBy(db, 'accounts', 'locale, paperless, marketing_consent_at', 'id')
  const setNotifications = updateBy(db, 'accounts', 'notify_email_reminders, notify_desktop', 'id')
  const activated = prepare(
    db,
    'SELECT * FROM accounts WHERE activated_at IS NOT NULL AND customer_id IS NOT NULL ORDER BY id',
  )
  const bumpIf = prepare(
    db,
    'UPDATE accounts SET profile_version = profile_version + 1 WHERE id = ? AND profile_version = ?',
  )
  const bump = prepare(db, 'UPDATE accounts SET profile_version = profile_version + 1 WHERE id = ?')
  const expired = prepare(
    db,
    "SELECT id FROM accounts WHERE status = 'pending' AND confirm_expires_at <= ?",
  )
  return {
    /** Answers the new account's id. */
    insert(account: NewAccount): Promise<number> {
      return insert(account)
    },
    byEmail(email: string): Promise<Account | null> {
      return byEmail(email)
    },
    byId(id: number): Promise<Account | null> {
      return byId(id)
    },
    byCustomerId(customerId: number): Promise<Account | null> {
      return byCustomer(customerId)
    },
    async delete(id: number): Promise<void> {
      await remove(id)
    },
    /**
     * Marks a pending account confirmed with the record its details matched (not bound yet);
     * false when it was not pending (a parallel confirmation won).
     */
    async confirm(id: number, at: Date, matchedCustomerId: number | null): Promise<boolean> {
      return (await confirm.run(at.toISOString(), matchedCustomerId, id)).changes === 1
    },
    async setPasswordHash(id: number, hash: string): Promise<void> {
      await setPassword(id, hash)
    },
    /**
     * Activates the account and binds the customer record to it; false when it was
     * activated already. The caller makes sure no other account holds the record.
     */
    async activate(id: number, customerId: number, at: Date): Promise<boolean> {
      return (await activate.run(customerId, at.toISOString(), id)).changes === 1
    },
    /** The sign-in address (normalised); the caller makes sure no other account has it. */
    async setEmail(id: number, email: string): Promise<void> {
      await setEmail(id, email)
    },
    /**
     * The details a registration is matched by, corrected, with the record they match
     * now (not bound: that happens at activation); false once the account is activated.
     */
    async setIdentity(
      id: number,
      identity: Pick<Account, 'customerNumber' | 'lastName' | 'dateOfBirth'>,
      matchedCustomerId: number | null,
    ): Promise<boolean> {
      const result = await setIdentity.run(
        identity.customerNumber,
        identity.lastName,
        identity.dateOfBirth,
        matchedCustomerId,
        id,
      )
      return result.changes === 1
    },
    async setPreferences(
      id: number,
      preferences: Pick<Account, 'locale' | 'paperless' | 'marketingConsentAt'>,
    ): Promise<void> {
      await setPreferences(
        id,
        preferences.locale,
        preferences.paperless ? 1 : 0,
        preferences.marketingConsentAt,
      )
    },
    async setNotificationPreferences(
      id: number,
      preferences: Pick<Account, 'notifyEmailReminders' | 'notifyDesktop'>,
    ): Promise<void> {
      await setNotifications(
        id,
        preferences.notifyEmailReminders ? 1 : 0,
        preferences.notifyDesktop ? 1 : 0,
      )
    },
    /** Every activated account (the notification sweep). */
    async activated(): Promise<Account[]> {
      return (await activated.all<Row>()).map(toAccount)
    },
    /**
     * Counts a profile change: compare-and-set against `expectedVersion` when
     * given (false when another change came first), unconditional otherwise.
     */
    async bumpProfileVersion(id: number, expectedVersion?: number): Promise<boolean> {
      const result =
        expectedVersion === undefined ? await bump.run(id) : await bumpIf.run(id, expectedVersion)
      return result.changes === 1
    },
    /** Pending registrations whose confirmation time has passed. */
    async expiredPendingIds(now: Date): Promise<number[]> {
      return (await expired.all<{ id: number }>(now.toISOString())).map((r) => r.id)
    },
  }
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>
