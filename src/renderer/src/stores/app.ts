/** The app itself: what it runs on (AppInfo), its language, and links that leave it. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo } from '../../../shared/ipc.ts'
import { onPreviewLocked } from '../api/client.ts'
import { currentLocale, setLocale as applyLocale, type AppLocale } from '../i18n/index.ts'
import {
  getAppInfo,
  openDeepLink as openDeepLinkUrl,
  openExternal as openExternalUrl,
  openMailbox as openMailboxWindow,
} from '../platform/index.ts'
import { falseOnFailure } from './false-on-failure.ts'

export const useAppStore = defineStore('app', () => {
  /** null until loaded (or when the app could not tell). */
  const info = ref<AppInfo | null>(null)
  const locale = computed<AppLocale>(() => currentLocale())
  const demo = computed(() => info.value?.demo === true)
  const kiosk = computed(() => info.value?.kiosk === true)
  /** Whether the demo mailbox is offered: in demo mode, never on a kiosk terminal. */
  const mailbox = computed(() => demo.value && !kiosk.value)
  /** Where a kept sign-in would live; "memory" until known (the cautious reading). */
  const keychain = computed(() => info.value?.keychain ?? 'memory')
  /**
   * The web preview refused this browser: it was not opened through the preview's
   * one-time link (or the preview restarted). The app then says how to get in.
   */
  const previewLocked = ref(false)
  onPreviewLocked(() => {
    previewLocked.value = true
  })

  let loading: Promise<void> | null = null

  /**
   * Asks the platform what it is (Electron app or web preview), once; later
   * calls return the same promise. The router's first navigation waits for it,
   * so that kiosk mode and demo mode hold from the first page on.
   */
  function loadInfo(): Promise<void> {
    loading ??= (async () => {
      try {
        info.value = await getAppInfo()
      } catch (error) {
        // Not fatal: the app works without it and assumes no demo, no kiosk.
        console.error('The app information could not be loaded:', error)
      }
    })()
    return loading
  }

  /** Switches the language of the whole app and remembers the choice (English loads first). */
  function setLocale(next: AppLocale): Promise<void> {
    return applyLocale(next)
  }

  /**
   * Opens an https:, mailto: or tel: link outside the app; anything else is refused.
   * Never on a kiosk terminal: the customer must not leave the app there.
   */
  async function openExternal(url: string): Promise<boolean> {
    if (kiosk.value) {
      console.warn('Refused to open an external link on a kiosk terminal.')
      return false
    }
    return falseOnFailure(() => openExternalUrl(url), 'The link could not be opened:')
  }

  /**
   * Opens a myminifinance:// link in the desktop app's main window. false in the
   * web preview (or when refused): the caller then navigates in the app itself.
   */
  async function openDeepLink(url: string): Promise<boolean> {
    return falseOnFailure(() => openDeepLinkUrl(url), 'The link could not be opened in the app:')
  }

  /** Opens the demo mailbox window (desktop app); false when the app should show it itself. */
  async function openMailbox(): Promise<boolean> {
    if (!mailbox.value) return false
    return falseOnFailure(openMailboxWindow, 'The demo mailbox window could not be opened:')
  }

  return {
    info,
    locale,
    demo,
    kiosk,
    mailbox,
    keychain,
    previewLocked,
    loadInfo,
    setLocale,
    openExternal,
    openDeepLink,
    openMailbox,
  }
})
