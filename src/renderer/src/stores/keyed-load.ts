/**
 * A value loaded for the page of one key (a contract's mileage, its end of term), in
 * a module of its own: only the contract pages (lazy) use it, and latest-load.ts is
 * part of the first screen's JavaScript.
 */
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { UserError } from '../api/errors.ts'
import { latestLoad } from './latest-load.ts'

/** One thing of one contract at a time (see keyedLoad). */
export interface KeyedLoad<T> {
  /** The value of `of`; null while unknown. */
  value: ShallowRef<T | null>
  /** The key (contract id) the value is, or is being loaded, for. */
  of: Ref<string | null>
  loading: Ref<boolean>
  error: Ref<UserError | null>
  /** Loads the value of `key`; a failure sets `error` (never rejects). */
  load(key: string): Promise<void>
  /** Forgets the value, its key and its error (another customer). */
  reset(): void
}

/**
 * A value loaded for the page of one key (a contract's mileage, its end of term):
 * another key's value is dropped at once, not shown while the new one loads.
 */
export function keyedLoad<T>(fetch: (key: string) => Promise<T>): KeyedLoad<T> {
  const value = shallowRef<T | null>(null)
  const of = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<UserError | null>(null)
  const latest = latestLoad()

  async function load(key: string): Promise<void> {
    if (of.value !== key) value.value = null
    of.value = key
    loading.value = true
    error.value = null
    await latest.run(() => fetch(key), {
      done: (answer) => (value.value = answer),
      failed: (failure) => (error.value = failure),
    })
    loading.value = false
  }

  return {
    value,
    of,
    loading,
    error,
    load,
    reset(): void {
      value.value = null
      of.value = null
      error.value = null
    },
  }
}
