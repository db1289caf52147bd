/**
 * Choosing the language (stores/language.ts): signed in, the choice is also saved as
 * the customer's preference; when that could not be saved, the page it was chosen
 * on says so.
 */
import { useRoute } from 'vue-router'
import type { AppLocale } from '../i18n/index.ts'
import { useLanguageStore } from '../stores/language.ts'
import { useNoticeStore } from '../stores/notice.ts'

/** Returns the function that switches to `locale`. */
export function useChooseLanguage(): (locale: AppLocale) => Promise<void> {
  const route = useRoute()
  const language = useLanguageStore()
  const notice = useNoticeStore()
  return async (locale) => {
    const shownOn = route.name
    if ((await language.choose(locale)) === 'not_saved' && typeof shownOn === 'string')
      notice.show('language.notSaved', shownOn)
  }
}
