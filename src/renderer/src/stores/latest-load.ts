/**
 * Loads of which only the latest counts: when another one starts (a retry, another
 * contract) or the data is forgotten, the answer of the one before is dropped,
 * whenever it arrives.
 */
import { computed, type ComputedRef, type Ref } from 'vue'
import { toUserError, type UserError } from '../api/errors.ts'
import type { ListStatus } from './documents.ts'

export interface LoadAnswer<T> {
  done: (value: T) => void
  /** `caught` is what the load threw, for a refusal the page tells apart (a 409's reason). */
  failed: (error: UserError, caught: unknown) => void
  /** True while the load runs: set as it starts, cleared once its answer is taken. */
  loading?: Ref<boolean>
}

/** How a screen shows a load: its status and why it failed. */
export interface LoadShown {
  status: Ref<ListStatus>
  error: Ref<UserError | null>
  /** A value already shown stays ('ready') while it is loaded again and when that fails. */
  keep?: boolean
}

/** A load as a page shows it: the props `loading`, `error` and `retry` of LoadState. */
export interface LoadView {
  loading: boolean
  /** Only once it failed: a reload that fails while a value stays shown is no failure. */
  error: UserError | null
  /** "Erneut versuchen"; none offered when undefined. */
  retry?: () => unknown
}

/** `shown` as a page shows it; `idleIsLoading` for a load the page starts as it opens. */
export function loadView(
  shown: Omit<LoadShown, 'keep'>,
  retry?: () => unknown,
  idleIsLoading = false,
): ComputedRef<LoadView> {
  return computed(() => {
    const status = shown.status.value
    return {
      loading: status === 'loading' || (idleIsLoading && status === 'idle'),
      error: status === 'failed' ? shown.error.value : null,
      retry,
    }
  })
}

export interface LatestLoad {
  /** Starts a load; `done` or `failed` is called only while it is the latest. Never rejects. */
  run<T>(fetch: () => Promise<T>, answer: LoadAnswer<T>): Promise<void>
  /** `run`, with `shown` going 'loading', then 'ready' (after `accept`) or 'failed' with the error. */
  show<T>(shown: LoadShown, fetch: () => Promise<T>, accept: (value: T) => void): Promise<void>
  /** Drops the answer of the load under way. */
  cancel(): void
}

export function latestLoad(): LatestLoad {
  let generation = 0

  async function run<T>(fetch: () => Promise<T>, answer: LoadAnswer<T>): Promise<void> {
    const mine = ++generation
    const { loading } = answer
    if (loading) loading.value = true
    let value: T
    try {
      value = await fetch()
    } catch (caught) {
      if (mine !== generation) return
      answer.failed(toUserError(caught), caught)
      if (loading) loading.value = false
      return
    }
    if (mine !== generation) return
    answer.done(value)
    if (loading) loading.value = false
  }

  function show<T>(
    shown: LoadShown,
    fetch: () => Promise<T>,
    accept: (value: T) => void,
  ): Promise<void> {
    const { status, error } = shown
    const kept = (): boolean => shown.keep === true && status.value === 'ready'
    if (!kept()) status.value = 'loading'
    error.value = null
    return run(fetch, {
      done: (value) => {
        accept(value)
        status.value = 'ready'
      },
      failed: (failure) => {
        error.value = failure
        if (!kept()) status.value = 'failed'
      },
    })
  }

  return {
    run,
    show,
    cancel(): void {
      generation++
    },
  }
}
