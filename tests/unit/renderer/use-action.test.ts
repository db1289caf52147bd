import { describe, expect, it } from 'vitest'
import { useAction } from '../../../src/renderer/src/composables/use-action.ts'

/** A promise and the hand that settles it. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve = (): void => {}
  let reject = (_: unknown): void => {}
  const promise = new Promise<void>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

describe('an action started by a button', () => {
  it('is pending while it runs, and says it went well', async () => {
    const { pending, error, run } = useAction()
    const step = deferred()
    const running = run(() => step.promise)
    expect(pending.value).toBe(true)
    step.resolve()
    expect(await running).toBe(true)
    expect(pending.value).toBe(false)
    expect(error.value).toBeNull()
  })

  it('runs once at a time: a click meanwhile does nothing', async () => {
    const { run } = useAction()
    const step = deferred()
    let calls = 0
    const first = run(() => {
      calls += 1
      return step.promise
    })
    expect(await run(async () => void (calls += 1))).toBe(false)
    step.resolve()
    await first
    expect(calls).toBe(1)
  })

  it('keeps why it failed until the next attempt', async () => {
    const { pending, error, run } = useAction()
    expect(await run(() => Promise.reject(new Error('boom')))).toBe(false)
    expect(pending.value).toBe(false)
    expect(error.value).toMatchObject({ kind: 'unexpected', messageKey: 'errors.unexpected' })
    const step = deferred()
    const again = run(() => step.promise)
    expect(error.value).toBeNull()
    step.resolve()
    expect(await again).toBe(true)
  })
})
