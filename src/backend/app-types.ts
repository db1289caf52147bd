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
import type { RequestLogSettings } from './request-log.ts'
import type { BackOffice, PasswordHasher, ServiceEvents } from './services/context.ts'

/** An answered request as the metrics count it (the route as its pattern). */
export interface AnsweredRequest {
  method: string
  route: string
  status: number
  seconds: number
}

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
  /** The configured secret key (32 bytes) the second factor's secrets are sealed with. */
  secretKey: Uint8Array
  /** The simulated back office of demo mode; absent otherwise. */
  backOffice?: BackOffice | null
  /** The standalone server's JSON log; absent: no log (the desktop app). */
  logger?: RequestLogSettings
  /** Told about every answered request (the standalone server's metrics). */
  onRequestDone?: (request: AnsweredRequest) => void
  /** Told about wrong passwords and locks (the standalone server's metrics). */
  events?: ServiceEvents
}

/** A registered route as the OpenAPI generator sees it. */
export type RouteRecord = Pick<RouteOptions, 'method' | 'url' | 'schema'>
