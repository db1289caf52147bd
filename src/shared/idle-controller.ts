/**
 * Shared by main (the desktop kiosk) and the web preview's renderer (plain timers, no Node).
 *
 * The kiosk's idle detection, without Electron: main reports input with
 * `activity()`; after `idleTimeoutSeconds − warningSeconds` of quiet the
 * controller calls `onWarn(secondsLeft)` (the full-screen "Sind Sie noch da?"
 * notice), then `onTick(secondsLeft)` every second down to 1, and at zero
 * `onExpire()` once (the session end). `continue()` is the notice's button.
 *
 * Input during the countdown does NOT count as "still here": only `continue()`
 * ends the warning. The notice covers the whole screen, so a deliberate tap on
 * its button is easy, while a stray touch, a passer-by nudging the mouse or a
 * powerMonitor wake-up must not keep a departed customer's data on screen.
 *
 * Times are deadlines on the injected clock, not counted timer callbacks, so a
 * late timer (a busy main process, a terminal that slept) cannot stretch the
 * session: a controller that wakes up past its deadline expires at once.
 * `stop()` while there is nothing to protect; `start()` when a customer signs in or
 * a visitor types into a form.
 */

export type IdleState = 'stopped' | 'active' | 'warning' | 'expired'

export interface IdleTimers {
  /** Milliseconds, e.g. Date.now. */
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface IdleControllerOptions {
  idleTimeoutSeconds: number
  warningSeconds: number
  onWarn(secondsLeft: number): void
  onTick(secondsLeft: number): void
  onExpire(): void
  /** The clock and timers; the global ones by default (vitest's fake timers replace those). */
  timers?: IdleTimers
  log?: (line: string) => void
}

export interface IdleController {
  readonly state: IdleState
  /** Input from the customer: restarts the quiet time while active; ignored in the countdown. */
  activity(): void
  /** "Ich bin noch da": ends the countdown and starts the quiet time anew. */
  continue(): void
  /** Starts watching (a sign-in, typed input); restarts the quiet time when already watching. */
  start(): void
  /** Stops watching (the session ended): no more calls until `start()`. */
  stop(): void
}

const globalTimers: IdleTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** Creates the controller, stopped. */
export function createIdleController(options: IdleControllerOptions): IdleController {
  const { idleTimeoutSeconds, warningSeconds } = options
  if (!Number.isInteger(idleTimeoutSeconds) || !Number.isInteger(warningSeconds)) {
    throw new RangeError('The idle timeout and the warning time must be whole seconds.')
  }
  if (warningSeconds < 1 || warningSeconds >= idleTimeoutSeconds) {
    throw new RangeError('The warning time must be at least 1 s and less than the idle timeout.')
  }
  const timers = options.timers ?? globalTimers
  const log = options.log ?? (() => undefined)
  let state: IdleState = 'stopped'
  let timer: unknown = null
  /** When the session ends unless the customer acts: the last activity plus the idle timeout. */
  let deadline = 0

  const call = (name: string, callback: () => void): void => {
    try {
      callback()
    } catch (error) {
      log(`kiosk idle: ${name} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const clear = (): void => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  }
  const schedule = (at: number): void => {
    clear()
    timer = timers.setTimeout(step, Math.max(0, at - timers.now()))
  }
  const secondsLeft = (): number => Math.ceil((deadline - timers.now()) / 1000)

  function arm(): void {
    state = 'active'
    deadline = timers.now() + idleTimeoutSeconds * 1000
    schedule(deadline - warningSeconds * 1000)
  }

  function step(): void {
    clear()
    const left = secondsLeft()
    if (left <= 0) {
      state = 'expired'
      call('onExpire', options.onExpire)
      return
    }
    if (state === 'active') {
      state = 'warning'
      call('onWarn', () => options.onWarn(left))
    } else if (state === 'warning') {
      call('onTick', () => options.onTick(left))
    } else {
      return
    }
    // The next whole second before the deadline.
    if (state === 'warning') schedule(deadline - (left - 1) * 1000)
  }

  return {
    get state() {
      return state
    },
    activity() {
      if (state !== 'active') return
      // A timer that has not fired yet (a terminal waking up) must not be outrun by input.
      if (timers.now() >= deadline - warningSeconds * 1000) step()
      else arm()
    },
    continue() {
      if (state !== 'active' && state !== 'warning') return
      if (secondsLeft() <= 0) step()
      else arm()
    },
    start() {
      arm()
    },
    stop() {
      clear()
      state = 'stopped'
    },
  }
}
