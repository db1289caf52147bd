/**
 * The kiosk terminal's runtime in main, with fake timers: the idle watch and its
 * events, the session end (gateway first, the start screen last), the exit
 * gesture with its PIN, and the kiosk channels through the real IPC register.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPasswordHasher } from '../../../../src/host/password-hasher.ts'
import { NotAllowedError } from '../../../../src/main/ipc/register.ts'
import { EXIT_PIN_LOCK_MS, hashExitPin } from '../../../../src/host/kiosk/exit-pin.ts'
import type { PrintableContents } from '../../../../src/main/kiosk/kiosk-print.ts'
import {
  createKioskRuntime,
  EXIT_REQUEST_VALID_MS,
  noKioskHandlers,
  type KioskEventName,
} from '../../../../src/main/kiosk/kiosk-runtime.ts'
import {
  SESSION_END_STEP_ORDER,
  type SessionEndReport,
  type SessionEndStepRun,
  type SessionEndSteps,
} from '../../../../src/host/kiosk/session-end-procedure.ts'
import type { IpcEvents } from '../../../../src/shared/ipc.ts'
import { registerKioskChannels } from '../support/kiosk-ipc.ts'

const PIN = '482915'
// Real argon2id, with cheap parameters so that the many tries below stay quick.
const hasher = createPasswordHasher({ memoryCostKiB: 8192, timeCost: 1, parallelism: 1 })
let pinHash: string
beforeAll(async () => {
  pinHash = await hashExitPin(PIN, hasher)
})

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 9) })
})
afterEach(() => {
  vi.useRealTimers()
})

type AdapterStep = Exclude<keyof SessionEndSteps, 'revokeServerSession' | 'dropTokens'>
const ADAPTER_STEPS = SESSION_END_STEP_ORDER.filter(
  (name): name is AdapterStep => name !== 'revokeServerSession' && name !== 'dropTokens',
)
/** What a whole session end does, in order: the gateway first, the start screen last. */
const FULL_END = [
  'gateway.signOut',
  'gateway.forgetSession',
  'clearStorage',
  'clearCache',
  'clearAuthCache',
  'clearClipboard',
  'showStartScreen',
]

interface SetUpOptions {
  exitPinHash?: string | null
  /** Work done inside a step after it was recorded (throw, hang, wait for a gate). */
  steps?: Partial<Record<AdapterStep, SessionEndStepRun>>
  signOut?: () => Promise<void>
  stepTimeoutMs?: number
}

/**
 * A runtime of 120 s with a 30 s warning and the exit PIN above, with a recording
 * gateway, recording steps, `send` and `quit`, all in one `calls` list (in order).
 */
function setUp(options: SetUpOptions = {}) {
  const calls: string[] = []
  const sent: { event: KioskEventName; payload: unknown }[] = []
  const reports: SessionEndReport[] = []
  const logLines: string[] = []
  const steps = Object.fromEntries(
    ADAPTER_STEPS.map((name) => [
      name,
      async (signal: AbortSignal) => {
        calls.push(name)
        await options.steps?.[name]?.(signal)
      },
    ]),
  ) as Record<AdapterStep, SessionEndStepRun>
  const runtime = createKioskRuntime({
    config: {
      idleTimeoutSeconds: 120,
      warningSeconds: 30,
      exitPinHash: options.exitPinHash === undefined ? pinHash : options.exitPinHash,
      printer: null,
    },
    gateway: {
      signOut: async () => {
        calls.push('gateway.signOut')
        await options.signOut?.()
      },
      forgetSession: () => {
        calls.push('gateway.forgetSession')
      },
    },
    steps,
    send: <E extends KioskEventName>(event: E, payload: IpcEvents[E]) => {
      sent.push({ event, payload })
    },
    quit: () => {
      calls.push('quit')
    },
    afterSessionEnd: (report) => reports.push(report),
    hasher,
    stepTimeoutMs: options.stepTimeoutMs,
    log: (line) => logLines.push(line),
  })
  /** The payloads of the `kiosk:idle` events so far. */
  const idleEvents = () => sent.filter((s) => s.event === 'kiosk:idle').map((s) => s.payload)
  return { runtime, calls, sent, idleEvents, reports, logLines }
}

/** Moves the fake clock; the idle watch's callbacks run synchronously. */
const seconds = (n: number) => vi.advanceTimersByTime(n * 1000)
/** Lets the session end's steps (promises, step timers cleared at once) run to the end. */
const settle = () => vi.advanceTimersByTimeAsync(0)
/** A promise the test resolves: a step that waits for it holds the session end there. */
function gate() {
  let open = (): void => undefined
  const closed = new Promise<void>((resolve) => (open = resolve))
  return { closed, open: () => open() }
}
const never = () => new Promise<void>(() => undefined)
const countdown = (from: number) =>
  Array.from({ length: from - 1 }, (_, i) => ({ phase: 'tick', secondsLeft: from - 1 - i }))

