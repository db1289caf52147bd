/**
 * Starts main's real composition root (src/main/index.ts) against the Electron
 * double, with a temporary userData and Downloads folder and the embedded demo
 * backend, as `electron . <args>` would. The test file must mock 'electron' with
 * the double (`vi.mock('electron', () => import('./support/electron-double.ts'))`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import {
  APP_FRAME,
  app,
  BrowserWindow,
  electronRecord,
  invokeFromPage,
  resetElectron,
  type Session,
} from './electron-double.ts'

export interface LaunchOptions {
  /** Command-line arguments after the app's path (`--kiosk`, a deep link, `--data-dir=…`). */
  args?: string[]
  packaged?: boolean
  /** false: another instance of the app holds the lock. */
  singleInstanceLock?: boolean
  /** Runs `process.defaultApp` (`electron .` in development) instead of an installed app. */
  defaultApp?: boolean
}

export interface LaunchedMain {
  userData: string
  downloads: string
  /** main's log lines (`[main] …`). */
  log: string[]
  /** The app's windows that are open now. */
  windows(): BrowserWindow[]
  /** The one open window; fails when there is none or more than one. */
  window(): BrowserWindow
  /** The session main served app:// in (the default one, or the kiosk's partition). */
  appSession(): Session
  /** Calls an IPC channel as the app's own page in `window` (by default the only window). */
  invoke(channel: string, arg?: unknown, window?: BrowserWindow): Promise<unknown>
  /** Quits through app.quit() (unless a quit is under way) and waits until main let the app end. */
  quit(): Promise<void>
  /** Removes the temporary folders (after quit). */
  dispose(): void
}

const MAIN = '../../../../src/main/index.ts'

/**
 * Makes sure 'electron' resolves to this very double, before the module reset: vitest
 * keeps a resolved mock across `vi.resetModules()`, but a mock first resolved after it
 * would load a second copy of the double, whose records the test never sees.
 */
async function pinDouble(): Promise<void> {
  const electron = (await import('electron')) as unknown as { app?: unknown }
  if (electron.app !== app) {
    throw new Error("mock 'electron' with the double: vi.mock('electron', () => import(…))")
  }
}

/** Starts main and waits until it showed a window, quit or exited. */
export async function launchMain(options: LaunchOptions = {}): Promise<LaunchedMain> {
  resetElectron()
  const userData = mkdtempSync(join(tmpdir(), 'mmf-main-user-'))
  const downloads = mkdtempSync(join(tmpdir(), 'mmf-main-downloads-'))
  app.paths = { userData, downloads }
  app.isPackaged = options.packaged ?? false
  app.singleInstanceLock = options.singleInstanceLock ?? true
  const log: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    log.push(parts.map(String).join(' '))
  })
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    log.push(parts.map(String).join(' '))
  })
  const argv = process.argv
  const scope = process as { defaultApp?: boolean }
  process.argv = [process.execPath, 'out/main/index.js', ...(options.args ?? [])]
  if (options.defaultApp) scope.defaultApp = true
  try {
    await pinDouble()
    vi.resetModules()
    await import(MAIN)
    // Electron is ready only after main's first turn (the scheme must be registered before).
    if (options.singleInstanceLock !== false) app.becomeReady()
    await vi.waitFor(
      () => {
        if (BrowserWindow.getAllWindows().length === 0 && !app.ended && app.quitRequests === 0) {
          throw new Error(`main has not started yet:\n${log.join('\n')}`)
        }
      },
      { timeout: 30_000, interval: 10 },
    )
  } finally {
    process.argv = argv
    delete scope.defaultApp
  }

  const windows = () => BrowserWindow.getAllWindows()
  const launched: LaunchedMain = {
    userData,
    downloads,
    log,
    windows,
    window() {
      const open = windows()
      if (open.length !== 1) throw new Error(`${open.length} windows are open`)
      return open[0] as BrowserWindow
    },
    appSession() {
      const sessions = [...electronRecord().sessions.values()].filter(
        (s) => s.protocolHandlers.size > 0,
      )
      if (sessions.length !== 1) throw new Error(`app:// is served in ${sessions.length} sessions`)
      return sessions[0] as Session
    },
    invoke(channel, arg, window = launched.window()) {
      const args = arg === undefined ? [] : [arg]
      return invokeFromPage(channel, { frame: APP_FRAME, sender: window.webContents }, ...args)
    },
    async quit() {
      // A quit already under way (the last window closed) is waited for, not asked again:
      // a second app.quit() while main closes its backend would end the app at once.
      if (!app.ended && app.quitRequests === 0) app.quit()
      await vi.waitFor(
        () => {
          if (!app.ended) throw new Error('the app has not quit yet')
        },
        { timeout: 20_000, interval: 10 },
      )
    },
    dispose() {
      vi.restoreAllMocks()
      rmSync(userData, { recursive: true, force: true })
      rmSync(downloads, { recursive: true, force: true })
    },
  }
  return launched
}
