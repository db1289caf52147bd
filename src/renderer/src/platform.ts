/**
 * The renderer's view of the platform it runs on: the Electron app (through the
 * preload's `window.mmf`) or the web preview in a plain browser. Stores use this
 * module; components never touch `window.mmf` themselves.
 */
import type { DocumentFilter } from '../../shared/api/documents.ts'
import type {
  BatchSnapshot,
  DocumentToSave,
  DownloadEvent,
  DownloadFolder,
  JobSnapshot,
  SavedFileInfo,
} from '../../shared/downloads.ts'
import {
  createIdleController,
  type IdleController,
  type IdleState,
} from '../../shared/idle-controller.ts'
import {
  SAVED_FILES_MAX_IDS,
  type AppInfo,
  type IpcErrorCode,
  type IpcEvents,
  type IpcResult,
  type MmfBridge,
} from '../../shared/ipc.ts'
import {
  KIOSK_DEFAULT_SETTINGS,
  kioskStartHash,
  type KioskExitResult,
  type KioskIdleEvent,
  type KioskSettings,
  type KioskStartReason,
} from '../../shared/kiosk.ts'
import { getClientInfo } from './api/client-info.ts'

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
      const { demo, kiosk, kioskSettings, keychain } = await getClientInfo()
      return { ...WEB_APP_INFO, demo, kiosk, kioskSettings, keychain }
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

/** A refused or failed IPC call, with the contract's code for the message. */
export class IpcCallError extends Error {
  readonly channel: string
  readonly code: IpcErrorCode

  constructor(channel: string, code: IpcErrorCode) {
    super(`${channel} failed: ${code}`)
    this.name = 'IpcCallError'
    this.channel = channel
    this.code = code
  }
}

function unwrap<T>(channel: string, result: IpcResult<T>): T {
  if (!result.ok) throw new IpcCallError(channel, result.error.code)
  return result.value
}

/** The desktop app's bridge, or an error for a caller that should have checked. */
function bridge(): MmfBridge {
  const mmf = window.mmf
  if (!mmf) throw new Error('Saving to a folder needs the desktop app')
  return mmf
}

/**
 * true in the desktop app: letters are saved by main into the download folder,
 * with a queue and progress. false in the web preview: the browser downloads them.
 */
export function canSaveToFolder(): boolean {
  return window.mmf !== undefined
}

/**
 * Letters as main saves them: the queue, the record of saved files and the
 * download folder (desktop app only; the callers check canSaveToFolder()).
 */
export const savedDocuments = {
  async save(doc: DocumentToSave): Promise<string> {
    return unwrap('documents:save', await bridge().documents.save(doc)).jobId
  },
  async saveAll(filter: DocumentFilter): Promise<{ batchId: string; count: number }> {
    return unwrap('documents:saveAll', await bridge().documents.saveAll({ filter }))
  },
  async cancel(jobId: string): Promise<boolean> {
    return unwrap('documents:cancel', await bridge().documents.cancel({ jobId })).cancelled
  },
  async cancelBatch(batchId: string): Promise<boolean> {
    return unwrap('documents:cancelBatch', await bridge().documents.cancelBatch({ batchId }))
      .cancelled
  },
  async retry(jobId: string): Promise<boolean> {
    return unwrap('documents:retry', await bridge().documents.retry({ jobId })).retried
  },
  async downloads(): Promise<{ jobs: JobSnapshot[]; batches: BatchSnapshot[] }> {
    return unwrap('documents:downloads', await bridge().documents.downloads())
  },
  /** Which of these letters were saved; asks in chunks the contract allows. */
  async savedFiles(documentIds: readonly string[]): Promise<SavedFileInfo[]> {
    const files: SavedFileInfo[] = []
    for (let start = 0; start < documentIds.length; start += SAVED_FILES_MAX_IDS) {
      const chunk = documentIds.slice(start, start + SAVED_FILES_MAX_IDS)
      const result = await bridge().documents.savedFiles({ documentIds: chunk })
      files.push(...unwrap('documents:savedFiles', result).files)
    }
    return files
  },
  async open(documentId: string): Promise<boolean> {
    return unwrap('documents:open', await bridge().documents.open({ documentId })).opened
  },
  async showInFolder(documentId: string): Promise<boolean> {
    return unwrap('documents:showInFolder', await bridge().documents.showInFolder({ documentId }))
      .opened
  },
  async folder(): Promise<DownloadFolder> {
    return unwrap('settings:getDownloadFolder', await bridge().settings.getDownloadFolder())
  },
  /** The system's folder picker; null when the customer cancelled it. */
  async chooseFolder(): Promise<DownloadFolder | null> {
    const { chosen, folder, isDefault } = unwrap(
      'settings:chooseDownloadFolder',
      await bridge().settings.chooseDownloadFolder(),
    )
    return chosen ? { folder, isDefault } : null
  },
  async resetFolder(): Promise<DownloadFolder> {
    return unwrap('settings:resetDownloadFolder', await bridge().settings.resetDownloadFolder())
  },
  /** Follows the queue's changes; returns the unsubscribe. */
  onChanged(listener: (event: DownloadEvent) => void): () => void {
    return bridge().on('documents:changed', listener)
  },
}