describe('kiosk runtime: the idle watch', () => {
  it('does not run before a sign-in or typed input, whatever else the terminal sees', async () => {
    const { runtime, calls, sent } = setUp()
    seconds(3600)
    // A passer-by's tap, a key pressed outside any field: nothing of anyone's is on screen.
    expect(await runtime.handlers['kiosk:activity'](undefined)).toEqual({ recorded: false })
    runtime.activity()
    seconds(3600)
    await settle()
    expect(sent).toEqual([])
    expect(calls).toEqual([])
  })

  it('warns at idle timeout − warning after a sign-in, counts down, and ends the session at zero', async () => {
    const { runtime, calls, idleEvents, reports } = setUp()
    runtime.sessionStarted()
    seconds(89)
    expect(idleEvents()).toEqual([])
    seconds(1)
    expect(idleEvents()).toEqual([{ phase: 'warning', secondsLeft: 30 }])
    seconds(29)
    expect(idleEvents()).toEqual([{ phase: 'warning', secondsLeft: 30 }, ...countdown(30)])
    expect(calls).toEqual([])
    seconds(1)
    expect(idleEvents().at(-1)).toEqual({ phase: 'expired' })
    await settle()
    expect(calls).toEqual(FULL_END)
    expect(reports).toEqual([{ reason: 'idle', failed: [], startScreenShown: true }])
  })

  it('stops after the session end: no more events or ends until the next typed input or sign-in', async () => {
    const { runtime, calls, idleEvents } = setUp()
    runtime.sessionStarted()
    seconds(120)
    await settle()
    const eventsAfterEnd = idleEvents().length
    seconds(3600)
    await settle()
    expect(idleEvents()).toHaveLength(eventsAfterEnd)
    expect(calls).toEqual(FULL_END)

    // A tap on the start screen starts nothing; the next visitor's typing a fresh watch.
    runtime.activity()
    seconds(3600)
    expect(idleEvents()).toHaveLength(eventsAfterEnd)
    expect(await runtime.handlers['kiosk:formInput'](undefined)).toEqual({ watching: true })
    seconds(89)
    expect(idleEvents()).toHaveLength(eventsAfterEnd)
    seconds(1)
    expect(idleEvents().at(-1)).toEqual({ phase: 'warning', secondsLeft: 30 })
  })

  it('starts with typed input before any sign-in (kiosk:formInput) and at zero empties the page without a sign-out notice', async () => {
    const { runtime, calls, idleEvents, reports } = setUp()
    expect(await runtime.handlers['kiosk:formInput'](undefined)).toEqual({ watching: true })
    seconds(60)
    // More typing and tapping postpone it, as for a signed-in customer.
    expect(await runtime.handlers['kiosk:formInput'](undefined)).toEqual({ watching: true })
    seconds(60)
    expect(await runtime.handlers['kiosk:activity'](undefined)).toEqual({ recorded: true })
    seconds(89)
    expect(idleEvents()).toEqual([])
    seconds(1)
    expect(idleEvents()).toEqual([{ phase: 'warning', secondsLeft: 30 }])
    // Typing during the countdown does not cancel it: only "Ich bin noch da" does.
    expect(await runtime.handlers['kiosk:formInput'](undefined)).toEqual({ watching: true })
    seconds(30)
    expect(idleEvents().at(-1)).toEqual({ phase: 'expired' })
    await settle()
    // The same wipe (a visitor's clipboard too), then the start screen with nothing to say.
    expect(calls).toEqual(FULL_END)
    expect(reports).toEqual([{ reason: 'reset', failed: [], startScreenShown: true }])
  })

  it('names the end by what happened while a customer was signed in, and a reset once nobody is', async () => {
    const { runtime, reports } = setUp()
    await runtime.handlers['kiosk:formInput'](undefined)
    runtime.sessionStarted()
    seconds(120)
    await settle()
    // Sleep and a lost page with nobody signed in, then a lost page after a sign-in.
    await runtime.endSession('idle')
    await runtime.endSession('renderer-gone')
    runtime.sessionStarted()
    await runtime.endSession('renderer-gone')
    expect(reports.map((report) => report.reason)).toEqual([
      'idle',
      'reset',
      'reset',
      'renderer-gone',
    ])
  })

  it('postpones the warning on input, from the page (kiosk:activity) and from main (activity())', async () => {
    const { runtime, idleEvents } = setUp()
    runtime.sessionStarted()
    seconds(80)
    expect(await runtime.handlers['kiosk:activity'](undefined)).toEqual({ recorded: true })
    seconds(80)
    runtime.activity()
    seconds(89)
    expect(idleEvents()).toEqual([])
    seconds(1)
    expect(idleEvents()).toEqual([{ phase: 'warning', secondsLeft: 30 }])
  })

  it('does not let input during the countdown cancel it', async () => {
    const { runtime, calls, idleEvents } = setUp()
    runtime.sessionStarted()
    seconds(95)
    expect(await runtime.handlers['kiosk:activity'](undefined)).toEqual({ recorded: false })
    runtime.activity()
    seconds(25)
    expect(idleEvents().at(-1)).toEqual({ phase: 'expired' })
    expect(idleEvents().some((event) => (event as { phase: string }).phase === 'cleared')).toBe(
      false,
    )
    await settle()
    expect(calls).toEqual(FULL_END)
  })

  it('ends the countdown on kiosk:continue, tells the window, and waits a full quiet time again', async () => {
    const { runtime, calls, idleEvents } = setUp()
    runtime.sessionStarted()
    seconds(100)
    expect(await runtime.handlers['kiosk:continue'](undefined)).toEqual({ continued: true })
    expect(idleEvents().at(-1)).toEqual({ phase: 'cleared' })
    const afterContinue = idleEvents().length
    seconds(89)
    await settle()
    expect(idleEvents()).toHaveLength(afterContinue)
    expect(calls).toEqual([])
    seconds(1)
    expect(idleEvents().at(-1)).toEqual({ phase: 'warning', secondsLeft: 30 })
  })

  it('answers continued: false and sends nothing when no countdown runs', async () => {
    const { runtime, sent } = setUp()
    expect(await runtime.handlers['kiosk:continue'](undefined)).toEqual({ continued: false })
    runtime.sessionStarted()
    seconds(60)
    expect(await runtime.handlers['kiosk:continue'](undefined)).toEqual({ continued: false })
    expect(sent).toEqual([])
  })

  it('starts nothing on input while the session end runs', async () => {
    const storage = gate()
    const { runtime, calls, idleEvents } = setUp({ steps: { clearStorage: () => storage.closed } })
    runtime.sessionStarted()
    seconds(120)
    await settle()
    expect(calls).toEqual(FULL_END.slice(0, 3))
    // A tap on the fading screen, and main's own input.
    expect(await runtime.handlers['kiosk:activity'](undefined)).toEqual({ recorded: false })
    runtime.activity()
    storage.open()
    await settle()
    expect(calls).toEqual(FULL_END)
    const eventsAfterEnd = idleEvents().length
    seconds(3600)
    await settle()
    expect(idleEvents()).toHaveLength(eventsAfterEnd)
    expect(calls).toEqual(FULL_END)
  })
})

