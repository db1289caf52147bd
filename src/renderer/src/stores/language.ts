/**
 * One language setting. Signed out, the app's language is the device's choice
 * (localStorage, as i18n/index.ts keeps it). Signed in, it is the customer's
 * preference (preferences.locale), the language of the backend's answers,
 * e-mails and letters too: the app takes it at sign-in and when a kept session
 * is restored, and the header's switch changes the screens at once and saves
 * the preference through the profile store (so the profile's "Sprache" and the
 * header show the same).
 *
 * On a kiosk terminal the switch changes the screens for this visit only: a
 * shared terminal does not change a customer's preference on the side (that
 * stays in Persönliche Daten → Einstellungen, a deliberate step), and the
 * session's end takes the terminal back to its own language.
 */
import { defineStore } from 'pinia'
import { watch } from 'vue'
import type { AppLocale } from '../i18n/index.ts'
import { useAppStore } from './app.ts'
import { useProfileStore } from './profile.ts'
import { useSessionStore } from './session.ts'

/** How a switch ended: the preference saved, only the screens (signed out, kiosk), or not saved. */
export type LanguageChoice = 'saved' | 'screens_only' | 'not_saved'

export const useLanguageStore = defineStore('language', () => {
  const app = useAppStore()
  const session = useSessionStore()
  const profile = useProfileStore()

  // Sign-in, a restored session, another customer: the app speaks the customer's language.
  watch(
    () => (session.signedIn ? (session.customer?.customerNumber ?? null) : null),
    (customerNumber) => {
      const preferred = session.customer?.locale
      if (customerNumber !== null && preferred && preferred !== app.locale) app.setLocale(preferred)
    },
    { immediate: true },
  )

  /** The language the customer clicked last; a save for an earlier click is not sent. */
  let wanted: AppLocale | null = null
  /** Saves one after another, so that the last click is also the last word. */
  let saving: Promise<unknown> = Promise.resolve()

  async function save(locale: AppLocale): Promise<LanguageChoice> {
    if (wanted !== locale) return 'saved'
    if (session.customer?.locale === locale) return 'saved'
    try {
      await profile.saveLocale(locale)
      return 'saved'
    } catch (error) {
      // The screens stay in the language chosen; the notice says what did not change.
      console.warn('The language could not be saved in the profile:', error)
      return 'not_saved'
    }
  }

  /** The header's switch: the screens at once; signed in (not on a kiosk), also the preference. */
  function choose(locale: AppLocale): Promise<LanguageChoice> {
    app.setLocale(locale)
    if (!session.signedIn || app.kiosk) return Promise.resolve('screens_only')
    wanted = locale
    const result = saving.then(() => save(locale))
    saving = result
    return result
  }

  return { choose }
})
