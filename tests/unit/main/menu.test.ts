/** The application menu as Electron is told it (src/main/menu.ts against the recording double). */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installMenu } from '../../../src/main/menu.ts'
import { electronRecord, resetElectron } from './support/electron-double.ts'

vi.mock('electron', () => import('./support/electron-double.ts'))

beforeEach(() => resetElectron())

describe('the application menu', () => {
  it('is absent on Windows and Linux, also in kiosk mode', () => {
    installMenu('win32', { kiosk: false })
    installMenu('linux', { kiosk: true })
    expect(electronRecord().applicationMenus).toEqual([null, null])
  })

  it('on macOS has the app, edit and window menus of the standard roles', () => {
    installMenu('darwin', { kiosk: false })
    expect(electronRecord().applicationMenus).toEqual([
      [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }],
    ])
  })

  it('on a macOS kiosk keeps only Edit: no Quit, Hide or window items', () => {
    installMenu('darwin', { kiosk: true })
    expect(electronRecord().applicationMenus).toEqual([[{ role: 'editMenu' }]])
  })
})
