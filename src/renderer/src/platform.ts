/**
 * The renderer's view of the platform it runs on: the Electron app (through the
 * preload's `window.mmf`) or the web preview in a plain browser. Stores use this
 * module; components never touch `window.mmf` themselves.
 */
import type { AppInfo } from '../../shared/ipc.ts'

/** What the web preview knows about itself (no preload, no keychain, no kiosk). */
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

/** Information about the running app; in the web preview, the fixed WEB_APP_INFO. */
export async function getAppInfo(): Promise<AppInfo> {
  const mmf = window.mmf
  if (!mmf) return { ...WEB_APP_INFO }
  const result = await mmf.app.getInfo()
  if (!result.ok) throw new Error(`app:getInfo failed: ${result.error.code}`)
  return result.value
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
