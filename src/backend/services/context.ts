/** What every service needs: repositories, clock, outbox, configuration. Built once per app. */
import type { DatabaseSync } from 'node:sqlite'
import type { Clock } from '../clock.ts'
import type { BackendConfig } from '../config.ts'
import { createAccountsRepository } from '../db/repositories/accounts-repository.ts'
import { createAddressChangesRepository } from '../db/repositories/address-changes-repository.ts'
import { createActivationCodesRepository } from '../db/repositories/activation-codes-repository.ts'
import { createContractsRepository } from '../db/repositories/contracts-repository.ts'
import { createDocumentsRepository } from '../db/repositories/documents-repository.ts'
import { createCustomersRepository } from '../db/repositories/customers-repository.ts'
import { createEmailLinksRepository } from '../db/repositories/email-links-repository.ts'
import { createIdentityCorrectionsRepository } from '../db/repositories/identity-corrections-repository.ts'
import { createOutboxRepository } from '../db/repositories/outbox-repository.ts'
import { createSessionsRepository } from '../db/repositories/sessions-repository.ts'
import { createSettingsRepository } from '../db/repositories/settings-repository.ts'
import { createSignInFailuresRepository } from '../db/repositories/sign-in-failures-repository.ts'
import type { Outbox } from '../outbox/outbox.ts'
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts'

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
  db: DatabaseSync
  clock: Clock
  config: BackendConfig
  outbox: Outbox
  hasher: PasswordHasher
  /** null: no back office in this process (outside demo mode). */
  backOffice: BackOffice | null
  limiter: RateLimiter
  repos: ReturnType<typeof createRepositories>
  events: ServiceEvents
}

/** Every repository over one database. */
export function createRepositories(db: DatabaseSync) {
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
  }
}

/** Builds the context from what the caller injects (tests give the hasher cheaper parameters). */
export function createServiceContext(deps: {
  db: DatabaseSync
  clock: Clock
  config: BackendConfig
  outbox: Outbox
  hasher: PasswordHasher
  backOffice?: BackOffice | null
  events?: ServiceEvents
}): ServiceContext {
  return {
    ...deps,
    backOffice: deps.backOffice ?? null,
    events: deps.events ?? NO_EVENTS,
    limiter: createRateLimiter(deps.clock),
    repos: createRepositories(deps.db),
  }
}

/** Trimmed and lower-cased: how addresses are stored and compared. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}
