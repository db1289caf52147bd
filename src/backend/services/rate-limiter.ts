/**
 * Rate limits in memory, on the backend's clock. A limit is a count per window
 * per key (an address, a client IP, an account); over it the caller answers
 * 429 with Retry-After. The decisions taken while answering one request are
 * collected, so that the answer can announce them in the standard RateLimit
 * headers (draft-ietf-httpapi-ratelimit-headers).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Clock } from '../clock.ts'
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
  hit(bucket: string, key: string, limit: RateLimit, options?: { announce?: boolean }): RateDecision
  /**
   * Counts one request in a fixed window (constant memory per key: for the large general
   * limits on every request); announced under the bucket's name.
   */
  count(bucket: string, key: string, limit: RateLimit): RateDecision
  /** Announces a decision taken elsewhere (a limit counted in the database). */
  announce(policy: string, limit: RateLimit, decision: RateDecision): void
  /** Runs `next` (the rest of one request's handling) with its own list of announced limits. */
  track(next: () => void): void
  /** The limits announced so far while handling the current request, each policy once. */
  announced(): AnnouncedLimit[]
}

const DAY_MS = 86_400_000

/** Creates a limiter; memory is bounded by pruning keys whose window has passed. */
export function createRateLimiter(clock: Clock): RateLimiter {
  const hits = new Map<string, number[]>()
  const windows = new Map<string, { start: number; count: number }>()
  const requests = new AsyncLocalStorage<Map<string, AnnouncedLimit>>()
  let lastPrune = 0

  function prune(now: number): void {
    if (now - lastPrune <= 60_000) return
    for (const [k, times] of hits) if ((times.at(-1) ?? 0) < now - DAY_MS) hits.delete(k)
    for (const [k, window] of windows) if (window.start < now - DAY_MS) windows.delete(k)
    lastPrune = now
  }

  function announce(policy: string, limit: RateLimit, decision: RateDecision): void {
    requests.getStore()?.set(policy, { policy, limit, decision })
  }

  return {
    hit(bucket, key, limit, options = {}) {
      const now = clock.now().getTime()
      prune(now)
      const windowMs = limit.windowSeconds * 1000
      const id = `${bucket}\u0000${key}`
      const recent = (hits.get(id) ?? []).filter((t) => t > now - windowMs)
      const allowed = recent.length < limit.max
      if (allowed) recent.push(now)
      hits.set(id, recent)
      // The oldest attempt in the window is the next to leave it and free a place.
      const untilFree = Math.max(1, Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000))
      const decision: RateDecision = {
        allowed,
        retryAfterSeconds: allowed ? 0 : untilFree,
        remaining: limit.max - recent.length,
        resetSeconds: untilFree,
      }
      if (options.announce !== false) announce(bucket, limit, decision)
      return decision
    },
    count(bucket, key, limit) {
      const now = clock.now().getTime()
      prune(now)
      const windowMs = limit.windowSeconds * 1000
      const start = Math.floor(now / windowMs) * windowMs
      const id = `${bucket}\u0000${key}`
      let window = windows.get(id)
      if (!window || window.start !== start) {
        window = { start, count: 0 }
        windows.set(id, window)
      }
      const allowed = window.count < limit.max
      if (allowed) window.count += 1
      const untilNext = Math.max(1, Math.ceil((start + windowMs - now) / 1000))
      const decision: RateDecision = {
        allowed,
        retryAfterSeconds: allowed ? 0 : untilNext,
        remaining: limit.max - window.count,
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
