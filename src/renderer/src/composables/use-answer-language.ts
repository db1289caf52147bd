/**
 * The backend writes some texts in the customer's language (preferences.locale):
 * the letters' titles, the vehicles' names. When that language changes (the
 * header's switch saved it, or the profile says another), a page that shows
 * such texts loads them again.
 */
import { watch } from 'vue'
import { useSessionStore } from '../stores/session.ts'

/** Calls `reload` whenever the backend's answers change language while the page is shown. */
export function useAnswerLanguage(reload: () => void): void {
  const session = useSessionStore()
  watch(
    () => session.customer?.locale,
    (now, before) => {
      if (now !== undefined && before !== undefined && now !== before) reload()
    },
  )
}