// ---------------------------------------------------------------------------
// Kiosk mode (a shared dealership terminal). In the desktop app main watches the
// idle time and ends the session; in the web preview the page does both itself.
// Components use these functions (through the kiosk store), never window.mmf.

/** Customer input is passed on at most this often (`kiosk:activity`: once a second). */
export const KIOSK_ACTIVITY_INTERVAL_MS = 1000

/**
 * Why the page ends a kiosk session itself (the start screen's `?ended=`); `reset`
 * when nobody was signed in: the typed input goes, and the start screen says nothing.
 */
export type KioskPageEndReason = Extract<KioskStartReason, 'idle' | 'sign-out' | 'reset'>

/**
 * The idle countdown of a kiosk terminal, the same for both drivers: main's
 * (desktop app) or the page's own controller (web preview). The idle notice
 * listens to its events and does not care which one runs.
 */
export interface KioskIdleSource {
  /**
   * Who ends the session when the countdown reaches zero: 'main' (the desktop
   * app revokes it, clears the partition and reloads the page) or 'page' (the
   * web preview: the caller signs out and calls endKioskSessionInPage).
   */
  readonly endsSession: 'main' | 'page'
  /**
   * Customer input (pointer, keys, wheel, touch); passed on at most once a second.
   * It postpones the warning of a running watch and starts none.
   */
  activity(): void
  /**
   * A form field now holds typed input (passed on at most once a second): the watch
   * runs from now on, signed in or not, until the start screen returns.
   */
  formInput(): void
  /** "Ich bin noch da": ends a running countdown (then a `cleared` event follows). */
  continue(): void
  /** Follows the countdown's events; returns the unsubscribe. */
  onEvent(listener: (event: KioskIdleEvent) => void): () => void
  /** A customer signed in: the quiet time starts (main sees sign-ins itself). */
  start(): void
  /** The session is ending: no more events from the page's own controller. */
  stop(): void
}

/** Lets `action` run at most once per KIOSK_ACTIVITY_INTERVAL_MS (the first call at once). */
function atMostOncePerInterval(action: () => void): () => void {
  let last = Number.NEGATIVE_INFINITY
  return () => {
    const now = Date.now()
    if (now - last < KIOSK_ACTIVITY_INTERVAL_MS) return
    last = now
    action()
  }
}

function warnIfRefused(channel: string): (result: IpcResult<unknown>) => void {
  return (result) => {
    if (!result.ok) console.warn(`${channel} was refused: ${result.error.code}`)
  }
}

function warnIfFailed(channel: string): (error: unknown) => void {
  return (error) => console.warn(`${channel} failed:`, error)
}

/** The desktop app: main runs the countdown; the page reports input and shows main's events. */
function mainIdleSource(mmf: MmfBridge): KioskIdleSource {
  return {
    endsSession: 'main',
    activity: atMostOncePerInterval(() => {
      mmf.kiosk.activity().then(warnIfRefused('kiosk:activity'), warnIfFailed('kiosk:activity'))
    }),
    formInput: atMostOncePerInterval(() => {
      mmf.kiosk.formInput().then(warnIfRefused('kiosk:formInput'), warnIfFailed('kiosk:formInput'))
    }),
    continue() {
      mmf.kiosk.continue().then(warnIfRefused('kiosk:continue'), warnIfFailed('kiosk:continue'))
    },
    onEvent: (listener) => mmf.on('kiosk:idle', listener),
    // Main starts the watch on a sign-in and stops it at the session end itself.
    start: () => undefined,
    stop: () => undefined,
  }
}

/** The controller's state now (a getter TypeScript would otherwise take as unchanged). */
const stateOf = (controller: IdleController): IdleState => controller.state

