/**
 * The renderer's view of the platform it runs on: the desktop app's driver
 * (desktop.ts, the preload's `window.mmf`) or the web preview's (web.ts), behind
 * one interface (contract.ts). Stores use this module; components never touch
 * `window.mmf` themselves. Links leave the app only past the one external-link
 * rule, the same main applies (src/shared/external-links.ts).
 */
import { checkExternalUrl } from '../../../shared/external-links.ts'
import type { AppInfo, IpcEvents, MmfBridge } from '../../../shared/ipc.ts'
import type { KioskExitResult, KioskSettings } from '../../../shared/kiosk.ts'
import type { KioskIdleSource, KioskTerminal, Platform, SavedDocuments } from './contract.ts'
import { desktopPlatform } from './desktop.ts'
import { webPlatform } from './web.ts'

export {
  KIOSK_ACTIVITY_INTERVAL_MS,
  type KioskIdleSource,
  type KioskPageEndReason,
  type Platform,
} from './contract.ts'
export { IpcCallError } from './desktop.ts'
export { WEB_APP_INFO } from './web.ts'
export { endKioskSessionInPage, installKioskPageGuards, kioskStartUrl, reloadApp } from './page.ts'

let chosen: { bridge: MmfBridge | undefined; driver: Platform } | undefined

/**
 * This page's driver, chosen once: the desktop app's when the preload exposed its
 * bridge, else the web preview's. The preload does so before any page script runs
 * and never takes it back; only a test that swaps `window.mmf` gets a new choice.
 */
export function currentPlatform(): Platform {
  const bridge = window.mmf
  if (chosen === undefined || chosen.bridge !== bridge) {
    chosen = { bridge, driver: bridge ? desktopPlatform(bridge) : webPlatform() }
  }
  return chosen.driver
}

/**
 * Information about the running app: from main over IPC in the desktop app; in
 * the web preview, WEB_APP_INFO with demo, kiosk and keychain from the gateway.
 */
export function getAppInfo(): Promise<AppInfo> {
  return currentPlatform().appInfo()
}

/**
 * Opens a myminifinance:// link in the desktop app's main window (main checks it
 * again). false in the web preview, or when main refused: the caller then
 * navigates inside the app itself.
 */
export function openDeepLink(url: string): Promise<boolean> {
  return currentPlatform().openDeepLink(url)
}

/**
 * Opens the demo mailbox as a window of its own (desktop app, demo mode). false
 * in the web preview: the caller then shows the mailbox inside the app.
 */
export function openMailbox(): Promise<boolean> {
  return currentPlatform().openMailbox()
}

/**
 * Opens an https: page, a plain mail address or a phone number outside the app
 * (browser, mail program, phone app), normalised by the one external-link rule.
 * Anything else is refused. Resolves to whether it was handed over.
 */
export async function openExternal(url: string): Promise<boolean> {
  const href = checkExternalUrl(url)
  if (href === null) {
    console.warn('Refused to open an external URL the external-link rule does not allow.')
    return false
  }
  return currentPlatform().openExternal(href)
}

/**
 * true in the desktop app: letters are saved by main into the download folder,
 * with a queue and progress. false in the web preview: the browser downloads them.
 */
export function canSaveToFolder(): boolean {
  return currentPlatform().savedDocuments !== null
}

/** The desktop app's saved letters, or an error for a caller that should have checked. */
function folderSaving(): SavedDocuments {
  const saved = currentPlatform().savedDocuments
  if (!saved) throw new Error('Saving to a folder needs the desktop app')
  return saved
}

/**
 * Letters as main saves them: the queue, the record of saved files and the
 * download folder (desktop app only; the callers check canSaveToFolder()).
 */
export const savedDocuments: SavedDocuments = {
  save: (documentId) => folderSaving().save(documentId),
  saveAll: (filter) => folderSaving().saveAll(filter),
  cancel: (jobId) => folderSaving().cancel(jobId),
  cancelBatch: (batchId) => folderSaving().cancelBatch(batchId),
  retry: (jobId) => folderSaving().retry(jobId),
  downloads: () => folderSaving().downloads(),
  savedFiles: (documentIds) => folderSaving().savedFiles(documentIds),
  open: (documentId) => folderSaving().open(documentId),
  showInFolder: (documentId) => folderSaving().showInFolder(documentId),
  folder: () => folderSaving().folder(),
  chooseFolder: () => folderSaving().chooseFolder(),
  resetFolder: () => folderSaving().resetFolder(),
  onChanged: (listener) => folderSaving().onChanged(listener),
}

/**
 * The kiosk's idle countdown for this platform: main's in the desktop app, the
 * page's own (with `settings`, the defaults when unknown) in the web preview.
 */
export function kioskIdleSource(settings: KioskSettings | null): KioskIdleSource {
  return currentPlatform().kioskIdleSource(settings)
}

/** main's part of a kiosk terminal, or an error for a caller on the web preview. */
function kioskTerminal(need: string): KioskTerminal {
  const terminal = currentPlatform().kioskTerminal
  if (!terminal) throw new Error(`${need} needs the desktop app`)
  return terminal
}

/**
 * Follows the exit gesture (desktop kiosk): main asks for the PIN. The web preview
 * has no exit gesture; there the listener is never called. Returns the unsubscribe.
 */
export function onKioskExitRequested(
  listener: (request: IpcEvents['kiosk:exitRequested']) => void,
): () => void {
  return currentPlatform().kioskTerminal?.onExitRequested(listener) ?? (() => undefined)
}

/**
 * Whether this platform can print a letter without a dialog: only the desktop app,
 * where main prints silently on the terminal's printer. The web preview cannot (a
 * browser only prints through its dialog, whose "Save as PDF" writes to disk).
 */
export function canPrintSilently(): boolean {
  return currentPlatform().kioskTerminal !== null
}

/**
 * Has main print this page (the print view) on the terminal's printer, silently.
 * Resolves to whether the printer took it; rejects with an IpcCallError when main
 * refused (not_allowed: no printer, or a print already running).
 */
export function printKioskPage(): Promise<boolean> {
  return kioskTerminal('Printing without a dialog').print()
}

/**
 * Sends the exit PIN (`''` when the terminal has none) to main. Rejects with an
 * IpcCallError when main refused (not_allowed: the gesture is too long ago).
 */
export function exitKiosk(pin: string): Promise<KioskExitResult> {
  return kioskTerminal('Leaving kiosk mode').exit(pin)
}
