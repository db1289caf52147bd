/**
 * The sender worker: delivers the outbox's pending e-mails over SMTP, so that no
 * request waits for a mail server. Each e-mail is claimed with a lease in one
 * atomic statement, sent, and marked sent; a failed attempt is retried with
 * exponential backoff and jitter up to a cap, and after the last attempt the
 * e-mail is marked failed. A worker that dies leaves its claim to run out: the
 * e-mail is then due again, for this or another worker (another server node).
 */
import { randomUUID } from 'node:crypto'
import type { Clock } from '../clock.ts'
import type { OutboxDeliverySettings } from '../config.ts'
import type {
  ClaimedEmail,
  DeliveryOutcome,
  OutboxRepository,
} from '../db/repositories/outbox-repository.ts'
import type { MailTransport } from './smtp-transport.ts'

export interface OutboxSender {
  /** Looks for due e-mails at once, after the caller's synchronous work (its transaction). */
  wake(): void
  /** Resolves once no attempt runs and none is about to start; retries due later do not count. */
  idle(): Promise<void>
  /**
   * Claims nothing more. An attempt in flight may finish within the grace time; after
   * that it is abandoned (its lease makes it due again) and stop resolves all the same.
   */
  stop(): Promise<void>
}

/** How long stop() lets an attempt in flight finish before abandoning it. */
export const STOP_GRACE_MS = 2_000
/** After an unexpected error (the database busy beyond its timeout) the worker pauses this long. */
const ERROR_PAUSE_MS = 1_000
/** The reason an attempt is aborted when stop() gives up on it. */
const ABANDONED = Symbol('abandoned')

/** The wait after failed attempt `attempt` (from 1): doubling from the base up to the cap, in its upper half at random. */
export function retryDelayMs(
  attempt: number,
  settings: Pick<OutboxDeliverySettings, 'retryBaseMs' | 'retryCapMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(settings.retryCapMs, settings.retryBaseMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** A Message-ID named after the outbox row: every attempt of one message carries the same. */
export function messageIdFor(
  message: Pick<ClaimedEmail, 'id' | 'createdAt'>,
  from: string,
): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'localhost'
  return `<outbox.${message.id}.${Date.parse(message.createdAt).toString(36)}@${domain}>`
}

/**
 * What a failed attempt is logged and stored as: nodemailer's error code and the SMTP
 * reply code, never the reply's text (it may name the recipient).
 */
export function deliveryErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'EUNKNOWN'
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown }
  const parts = [
    typeof code === 'string' && /^[A-Z_]{1,32}$/.test(code) ? code : 'EUNKNOWN',
    ...(typeof responseCode === 'number' && Number.isInteger(responseCode)
      ? [String(responseCode)]
      : []),
  ]
  return parts.join(' ')
}

/** Resolves true when `promise` settles within `ms`, false otherwise; leaves no timer behind. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
    timer.unref()
  })
  try {
    return await Promise.race([promise.then(() => true), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Starts idle: the first wake() (the backend's, once it is ready) begins the work. */
