/** The main window. */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron'
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

interface WindowOptions {
  preload: string
  devTools: boolean
}

/** A window of the app (hidden until its first paint) loading the renderer at `url`. */
function createAppWindow(
  options: WindowOptions,
  frame: Pick<
    BrowserWindowConstructorOptions,
    'width' | 'height' | 'minWidth' | 'minHeight' | 'title' | 'icon'
  >,
  url: string,
): BrowserWindow {
  const webPreferences = secureWebPreferences({
    preload: options.preload,
    devTools: options.devTools,
  })
  const window = new BrowserWindow({
    ...frame,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences,
  })
  recordWebPreferences(window.webContents.id, webPreferences)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(url)
  return window
}

/** Creates the main window and loads the renderer from app://mmf. */
export function createMainWindow(options: WindowOptions & { icon?: string }): BrowserWindow {
  return createAppWindow(
    options,
    {
      width: 1200,
      height: 820,
      minWidth: 800,
      minHeight: 600,
      title: 'My MINI Finance',
      ...(options.icon ? { icon: options.icon } : {}),
    },
    START_URL,
  )
}

/** The demo mailbox (demo mode only): the same renderer at #/mailbox in its own window. */
export function createMailboxWindow(options: WindowOptions): BrowserWindow {
  return createAppWindow(
    options,
    {
      width: 760,
      height: 820,
      minWidth: 560,
      minHeight: 480,
      title: 'Demo-Postfach – My MINI Finance',
    },
    `${START_URL}#/mailbox`,
  )
}
