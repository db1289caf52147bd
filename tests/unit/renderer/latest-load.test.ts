import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import type { UserError } from '../../../src/renderer/src/api/errors.ts'
import type { ListStatus } from '../../../src/renderer/src/stores/documents.ts'
import { keyedLoad } from '../../../src/renderer/src/stores/keyed-load.ts'
import { latestLoad, loadView } from '../../../src/renderer/src/stores/latest-load.ts'
import { later } from './support/later.ts'

describe('latestLoad', () => {
  it('drops the answer of a load that a newer one replaced, even when it comes last', async () => {
    const load = latestLoad()
    const seen: string[] = []
    const first = later<string>()
    const second = later<string>()
    const answer = { done: (value: string) => seen.push(value), failed: () => seen.push('failed') }
    const firstRun = load.run(() => first.promise, answer)
    const secondRun = load.run(() => second.promise, answer)
    second.settle('contract B')
    await secondRun
    first.settle('contract A')
    await firstRun
    expect(seen).toEqual(['contract B'])
  })

  it('with loading, holds it true while the latest load runs, and clears it once that is answered', async () => {
    const load = latestLoad()
    const loading = ref(false)
    const first = later<string>()
    const second = later<string>()
    const answer = { done: () => {}, failed: () => {}, loading }
    const firstRun = load.run(() => first.promise, answer)
    expect(loading.value).toBe(true)
    const secondRun = load.run(() => second.promise, answer)
    first.settle('stale')
    await firstRun
    expect(loading.value).toBe(true)
    second.fail(new Error('offline'))
    await secondRun
    expect(loading.value).toBe(false)
  })

  it('drops the answer after cancel (the data was forgotten), a failure too', async () => {
    const load = latestLoad()
    const seen: string[] = []
    const pending = later<string>()
    const run = load.run(() => pending.promise, {
      done: (value) => seen.push(value),
      failed: (error) => seen.push(error.kind),
    })
    load.cancel()
    pending.fail(new Error('network'))
    await run
    expect(seen).toEqual([])
  })

  it('shows loading, then ready with the value, or failed with the error; it never rejects', async () => {
    const load = latestLoad()
    const status = ref<ListStatus>('idle')
    const error = ref<UserError | null>(null)
    let value = ''
    const pending = later<string>()
    const run = load.show(
      { status, error },
      () => pending.promise,
      (v) => (value = v),
    )
    expect(status.value).toBe('loading')
    pending.settle('the list')
    await run
    expect([status.value, value, error.value]).toEqual(['ready', 'the list', null])

    await load.show(
      { status, error },
      () => Promise.reject(new Error('boom')),
      () => {},
    )
    expect(status.value).toBe('failed')
    expect(error.value?.kind).toBe('unexpected')
  })

  it('with keep, leaves a list shown on screen while it reloads and when the reload fails', async () => {
    const load = latestLoad()
    const status = ref<ListStatus>('ready')
    const error = ref<UserError | null>(null)
    const pending = later<string>()
    const run = load.show(
      { status, error, keep: true },
      () => pending.promise,
      () => {},
    )
    expect(status.value).toBe('ready')
    pending.fail(new Error('offline'))
    await run
    expect(status.value).toBe('ready')
    expect(error.value?.kind).toBe('unexpected')
  })

  it('loadView: loading while it loads, the error only once it failed, with the retry', async () => {
    const load = latestLoad()
    const status = ref<ListStatus>('idle')
    const error = ref<UserError | null>(null)
    const retry = (): void => undefined
    const view = loadView({ status, error }, retry)
    const opening = loadView({ status, error }, undefined, true)
    expect([view.value.loading, opening.value.loading]).toEqual([false, true])

    await load.show(
      { status, error },
      () => Promise.reject(new Error('boom')),
      () => {},
    )
    expect(view.value).toEqual({ loading: false, error: error.value, retry })
    expect(view.value.error?.kind).toBe('unexpected')
    expect(opening.value.retry).toBeUndefined()

    const pending = later<string>()
    const run = load.show(
      { status, error },
      () => pending.promise,
      () => {},
    )
    expect(view.value).toMatchObject({ loading: true, error: null })
    pending.settle('the list')
    await run
    expect(view.value).toMatchObject({ loading: false, error: null })

    // A reload that fails while the list stays shown is no failure to show.
    await load.show(
      { status, error, keep: true },
      () => Promise.reject(new Error('boom')),
      () => {},
    )
    expect(error.value).not.toBeNull()
    expect(view.value.error).toBeNull()
  })
})

describe('keyedLoad', () => {
  it("drops another key's value at once, keeps the key's own, and takes only the latest answer", async () => {
    const answers = new Map<string, ReturnType<typeof later<string>>>()
    const load = keyedLoad((key) => {
      const pending = later<string>()
      answers.set(key, pending)
      return pending.promise
    })
    const first = load.load('A')
    expect([load.of.value, load.loading.value]).toEqual(['A', true])
    answers.get('A')?.settle('mileage of A')
    await first
    expect([load.value.value, load.loading.value]).toEqual(['mileage of A', false])

    const again = load.load('A')
    expect(load.value.value).toBe('mileage of A')
    const other = load.load('B')
    expect([load.value.value, load.of.value]).toEqual([null, 'B'])
    answers.get('B')?.settle('mileage of B')
    await other
    answers.get('A')?.settle('stale mileage of A')
    await again
    expect(load.value.value).toBe('mileage of B')
  })

  it('sets the error of a failure (never rejects), and reset forgets value, key and error', async () => {
    const load = keyedLoad(() => Promise.reject(new Error('boom')))
    await load.load('A')
    expect([load.error.value?.kind, load.loading.value]).toEqual(['unexpected', false])
    load.reset()
    expect([load.value.value, load.of.value, load.error.value]).toEqual([null, null, null])
  })

  it('hands a failure what the load threw too (a 409 tells its reason)', async () => {
    const thrown = new Error('refused')
    const seen: unknown[] = []
    await latestLoad().run(() => Promise.reject(thrown), {
      done: () => {},
      failed: (_error, caught) => seen.push(caught),
    })
    expect(seen).toEqual([thrown])
  })
})
