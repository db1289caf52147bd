/**
 * Loads of which only the latest counts: when another one starts (a retry, another
 * contract) or the data is forgotten, the answer of the one before is dropped,
 * whenever it arrives.
 */
import { toUserError, type UserError } from '../api/errors.ts'

export interface LoadAnswer<T> {
  done: (value: T) => void
  failed: (error: UserError) => void
}

export interface LatestLoad {
  /** Starts a load; `done` or `failed` is called only while it is the latest. Never rejects. */
  run<T>(fetch: () => Promise<T>, answer: LoadAnswer<T>): Promise<void>
  /** Drops the answer of the load under way. */
  cancel(): void
}

export function latestLoad(): LatestLoad {
  let generation = 0
  return {
    async run<T>(fetch: () => Promise<T>, answer: LoadAnswer<T>): Promise<void> {
      const mine = ++generation
      let value: T
      try {
        value = await fetch()
      } catch (caught) {
        if (mine === generation) answer.failed(toUserError(caught))
        return
      }
      if (mine === generation) answer.done(value)
    },
    cancel(): void {
      generation++
    },
  }
}
