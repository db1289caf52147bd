/**
 * The app's vue-i18n instance (Composition API): German by default, English on
 * request. The choice is remembered in localStorage and mirrored to <html lang>.
 */
import { createI18n } from 'vue-i18n'
import de from './de.json'
import en from './en.json'

export const SUPPORTED_LOCALES = ['de', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export type MessageSchema = typeof de

export const DEFAULT_LOCALE: AppLocale = 'de'
export const LOCALE_STORAGE_KEY = 'mmf.locale'

/** Narrows an unknown value (e.g. from storage) to a supported locale. */
export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

/** The remembered locale, or German when none (or an unknown one) is stored. */
export function readStoredLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE
  } catch (error) {
    // Storage can be disabled (privacy settings); the app then starts in German.
    console.warn('The language choice could not be read:', error)
    return DEFAULT_LOCALE
  }
}

function applyToDocument(locale: AppLocale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

const messages: Record<AppLocale, MessageSchema> = { de, en }

/** The one i18n instance of the renderer. */
export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: readStoredLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages,
})
applyToDocument(i18n.global.locale.value)

/** The active locale. */
export function currentLocale(): AppLocale {
  return i18n.global.locale.value
}

/** Switches the language of the whole app, remembers it and sets <html lang>. */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  applyToDocument(locale)
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch (error) {
    // The switch still works for this session; only remembering it failed.
    console.warn('The language choice could not be stored:', error)
  }
}
