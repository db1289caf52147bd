/** The main window. */
import { BrowserWindow } from 'electron'
import { secureWebPreferences } from './security.ts'

export const START_URL = 'app://mmf/index.html'

/** Creates the main window and loads the renderer from app://mmf. */
export function createMainWindow(options: { preload: string; devTools: boolean; icon?: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'My MINI Finance',
    backgroundColor: '#ffffff',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences({ preload: options.preload, devTools: options.devTools }),
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(START_URL)
  return window
}
