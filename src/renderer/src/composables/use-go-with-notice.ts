/**
 * Moving on to a page that greets the customer with a success message ("Ihr Konto
 * wurde gelöscht."): the message is set for that page, then the page is shown.
 */
import { useRouter } from 'vue-router'
import { useNoticeStore } from '../stores/notice.ts'

/** Returns a function that goes to the route `page` and says `messageKey` there. */
export function useGoWithNotice(): (page: string, messageKey: string) => Promise<void> {
  const router = useRouter()
  const notice = useNoticeStore()
  return async (page, messageKey) => {
    notice.show(messageKey, page, 'success')
    await router.push({ name: page })
  }
}
