/**
 * The app's vue-i18n instance (Composition API): German by default, English on
 * request. The choice is remembered in localStorage and mirrored to <html lang>.
 * German is in the first chunk; English loads when it is first asked for (before
 * the first screen when it is the remembered choice), which keeps its 15 KB out
 * of the initial JavaScript of the many who never switch. A feature whose page
 * loads on demand may bring its own messages in both languages (lease-end.ts),
 * merged in when that page's code loads.
 */
import { createI18n } from 'vue-i18n'
import de from './de.json'

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

/** The one i18n instance of the renderer; English joins its messages when loaded. */
export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { de } as Record<AppLocale, MessageSchema>,
})

const loaded = new Set<AppLocale>([DEFAULT_LOCALE])
let loading: Promise<void> | null = null

/** Loads the messages of `locale` if they are not there yet (English is the only other one). */
export async function loadLocaleMessages(locale: AppLocale): Promise<void> {
  if (loaded.has(locale)) return
  loading ??= import('./en.json').then(({ default: en }) => {
    // Merged, not set: pages loaded before may have added their own English (page-messages.ts).
    i18n.global.mergeLocaleMessage('en', en)
    loaded.add('en')
  })
  try {
    await loading
  } finally {
    loading = null
  }
}

/** The locale last asked for: a slow load must not override a later choice. */
let requested: AppLocale = DEFAULT_LOCALE

/** Shows `locale`: at once when its messages are loaded, else as soon as they are. */
function switchTo(locale: AppLocale): Promise<void> {
  requested = locale
  const show = (): void => {
    if (requested !== locale) return
    i18n.global.locale.value = locale
    applyToDocument(locale)
  }
  if (loaded.has(locale)) {
    show()
    return Promise.resolve()
  }
  return loadLocaleMessages(locale).then(show, (error: unknown) => {
    // The app goes on in the language it shows; the switch in the header tries again.
    console.error('The language could not be loaded:', error)
  })
}

/**
 * Resolves once the remembered language is loaded and shown: the app mounts after
 * it, so an English-speaking customer never sees a German first screen.
 */
export const localeReady: Promise<void> = switchTo(readStoredLocale())
applyToDocument(i18n.global.locale.value)

/** The active locale. */
export function currentLocale(): AppLocale {
  return i18n.global.locale.value
}

/**
 * Switches the language of the whole app, remembers it and sets <html lang>
 * (once its messages are loaded: the returned promise).
 */
export function setLocale(locale: AppLocale): Promise<void> {
  remember(locale)
  return switchTo(locale)
}

function remember(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch (error) {
    // The switch still works for this session; only remembering it failed.
    console.warn('The language choice could not be stored:', error)
  }
}
