/**
 * Where a page goes once the customer may go on (signed in, activated): back to the
 * page that sent them here (`?redirect=`, when it is one of the app's own), else the
 * page given, which then says what was done when asked to.
 */
import { useRoute, useRouter } from 'vue-router'
import { safeRedirect } from '../router/access.ts'
import { useNoticeStore } from '../stores/notice.ts'

/** Returns a function that goes to the redirect target, else to the route `page`. */
export function useGoOn(): (page: string, doneKey?: string) => Promise<void> {
  const route = useRoute()
  const router = useRouter()
  const notice = useNoticeStore()
  return async (page, doneKey) => {
    if (doneKey !== undefined) notice.show(doneKey, page, 'success')
    await router.push(safeRedirect(route.query.redirect) ?? { name: page })
  }
}
