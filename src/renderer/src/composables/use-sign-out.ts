/**
 * Signing out from anywhere: ends the session, then shows "Sie wurden abgemeldet."
 * on the next page. On a kiosk terminal the page is wiped and loaded afresh on the
 * start screen instead (the kiosk store), whatever `next` asked for.
 */
import { ref, type Ref } from 'vue'
import { toUserError, type UserError } from '../api/errors.ts'
import { useAppStore } from '../stores/app.ts'
import { useKioskStore } from '../stores/kiosk.ts'
import { useSessionStore } from '../stores/session.ts'
import { useGoWithNotice } from './use-go-with-notice.ts'

export interface SignOut {
  pending: Ref<boolean>
  error: Ref<UserError | null>
  /** Signs out and goes to the start page (or to sign-in, to switch accounts). */
  signOut(next?: 'start' | 'sign-in'): Promise<void>
}

export function useSignOut(): SignOut {
  const app = useAppStore()
  const kiosk = useKioskStore()
  const session = useSessionStore()
  const goWithNotice = useGoWithNotice()
  const pending = ref(false)
  const error = ref<UserError | null>(null)

  async function signOut(next: 'start' | 'sign-in' = 'start'): Promise<void> {
    if (pending.value) return
    pending.value = true
    error.value = null
    if (app.kiosk) {
      // Stays pending: the page is replaced (a failed sign-out does not keep it either).
      await kiosk.signOut()
      return
    }
    try {
      await session.signOut()
      await goWithNotice(next, 'account.signedOut')
    } catch (caught) {
      error.value = toUserError(caught)
    } finally {
      pending.value = false
    }
  }

  return { pending, error, signOut }
}