/** The web preview: the page runs the same controller as main, with the gateway's settings. */
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

/**
 * The kiosk's idle countdown for this platform: main's in the desktop app, the
 * page's own (with `settings`, the defaults when unknown) in the web preview.
 */
export function kioskIdleSource(settings: KioskSettings | null): KioskIdleSource {
  const mmf = window.mmf
  return mmf ? mainIdleSource(mmf) : pageIdleSource(settings ?? KIOSK_DEFAULT_SETTINGS)
}

/**
 * The start screen after a session end: this page's address without query, then
 * `#/?ended=…` (or `#/` after a reset).
 */
export function kioskStartUrl(reason: KioskPageEndReason, current: string): string {
  const url = new URL(current)
  url.search = ''
  url.hash = ''
  return `${url.href}${kioskStartHash(reason)}`
}

/**
 * Removes the customer's traces from the page and starts it afresh on the start
 * screen: both web storages emptied (the next customer starts in German, with
 * nothing kept), then a full load of `#/?ended=<reason>`, so no Pinia state
 * survives and the ended history entry is replaced. Call it after the sign-out.
 */
export function endKioskSessionInPage(reason: KioskPageEndReason): void {
  try {
    window.sessionStorage.clear()
  } catch (error) {
    console.warn('The session storage could not be emptied:', error)
  }
  try {
    window.localStorage.clear()
  } catch (error) {
    console.warn('The local storage could not be emptied:', error)
  }
  const target = kioskStartUrl(reason, window.location.href)
  window.location.replace(target)
  // When only the hash differed, replace() moved inside the page: load it for real.
  if (window.location.href === target) window.location.reload()
}

/**
 * Kiosk only: when the page is left, `removeCustomerData` runs and the body is
 * emptied (nothing for a back/forward cache snapshot); a page that comes back
 * from that cache is loaded afresh. The back button never shows the previous
 * customer's page. Returns the uninstall.
 */
export function installKioskPageGuards(removeCustomerData: () => void): () => void {
  /** Set once the page was left: from then on the reload on return must stay, whatever unmounts. */
  let left = false
  let uninstalled = false
  const onPageHide = (): void => {
    left = true
    try {
      removeCustomerData()
    } catch (error) {
      console.warn('Removing the page content failed; emptying the page:', error)
    } finally {
      document.body.replaceChildren()
    }
  }
  const onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) window.location.reload()
    if (uninstalled) window.removeEventListener('pageshow', onPageShow)
  }
  window.addEventListener('pagehide', onPageHide)
  window.addEventListener('pageshow', onPageShow)
  return () => {
    uninstalled = true
    window.removeEventListener('pagehide', onPageHide)
    // Unmounting the app on pagehide calls this too: then the reload waits for the return.
    if (!left) window.removeEventListener('pageshow', onPageShow)
  }
}

/**
 * Follows the exit gesture (desktop kiosk): main asks for the PIN. The web preview
 * has no exit gesture; there the listener is never called. Returns the unsubscribe.
 */
export function onKioskExitRequested(
  listener: (request: IpcEvents['kiosk:exitRequested']) => void,
): () => void {
  const mmf = window.mmf
  return mmf ? mmf.on('kiosk:exitRequested', listener) : () => undefined
}

/**
 * Whether this platform can print a letter without a dialog: only the desktop app,
 * where main prints silently on the terminal's printer. The web preview cannot (a
 * browser only prints through its dialog, whose "Save as PDF" writes to disk).
 */
export function canPrintSilently(): boolean {
  return window.mmf !== undefined
}

/**
 * Has main print this page (the print view) on the terminal's printer, silently.
 * Resolves to whether the printer took it; rejects with an IpcCallError when main
 * refused (not_allowed: no printer, or a print already running).
 */
export async function printKioskPage(): Promise<boolean> {
  const mmf = window.mmf
  if (!mmf) throw new Error('Printing without a dialog needs the desktop app')
  return unwrap('kiosk:print', await mmf.kiosk.print()).printed
}

/**
 * Sends the exit PIN (`''` when the terminal has none) to main. Rejects with an
 * IpcCallError when main refused (not_allowed: the gesture is too long ago).
 */
export async function exitKiosk(pin: string): Promise<KioskExitResult> {
  const mmf = window.mmf
  if (!mmf) throw new Error('Leaving kiosk mode needs the desktop app')
  return unwrap('kiosk:exit', await mmf.kiosk.exit({ pin }))
}
