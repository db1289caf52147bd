/**
 * The desktop app's driver: everything goes to main through the preload's bridge
 * (`window.mmf`), which checks every argument again.
 */
import {
  SAVED_FILES_MAX_IDS,
  type IpcErrorCode,
  type IpcResult,
  type MmfBridge,
} from '../../../shared/ipc.ts'
import type { SavedFileInfo } from '../../../shared/downloads.ts'
import {
  atMostOncePerInterval,
  type KioskIdleSource,
  type KioskTerminal,
  type Platform,
  type SavedDocuments,
} from './contract.ts'

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

/** The desktop app's driver over the preload's bridge. */
export function desktopPlatform(mmf: MmfBridge): Platform {
  return {
    async appInfo() {
      const result = await mmf.app.getInfo()
      if (!result.ok) throw new Error(`app:getInfo failed: ${result.error.code}`)
      return result.value
    },
    async openExternal(href) {
      const result = await mmf.links.openExternal({ url: href })
      return result.ok && result.value.opened
    },
    async openDeepLink(url) {
      const result = await mmf.links.openDeepLink({ url })
      return result.ok && result.value.opened
    },
    async openMailbox() {
      const result = await mmf.mailbox.open()
      return result.ok && result.value.opened
    },
    savedDocuments: mainSavedDocuments(mmf),
    kioskIdleSource: () => mainIdleSource(mmf),
    kioskTerminal: mainKioskTerminal(mmf),
  }
}

/** Letters as main saves them: the queue, the record of saved files and the download folder. */
function mainSavedDocuments(mmf: MmfBridge): SavedDocuments {
  return {
    async save(documentId) {
      return unwrap('documents:save', await mmf.documents.save({ documentId })).jobId
    },
    async saveAll(filter) {
      return unwrap('documents:saveAll', await mmf.documents.saveAll({ filter }))
    },
    async cancel(jobId) {
      return unwrap('documents:cancel', await mmf.documents.cancel({ jobId })).cancelled
    },
    async cancelBatch(batchId) {
      return unwrap('documents:cancelBatch', await mmf.documents.cancelBatch({ batchId })).cancelled
    },
    async retry(jobId) {
      return unwrap('documents:retry', await mmf.documents.retry({ jobId })).retried
    },
    async downloads() {
      return unwrap('documents:downloads', await mmf.documents.downloads())
    },
    async savedFiles(documentIds) {
      const files: SavedFileInfo[] = []
      for (let start = 0; start < documentIds.length; start += SAVED_FILES_MAX_IDS) {
        const chunk = documentIds.slice(start, start + SAVED_FILES_MAX_IDS)
        const result = await mmf.documents.savedFiles({ documentIds: chunk })
        files.push(...unwrap('documents:savedFiles', result).files)
      }
      return files
    },
    async open(documentId) {
      return unwrap('documents:open', await mmf.documents.open({ documentId })).opened
    },
    async showInFolder(documentId) {
      return unwrap('documents:showInFolder', await mmf.documents.showInFolder({ documentId }))
        .opened
    },
    async folder() {
      return unwrap('settings:getDownloadFolder', await mmf.settings.getDownloadFolder())
    },
    async chooseFolder() {
      const { chosen, folder, isDefault } = unwrap(
        'settings:chooseDownloadFolder',
        await mmf.settings.chooseDownloadFolder(),
      )
      return chosen ? { folder, isDefault } : null
    },
    async resetFolder() {
      return unwrap('settings:resetDownloadFolder', await mmf.settings.resetDownloadFolder())
    },
    onChanged: (listener) => mmf.on('documents:changed', listener),
  }
}

/** Main's part of a kiosk terminal; its refusals reject with an IpcCallError. */
function mainKioskTerminal(mmf: MmfBridge): KioskTerminal {
  return {
    onExitRequested: (listener) => mmf.on('kiosk:exitRequested', listener),
    async exit(pin) {
      return unwrap('kiosk:exit', await mmf.kiosk.exit({ pin }))
    },
    async print() {
      return unwrap('kiosk:print', await mmf.kiosk.print()).printed
    },
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

/** Main runs the countdown; the page reports input and shows main's events. */
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