describe('kiosk runtime: the session end', () => {
  it('runs once when the gateway’s session ends by a sign-out, and stops the idle watch', async () => {
    const { runtime, calls, idleEvents, reports } = setUp()
    runtime.sessionStarted()
    seconds(10)
    runtime.sessionEnded('signed-out')
    await settle()
    expect(calls).toEqual(FULL_END)
    expect(reports.map((report) => report.reason)).toEqual(['sign-out'])
    seconds(3600)
    await settle()
    expect(idleEvents()).toEqual([])
    expect(calls).toEqual(FULL_END)
  })

  it('does not run when a new sign-in replaced the session, and keeps watching the new one', async () => {
    const { runtime, calls, idleEvents } = setUp()
    runtime.sessionStarted()
    seconds(10)
    runtime.sessionEnded('replaced')
    runtime.sessionStarted()
    await settle()
    expect(calls).toEqual([])
    seconds(90)
    expect(idleEvents()).toEqual([{ phase: 'warning', secondsLeft: 30 }])
  })

  it('runs the steps once when the idle end and a sign-out come together', async () => {
    const { runtime, calls, reports } = setUp()
    runtime.sessionStarted()
    seconds(120)
    runtime.sessionEnded('signed-out')
    const joined = runtime.endSession('renderer-gone')
    await settle()
    expect(calls).toEqual(FULL_END)
    expect(await joined).toMatchObject({ reason: 'idle' })
    expect(reports).toHaveLength(1)
    // A later sign-out is a new session's end, and runs again.
    runtime.sessionEnded('signed-out')
    await settle()
    expect(calls).toEqual([...FULL_END, ...FULL_END])
  })

  it('goes on after a failing, a throwing and a hanging step; the start screen still comes', async () => {
    const { runtime, calls } = setUp({
      stepTimeoutMs: 50,
      signOut: () => Promise.reject(new Error('backend unreachable')),
      steps: {
        clearStorage: never,
        clearClipboard: () => {
          throw new Error('no clipboard')
        },
      },
    })
    runtime.sessionStarted()
    const ending = runtime.endSession('idle')
    await vi.advanceTimersByTimeAsync(50)
    await settle()
    const report = await ending
    expect(calls).toEqual(FULL_END)
    expect(report).toEqual({
      reason: 'idle',
      failed: [
        { step: 'revokeServerSession', error: 'backend unreachable' },
        { step: 'clearStorage', error: 'no answer within 50 ms' },
        { step: 'clearClipboard', error: 'no clipboard' },
      ],
      startScreenShown: true,
    })
  })

  it('drops the tokens even when the revocation hangs', async () => {
    const { runtime, calls } = setUp({ stepTimeoutMs: 50, signOut: never })
    runtime.sessionEnded('signed-out')
    await settle()
    expect(calls).toEqual(['gateway.signOut'])
    await vi.advanceTimersByTimeAsync(50)
    await settle()
    expect(calls).toEqual(FULL_END)
  })
})

