/** Ending a kiosk customer's session: every step in order, failures and hangs survived, once at a time. */
import { describe, expect, it } from 'vitest'
import {
  createSessionEndProcedure,
  SESSION_END_STEP_ORDER,
  type SessionEndStepName,
  type SessionEndSteps,
} from '../../../../src/host/kiosk/session-end-procedure.ts'

/** Steps that record their calls; `override` replaces some of them. */
function recordingSteps(override: Partial<SessionEndSteps> = {}) {
  const calls: SessionEndStepName[] = []
  const steps = Object.fromEntries(
    SESSION_END_STEP_ORDER.map((name) => [
      name,
      async (signal: AbortSignal) => {
        calls.push(name)
        await override[name]?.(signal)
      },
    ]),
  ) as unknown as SessionEndSteps
  return { calls, steps }
}

const never = () => new Promise<void>(() => undefined)

describe('session-end procedure', () => {
  it('runs every step once, in order: revoke, tokens, storage, cache, auth cache, clipboard, start screen', async () => {
    const { calls, steps } = recordingSteps()
    const lines: string[] = []
    const procedure = createSessionEndProcedure({ steps, log: (line) => lines.push(line) })
    const report = await procedure.run('sign-out')
    expect(calls).toEqual([
      'revokeServerSession',
      'dropTokens',
      'clearStorage',
      'clearCache',
      'clearAuthCache',
      'clearClipboard',
      'showStartScreen',
    ])
    expect(report).toEqual({ reason: 'sign-out', failed: [], startScreenShown: true })
    expect(lines.join('\n')).toContain('sign-out')
  })

  it('goes on after a failing step, still shows the start screen, and reports the failure', async () => {
    const { calls, steps } = recordingSteps({
      revokeServerSession: async () => {
        throw new Error('upstream unreachable')
      },
      clearClipboard: () => {
        throw new Error('no clipboard')
      },
    })
    const lines: string[] = []
    const procedure = createSessionEndProcedure({ steps, log: (line) => lines.push(line) })
    const report = await procedure.run('idle')
    expect(calls).toEqual(SESSION_END_STEP_ORDER)
    expect(report.failed).toEqual([
      { step: 'revokeServerSession', error: 'upstream unreachable' },
      { step: 'clearClipboard', error: 'no clipboard' },
    ])
    expect(report.startScreenShown).toBe(true)
    expect(lines.join('\n')).toContain('revokeServerSession failed: upstream unreachable')
  })

  it('gives up on a hanging step after its timeout, aborting its signal, and runs the rest', async () => {
    let aborted = false
    const { calls, steps } = recordingSteps({
      clearStorage: (signal) => {
        signal.addEventListener('abort', () => (aborted = true))
        return never()
      },
    })
    const procedure = createSessionEndProcedure({ steps, stepTimeoutMs: 50 })
    const report = await procedure.run('renderer-gone')
    expect(calls).toEqual(SESSION_END_STEP_ORDER)
    expect(aborted).toBe(true)
    expect(report.failed).toEqual([{ step: 'clearStorage', error: 'no answer within 50 ms' }])
    expect(report.startScreenShown).toBe(true)
  })

  it('reports when the start screen itself could not be shown', async () => {
    const { steps } = recordingSteps({ showStartScreen: never })
    const procedure = createSessionEndProcedure({ steps, stepTimeoutMs: 50 })
    const report = await procedure.run('idle')
    expect(report.startScreenShown).toBe(false)
    expect(report.failed.map((failure) => failure.step)).toEqual(['showStartScreen'])
  })

  it('runs once for calls that come while it runs, and again for a later session', async () => {
    let release = (): void => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { calls, steps } = recordingSteps({ revokeServerSession: () => gate })
    const procedure = createSessionEndProcedure({ steps })
    const first = procedure.run('idle')
    const second = procedure.run('sign-out')
    expect(procedure.running).toBe(true)
    await Promise.resolve()
    release()
    const [a, b] = await Promise.all([first, second])
    expect(calls).toEqual(SESSION_END_STEP_ORDER)
    expect(a).toBe(b)
    expect(a.reason).toBe('idle')
    expect(procedure.running).toBe(false)
    await procedure.run('sign-out')
    expect(calls).toEqual([...SESSION_END_STEP_ORDER, ...SESSION_END_STEP_ORDER])
  })

  it('runs once when a step itself sets off another session end (gateway.signOut → watchSessionEnd)', async () => {
    let nested: Promise<unknown> | null = null
    const { calls, steps } = recordingSteps({
      revokeServerSession: () => {
        nested = procedure.run('sign-out')
      },
    })
    const procedure = createSessionEndProcedure({ steps })
    const report = await procedure.run('idle')
    expect(await nested).toBe(report)
    expect(calls).toEqual(SESSION_END_STEP_ORDER)
  })
})
