/** The document title names the page (its route's `titleKey`), in the current language. */
import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'

export function useDocumentTitle(): void {
  const { t } = useI18n()
  const route = useRoute()
  watchEffect(() => {
    const key = route.meta.titleKey
    document.title = key ? `${t(key)} · ${t('app.name')}` : t('app.name')
  })
}
