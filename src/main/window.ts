/** The main window. */
import { BrowserWindow, type WebPreferences } from 'electron'
import { secureWebPreferences } from './security.ts'

/**
 * The web preferences each window was created with, readable from the main
 * process's global scope so that the Electron e2e spec can check them (Electron
 * has no getter for them). Main-process only: the renderer cannot reach it.
 */
function recordWebPreferences(webContentsId: number, preferences: WebPreferences): void {
  const scope = globalThis as { __mmfWebPreferences?: Record<number, WebPreferences> }
  scope.__mmfWebPreferences ??= {}
  scope.__mmfWebPreferences[webContentsId] = preferences
}

export const START_URL = 'app://mmf/index.html'

/** Creates the main window and loads the renderer from app://mmf. */
export function createMainWindow(options: {
  preload: string
  devTools: boolean
  icon?: string
}): BrowserWindow {
  const webPreferences = secureWebPreferences({
    preload: options.preload,
    devTools: options.devTools,
  })
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'My MINI Finance',
    backgroundColor: '#ffffff',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences,
  })
  recordWebPreferences(window.webContents.id, webPreferences)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(START_URL)
  return window
}

/** The demo mailbox (demo mode only): the same renderer at #/mailbox in its own window. */
export function createMailboxWindow(options: {
  preload: string
  devTools: boolean
}): BrowserWindow {
  const webPreferences = secureWebPreferences({
    preload: options.preload,
    devTools: options.devTools,
  })
  const window = new BrowserWindow({
    width: 760,
    height: 820,
    minWidth: 560,
    minHeight: 480,
    show: false,
    title: 'Demo-Postfach – My MINI Finance',
    backgroundColor: '#ffffff',
    webPreferences,
  })
  recordWebPreferences(window.webContents.id, webPreferences)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(`${START_URL}#/mailbox`)
  return window
}
