/**
 * The Electron side of saving letters, and nothing else: the folder picker,
 * the shell for saved files, and pushing download events to the main window.
 * The logic (which file may be opened, which folder is used) is in plain modules.
 */
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { IpcEventName, IpcEvents } from '../shared/ipc.ts'
import type { FileShell } from './document-handlers.ts'

/** shell.openPath and shell.showItemInFolder, for paths the download manager confirmed. */
export const electronFileShell: FileShell = {
  async openPath(path) {
    // openPath answers an error message, or '' when the file was opened.
    return (await shell.openPath(path)) === ''
  },
  showInFolder(path) {
    shell.showItemInFolder(path)
  },
}

/** The system's folder picker over the main window; null when cancelled. */
export function folderPicker(mainWindow: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] }
    const window = mainWindow()
    const result =
      window && !window.isDestroyed()
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
}

/** Sends a contract event to the main window only, while it and its page exist. */
export function pushToMainWindow(
  mainWindow: () => BrowserWindow | null,
): <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => void {
  return (event, payload) => {
    const window = mainWindow()
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return
    window.webContents.send(event, payload)
  }
}