export function createOutboxSender(deps: {
  repository: OutboxRepository
  clock: Clock
  transport: MailTransport
  settings: OutboxDeliverySettings
  /** The sender address: its domain names the messages. */
  from: string
  /** Outside demo mode a finished e-mail keeps only its envelope (no links, no attachments). */
  eraseContent: boolean
  /** One line per failed attempt; never an address, only the message's id. */
  log: (line: string) => void
}): OutboxSender {
  const { repository, clock, transport, settings, log } = deps
  const paused = (error: unknown): void =>
    log(`outbox: delivery paused: ${error instanceof Error ? error.message : String(error)}`)
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  /** A run is scheduled at once (a wake). */
  let soon = false
  let running: Promise<void> | null = null
  /** Woken while running: run again right after. */
  let again = false
  let inFlight: AbortController | null = null

  const schedule = (ms: number): void => {
    if (stopped) return
    if (timer) clearTimeout(timer)
    soon = ms === 0
    timer = setTimeout(run, ms)
    timer.unref()
  }

  const untilNextDue = async (): Promise<number> => {
    const next = await repository.nextDueAt()
    if (!next) return settings.pollIntervalMs
    return Math.min(settings.pollIntervalMs, Math.max(0, next.getTime() - clock.now().getTime()))
  }

  const finish = async (email: ClaimedEmail, outcome: DeliveryOutcome): Promise<void> => {
    const settled = await repository.settle(email, outcome, {
      eraseContent: deps.eraseContent && outcome.delivery !== 'pending',
    })
    if (!settled) {
      log(`outbox: message ${email.id}, attempt ${email.attempt}: its lease ran out meanwhile`)
    }
  }

  const attempt = async (email: ClaimedEmail): Promise<void> => {
    if (email.attempt > settings.maxAttempts) {
      // The worker of its last attempt died: no attempt is left.
      await finish(email, { delivery: 'failed', at: clock.now(), error: 'EABANDONED' })
      log(`outbox: message ${email.id} failed: its last attempt was abandoned`)
      return
    }
    const controller = new AbortController()
    inFlight = controller
    // Cut off at half the lease, so that no other worker takes over a message still in flight.
    const cutOff = setTimeout(() => controller.abort(), settings.leaseMs / 2)
    cutOff.unref()
    let failure: { error: unknown } | null = null
    try {
      await transport.deliver(
        {
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: messageIdFor(email, deps.from),
          attachments: email.attachmentCount > 0 ? await repository.attachmentsOf(email.id) : [],
        },
        controller.signal,
      )
    } catch (error) {
      failure = { error }
    } finally {
      clearTimeout(cutOff)
      inFlight = null
    }
    const now = clock.now()
    if (!failure) {
      await finish(email, { delivery: 'sent', at: now })
      return
    }
    // Given up by stop(): nothing is recorded, the lease brings the message back.
    if (controller.signal.reason === ABANDONED) return
    const code = controller.signal.aborted ? 'ETIMEDOUT' : deliveryErrorCode(failure.error)
    if (email.attempt >= settings.maxAttempts) {
      await finish(email, { delivery: 'failed', at: now, error: code })
      log(`outbox: message ${email.id} failed after ${email.attempt} attempts (${code})`)
      return
    }
    const wait = retryDelayMs(email.attempt, settings, Math.random)
    await finish(email, {
      delivery: 'pending',
      nextAttemptAt: new Date(now.getTime() + wait),
      error: code,
    })
    log(
      `outbox: message ${email.id}, attempt ${email.attempt} of ${settings.maxAttempts} failed (${code}); next in ${Math.round(wait / 1000)} s`,
    )
  }

  /** Delivers one due e-mail after the other until none is due; false after an unexpected error. */
  const deliverDue = async (): Promise<boolean> => {
    try {
      while (!stopped) {
        const now = clock.now()
        const email = await repository.claimDue(
          randomUUID(),
          now,
          new Date(now.getTime() + settings.leaseMs),
        )
        if (!email) break
        await attempt(email)
      }
      return true
    } catch (error) {
      paused(error)
      return false
    }
  }

  function run(): void {
    timer = null
    soon = false
    if (stopped || running) return
    running = deliverDue().then(async (ok) => {
      let delay = Math.min(ERROR_PAUSE_MS, settings.pollIntervalMs)
      if (ok) {
        try {
          delay = await untilNextDue()
        } catch (error) {
          paused(error)
          delay = settings.pollIntervalMs
        }
      }
      running = null
      if (stopped) return
      const woken = again
      again = false
      schedule(woken ? 0 : delay)
    })
  }

  return {
    wake() {
      if (stopped) return
      if (running) again = true
      else schedule(0)
    },
    async idle() {
      while (!stopped && (running || soon)) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, 1)))
      }
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
      soon = false
      const current = running
      if (current && !(await within(current, STOP_GRACE_MS))) {
        inFlight?.abort(ABANDONED)
        // A transport that ignores the abort is not waited for: the database closes after this.
        await within(current, STOP_GRACE_MS)
      }
      transport.close()
    },
  }
}
