/**
 * Messages that only some lazily loaded pages need, kept out of the first
 * chunk's German (the first screen's JavaScript budget): a page's module adds
 * them to both languages when it loads (English loaded later is merged over
 * them, see loadLocaleMessages). Tests read them from i18n/lazy/ as well.
 */
import { i18n, SUPPORTED_LOCALES, type AppLocale, type MessageSchema } from './index.ts'

/** Adds a page's messages to both languages. */
export function addPageMessages(messages: Record<AppLocale, Record<string, unknown>>): void {
  for (const locale of SUPPORTED_LOCALES)
    i18n.global.mergeLocaleMessage(locale, messages[locale] as unknown as MessageSchema)
}