describe('kiosk runtime: the exit gesture and its PIN', () => {
  const exit = (runtime: ReturnType<typeof setUp>['runtime'], pin: string) =>
    runtime.handlers['kiosk:exit']({ pin })

  it('refuses kiosk:exit before the exit gesture, even with the right PIN', async () => {
    const { runtime, calls } = setUp()
    await expect(exit(runtime, PIN)).rejects.toBeInstanceOf(NotAllowedError)
    await settle()
    expect(runtime.exiting).toBe(false)
    expect(calls).toEqual([])
  })

  it('asks the window for the PIN after the gesture, and answers a wrong one with the tries left', async () => {
    const { runtime, calls, sent, logLines } = setUp()
    runtime.exitGesture()
    expect(sent).toEqual([{ event: 'kiosk:exitRequested', payload: { pinRequired: true } }])
    expect(await exit(runtime, '000000')).toEqual({ result: 'wrong', attemptsLeft: 4 })
    expect(await exit(runtime, '482916')).toEqual({ result: 'wrong', attemptsLeft: 3 })
    await settle()
    expect(runtime.exiting).toBe(false)
    expect(calls).toEqual([])
    expect(logLines.join('\n')).not.toMatch(/000000|482916/)
  })

  it('locks after five wrong PINs, the right one included, for the lock time', async () => {
    const { runtime, calls } = setUp()
    runtime.exitGesture()
    for (let i = 0; i < 4; i++)
      expect(await exit(runtime, '111111')).toMatchObject({ result: 'wrong' })
    expect(await exit(runtime, '111111')).toEqual({
      result: 'locked',
      retryAfterSeconds: EXIT_PIN_LOCK_MS / 1000,
    })
    expect(await exit(runtime, PIN)).toMatchObject({ result: 'locked' })
    await settle()
    expect(calls).toEqual([])
    expect(runtime.exiting).toBe(false)
  })

  it('takes the right PIN: answers exiting, ends the session, and quits only after it', async () => {
    const startScreen = gate()
    const { runtime, calls } = setUp({ steps: { showStartScreen: () => startScreen.closed } })
    runtime.sessionStarted()
    runtime.exitGesture()
    expect(await exit(runtime, PIN)).toEqual({ result: 'exiting' })
    expect(runtime.exiting).toBe(true)
    await settle()
    expect(calls).toEqual(FULL_END)
    startScreen.open()
    await settle()
    expect(calls).toEqual([...FULL_END, 'quit'])
    // Once exiting, a second answer changes nothing and ends nothing more.
    expect(await exit(runtime, '000000')).toEqual({ result: 'exiting' })
    await settle()
    expect(calls).toEqual([...FULL_END, 'quit'])
  })

  it('lets the gesture’s permission run out after EXIT_REQUEST_VALID_MS; a new gesture renews it', async () => {
    const { runtime } = setUp()
    runtime.exitGesture()
    vi.advanceTimersByTime(EXIT_REQUEST_VALID_MS)
    expect(await exit(runtime, '000000')).toEqual({ result: 'wrong', attemptsLeft: 4 })
    vi.advanceTimersByTime(1)
    await expect(exit(runtime, PIN)).rejects.toBeInstanceOf(NotAllowedError)
    expect(runtime.exiting).toBe(false)
    runtime.exitGesture()
    expect(await exit(runtime, PIN)).toEqual({ result: 'exiting' })
  })

  it('forgets the gesture when the session ends meanwhile', async () => {
    const { runtime } = setUp()
    runtime.sessionStarted()
    runtime.exitGesture()
    seconds(120)
    await settle()
    await expect(exit(runtime, PIN)).rejects.toBeInstanceOf(NotAllowedError)
  })

  it('needs no PIN without a PIN hash (--kiosk alone): the gesture, then "" quits after the end', async () => {
    const { runtime, calls, sent } = setUp({ exitPinHash: null })
    await expect(exit(runtime, '')).rejects.toBeInstanceOf(NotAllowedError)
    runtime.exitGesture()
    expect(sent).toEqual([{ event: 'kiosk:exitRequested', payload: { pinRequired: false } }])
    expect(await exit(runtime, '')).toEqual({ result: 'exiting' })
    await settle()
    expect(calls).toEqual([...FULL_END, 'quit'])
  })
})

