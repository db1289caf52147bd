/** What every service needs: repositories, clock, outbox, configuration. Built once per app. */
import type { Queryable } from '../db/database.ts'
import type { Clock } from '../clock.ts'
import type { BackendConfig } from '../config.ts'
import { createAccountsRepository } from '../db/repositories/accounts-repository.ts'
import { createAddressChangesRepository } from '../db/repositories/address-changes-repository.ts'
import { createActivationCodesRepository } from '../db/repositories/activation-codes-repository.ts'
import { createCoBorrowersRepository } from '../db/repositories/co-borrowers-repository.ts'
import { createContractsRepository } from '../db/repositories/contracts-repository.ts'
import { createDocumentsRepository } from '../db/repositories/documents-repository.ts'
import { createCustomersRepository } from '../db/repositories/customers-repository.ts'
import { createEmailLinksRepository } from '../db/repositories/email-links-repository.ts'
import { createMileageReadingsRepository } from '../db/repositories/mileage-readings-repository.ts'
import { createMfaRepository } from '../db/repositories/mfa-repository.ts'
import { createIdentityCorrectionsRepository } from '../db/repositories/identity-corrections-repository.ts'
import { createNotificationsRepository } from '../db/repositories/notifications-repository.ts'
import { createOutboxRepository } from '../db/repositories/outbox-repository.ts'
import { createSessionsRepository } from '../db/repositories/sessions-repository.ts'
import { createServiceRequestsRepository } from '../db/repositories/service-requests-repository.ts'
import { createSettingsRepository } from '../db/repositories/settings-repository.ts'
import { createSignInFailuresRepository } from '../db/repositories/sign-in-failures-repository.ts'
import { createDatabaseOutbox, type Outbox } from '../outbox/outbox.ts'
import type { OutboxSender } from '../outbox/sender.ts'
import { deriveMfaKeys, type MfaKeys } from './mfa-crypto.ts'
import { createRateLimiter, databaseRateStore, type RateLimiter } from './rate-limiter.ts'

/** Hashes and checks passwords (NFC, argon2id); the host supplies it (src/host/password-hasher.ts). */
export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(stored: string, password: string): Promise<boolean>
  /** Spends the time of a verification without an account, so answers for unknown addresses take as long. */
  verifyDummy(password: string): Promise<void>
}

/**
 * The back office that takes up the service requests not answered at once: in
 * demo mode the simulated one (demo/back-office.ts), injected by createBackend;
 * absent otherwise, where the bank's own back office works from the database.
 */
export interface BackOffice {
  /** When it takes a request filed at `filedAt` up, and when it answers it. */
  schedule(filedAt: Date): { progressDueAt: string; answerDueAt: string }
  /** Does what is due by the backend's clock; returns how many requests it answered. */
  run(ctx: ServiceContext): Promise<number>
}

/** What the services report for operations (the standalone server's metrics). */
export interface ServiceEvents {
  /** A wrong password was counted, at sign-in or when confirming a change. */
  passwordFailed(): void
  /** A wrong password locked an address (with or without an account). */
  accountLocked(): void
}

const NO_EVENTS: ServiceEvents = { passwordFailed: () => undefined, accountLocked: () => undefined }

export interface ServiceContext {
  /** The database, or inside `transaction` the transaction. */
  db: Queryable
  clock: Clock
  config: BackendConfig
  /** Writes messages through `repos.outbox` (inside a transaction: the transaction's). */
  outbox: Outbox
  hasher: PasswordHasher
  /** null: no back office in this process (outside demo mode). */
  backOffice: BackOffice | null
  limiter: RateLimiter
  /** The second factor's keys, derived from the configured secret key (services/mfa-crypto.ts). */
  mfaKeys: MfaKeys
  repos: Repositories
  /**
   * Runs `fn` all or nothing with a context whose `db`, `repos` and `outbox` are
   * the transaction's (nested: a savepoint). On PostgreSQL `fn` may run again
   * when a concurrent transaction wins: it must do nothing but database work
   * (no hashing, no mail server); the sender is woken after the commit.
   */
  transaction<T>(fn: (tx: ServiceContext) => Promise<T>): Promise<T>
  events: ServiceEvents
}

/** Every repository over one database or transaction. */
export function createRepositories(db: Queryable) {
  return {
    settings: createSettingsRepository(db),
    customers: createCustomersRepository(db),
    outbox: createOutboxRepository(db),
    accounts: createAccountsRepository(db),
    links: createEmailLinksRepository(db),
    sessions: createSessionsRepository(db),
    failures: createSignInFailuresRepository(db),
    activationCodes: createActivationCodesRepository(db),
    contracts: createContractsRepository(db),
    documents: createDocumentsRepository(db),
    addressChanges: createAddressChangesRepository(db),
    identityCorrections: createIdentityCorrectionsRepository(db),
    serviceRequests: createServiceRequestsRepository(db),
    notifications: createNotificationsRepository(db),
    mfa: createMfaRepository(db),
    coBorrowers: createCoBorrowersRepository(db),
    mileageReadings: createMileageReadingsRepository(db),
  }
}
export type Repositories = ReturnType<typeof createRepositories>

type ContextDeps = Omit<ServiceContext, 'db' | 'repos' | 'outbox' | 'transaction'> & {
  sender: Pick<OutboxSender, 'wake'> | null
}

/** The context over `db` (the database or one of its transactions). */
function contextOver(deps: ContextDeps, db: Queryable, wake: () => void): ServiceContext {
  const { sender, ...rest } = deps
  const repos = createRepositories(db)
  return {
    ...rest,
    db,
    repos,
    outbox: createDatabaseOutbox(repos.outbox, deps.clock, sender ? { wake } : null),
    async transaction(fn) {
      let woken = false
      const result = await db.transaction((tx) =>
        fn(
          contextOver(deps, tx, () => {
            woken = true
          }),
        ),
      )
      // After the commit: the sender must find what the transaction queued.
      if (woken) wake()
      return result
    },
  }
}

/** Builds the context from what the caller injects (tests give the hasher cheaper parameters). */
export function createServiceContext(deps: {
  db: Queryable
  clock: Clock
  config: BackendConfig
  hasher: PasswordHasher
  /** The configured secret key (32 bytes), never stored in the database. */
  secretKey: Uint8Array
  /** Delivers the queued e-mails; null without SMTP settings. */
  sender?: Pick<OutboxSender, 'wake'> | null
  backOffice?: BackOffice | null
  events?: ServiceEvents
}): ServiceContext {
  const sender = deps.sender ?? null
  return contextOver(
    {
      clock: deps.clock,
      config: deps.config,
      hasher: deps.hasher,
      backOffice: deps.backOffice ?? null,
      events: deps.events ?? NO_EVENTS,
      mfaKeys: deriveMfaKeys(deps.secretKey),
      // One process on SQLite: in memory. On PostgreSQL every node counts in the database.
      limiter: createRateLimiter(
        deps.clock,
        deps.db.engine === 'postgres' ? databaseRateStore(deps.db) : undefined,
      ),
      sender,
    },
    deps.db,
    () => sender?.wake(),
  )
}

/** Trimmed and lower-cased: how addresses are stored and compared. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}
