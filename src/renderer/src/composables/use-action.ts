/**
 * What a button starts, one at a time: `pending` while it runs (AppButton's
 * `busy`; a click meanwhile does nothing) and, when it failed, why (`error`,
 * until the next attempt). Dialogs and tools that only need to run something
 * and show how it went share this instead of their own flags and try/finally.
 */
import { ref, type Ref } from 'vue'
import { toUserError, type UserError } from '../api/errors.ts'

export interface Action {
  pending: Ref<boolean>
  error: Ref<UserError | null>
  /** Runs `action` unless one runs already; true when it ran and did not fail. */
  run(action: () => Promise<unknown>): Promise<boolean>
}

export function useAction(): Action {
  const pending = ref(false)
  const error = ref<UserError | null>(null)

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    if (pending.value) return false
    error.value = null
    pending.value = true
    try {
      await action()
      return true
    } catch (caught) {
      error.value = toUserError(caught)
      return false
    } finally {
      pending.value = false
    }
  }

  return { pending, error, run }
}
