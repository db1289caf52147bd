/**
 * The web preview's driver: a plain browser tab in front of the gateway. It asks
 * the gateway about itself, lets the browser download letters and open links, and
 * runs a kiosk's idle countdown in the page.
 */
import type { AppInfo } from '../../../shared/ipc.ts'
import {
  createIdleController,
  type IdleController,
  type IdleState,
} from '../../../shared/idle-controller.ts'
import {
  KIOSK_DEFAULT_SETTINGS,
  type KioskIdleEvent,
  type KioskSettings,
} from '../../../shared/kiosk.ts'
import { getClientInfo } from '../api/client-info.ts'
import { atMostOncePerInterval, type KioskIdleSource, type Platform } from './contract.ts'

/** What the web preview knows about itself before asking the gateway (GET /client-info). */
export const WEB_APP_INFO: Readonly<AppInfo> = Object.freeze({
  embedded: true,
  demo: false,
  kiosk: false,
  kioskSettings: null,
  keychain: 'memory',
  platform: 'web',
  version: '',
})

/** The web preview's driver. */
export function webPlatform(): Platform {
  return {
    async appInfo() {
      try {
        const { demo, kiosk, kioskSettings, keychain } = await getClientInfo()
        return { ...WEB_APP_INFO, demo, kiosk, kioskSettings, keychain }
      } catch (error) {
        // Not fatal: without it the preview assumes no demo and no kiosk.
        console.warn('The web preview could not ask the gateway about itself:', error)
        return { ...WEB_APP_INFO }
      }
    },
    async openExternal(href) {
      if (href.startsWith('https:')) {
        window.open(href, '_blank', 'noopener,noreferrer')
      } else {
        window.location.assign(href)
      }
      return true
    },
    // No second window and no system handler for deep links: the app shows them itself.
    openDeepLink: async () => false,
    openMailbox: async () => false,
    // The browser downloads letters itself.
    savedDocuments: null,
    kioskIdleSource: (settings) => pageIdleSource(settings ?? KIOSK_DEFAULT_SETTINGS),
    // No exit gesture, and a browser prints only through its dialog (whose "Save as PDF" writes to disk).
    kioskTerminal: null,
  }
}

/** The controller's state now (a getter TypeScript would otherwise take as unchanged). */
const stateOf = (controller: IdleController): IdleState => controller.state

/** The page runs the same controller as main, with the gateway's settings. */
function pageIdleSource(settings: KioskSettings): KioskIdleSource {
  const listeners = new Set<(event: KioskIdleEvent) => void>()
  const emit = (event: KioskIdleEvent): void => {
    for (const listener of [...listeners]) listener(event)
  }
  const controller = createIdleController({
    idleTimeoutSeconds: settings.idleTimeoutSeconds,
    warningSeconds: settings.warningSeconds,
    onWarn: (secondsLeft) => emit({ phase: 'warning', secondsLeft }),
    onTick: (secondsLeft) => emit({ phase: 'tick', secondsLeft }),
    onExpire: () => emit({ phase: 'expired' }),
    log: (line) => console.warn(line),
  })
  return {
    endsSession: 'page',
    // As in main: input postpones a running watch; only typed input (or a sign-in)
    // starts one (a half-filled registration must not wait for the next visitor).
    activity: atMostOncePerInterval(() => controller.activity()),
    formInput: atMostOncePerInterval(() => {
      // Nothing restarts an expiry: the page is being emptied.
      if (controller.state === 'stopped') controller.start()
      else controller.activity()
    }),
    continue() {
      const counting = controller.state === 'warning'
      controller.continue()
      // Past the deadline continue() expires instead (its own event); only a rearm clears.
      if (counting && stateOf(controller) === 'active') emit({ phase: 'cleared' })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    start() {
      if (controller.state === 'expired') return
      const counting = controller.state === 'warning'
      controller.start()
      if (counting) emit({ phase: 'cleared' })
    },
    stop() {
      controller.stop()
    },
  }
}
