/**
 * Rate limits on the backend's clock. A limit is a count per window per key (an
 * address, a client IP, an account); over it the caller answers 429 with
 * Retry-After. On PostgreSQL the counts live in the database, so that any number
 * of nodes count as one; on SQLite (one process) in memory. The decisions taken while answering one request are
 * collected, so that the answer can announce them in the standard RateLimit
 * headers (draft-ietf-httpapi-ratelimit-headers).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Clock } from '../clock.ts'
import type { Queryable } from '../db/database.ts'
import type { RateLimit } from '../config.ts'

// The settings' type, declared with the settings (config.ts imports nothing of the services).
export type { RateLimit }

export interface RateDecision {
  allowed: boolean
  /** Seconds until the next attempt may succeed (0 when allowed). */
  retryAfterSeconds: number
  /** Attempts left in the window after this one. */
  remaining: number
  /** Seconds within which no more than `remaining` attempts will succeed. */
  resetSeconds: number
}

/** A decision as the answer announces it: the policy's name, its limit and where the caller stands. */
export interface AnnouncedLimit {
  policy: string
  limit: RateLimit
  decision: RateDecision
}

export interface RateLimiter {
  /**
   * Counts one attempt under `bucket`/`key` in a sliding window (exact: for the small
   * limits that guard passwords and e-mails) and says whether it is within the limit.
   * The decision is announced under the bucket's name unless `announce` is false (a limit
   * keyed by something else than the caller, such as an e-mail address, tells nobody anything).
   */
  hit(
    bucket: string,
    key: string,
    limit: RateLimit,
    options?: { announce?: boolean },
  ): Promise<RateDecision>
  /**
   * Counts one request in a fixed window (constant memory per key: for the large general
   * limits on every request); announced under the bucket's name.
   */
  count(bucket: string, key: string, limit: RateLimit): Promise<RateDecision>
  /** Announces a decision taken elsewhere (a limit counted in the database). */
  announce(policy: string, limit: RateLimit, decision: RateDecision): void
  /** Runs `next` (the rest of one request's handling) with its own list of announced limits. */
  track(next: () => void): void
  /** The limits announced so far while handling the current request, each policy once. */
  announced(): AnnouncedLimit[]
}

const DAY_MS = 86_400_000

/** Where the counts are kept. */
export interface RateStore {
  /**
   * A sliding window: counts the attempt at `now` when fewer than `max` lie in the
   * `windowMs` before it. Answers whether it was counted, the attempts in the window
   * (this one included) and when the oldest of them was.
   */
  slide(
    id: string,
    now: number,
    windowMs: number,
    max: number,
  ): Promise<{ allowed: boolean; count: number; oldest: number }>
  /** A fixed window starting at `start`: counts the request; answers the requests counted in it. */
  fixed(id: string, start: number): Promise<number>
}

/** The counts in this process's memory (SQLite: the one process); pruned of passed windows. */
export function memoryRateStore(): RateStore {
  const hits = new Map<string, number[]>()
  const windows = new Map<string, { start: number; count: number }>()
  let lastPrune = 0
  function prune(now: number): void {
    if (now - lastPrune <= 60_000) return
    for (const [k, times] of hits) if ((times.at(-1) ?? 0) < now - DAY_MS) hits.delete(k)
    for (const [k, window] of windows) if (window.start < now - DAY_MS) windows.delete(k)
    lastPrune = now
  }
  return {
    async slide(id, now, windowMs, max) {
      prune(now)
      const recent = (hits.get(id) ?? []).filter((t) => t > now - windowMs)
      const allowed = recent.length < max
      if (allowed) recent.push(now)
      hits.set(id, recent)
      return { allowed, count: recent.length, oldest: recent[0] ?? now }
    },
    async fixed(id, start) {
      prune(start)
      let window = windows.get(id)
      if (!window || window.start !== start) {
        window = { start, count: 0 }
        windows.set(id, window)
      }
      window.count += 1
      return window.count
    },
  }
}

/**
 * The counts in the database (migration 16): every node of a PostgreSQL
 * deployment sees the same. A sliding window's check and count are one
 * transaction (serialisable: of parallel attempts on different nodes no more
 * than the limit get through); a fixed window is one upsert. Rows of passed
 * windows go with the attempts of their key, and `prune` removes the rest.
 */
export function databaseRateStore(
  db: Queryable,
): RateStore & { prune(now: number): Promise<void> } {
  return {
    slide: (id, now, windowMs, max) =>
      db.transaction(async (tx) => {
        await tx.run('DELETE FROM rate_hits WHERE key = ? AND at <= ?', id, now - windowMs)
        const row = await tx.get<{ n: number; oldest: number | null }>(
          'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM rate_hits WHERE key = ?',
          id,
        )
        const before = row?.n ?? 0
        const allowed = before < max
        if (allowed) await tx.run('INSERT INTO rate_hits (key, at) VALUES (?, ?)', id, now)
        return {
          allowed,
          count: allowed ? before + 1 : before,
          oldest: row?.oldest ?? now,
        }
      }),
    async fixed(id, start) {
      const row = await db.get<{ count: number }>(
        `INSERT INTO rate_windows (key, window_start, count) VALUES (?, ?, 1)
          ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN rate_windows.window_start = excluded.window_start
              THEN rate_windows.count + 1 ELSE 1 END,
            window_start = excluded.window_start
          RETURNING count`,
        id,
        start,
      )
      return row?.count ?? 1
    },
    async prune(now) {
      await db.run('DELETE FROM rate_hits WHERE at < ?', now - DAY_MS)
      await db.run('DELETE FROM rate_windows WHERE window_start < ?', now - DAY_MS)
    },
  }
}

/** Creates a limiter over `store` (memory unless given). */
export function createRateLimiter(clock: Clock, store: RateStore = memoryRateStore()): RateLimiter {
  const requests = new AsyncLocalStorage<Map<string, AnnouncedLimit>>()

  function announce(policy: string, limit: RateLimit, decision: RateDecision): void {
    requests.getStore()?.set(policy, { policy, limit, decision })
  }

  return {
    async hit(bucket, key, limit, options = {}) {
      const now = clock.now().getTime()
      const windowMs = limit.windowSeconds * 1000
      const counted = await store.slide(`${bucket}:${key}`, now, windowMs, limit.max)
      // The oldest attempt in the window is the next to leave it and free a place.
      const untilFree = Math.max(1, Math.ceil((counted.oldest + windowMs - now) / 1000))
      const decision: RateDecision = {
        allowed: counted.allowed,
        retryAfterSeconds: counted.allowed ? 0 : untilFree,
        remaining: Math.max(0, limit.max - counted.count),
        resetSeconds: untilFree,
      }
      if (options.announce !== false) announce(bucket, limit, decision)
      return decision
    },
    async count(bucket, key, limit) {
      const now = clock.now().getTime()
      const windowMs = limit.windowSeconds * 1000
      const start = Math.floor(now / windowMs) * windowMs
      const count = await store.fixed(`${bucket}:${key}`, start)
      const allowed = count <= limit.max
      const untilNext = Math.max(1, Math.ceil((start + windowMs - now) / 1000))
      const decision: RateDecision = {
        allowed,
        retryAfterSeconds: allowed ? 0 : untilNext,
        remaining: Math.max(0, limit.max - count),
        resetSeconds: untilNext,
      }
      announce(bucket, limit, decision)
      return decision
    },
    announce,
    track(next) {
      requests.run(new Map(), next)
    },
    announced() {
      return [...(requests.getStore()?.values() ?? [])]
    },
  }
}
