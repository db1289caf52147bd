/**
 * Ending a customer's session on a kiosk terminal (sign-out button, idle
 * timeout, crashed renderer), without Electron: main passes the steps as
 * functions and this runs them in a fixed order, each with a timeout. A step
 * that fails or hangs is logged and skipped, so the others still run; the
 * start screen always comes last. Only one session end runs at a time: a call
 * while one runs waits for it and gets its report (the idle timeout and the
 * sign-out button can fire together; gateway.signOut itself reports a session
 * end through watchSessionEnd).
 */
import type { KioskStartReason } from '../../shared/kiosk.ts'

/** One step's work; `signal` aborts when the step's time is up, so it can stop waiting. */
export type SessionEndStepRun = (signal: AbortSignal) => Promise<unknown> | unknown

/** The steps, run in this order (the order of the keys below). */
export interface SessionEndSteps {
  /** Revokes the session on the server: gateway.signOut(). */
  revokeServerSession: SessionEndStepRun
  /** Forgets the gateway's tokens even when the revocation failed or hangs. */
  dropTokens: SessionEndStepRun
  /** The partition's cookies, localStorage, IndexedDB, service workers: session.clearStorageData(). */
  clearStorage: SessionEndStepRun
  /** The partition's HTTP cache: session.clearCache(). */
  clearCache: SessionEndStepRun
  /** The partition's HTTP auth cache: session.clearAuthCache(). */
  clearAuthCache: SessionEndStepRun
  /** The clipboard and, on Linux, the PRIMARY selection: clearClipboardStep(). */
  clearClipboard: SessionEndStepRun
  /** Always last: loads the start screen and empties the navigation history. */
  showStartScreen: SessionEndStepRun
}

export type SessionEndStepName = keyof SessionEndSteps

/** The part of Electron's `clipboard` the session end uses. */
export interface ClipboardLike {
  clear(type?: 'clipboard' | 'selection'): void
}

/**
 * The clipboard step: empties the clipboard and, on Linux, the PRIMARY selection
 * as well (text a customer merely selected is pasted there with a middle click,
 * and `clipboard.clear()` leaves it). Both are tried; a failure of either fails the step.
 */
export function clearClipboardStep(
  clipboard: ClipboardLike,
  platform: NodeJS.Platform,
): SessionEndStepRun {
  const kinds =
    platform === 'linux' ? (['clipboard', 'selection'] as const) : (['clipboard'] as const)
  return () => {
    const failures: string[] = []
    for (const kind of kinds) {
      try {
        clipboard.clear(kind)
      } catch (error) {
        failures.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    if (failures.length > 0) throw new Error(failures.join('; '))
  }
}

export const SESSION_END_STEP_ORDER: readonly SessionEndStepName[] = [
  'revokeServerSession',
  'dropTokens',
  'clearStorage',
  'clearCache',
  'clearAuthCache',
  'clearClipboard',
  'showStartScreen',
]

/** Why the session ends; `reset` when nobody was signed in (the start screen says nothing). */
export type SessionEndReason = KioskStartReason

export interface SessionEndReport {
  /** Why the session ended: the reason of the call that started this run. */
  reason: SessionEndReason
  /** The steps that failed or timed out, in order; empty when all went through. */
  failed: { step: SessionEndStepName; error: string }[]
  /** Whether the start screen step went through (if not, main should recreate the window). */
  startScreenShown: boolean
}

export interface SessionEndProcedureOptions {
  steps: SessionEndSteps
  /** Time for each step before it counts as hanging; 5 s by default. */
  stepTimeoutMs?: number
  log?: (line: string) => void
}

export interface SessionEndProcedure {
  /** Ends the session; while one runs, waits for it and answers its report. */
  run(reason: SessionEndReason): Promise<SessionEndReport>
  readonly running: boolean
}

const DEFAULT_STEP_TIMEOUT_MS = 5_000

class StepTimeout extends Error {}

/** Runs `step`, giving up after `ms`; its late failure is not left unhandled. */
async function runWithTimeout(step: SessionEndStepRun, ms: number): Promise<void> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new StepTimeout(`no answer within ${ms} ms`))
    }, ms)
  })
  const work = (async () => step(controller.signal))()
  work.catch(() => undefined)
  try {
    await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Creates the procedure around main's steps. */
export function createSessionEndProcedure(
  options: SessionEndProcedureOptions,
): SessionEndProcedure {
  const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS
  const log = options.log ?? (() => undefined)
  let current: Promise<SessionEndReport> | null = null

  async function runSteps(reason: SessionEndReason): Promise<SessionEndReport> {
    log(`kiosk: ending the customer's session (${reason})`)
    const failed: SessionEndReport['failed'] = []
    for (const name of SESSION_END_STEP_ORDER) {
      try {
        await runWithTimeout(options.steps[name], stepTimeoutMs)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        failed.push({ step: name, error: message })
        log(`kiosk: session end step ${name} failed: ${message}; going on`)
      }
    }
    const startScreenShown = !failed.some((failure) => failure.step === 'showStartScreen')
    log(
      failed.length === 0
        ? 'kiosk: session ended'
        : `kiosk: session ended; failed: ${failed.map((failure) => failure.step).join(', ')}`,
    )
    return { reason, failed, startScreenShown }
  }

  return {
    get running() {
      return current !== null
    },
    run(reason) {
      // Set before the first step runs, so that a step setting off another end joins this one.
      current ??= Promise.resolve()
        .then(() => runSteps(reason))
        .finally(() => {
          current = null
        })
      return current
    },
  }
}
