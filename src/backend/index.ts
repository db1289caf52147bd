/**
 * The backend's one door: creates the backend as the app host (src/host/) uses
 * it for the main process and the standalone server: the database file in the
 * data directory, migrations, demo data, the app. Nothing outside src/backend
 * imports past this file (eslint.config.js).
 */
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Database } from './db/database.ts'
import { buildApp } from './app.ts'
import { createAdjustableClock, systemClock, type Clock } from './clock.ts'
import { validateBackendConfig, type BackendConfig, type BackendConfigOverrides } from './config.ts'
import { openDatabase } from './db/connection.ts'
import { createOutboxRepository } from './db/repositories/outbox-repository.ts'
import { demoBackOffice } from './demo/back-office.ts'
import { seedDemoDocuments } from './demo/documents-seed.ts'
import { readClockOffset, seedDemoData, writeClockOffset } from './demo/seed.ts'
import { createOutboxSender, type OutboxSender } from './outbox/sender.ts'
import { dataDirSecretKey, MAKE_A_KEY } from './secret-key.ts'
import { createSmtpTransport } from './outbox/smtp-transport.ts'
import {
  databaseStats,
  outboxBacklog,
  readiness,
  type DatabaseStats,
  type Readiness,
} from './operations.ts'
import type { RequestLogSettings } from './request-log.ts'
import type { AppDeps } from './app-types.ts'
import type { PasswordHasher, ServiceEvents } from './services/context.ts'
import { sweepExpiredRegistrations } from './services/registrations.ts'

export { backendConfigFromEnv } from './config.ts'
export type { BackendConfigOverrides } from './config.ts'
export type { PasswordHasher }
export type { AnsweredRequest } from './app-types.ts'
export type { DatabaseStats, Readiness }
export { LOG_LEVELS, type LogLevel } from './request-log.ts'
export { parseProxyList } from './config.ts'
export { parseSecretKey, readSecretKeyFile, SECRET_KEY_FILE } from './secret-key.ts'

/** The standalone server's operations: its JSON log and its metrics' hooks. Absent in the desktop app. */
export interface BackendOperations {
  logger?: RequestLogSettings
  onRequestDone?: AppDeps['onRequestDone']
  events?: ServiceEvents
}

export interface Backend {
  app: FastifyInstance
  config: BackendConfig
  db: Database
  /** Delivers the outbox's e-mails; null without SMTP settings (nothing is sent). */
  outboxSender: OutboxSender | null
  /** Whether the database answers and has this code's schema (GET /readyz). */
  readiness(): Promise<Readiness>
  /** The database connections' use (the metrics). */
  databaseStats(): DatabaseStats
  /** E-mails waiting to be sent (the metrics). */
  outboxBacklog(): Promise<number>
  close(): Promise<void>
}

const SWEEP_INTERVAL_MS = 3_600_000

/** Opens the database, migrates, seeds demo data (first start), builds and readies the app. */
export async function createBackend(options: {
  dataDir: string
  /**
   * postgres://… : the database (the bank's server, any number of nodes); without
   * it, the SQLite file mmf.sqlite in the data directory.
   */
  database?: string
  demo: boolean
  config?: BackendConfigOverrides
  clock?: Clock
  /** argon2id with the host's parameters (src/host/password-hasher.ts). */
  hasher: PasswordHasher
  /**
   * The secret key (32 bytes) the second factor's secrets are sealed with. Required
   * with `database` (every node must have the same); without it on SQLite, the key
   * file in the data directory (created once, secret-key.ts).
   */
  secretKey?: Uint8Array
  operations?: BackendOperations
  /** Demo only: file the 10,000 letters of the bulk customer (default true; tests that do not need them skip it). */
  demoBulkDocuments?: boolean
  /** Where the sender worker reports failed deliveries (default: standard output). */
  log?: (line: string) => void
}): Promise<Backend> {
  const config = validateBackendConfig({ ...options.config, demo: options.demo })
  if (!options.secretKey && options.database) {
    throw new Error(
      `A secret key is required with a PostgreSQL database (the same on every node): --secret-key-file <path> or MMF_SECRET_KEY (32 bytes, base64). ${MAKE_A_KEY}`,
    )
  }
  const db = await openDatabase(options.database ?? join(options.dataDir, 'mmf.sqlite'))
  // On SQLite without a configured key: the key file next to the database file.
  const secretKey = options.secretKey ?? dataDirSecretKey(options.dataDir)
  const base = options.clock ?? systemClock
  const log = options.log ?? ((line: string) => console.log(line))
  const clock = options.demo
    ? createAdjustableClock(base, await readClockOffset(db), (offset) => {
        writeClockOffset(db, offset).catch((error: unknown) => {
          log(`demo clock: the offset could not be saved: ${String(error)}`)
        })
      })
    : base
  const outboxRepository = createOutboxRepository(db)
  const sender = config.smtp
    ? createOutboxSender({
        repository: outboxRepository,
        clock,
        transport: createSmtpTransport(config.smtp),
        settings: config.outbox,
        from: config.smtp.from,
        eraseContent: !config.demo,
        log,
      })
    : null
  const app = await buildApp({
    db,
    clock,
    sender,
    config,
    hasher: options.hasher,
    secretKey,
    // Only demo mode simulates the back office; elsewhere the bank's works from the database.
    backOffice: options.demo ? demoBackOffice : null,
    ...options.operations,
  })
  if (options.demo) {
    await seedDemoData(app.services)
    await seedDemoDocuments(app.services, { bulk: options.demoBulkDocuments ?? true })
  }
  await sweepExpiredRegistrations(app.services)
  const sweeper = setInterval(() => {
    sweepExpiredRegistrations(app.services).catch((error: unknown) => {
      log(`registrations: the sweep failed: ${String(error)}`)
    })
  }, SWEEP_INTERVAL_MS)
  sweeper.unref()
  await app.ready()
  // Delivers what was left pending before this start (a restart, another node's writes).
  sender?.wake()
  return {
    app,
    config,
    db,
    outboxSender: sender,
    readiness: () => readiness(db),
    databaseStats: () => databaseStats(db),
    outboxBacklog: () => outboxBacklog(db),
    async close() {
      clearInterval(sweeper)
      await sender?.stop()
      await app.close()
      // A database that broke off (or a test that closed it) is closed already.
      await db.close().catch(() => undefined)
    },
  }
}
