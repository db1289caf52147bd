/** Time as the backend sees it: injected everywhere, so tests and the demo can move it. */
export interface Clock {
  now(): Date
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() }

/** A clock that can be moved forward (demo mode's POST /dev/clock). */
export interface AdjustableClock extends Clock {
  readonly offsetSeconds: number
  advance(seconds: number): void
}

/** Wraps a clock with an offset; `onChange` persists the offset. */
export function createAdjustableClock(
  base: Clock,
  initialOffsetSeconds = 0,
  onChange: (offsetSeconds: number) => void = () => undefined,
): AdjustableClock {
  let offset = initialOffsetSeconds
  return {
    now: () => new Date(base.now().getTime() + offset * 1000),
    get offsetSeconds() {
      return offset
    },
    advance(seconds) {
      offset += seconds
      onChange(offset)
    },
  }
}

/** A fixed clock for tests that only moves when told. */
export function createFixedClock(start: Date | string): AdjustableClock {
  const base = new Date(start).getTime()
  return createAdjustableClock({ now: () => new Date(base) })
}

/** ISO 8601 UTC with seconds, as the API writes instants. */
export function isoInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
