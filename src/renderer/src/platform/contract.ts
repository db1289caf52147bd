/**
 * What the app needs of the platform it runs on, whichever it is: the desktop
 * app (desktop.ts, through the preload's `window.mmf`) or the web preview in a
 * plain browser (web.ts). index.ts chooses the driver; stores use index.ts.
 */
import type { DocumentFilter } from '../../../shared/api/documents.ts'
import type {
  BatchSnapshot,
  DownloadEvent,
  DownloadFolder,
  JobSnapshot,
  SavedFileInfo,
} from '../../../shared/downloads.ts'
import type { AppInfo, IpcEvents } from '../../../shared/ipc.ts'
import type {
  KioskExitResult,
  KioskIdleEvent,
  KioskSettings,
  KioskStartReason,
} from '../../../shared/kiosk.ts'

/** One platform driver: the desktop app's or the web preview's. */
export interface Platform {
  /** Information about the running app (what it runs on, demo, kiosk, keychain). */
  appInfo(): Promise<AppInfo>
  /**
   * Opens a link outside the app that checkExternalUrl let through (and normalised).
   * Resolves to whether it was handed over.
   */
  openExternal(href: string): Promise<boolean>
  /** Opens a myminifinance:// link in the main window; false: the caller navigates itself. */
  openDeepLink(url: string): Promise<boolean>
  /** Opens the demo mailbox as a window of its own; false: the caller shows it in the app. */
  openMailbox(): Promise<boolean>
  /** Letters saved by main into the download folder; null where the browser downloads them. */
  readonly savedDocuments: SavedDocuments | null
  /** The kiosk's idle countdown (`settings`: the gateway's, null when unknown). */
  kioskIdleSource(settings: KioskSettings | null): KioskIdleSource
  /** What only main can do on a kiosk terminal; null in the web preview. */
  readonly kioskTerminal: KioskTerminal | null
}

/** Letters as main saves them: the queue, the record of saved files and the download folder. */
export interface SavedDocuments {
  /** Queues a letter, named by its id only (main reads the rest from the API); the job id. */
  save(documentId: string): Promise<string>
  saveAll(filter: DocumentFilter): Promise<{ batchId: string; count: number }>
  cancel(jobId: string): Promise<boolean>
  cancelBatch(batchId: string): Promise<boolean>
  retry(jobId: string): Promise<boolean>
  downloads(): Promise<{ jobs: JobSnapshot[]; batches: BatchSnapshot[] }>
  /** Which of these letters were saved; asks in chunks the contract allows. */
  savedFiles(documentIds: readonly string[]): Promise<SavedFileInfo[]>
  open(documentId: string): Promise<boolean>
  showInFolder(documentId: string): Promise<boolean>
  folder(): Promise<DownloadFolder>
  /** The system's folder picker; null when the customer cancelled it. */
  chooseFolder(): Promise<DownloadFolder | null>
  resetFolder(): Promise<DownloadFolder>
  /** Follows the queue's changes; returns the unsubscribe. */
  onChanged(listener: (event: DownloadEvent) => void): () => void
}

/** main's part of a kiosk terminal: the exit gesture and PIN, and printing without a dialog. */
export interface KioskTerminal {
  /** Follows the exit gesture (main asks for the PIN); returns the unsubscribe. */
  onExitRequested(listener: (request: IpcEvents['kiosk:exitRequested']) => void): () => void
  /** Sends the exit PIN (`''` when the terminal has none). */
  exit(pin: string): Promise<KioskExitResult>
  /** Prints this page (the print view) on the terminal's printer; whether the printer took it. */
  print(): Promise<boolean>
}

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
export function atMostOncePerInterval(action: () => void): () => void {
  let last = Number.NEGATIVE_INFINITY
  return () => {
    const now = Date.now()
    if (now - last < KIOSK_ACTIVITY_INTERVAL_MS) return
    last = now
    action()
  }
}
