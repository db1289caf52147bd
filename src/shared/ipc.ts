/**
 * The one IPC contract between renderer (through the preload) and main.
 * Every channel is `domain:verb`, with a run-time check of its argument. Main
 * registers handlers for exactly these channels; the preload exposes exactly
 * these as `window.mmf.<domain>.<verb>()`. HTTP goes through app://mmf/api, not IPC.
 */
import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_ID_MAX_LENGTH,
  DOCUMENT_ID_PATTERN,
  DOCUMENT_SEARCH_MAX,
  type DocumentFilter,
} from './api/documents.ts'
import type {
  BatchSnapshot,
  DownloadEvent,
  DownloadFolder,
  JobSnapshot,
  SavedFileInfo,
} from './downloads.ts'
import type { KioskExitResult, KioskIdleEvent, KioskPrintResult, KioskSettings } from './kiosk.ts'
import {
  array,
  boolean,
  integer,
  matching,
  none,
  object,
  oneOf,
  optional,
  string,
  type Check,
} from './validate.ts'

/** What the renderer may know about the app it runs in. */
export interface AppInfo {
  version: string
  platform: string
  /** true: the backend runs inside the app; false: a remote API base URL is configured. */
  embedded: boolean
  /** Demo data and the demo mailbox are available. */
  demo: boolean
  kiosk: boolean
  /** The terminal's settings in kiosk mode; null otherwise. */
  kioskSettings: KioskSettings | null
  /** Where a kept sign-in lives: the OS keychain, or memory only (sign in again next start). */
  keychain: 'os' | 'memory'
}

export interface OpenExternalResult {
  opened: boolean
}

/** IPC results are data: a failure carries a stable code the renderer maps to a message. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode } }
export type IpcErrorCode =
  | 'invalid_argument'
  | 'untrusted_sender'
  | 'not_allowed'
  /** What the renderer named does not exist for this customer (a letter the backend does not know). */
  | 'not_found'
  | 'failed'

interface Channel<A, R> {
  arg: Check<A>
  /** Only a type marker for the result; never read at run time. */
  result?: R
}

function channel<A, R>(arg: Check<A>): Channel<A, R> {
  return { arg }
}

/** Document ids become part of a request path: nothing that could leave /documents/. */
const documentId = matching(new RegExp(DOCUMENT_ID_PATTERN), { maxLength: DOCUMENT_ID_MAX_LENGTH })
const jobId = matching(/^[0-9a-f-]{36}$/, { maxLength: 36 })

const documentFilter: Check<DocumentFilter> = object({
  contractId: optional(documentId),
  category: optional(oneOf(DOCUMENT_CATEGORIES)),
  unread: optional(boolean),
  year: optional(integer({ min: 1900, max: 2999 })),
  q: optional(string({ minLength: 1, maxLength: DOCUMENT_SEARCH_MAX })),
})

/** Documents per `documents:savedFiles` call: a few pages of the list. */
export const SAVED_FILES_MAX_IDS = 500