describe('outside kiosk mode', () => {
  it('records no activity or typed input, continues nothing, and refuses kiosk:exit', async () => {
    const handlers = noKioskHandlers()
    expect(await handlers['kiosk:activity'](undefined)).toEqual({ recorded: false })
    expect(await handlers['kiosk:formInput'](undefined)).toEqual({ watching: false })
    expect(await handlers['kiosk:continue'](undefined)).toEqual({ continued: false })
    await expect(handlers['kiosk:exit']({ pin: PIN })).rejects.toBeInstanceOf(NotAllowedError)
  })
})

describe('kiosk channels through the IPC register', () => {
  /** The kiosk window's page; no test here prints. */
  const page: PrintableContents = {
    print: () => {
      throw new Error('nothing prints here')
    },
  }

  /** The real register around the runtime's kiosk handlers; every other channel fails loudly. */
  function registered() {
    const kiosk = setUp()
    const logLines: string[] = []
    const call = registerKioskChannels(kiosk.runtime.handlers, {
      log: (line) => logLines.push(line),
    })
    const invoke = (channel: string, ...args: unknown[]) => call(page, channel, ...args)
    return { ...kiosk, invoke, logLines }
  }

  it('answers not_allowed to kiosk:exit before the gesture', async () => {
    const { invoke } = registered()
    expect(await invoke('kiosk:exit', { pin: PIN })).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    })
  })

  it.each([
    ['a number as PIN', [{ pin: 482915 }]],
    ['a PIN of 13 characters', [{ pin: '4829154829154' }]],
    ['a very long PIN', [{ pin: '4'.repeat(100_000) }]],
    ['no argument', []],
    ['null', [null]],
    ['a PIN with an extra property', [{ pin: PIN, force: true }]],
  ])('refuses %s as invalid_argument before the runtime sees it', async (_, args) => {
    const { runtime, invoke, logLines, calls } = registered()
    runtime.exitGesture()
    expect(await invoke('kiosk:exit', ...args)).toEqual({
      ok: false,
      error: { code: 'invalid_argument' },
    })
    expect(logLines.join('\n')).toContain('refused kiosk:exit')
    // The refused call was never counted as a try: the next wrong PIN is the first.
    expect(await invoke('kiosk:exit', { pin: '000000' })).toEqual({
      ok: true,
      value: { result: 'wrong', attemptsLeft: 4 },
    })
    await settle()
    expect(runtime.exiting).toBe(false)
    expect(calls).toEqual([])
  })

  it.each([
    ['a flag', [{ hasInput: true }]],
    ['what was typed', ['Anna Huber']],
    ['null', [null]],
  ])(
    'refuses kiosk:formInput with %s (it carries nothing) and starts no watch',
    async (_, args) => {
      const { invoke, idleEvents, logLines } = registered()
      expect(await invoke('kiosk:formInput', ...args)).toEqual({
        ok: false,
        error: { code: 'invalid_argument' },
      })
      expect(logLines.join('\n')).toContain('refused kiosk:formInput')
      seconds(3600)
      expect(idleEvents()).toEqual([])
      expect(await invoke('kiosk:formInput')).toEqual({ ok: true, value: { watching: true } })
      seconds(90)
      expect(idleEvents()).toEqual([{ phase: 'warning', secondsLeft: 30 }])
    },
  )

  it('passes a well-formed PIN through to the runtime', async () => {
    const { runtime, invoke, calls } = registered()
    runtime.exitGesture()
    expect(await invoke('kiosk:exit', { pin: PIN })).toEqual({
      ok: true,
      value: { result: 'exiting' },
    })
    expect(runtime.exiting).toBe(true)
    await settle()
    expect(calls).toEqual([...FULL_END, 'quit'])
  })
})
