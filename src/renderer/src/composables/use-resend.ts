/**
 * "Erneut senden" (a confirmation or reset e-mail again): one request at a time,
 * whether it went out and, if not, why. The button shows `pending` as AppButton's
 * `busy`; `done` and `error` say how it went until the next attempt.
 */
import { ref, type Ref } from 'vue'
import type { UserError } from '../api/errors.ts'
import { useAction } from './use-action.ts'

export interface Resend {
  pending: Ref<boolean>
  done: Ref<boolean>
  error: Ref<UserError | null>
  /** Sends again (nothing while a request runs). */
  run(send: () => Promise<unknown>): Promise<void>
  /** Forgets how the last attempt went. */
  clear(): void
}

export function useResend(): Resend {
  const action = useAction()
  const done = ref(false)

  function clear(): void {
    done.value = false
    action.error.value = null
  }

  async function run(send: () => Promise<unknown>): Promise<void> {
    if (action.pending.value) return
    done.value = false
    done.value = await action.run(send)
  }

  return { pending: action.pending, done, error: action.error, run, clear }
}
