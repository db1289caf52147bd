/**
 * The types around the app factory (app.ts) that the routes and the OpenAPI
 * generator need too. In their own file so that those import no app.ts, which
 * imports them: no import circle.
 */
import type { RouteOptions } from 'fastify'
import type { AdjustableClock, Clock } from './clock.ts'
import type { BackendConfig } from './config.ts'
import type { Queryable } from './db/database.ts'
import type { OutboxSender } from './outbox/sender.ts'
import type { BackOffice, PasswordHasher } from './services/context.ts'

/** What buildApp is built from. */
export interface AppDeps {
  db: Queryable
  /** Adjustable in demo mode (POST /dev/clock). */
  clock: Clock | AdjustableClock
  /** Delivers the outbox's e-mails; null without SMTP settings (the table is the demo mailbox). */
  sender?: Pick<OutboxSender, 'wake'> | null
  config: BackendConfig
  /** Injected by the host (src/host/password-hasher.ts); tests give it cheaper parameters. */
  hasher: PasswordHasher
  /** The simulated back office of demo mode; absent otherwise. */
  backOffice?: BackOffice | null
  logger?: boolean
}

/** A registered route as the OpenAPI generator sees it. */
export type RouteRecord = Pick<RouteOptions, 'method' | 'url' | 'schema'>
