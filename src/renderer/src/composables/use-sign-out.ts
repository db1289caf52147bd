/**
 * Signing out from anywhere: ends the session, then shows "Sie wurden abgemeldet."
 * on the next page. On a kiosk terminal the page is wiped and loaded afresh on the
 * start screen instead (the kiosk store), whatever `next` asked for.
 */
import { ref, type Ref } from 'vue'
import { useRouter } from 'vue-router'
import { toUserError, type UserError } from '../api/errors.ts'
import { useAppStore } from '../stores/app.ts'
import { useKioskStore } from '../stores/kiosk.ts'
import { useNoticeStore } from '../stores/notice.ts'
import { useSessionStore } from '../stores/session.ts'

export interface SignOut {
  pending: Ref<boolean>
  error: Ref<UserError | null>
  /** Signs out and goes to the start page (or to sign-in, to switch accounts). */
  signOut(next?: 'start' | 'sign-in'): Promise<void>
}

export function useSignOut(): SignOut {
  const router = useRouter()
  const app = useAppStore()
  const kiosk = useKioskStore()
  const session = useSessionStore()
  const notice = useNoticeStore()
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
      notice.show('account.signedOut', next, 'success')
      await router.push({ name: next })
    } catch (caught) {
      error.value = toUserError(caught)
    } finally {
      pending.value = false
    }
  }

  return { pending, error, signOut }
}
