/**
 * The renderer's view of the platform it runs on: the Electron app (through the
 * preload's `window.mmf`) or the web preview in a plain browser. Stores use this
 * module; components never touch `window.mmf` themselves.
 */
import type { AppInfo } from '../../shared/ipc.ts'
import { getClientInfo } from './api/client-info.ts'

/** What the web preview knows about itself before asking the gateway (GET /client-info). */
export const WEB_APP_INFO: Readonly<AppInfo> = Object.freeze({
  embedded: true,
  demo: false,
  kiosk: false,
  keychain: 'memory',
  platform: 'web',
  version: '',
})

/** The only schemes the app hands to the system: web pages over TLS, e-mail and phone. */
export const EXTERNAL_PROTOCOLS: readonly string[] = ['https:', 'mailto:', 'tel:']

/** Parses and checks a URL for openExternal; null when it must not be opened. */
export function parseExternalUrl(url: string): URL | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null // not an absolute URL: nothing to open
  }
  if (!EXTERNAL_PROTOCOLS.includes(parsed.protocol)) return null
  if (parsed.username !== '' || parsed.password !== '') return null
  return parsed
}

/**
 * Information about the running app: from main over IPC in the desktop app; in
 * the web preview, WEB_APP_INFO with demo, kiosk and keychain from the gateway.
 */
export async function getAppInfo(): Promise<AppInfo> {
  const mmf = window.mmf
  if (!mmf) {
    try {
      const { demo, kiosk, keychain } = await getClientInfo()
      return { ...WEB_APP_INFO, demo, kiosk, keychain }
    } catch (error) {
      // Not fatal: without it the preview assumes no demo and no kiosk.
      console.warn('The web preview could not ask the gateway about itself:', error)
      return { ...WEB_APP_INFO }
    }
  }
  const result = await mmf.app.getInfo()
  if (!result.ok) throw new Error(`app:getInfo failed: ${result.error.code}`)
  return result.value
}

/**
 * Opens a myminifinance:// link in the desktop app's main window (main checks it
 * again). false in the web preview, or when main refused: the caller then
 * navigates inside the app itself.
 */
export async function openDeepLink(url: string): Promise<boolean> {
  const mmf = window.mmf
  if (!mmf) return false
  const result = await mmf.links.openDeepLink({ url })
  return result.ok && result.value.opened
}

/**
 * Opens the demo mailbox as a window of its own (desktop app, demo mode). false
 * in the web preview: the caller then shows the mailbox inside the app.
 */
export async function openMailbox(): Promise<boolean> {
  const mmf = window.mmf
  if (!mmf) return false
  const result = await mmf.mailbox.open()
  return result.ok && result.value.opened
}

/**
 * Opens an https:, mailto: or tel: URL outside the app (browser, mail program,
 * phone app). Anything else is refused. Resolves to whether it was handed over.
 */
export async function openExternal(url: string): Promise<boolean> {
  const parsed = parseExternalUrl(url)
  if (!parsed) {
    console.warn('Refused to open an external URL with a disallowed scheme.')
    return false
  }
  const mmf = window.mmf
  if (mmf) {
    const result = await mmf.links.openExternal({ url: parsed.href })
    return result.ok && result.value.opened
  }
  if (parsed.protocol === 'https:') {
    window.open(parsed.href, '_blank', 'noopener,noreferrer')
  } else {
    window.location.assign(parsed.href)
  }
  return true
}

/** Starts the app afresh on the start page (the crash screen's way out). */
export function reloadApp(): void {
  window.location.hash = '#/'
  window.location.reload()
}
