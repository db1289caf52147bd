/**
 * Sliding-window rate limits in memory, on the backend's clock. A limit is a
 * count per window per key (an address, a client IP); over it the caller
 * answers 429 with Retry-After.
 */
import type { Clock } from '../clock.ts'

export interface RateLimit {
  max: number
  windowSeconds: number
}

export interface RateDecision {
  allowed: boolean
  /** Seconds until the next attempt may succeed (0 when allowed). */
  retryAfterSeconds: number
}

export interface RateLimiter {
  /** Counts one attempt under `bucket`/`key` and says whether it is within the limit. */
  hit(bucket: string, key: string, limit: RateLimit): RateDecision
}

/** Creates a limiter; memory is bounded by pruning keys whose window has passed. */
export function createRateLimiter(clock: Clock): RateLimiter {
  const hits = new Map<string, number[]>()
  let lastPrune = 0
  return {
    hit(bucket, key, limit) {
      const now = clock.now().getTime()
      const windowMs = limit.windowSeconds * 1000
      if (now - lastPrune > 60_000) {
        for (const [k, times] of hits) if ((times.at(-1) ?? 0) < now - 86_400_000) hits.delete(k)
        lastPrune = now
      }
      const id = `${bucket}\u0000${key}`
      const recent = (hits.get(id) ?? []).filter((t) => t > now - windowMs)
      if (recent.length >= limit.max) {
        hits.set(id, recent)
        const oldest = recent[0] ?? now
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
        }
      }
      recent.push(now)
      hits.set(id, recent)
      return { allowed: true, retryAfterSeconds: 0 }
    },
  }
}
