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
  SAVED_FILES_MAX_IDS,
  type AppInfo,
  type IpcErrorCode,
  type IpcResult,
  type MmfBridge,
} from '../../shared/ipc.ts'
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
