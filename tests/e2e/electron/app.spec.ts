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
import { ipcChannels } from '../../../src/shared/ipc.ts'

/** The preload's domains: one per channel prefix, plus `on` for the events. */
const BRIDGE_KEYS = [...new Set(ipcChannels.map((c) => c.split(':')[0] as string)), 'on'].sort()

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
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', mmf: BRIDGE_KEYS })
      // The support contacts arrive through app://mmf/api → gateway → embedded backend.
      await expect(page.getByTestId('support-contacts')).toContainText('+43 662 2191 4920')
      // The page's own POST passes the gateway's same-origin check (Chromium marks it as
      // app://mmf's): the backend answers it (a wrong password), not 403 origin_not_allowed.
      const answer = await page.evaluate(async () => {
        const response = await fetch('/api/v1/sessions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.at', password: 'not-the-password-at-all' }),
        })
        return { status: response.status, body: (await response.json()) as unknown }
      })
      expect(answer).toMatchObject({
        status: 401,
        body: { error: { code: 'invalid_credentials' } },
      })
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  test('kiosk mode: a full-screen kiosk window, no devTools, a partition in memory, no closing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mmf-electron-kiosk-'))
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(import.meta.dirname, '../../..'), `--data-dir=${dataDir}`, '--kiosk'],
    })
    try {
      const page = await app.firstWindow()
      await page.waitForLoadState('domcontentloaded')
      const state = await app.evaluate(({ BrowserWindow }) => {
        const recorded = (
          globalThis as { __mmfWebPreferences?: Record<number, Electron.WebPreferences> }
        ).__mmfWebPreferences
        return BrowserWindow.getAllWindows().map((w) => ({
          kiosk: w.isKiosk(),
          menuBar: w.isMenuBarVisible(),
          devTools: recorded?.[w.webContents.id]?.devTools,
          partition: recorded?.[w.webContents.id]?.partition,
          persistent: w.webContents.session.isPersistent(),
        }))
      })
      expect(state).toEqual([
        { kiosk: true, menuBar: false, devTools: false, partition: 'mmf-kiosk', persistent: false },
      ])
      const info = await page.evaluate(async () => {
        const bridge = (globalThis as { mmf?: { app: { getInfo(): Promise<unknown> } } }).mmf
        return bridge?.app.getInfo()
      })
      expect(info).toMatchObject({ ok: true, value: { kiosk: true, keychain: 'memory' } })
      // Closing the window is refused; only the exit gesture (no PIN with --kiosk alone) quits.
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
        1,
      )
      await page.keyboard.press('Control+Alt+Shift+K')
      const closed = app.waitForEvent('close')
      await page.getByRole('button', { name: 'Kioskmodus beenden' }).click()
      await closed
    } finally {
      await app.close().catch(() => undefined)
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
