/**
 * The router. Hash history, because the app is served from app://mmf/ and from a
 * static web server alike; deep links arrive as `/#/confirm?token=…`.
 */
import { createRouter, createWebHashHistory, type Router, type RouterHistory } from 'vue-router'
import { onAccountLocked, onSessionLost } from '../api/client.ts'
import { useAppStore } from '../stores/app.ts'
import { useKioskStore } from '../stores/kiosk.ts'
import { useNoticeStore } from '../stores/notice.ts'
import { usePasswordResetStore } from '../stores/password-reset.ts'
import { useSessionStore } from '../stores/session.ts'
import { checkAccess } from './access.ts'
import { routes } from './routes.ts'

/** Creates the app's router with its access guard (Pinia must be installed first). */
export function createAppRouter(history: RouterHistory = createWebHashHistory()): Router {
  const router = createRouter({
    history,
    routes,
    // A new page starts at its top; a new query on the same page (the postbox's filters) stays put.
    scrollBehavior: (to, from, savedPosition) =>
      savedPosition ?? (to.path === from.path ? false : { top: 0 }),
  })
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    const app = useAppStore()
    // The first navigation waits until the gateway said whether a session is held,
    // and until the app knows whether it is a kiosk (no autocomplete, no kept sign-in,
    // no demo mailbox).
    await Promise.all([session.restore(), app.loadInfo()])
    return checkAccess(to, session, { kiosk: app.kiosk })
  })
  router.afterEach((to, _from, failure) => {
    if (!failure) useNoticeStore().leave(typeof to.name === 'string' ? to.name : null)
  })

  // A signed-in call answered 401: the session is gone. A page that needs a session
  // starts again at sign-in; a public one (a link from an e-mail, the help) stays,
  // signed out, so that what it shows is not lost.
  onSessionLost(() => {
    const session = useSessionStore()
    if (!session.signedIn) return
    session.reset()
    const current = router.currentRoute.value
    const access = current.meta.access ?? 'public'
    if (access === 'public' || access === 'guest') {
      if (current.meta.endsSessions !== true && typeof current.name === 'string') {
        useNoticeStore().show('account.sessionExpired', current.name)
      }
      return
    }
    useNoticeStore().show('account.sessionExpired', 'sign-in')
    void router.push({ name: 'sign-in', query: { redirect: current.fullPath } })
  })

  // A wrong password confirming a change was the third in a row: the account is locked and
  // every session ended. Sign out here as well (the gateway forgets the tokens and a kept
  // sign-in) and show sign-in with the locked-account text; a kiosk ends the session as always.
  onAccountLocked(() => {
    const session = useSessionStore()
    if (!session.signedIn) return
    if (useAppStore().kiosk) {
      void useKioskStore().signOut()
      return
    }
    const email = session.customer?.email ?? ''
    void (async () => {
      try {
        await session.signOut()
      } catch (error) {
        // The backend has ended the session already; only this app's view of it is left.
        console.warn('Signing out after the lock failed:', error)
        session.reset()
      }
      usePasswordResetStore().noteLockedOut(email)
      await router.push({ name: 'sign-in' })
    })()
  })
  return router
}
