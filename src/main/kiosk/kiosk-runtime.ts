/**
 * The kiosk terminal's behaviour in main, without Electron: the idle watch, the
 * session end, the exit gesture with its PIN, and the kiosk IPC handlers. The
 * Electron adapter (kiosk-window.ts) passes in the steps that touch the window,
 * the session partition and the clipboard, and forwards input and events.
 *
 * - The idle watch runs while a customer is signed in or the page holds typed input
 *   (`kiosk:formInput`: a half-filled registration must not wait for the next
 *   visitor either); other input only postpones it. It stops when the session ends.
 *   At zero the session ends; with nobody signed in that is a `reset`: the same wipe
 *   and an empty start screen, which says nothing about a sign-out.
 * - The session end revokes the server session and drops the tokens through the
 *   gateway *without* its session-end watch (that watch reports the renderer's own
 *   sign-out here), then runs the adapter's steps; the start screen comes last.
 * - The exit gesture asks the renderer for the PIN; `kiosk:exit` is refused unless
 *   the gesture came first. The right PIN ends the session, then quits.
 * - `kiosk:print` prints the calling page silently on the configured printer
 *   (kiosk-print.ts); without one it is refused.
 */
import type { Gateway } from '../../gateway/gateway.ts'
import { createIdleController, type IdleTimers } from '../../shared/idle-controller.ts'
import type { IpcEvents } from '../../shared/ipc.ts'
import type { KioskExitResult } from '../../shared/kiosk.ts'
import { NotAllowedError, type IpcHandlers } from '../ipc/register.ts'
import { createExitPinCheck, type ExitPinCheckOptions } from '../../host/kiosk/exit-pin.ts'
import type { KioskConfig } from '../../host/kiosk/kiosk-config.ts'
import { createKioskPrinter, type PrintableContents } from './kiosk-print.ts'
import {
  createSessionEndProcedure,
  type SessionEndReason,
  type SessionEndReport,
  type SessionEndSteps,
} from '../../host/kiosk/session-end-procedure.ts'

export type KioskChannel =
  'kiosk:activity' | 'kiosk:formInput' | 'kiosk:continue' | 'kiosk:print' | 'kiosk:exit'
/** The kiosk channels' handlers; `kiosk:print` prints its sender's page. */
export type KioskHandlers = Pick<IpcHandlers<PrintableContents>, KioskChannel>
export type KioskEventName = 'kiosk:idle' | 'kiosk:exitRequested'

/** How long after the exit gesture the PIN may be entered. */
export const EXIT_REQUEST_VALID_MS = 2 * 60_000

/** The kiosk channels outside kiosk mode: nothing to record, and no print or exit through IPC. */
export function noKioskHandlers(): Pick<IpcHandlers, KioskChannel> {
  return {
    'kiosk:activity': async () => ({ recorded: false }),
    'kiosk:formInput': async () => ({ watching: false }),
    'kiosk:continue': async () => ({ continued: false }),
    'kiosk:print': async () => {
      throw new NotAllowedError('the app is not in kiosk mode')
    },
    'kiosk:exit': async () => {
      throw new NotAllowedError('the app is not in kiosk mode')
    },
  }
}

export interface KioskRuntimeOptions {
  config: Pick<KioskConfig, 'idleTimeoutSeconds' | 'warningSeconds' | 'exitPinHash' | 'printer'>
  /** The gateway itself, not the session-end watch around it. */
  gateway: Pick<Gateway, 'signOut' | 'forgetSession'>
  /** The adapter's steps: partition, clipboard, start screen. */
  steps: Omit<SessionEndSteps, 'revokeServerSession' | 'dropTokens'>
  /** Pushes an event to the kiosk window. */
  send<E extends KioskEventName>(event: E, payload: IpcEvents[E]): void
  /** Quits the app (after the session end). */
  quit(): void
  /** Told before a session end runs its steps (the adapter names the reason on the start screen). */
  beforeSessionEnd?(reason: SessionEndReason): void
  /** Told the report after a session end (the adapter replaces a window that showed no start screen). */
  afterSessionEnd?(report: SessionEndReport): void
  now?: () => number
  timers?: IdleTimers
  hasher?: ExitPinCheckOptions['hasher']
  stepTimeoutMs?: number
  log?: (line: string) => void
}

export interface KioskRuntime {
  readonly handlers: KioskHandlers
  /** Input main saw itself (keys before the page); the page's own comes over IPC. */
  activity(): void
  /** A customer signed in. */
  sessionStarted(): void
  /** The gateway's session ended (the renderer's sign-out, a refused refresh). */
  sessionEnded(cause: 'signed-out' | 'replaced'): void
  /**
   * Ends the customer's session now (idle, a crashed renderer, the machine going to
   * sleep). With nobody signed in the reason becomes `reset`: nobody is signed out.
   */
  endSession(reason: SessionEndReason): Promise<SessionEndReport>
  /** The exit gesture was pressed. */
  exitGesture(): void
  /** True once the right PIN was entered: the window may close, the app may quit. */
  readonly exiting: boolean
}

