/** The application menu: the platform's standard roles only. */
import { Menu } from 'electron'

/**
 * On macOS an app menu with Edit (copy/paste need it); elsewhere no menu bar. A kiosk
 * on macOS keeps only Edit: no Quit, Hide or window items.
 */
export function installMenu(platform: NodeJS.Platform, options: { kiosk: boolean }): void {
  if (platform !== 'darwin') {
    Menu.setApplicationMenu(null)
    return
  }
  if (options.kiosk) {
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'editMenu' }]))
    return
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]),
  )
}
