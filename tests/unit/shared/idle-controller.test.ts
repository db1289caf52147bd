/** The kiosk's idle detection with a fake clock: warning, countdown, continue, expiry. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createIdleController } from '../../../src/shared/idle-controller.ts'

type Event = ['warn', number] | ['tick', number] | ['expire']

/** A controller of 120 s with a 30 s warning, recording what it calls. */
function controller(overrides: { idleTimeoutSeconds?: number; warningSeconds?: number } = {}) {
  const events: Event[] = []
  const idle = createIdleController({
    idleTimeoutSeconds: 120,
    warningSeconds: 30,
    ...overrides,
    onWarn: (left) => events.push(['warn', left]),
    onTick: (left) => events.push(['tick', left]),
    onExpire: () => events.push(['expire']),
  })
  return { idle, events }
}
const seconds = (n: number) => vi.advanceTimersByTime(n * 1000)

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 9) })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('idle controller', () => {
  it('does nothing until started', () => {
    const { idle, events } = controller()
    expect(idle.state).toBe('stopped')
    idle.activity()
    seconds(600)
    expect(events).toEqual([])
  })

  it('warns after the idle timeout minus the warning time, with the seconds left', () => {
    const { idle, events } = controller()
    idle.start()
    seconds(89)
    expect(events).toEqual([])
    seconds(1)
    expect(events).toEqual([['warn', 30]])
    expect(idle.state).toBe('warning')
  })

  it('counts down every second and expires once at zero', () => {
    const { idle, events } = controller()
    idle.start()
    seconds(90)
    seconds(29)
    expect(events.at(-1)).toEqual(['tick', 1])
    expect(events.filter(([kind]) => kind === 'tick').map(([, left]) => left)).toEqual(
      Array.from({ length: 29 }, (_, i) => 29 - i),
    )
    seconds(1)
    expect(events.at(-1)).toEqual(['expire'])
    seconds(600)
    expect(events.filter(([kind]) => kind === 'expire')).toHaveLength(1)
    expect(idle.state).toBe('expired')
  })

  it('starts the quiet time anew on activity', () => {
    const { idle, events } = controller()
    idle.start()
    seconds(80)
    idle.activity()
    seconds(80)
    expect(events).toEqual([])
    seconds(10)
    expect(events).toEqual([['warn', 30]])
  })

  it('goes back to active on continue ("Ich bin noch da") and warns again after a full quiet time', () => {
    const { idle, events } = controller()
    idle.start()
    seconds(100)
    idle.continue()
    expect(idle.state).toBe('active')
    const before = events.length
    seconds(89)
    expect(events).toHaveLength(before)
    seconds(1)
    expect(events.at(-1)).toEqual(['warn', 30])
    seconds(30)
    expect(events.at(-1)).toEqual(['expire'])
  })

  it('does not let input during the countdown cancel it: only continue does', () => {
    const { idle, events } = controller()
    idle.start()
    seconds(95)
    idle.activity()
    expect(idle.state).toBe('warning')
    seconds(25)
    expect(events.at(-1)).toEqual(['expire'])
  })

  it('stops without calling anything more, and starts afresh for the next customer', () => {
    const { idle, events } = controller()
    idle.start()
    seconds(100)
    idle.stop()
    const before = events.length
    seconds(600)
    expect(events).toHaveLength(before)
    expect(idle.state).toBe('stopped')
    idle.continue()
    expect(idle.state).toBe('stopped')
    idle.start()
    seconds(90)
    expect(events.at(-1)).toEqual(['warn', 30])
  })

  it('ignores activity and continue after the expiry until started again', () => {
    const { idle, events } = controller()
    idle.start()
    seconds(120)
    idle.activity()
    idle.continue()
    seconds(600)
    expect(events.filter(([kind]) => kind === 'expire')).toHaveLength(1)
    expect(idle.state).toBe('expired')
  })

  it('expires at once when the terminal wakes after the deadline, even when touched first', () => {
    const { idle, events } = controller()
    idle.start()
    // Asleep: the clock jumps, no timer has fired yet.
    vi.setSystemTime(Date.now() + 600_000)
    idle.activity()
    expect(events).toEqual([['expire']])
  })

  it('warns with the seconds really left when a timer comes late', () => {
    const { idle, events } = controller()
    idle.start()
    vi.setSystemTime(Date.now() + 100_000)
    idle.activity()
    expect(events).toEqual([['warn', 20]])
    expect(idle.state).toBe('warning')
  })

  it('keeps counting down when a callback throws', () => {
    const events: string[] = []
    const idle = createIdleController({
      idleTimeoutSeconds: 30,
      warningSeconds: 5,
      onWarn: () => {
        throw new Error('renderer gone')
      },
      onTick: (left) => events.push(`tick ${left}`),
      onExpire: () => events.push('expire'),
      log: (line) => events.push(line),
    })
    idle.start()
    seconds(30)
    expect(events[0]).toContain('renderer gone')
    expect(events.slice(1)).toEqual(['tick 4', 'tick 3', 'tick 2', 'tick 1', 'expire'])
  })

  it('refuses a warning time not shorter than the idle timeout', () => {
    expect(() => controller({ idleTimeoutSeconds: 30, warningSeconds: 30 })).toThrow(RangeError)
    expect(() => controller({ warningSeconds: 0 })).toThrow(RangeError)
  })
})