export const ipcContract = {
  'app:getInfo': channel<undefined, AppInfo>(none),
  'links:openExternal': channel<{ url: string }, OpenExternalResult>(
    object({ url: string({ minLength: 1, maxLength: 2048 }) }),
  ),
  /** Opens a myminifinance:// link (from the demo mailbox) in the main window. */
  'links:openDeepLink': channel<{ url: string }, OpenExternalResult>(
    object({ url: string({ minLength: 1, maxLength: 400 }) }),
  ),
  /** Opens the demo mailbox window (demo mode only). */
  'mailbox:open': channel<undefined, OpenExternalResult>(none),

  /**
   * Queues one letter for saving into the download folder, named by its id only:
   * main reads its title, date, size and SHA-256 from the API (GET /documents/{id}).
   * A letter the backend does not know: not_found; in kiosk mode: not_allowed.
   */
  'documents:save': channel<{ documentId: string }, { jobId: string }>(object({ documentId })),
  /** Saves every letter the filter lists (main reads the list itself), as one batch. */
  'documents:saveAll': channel<{ filter: DocumentFilter }, { batchId: string; count: number }>(
    object({ filter: documentFilter }),
  ),
  'documents:cancel': channel<{ jobId: string }, { cancelled: boolean }>(object({ jobId })),
  'documents:cancelBatch': channel<{ batchId: string }, { cancelled: boolean }>(
    object({ batchId: jobId }),
  ),
  /** A failed or cancelled job again; a lost connection resumes where it stopped. */
  'documents:retry': channel<{ jobId: string }, { retried: boolean }>(object({ jobId })),
  /** The queue as it is now (the renderer then follows `documents:changed`). */
  'documents:downloads': channel<undefined, { jobs: JobSnapshot[]; batches: BatchSnapshot[] }>(
    none,
  ),
  /** Which of these letters were saved, and whether the files are still there. */
  'documents:savedFiles': channel<{ documentIds: string[] }, { files: SavedFileInfo[] }>(
    object({ documentIds: array(documentId, { maxItems: SAVED_FILES_MAX_IDS }) }),
  ),
  /** Opens a letter this app saved with the system's PDF viewer (by id: the renderer never names a path). */
  'documents:open': channel<{ documentId: string }, OpenExternalResult>(object({ documentId })),
  /** Shows a letter this app saved in the file manager. */
  'documents:showInFolder': channel<{ documentId: string }, OpenExternalResult>(
    object({ documentId }),
  ),
  'settings:getDownloadFolder': channel<undefined, DownloadFolder>(none),
  /** The system's folder picker; `chosen: false` when the customer cancelled it. */
  'settings:chooseDownloadFolder': channel<undefined, DownloadFolder & { chosen: boolean }>(none),
  'settings:resetDownloadFolder': channel<undefined, DownloadFolder>(none),

  /**
   * Kiosk: the customer used the app (pointer, touch, wheel; sent at most once a second).
   * Postpones a running countdown's start; starts no watch by itself.
   */
  'kiosk:activity': channel<undefined, { recorded: boolean }>(none),
  /**
   * Kiosk: a form field of the page holds what someone typed (sent at most once a
   * second). Main then watches the idle time, signed in or not, until the start
   * screen returns; `watching` says whether it does now.
   */
  'kiosk:formInput': channel<undefined, { watching: boolean }>(none),
  /** Kiosk: "Ich bin noch da" on the idle notice; false when no countdown was running. */
  'kiosk:continue': channel<undefined, { continued: boolean }>(none),
  /**
   * Kiosk: prints the calling page (the print view the renderer has drawn) silently on
   * the printer kiosk.json names, never through a dialog; not_allowed without one.
   */
  'kiosk:print': channel<undefined, KioskPrintResult>(none),
  /** Kiosk: the PIN after the exit gesture; only after `kiosk:exitRequested` (else not_allowed). */
  'kiosk:exit': channel<{ pin: string }, KioskExitResult>(
    object({ pin: string({ minLength: 0, maxLength: 12 }) }),
  ),
} as const

export type IpcContract = typeof ipcContract
export type IpcChannel = keyof IpcContract
export type IpcArg<C extends IpcChannel> =
  IpcContract[C] extends Channel<infer A, unknown> ? A : never
export type IpcReturn<C extends IpcChannel> =
  IpcContract[C] extends Channel<unknown, infer R> ? R : never

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never
type IpcMethod<C extends IpcChannel> =
  undefined extends IpcArg<C>
    ? () => Promise<IpcResult<IpcReturn<C>>>
    : (arg: IpcArg<C>) => Promise<IpcResult<IpcReturn<C>>>

/** The shape of `window.mmf`, derived from the contract. */
export type MmfApi = {
  [D in DomainOf<IpcChannel>]: {
    [C in Extract<IpcChannel, `${D}:${string}`> as VerbOf<C>]: IpcMethod<C>
  }
}

/** Every channel name, for the preload and the register. */
export const ipcChannels = Object.keys(ipcContract) as IpcChannel[]

/** Events main pushes to the app's window: name → payload. Subscribing returns the unsubscribe. */
export interface IpcEvents {
  /** A download changed state, or made progress (at most every 100 ms per job). */
  'documents:changed': DownloadEvent
  /** Kiosk: the idle countdown started, counted down, was cleared, or ran out. */
  'kiosk:idle': KioskIdleEvent
  /** Kiosk: the exit gesture was pressed; the renderer asks for the PIN (`kiosk:exit`). */
  'kiosk:exitRequested': { pinRequired: boolean }
}
export type IpcEventName = keyof IpcEvents
export const ipcEventNames: readonly IpcEventName[] = [
  'documents:changed',
  'kiosk:idle',
  'kiosk:exitRequested',
]

/** `window.mmf`: the channels by domain, and `on` for the events. */
export type MmfBridge = MmfApi & {
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void
}
