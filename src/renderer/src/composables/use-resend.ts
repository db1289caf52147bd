/**
 * "Erneut senden" (a confirmation or reset e-mail again): one request at a time,
 * whether it went out and, if not, why. The button shows `pending` as AppButton's
 * `busy`; `done` and `error` say how it went until the next attempt.
 */
import { ref, type Ref } from 'vue'
import { toUserError, type UserError } from '../api/errors.ts'

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
  const pending = ref(false)
  const done = ref(false)
  const error = ref<UserError | null>(null)

  function clear(): void {
    done.value = false
    error.value = null
  }

  async function run(send: () => Promise<unknown>): Promise<void> {
    if (pending.value) return
    clear()
    pending.value = true
    try {
      await send()
      done.value = true
    } catch (caught) {
      error.value = toUserError(caught)
    } finally {
      pending.value = false
    }
  }

  return { pending, done, error, run, clear }
}
