/**
 * Desktop notifications, without Electron: while the customer keeps a session
 * ("stay signed in") and has `preferences.notifications.desktop` on, main asks
 * the unread count every 15 minutes (± 2 minutes, so that a fleet of desktops
 * does not ask at the same instant) and when the machine wakes up. When the
 * count rises above the last one seen, ONE system notification says what kind
 * of news there is (never its content). The first answer of a session is the
 * baseline: news from before it shows in the app's bell, not as a notification.
 *
 * Never in kiosk mode, never without a kept session; a sign-out stops it and
 * forgets the count. When the system shows no notifications, main falls back
 * to the bell, tells the customer once (ever), and stops asking until the next start.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { NotificationsGateway } from './gateway-calls.ts'
import { noticeFor, type SystemNotice } from './notice.ts'

/** Every 15 minutes … */
export const POLL_INTERVAL_MS = 15 * 60_000
/** … give or take up to 2 minutes. */
export const POLL_JITTER_MS = 2 * 60_000
/** The most notifications read to tell a letter from other news. */
const NEWEST_READ_MAX = 20

export interface PollTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** What showing a notification came to: `unavailable` when the system shows none. */
export type ShowResult = 'shown' | 'unavailable'

export interface PollerOptions {
  kiosk: boolean
  /** Whether the gateway holds a kept session ("stay signed in"). */
  keptSession(): boolean
  gateway: NotificationsGateway
  /** Shows a system notification whose click opens `notice.route`. */
  notify(notice: SystemNotice): ShowResult
  /** The one-time message that the system shows no notifications, and its flag in main's settings. */
  fallback: {
    told(): boolean
    /** Tells the customer (in their language) and remembers that they were told. */
    tell(locale: Locale): Promise<void>
  }
  /** The global timers by default (vitest's fake timers replace those). */
  timers?: PollTimers
  /** Math.random by default: the jitter. */
  random?: () => number
  log?: (line: string) => void
}

export interface NotificationPoller {
  /** A customer signed in or a kept session was restored: starts anew if the session is kept. */
  sessionStarted(): void
  /** The session ended (sign-out, a refused refresh, another sign-in): stops and forgets. */
  sessionEnded(): void
  /** The machine woke up: asks now. */
  resumed(): void
  /** The system refused a notification it had taken (Windows' "failed"). */
  systemFailed(reason: string): void
  readonly running: boolean
}

const globalTimers: PollTimers = {
  // A turn still to come never keeps the process alive.
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** Creates the poller, stopped until `sessionStarted()`. */
export function createNotificationPoller(options: PollerOptions): NotificationPoller {
  const timers = options.timers ?? globalTimers
  const random = options.random ?? Math.random
  const log = (line: string): void => options.log?.(`desktop notifications: ${line}`)
  let running = false
  /** Counts starts and stops: an answer of an earlier session is thrown away. */
  let epoch = 0
  let timer: unknown = null
  /** The epoch of the poll under way, if any. */
  let inFlight: number | null = null
  let lastCount: number | null = null
  /** The system showed no notification this run: the bell only, until the next start. */
  let unavailable = false
  let locale: Locale = 'de'

  function reset(): void {
    epoch += 1
    running = false
    lastCount = null
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  }

  function schedule(mine: number): void {
    const jitter = Math.round((random() * 2 - 1) * POLL_JITTER_MS)
    timer = timers.setTimeout(() => {
      timer = null
      void poll(mine)
    }, POLL_INTERVAL_MS + jitter)
  }

  function fallBack(reason: string): void {
    if (unavailable) return
    unavailable = true
    reset()
    log(`the system shows none (${reason}); the bell in the app shows what is new`)
    if (options.fallback.told()) return
    options.fallback.tell(locale).catch((error: unknown) => {
      log(`telling the customer failed: ${error instanceof Error ? error.message : String(error)}`)
    })
  }

  function show(notice: SystemNotice): void {
    let result: ShowResult
    try {
      result = options.notify(notice)
    } catch (error) {
      result = 'unavailable'
      log(`showing failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (result === 'unavailable') fallBack('not supported')
  }

  async function poll(mine: number): Promise<void> {
    if (mine !== epoch || !running) return
    if (!options.keptSession()) {
      reset()
      return
    }
    inFlight = mine
    try {
      const preference = await options.gateway.preference()
      if (mine !== epoch) return
      locale = preference.locale
      if (!preference.desktop) {
        // Turned on later, it starts from the count of then, not from this one.
        lastCount = null
        return
      }
      const count = await options.gateway.unreadCount()
      if (mine !== epoch) return
      const previous = lastCount
      if (previous !== null && count > previous) {
        const rise = count - previous
        const newest = await options.gateway.newestUnread(Math.min(rise, NEWEST_READ_MAX))
        if (mine !== epoch) return
        show(noticeFor(rise, newest, preference.locale))
      }
      // Only now: a rise whose notice could not be read is tried again at the next turn.
      if (mine === epoch) lastCount = count
    } catch (error) {
      log(`asking failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      if (inFlight === mine) inFlight = null
      if (mine === epoch && running) schedule(mine)
    }
  }

  return {
    sessionStarted() {
      reset()
      if (options.kiosk || unavailable || !options.keptSession()) return
      running = true
      void poll(epoch)
    },
    sessionEnded: reset,
    resumed() {
      if (!running || inFlight === epoch) return
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
      void poll(epoch)
    },
    systemFailed(reason) {
      fallBack(reason)
    },
    get running() {
      return running
    },
  }
}
