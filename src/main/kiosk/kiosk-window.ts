/**
 * The kiosk terminal's Electron adapter: the full-screen window on an in-memory
 * session partition, the keys it swallows, and the session-end steps that touch
 * Electron. The decisions live in plain, tested modules (kiosk-runtime.ts,
 * kiosk-keys.ts, src/host/kiosk/session-end-procedure.ts); this file only connects them.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  powerMonitor,
  session as electronSession,
  type Session,
} from 'electron'
import type { Gateway } from '../../gateway/gateway.ts'
import type { IpcEvents } from '../../shared/ipc.ts'
import { kioskStartHash } from '../../shared/kiosk.ts'
import { secureWebPreferences } from '../security.ts'
import { START_URL } from '../window.ts'
import type { KioskConfig } from '../../host/kiosk/kiosk-config.ts'
import { classifyKioskKey } from './kiosk-keys.ts'
import { createKioskRuntime, type KioskEventName, type KioskRuntime } from './kiosk-runtime.ts'
import {
  clearClipboardStep,
  type SessionEndReason,
} from '../../host/kiosk/session-end-procedure.ts'

/**
 * The partition of the kiosk window. Without the `persist:` prefix Electron keeps
 * it in memory only: no cookies, cache, localStorage or IndexedDB on disk.
 */
export const KIOSK_PARTITION = 'mmf-kiosk'

/** The kiosk window's session (in memory). */
export function kioskSession(): Session {
  return electronSession.fromPartition(KIOSK_PARTITION, { cache: false })
}

export interface KioskTerminal {
  runtime: KioskRuntime
  /** The kiosk window, recreated when it was lost. */
  window(): BrowserWindow
}

/** Records the web preferences for the Electron e2e spec (see window.ts). */
function recordWebPreferences(id: number, preferences: Electron.WebPreferences): void {
  const scope = globalThis as { __mmfWebPreferences?: Record<number, Electron.WebPreferences> }
  scope.__mmfWebPreferences ??= {}
  scope.__mmfWebPreferences[id] = preferences
}

/** Opens the kiosk window and wires the runtime to it, to the gateway and to the system. */
export function startKioskTerminal(options: {
  config: KioskConfig
  /** The gateway itself (not the session-end watch around it). */
  gateway: Gateway
  session: Session
  preload: string
  log: (line: string) => void
}): KioskTerminal {
  const { session, log } = options
  let window: BrowserWindow | null = null

  const send = <E extends KioskEventName>(event: E, payload: IpcEvents[E]): void => {
    if (window && !window.isDestroyed() && !window.webContents.isCrashed()) {
      window.webContents.send(event, payload)
    }
  }

  let lastReason: SessionEndReason = 'sign-out'
  const runtime = createKioskRuntime({
    config: options.config,
    gateway: options.gateway,
    send,
    quit: () => app.quit(),
    log,
    beforeSessionEnd: (reason) => {
      lastReason = reason
    },
    afterSessionEnd: (report) => {
      // A window that could not show the start screen is replaced by a fresh one.
      if (!report.startScreenShown && !runtime.exiting) {
        window?.destroy()
        window = null
        ensureWindow()
      }
    },
    steps: {
      clearStorage: () => session.clearStorageData(),
      clearCache: () => session.clearCache(),
      clearAuthCache: () => session.clearAuthCache(),
      clearClipboard: clearClipboardStep(clipboard, process.platform),
      showStartScreen: async () => {
        if (runtime.exiting) return
        const current = ensureWindow()
        await current.loadURL(`${START_URL}${kioskStartHash(lastReason)}`)
        current.webContents.navigationHistory.clear()
      },
    },
  })
  const endSession = (reason: SessionEndReason): void => {
    void runtime.endSession(reason)
  }

  function createWindow(): BrowserWindow {
    const webPreferences = {
      ...secureWebPreferences({ preload: options.preload, devTools: false }),
      session,
    }
    const created = new BrowserWindow({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      closable: false,
      minimizable: false,
      title: 'My MINI Finance',
      backgroundColor: '#ffffff',
      show: false,
      webPreferences,
    })
    recordWebPreferences(created.webContents.id, {
      ...webPreferences,
      session: undefined,
      partition: KIOSK_PARTITION,
    })
    created.removeMenu()
    created.once('ready-to-show', () => created.show())
    const contents = created.webContents
    contents.on('before-input-event', (event, input) => {
      const action = classifyKioskKey(input, process.platform)
      if (action !== 'pass') event.preventDefault()
      if (action === 'exit-gesture') runtime.exitGesture()
      else if (input.type === 'keyDown') runtime.activity()
    })
    contents.on('devtools-opened', () => contents.closeDevTools())
    contents.on('render-process-gone', (_event, details) => {
      log(`kiosk: the page's process is gone (${details.reason}); ending the session`)
      endSession('renderer-gone')
    })
    contents.on('unresponsive', () => {
      log('kiosk: the page does not respond; ending the session')
      endSession('renderer-gone')
    })
    created.on('close', (event) => {
      if (!runtime.exiting) event.preventDefault()
    })
    void created.loadURL(START_URL)
    return created
  }

  function ensureWindow(): BrowserWindow {
    if (!window || window.isDestroyed()) window = createWindow()
    return window
  }

  // Nothing is saved on a terminal's disk, whatever the page links to.
  session.on('will-download', (event, item) => {
    log(`kiosk: refused a download (${item.getMimeType() || 'unknown type'})`)
    event.preventDefault()
  })

  // A terminal that sleeps or is locked keeps nobody's data for the next one.
  powerMonitor.on('suspend', () => endSession('idle'))
  powerMonitor.on('lock-screen', () => endSession('idle'))
  // Waking up needs nothing: the idle deadlines run on the clock, not on timers.

  ensureWindow()
  return { runtime, window: ensureWindow }
}
