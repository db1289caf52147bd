/**
 * Per-customer limits counted from rows in the database rather than in memory,
 * so that they hold across restarts and several server nodes: a customer may
 * file `max` of a thing in any `windowSeconds`; the next one answers 429 with
 * Retry-After, the time until the oldest of those `max` leaves the window.
 */
import { rateLimited } from '../errors.ts'
import type { RateLimit } from './rate-limiter.ts'

/** A day as a sliding window. */
export const DAY_SECONDS = 86_400

/** The start of the window that ends now. */
export function windowStart(now: Date, limit: RateLimit): Date {
  return new Date(now.getTime() - limit.windowSeconds * 1000)
}

/**
 * Throws 429 when the limit is reached: `maxthNewest` is when the `max`-th
 * newest row inside the window was written (null when there are fewer).
 */
export function enforcePersistedLimit(
  maxthNewest: string | null,
  limit: RateLimit,
  now: Date,
): void {
  if (maxthNewest === null) return
  const free = Date.parse(maxthNewest) + limit.windowSeconds * 1000
  throw rateLimited(Math.max(1, Math.ceil((free - now.getTime()) / 1000)))
}
