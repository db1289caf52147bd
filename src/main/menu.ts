/** The application menu: the platform's standard roles only. */
import { Menu } from 'electron'

/** On macOS an app menu with Edit (copy/paste need it); elsewhere no menu bar. */
export function installMenu(platform: NodeJS.Platform): void {
  if (platform !== 'darwin') {
    Menu.setApplicationMenu(null)
    return
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]),
  )
}
