/**
 * The IPC handlers for saving letters and the download folder, in plain Node:
 * the Electron parts (shell, folder picker) come in as small ports. The renderer
 * names letters by id only: main reads what it saves from the API, and opens or
 * shows a file only when the download manager confirms it saved that very file. Kiosk mode saves nothing on disk.
 */
import { basename } from 'node:path'
import type { SavedFileInfo } from '../shared/downloads.ts'
import type { IpcChannel } from '../shared/ipc.ts'
import type { DownloadManager } from './downloads/manager.ts'
import { saveAllForFilter } from './downloads/save-all.ts'
import { DocumentNotFoundError, saveDocument } from './downloads/save-document.ts'
import type { FetchLike } from './downloads/transfer.ts'
import { NotAllowedError, NotFoundError, type IpcHandlers } from './ipc/register.ts'
import type { SettingsStore } from './settings.ts'

export type DocumentChannel = Extract<IpcChannel, `documents:${string}` | `settings:${string}`>
export type DocumentHandlers = Pick<IpcHandlers, DocumentChannel>

/** What main needs of Electron's shell for saved letters. */
export interface FileShell {
  /** Opens the file with the system's viewer; false when that failed. */
  openPath(path: string): Promise<boolean>
  showInFolder(path: string): void
}

export interface DocumentHandlerOptions {
  manager: DownloadManager
  settings: SettingsStore
  /** The gateway, for reading the letter ("Speichern") or the list ("download all") to save. */
  fetch: FetchLike
  shell: FileShell
  /** The system's folder picker: the chosen folder, or null when cancelled. */
  chooseFolder: () => Promise<string | null>
}

/** The handlers of a normal (not kiosk) app. */
export function createDocumentHandlers(options: DocumentHandlerOptions): DocumentHandlers {
  const { manager, settings } = options

  /** The path of a letter the manager saved and that is still in place; null otherwise. */
  async function savedPath(documentId: string): Promise<string | null> {
    const saved = await manager.savedFile(documentId)
    if (saved === null || !saved.exists) return null
    return (await manager.openable(saved.path)) ? saved.path : null
  }

  return {
    'documents:save': ({ documentId }) =>
      saveDocument({ fetch: options.fetch, manager, documentId }).catch(notFoundForIpc),
    'documents:saveAll': ({ filter }) =>
      saveAllForFilter({ fetch: options.fetch, manager, filter }),
    'documents:cancel': async ({ jobId }) => ({ cancelled: manager.cancel(jobId) }),
    'documents:cancelBatch': async ({ batchId }) => ({
      cancelled: manager.cancelBatch(batchId),
    }),
    'documents:retry': async ({ jobId }) => ({ retried: manager.retry(jobId) }),
    'documents:downloads': async () => ({ jobs: manager.jobs(), batches: manager.batches() }),
    'documents:savedFiles': async ({ documentIds }) => {
      const files = await Promise.all(
        documentIds.map(async (documentId): Promise<SavedFileInfo | null> => {
          const saved = await manager.savedFile(documentId)
          return saved && { documentId, fileName: basename(saved.path), exists: saved.exists }
        }),
      )
      return { files: files.filter((file) => file !== null) }
    },
    'documents:open': async ({ documentId }) => {
      const path = await savedPath(documentId)
      return { opened: path !== null && (await options.shell.openPath(path)) }
    },
    'documents:showInFolder': async ({ documentId }) => {
      const path = await savedPath(documentId)
      if (path !== null) options.shell.showInFolder(path)
      return { opened: path !== null }
    },
    'settings:getDownloadFolder': async () => settings.downloadFolder(),
    'settings:chooseDownloadFolder': async () => {
      const picked = await options.chooseFolder()
      if (picked === null) return { ...settings.downloadFolder(), chosen: false }
      return { ...(await settings.chooseDownloadFolder(picked)), chosen: true }
    },
    'settings:resetDownloadFolder': () => settings.resetDownloadFolder(),
  }
}

/** A letter the backend does not know is `not_found` for the renderer; anything else stays a failure. */
function notFoundForIpc(error: unknown): never {
  throw error instanceof DocumentNotFoundError ? new NotFoundError(error.message) : error
}

const refuse = async (): Promise<never> => {
  throw new NotAllowedError('nothing is saved on disk in kiosk mode')
}

/** Kiosk mode (a shared terminal): nothing is saved on disk, nothing saved is listed or opened. */
export function kioskDocumentHandlers(): DocumentHandlers {
  return {
    'documents:save': refuse,
    'documents:saveAll': refuse,
    'documents:cancel': async () => ({ cancelled: false }),
    'documents:cancelBatch': async () => ({ cancelled: false }),
    'documents:retry': refuse,
    'documents:downloads': async () => ({ jobs: [], batches: [] }),
    'documents:savedFiles': async () => ({ files: [] }),
    'documents:open': refuse,
    'documents:showInFolder': refuse,
    'settings:getDownloadFolder': refuse,
    'settings:chooseDownloadFolder': refuse,
    'settings:resetDownloadFolder': refuse,
  }
}
