/**
 * Launches the real desktop app with Playwright's Electron driver and checks
 * every window's security settings. Needs the Electron binary: where it cannot
 * be installed (no access to its download host), the spec skips and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { findElectronBinary } from '../../../scripts/electron-binary.mjs'

const binary = findElectronBinary()
if (!binary.path) console.warn(`[electron spec] skipped: ${binary.reason}`)

test.describe('desktop app', () => {
  test.skip(!binary.path, `Electron binary not installed: ${binary.reason ?? ''}`)

  test('every window is sandboxed, isolated and without Node', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mmf-electron-'))
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(import.meta.dirname, '../../..'), `--data-dir=${dataDir}`],
    })
    try {
      const page = await app.firstWindow()
      await page.waitForLoadState('domcontentloaded')
      expect(page.url()).toBe('app://mmf/index.html')
      const preferences = await app.evaluate(({ BrowserWindow }) => {
        const recorded = (
          globalThis as { __mmfWebPreferences?: Record<number, Electron.WebPreferences> }
        ).__mmfWebPreferences
        return BrowserWindow.getAllWindows().map((w) => recorded?.[w.webContents.id])
      })
      expect(preferences.length).toBeGreaterThan(0)
      for (const p of preferences) {
        expect(p?.sandbox).toBe(true)
        expect(p?.contextIsolation).toBe(true)
        expect(p?.nodeIntegration).toBe(false)
        expect(p?.webSecurity).toBe(true)
        expect(p?.webviewTag).toBe(false)
        expect(p?.nodeIntegrationInSubFrames).toBe(false)
      }
      const globals = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        mmf: Object.keys((globalThis as { mmf?: object }).mmf ?? {}).sort(),
      }))
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', mmf: ['app', 'links'] })
      // The support contacts arrive through app://mmf/api → gateway → embedded backend.
      await expect(page.getByTestId('support-contacts')).toContainText('+43 662 2191 4920')
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