/** Creates the runtime; the idle watch waits for a sign-in or typed input. */
export function createKioskRuntime(options: KioskRuntimeOptions): KioskRuntime {
  const now = options.now ?? Date.now
  const log = options.log ?? (() => undefined)
  let exiting = false
  let exitRequestedAt: number | null = null
  /** A customer's session runs (the gateway started one and it has not ended yet). */
  let signedIn = false

  const procedure = createSessionEndProcedure({
    log,
    stepTimeoutMs: options.stepTimeoutMs,
    steps: {
      revokeServerSession: () => options.gateway.signOut(),
      dropTokens: () => options.gateway.forgetSession(),
      ...options.steps,
    },
  })

  const idle = createIdleController({
    idleTimeoutSeconds: options.config.idleTimeoutSeconds,
    warningSeconds: options.config.warningSeconds,
    timers: options.timers,
    log,
    onWarn: (secondsLeft) => options.send('kiosk:idle', { phase: 'warning', secondsLeft }),
    onTick: (secondsLeft) => options.send('kiosk:idle', { phase: 'tick', secondsLeft }),
    onExpire: () => {
      options.send('kiosk:idle', { phase: 'expired' })
      void endSession('idle')
    },
  })

  const print = createKioskPrinter({ printer: options.config.printer, log })

  const pin = createExitPinCheck({
    hash: options.config.exitPinHash,
    now,
    hasher: options.hasher,
    log,
  })

  async function endSession(requested: SessionEndReason): Promise<SessionEndReport> {
    idle.stop()
    exitRequestedAt = null
    // A visitor who never signed in is not told "abgemeldet": the start screen just returns.
    const reason = signedIn ? requested : 'reset'
    signedIn = false
    if (!procedure.running) {
      try {
        options.beforeSessionEnd?.(reason)
      } catch (error) {
        log(`kiosk: beforeSessionEnd failed: ${String(error)}`)
      }
      const report = await procedure.run(reason)
      try {
        options.afterSessionEnd?.(report)
      } catch (error) {
        log(`kiosk: afterSessionEnd failed: ${String(error)}`)
      }
      return report
    }
    return procedure.run(reason)
  }

  /** Input: postpones the warning of a running watch; starts none (nothing to protect yet). */
  function activity(): void {
    idle.activity()
  }

  /** The page holds typed input: the watch runs from now on, as for a signed-in customer. */
  function formInput(): void {
    // Input while the session ends (a key on the fading screen) starts nothing.
    if (procedure.running) return
    if (idle.state === 'stopped' || idle.state === 'expired') idle.start()
    else idle.activity()
  }

  async function exit({ pin: entered }: { pin: string }): Promise<KioskExitResult> {
    if (exiting) return { result: 'exiting' }
    if (exitRequestedAt === null || now() - exitRequestedAt > EXIT_REQUEST_VALID_MS) {
      throw new NotAllowedError('the exit gesture must come first')
    }
    const checked = await pin.check(entered)
    // Two right PINs at once: the first one leaves, the second only hears so.
    if (exiting) return { result: 'exiting' }
    if (!checked.ok) {
      log('kiosk: a wrong exit PIN was entered')
      return checked.reason === 'locked'
        ? { result: 'locked', retryAfterSeconds: checked.retryAfterSeconds }
        : { result: 'wrong', attemptsLeft: checked.attemptsLeft }
    }
    exiting = true
    log('kiosk: exit PIN accepted; ending the session and quitting')
    // Answer first, then leave: nobody's data may outlive the app, so the end runs before quit.
    void endSession('sign-out').finally(() => options.quit())
    return { result: 'exiting' }
  }

  return {
    handlers: {
      'kiosk:activity': async () => {
        activity()
        return { recorded: idle.state === 'active' }
      },
      'kiosk:formInput': async () => {
        formInput()
        return { watching: idle.state === 'active' || idle.state === 'warning' }
      },
      'kiosk:continue': async () => {
        const counting = idle.state === 'warning'
        idle.continue()
        if (counting) options.send('kiosk:idle', { phase: 'cleared' })
        return { continued: counting }
      },
      'kiosk:print': async (_arg, sender) => print(sender),
      'kiosk:exit': exit,
    },
    activity,
    sessionStarted() {
      signedIn = true
      idle.start()
    },
    sessionEnded(cause) {
      // A new sign-in replacing an old session is not the end of the new one.
      if (cause === 'replaced') return
      void endSession('sign-out')
    },
    endSession,
    exitGesture() {
      if (exiting) return
      exitRequestedAt = now()
      log('kiosk: exit gesture')
      options.send('kiosk:exitRequested', { pinRequired: pin.pinRequired })
    },
    get exiting() {
      return exiting
    },
  }
}
