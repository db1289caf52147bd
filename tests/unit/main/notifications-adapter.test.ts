/**
 * The Electron side of desktop notifications (src/main/notifications-adapter.ts)
 * against the recording double: the app user model id on Windows (the installer's
 * appId), main's Notification and its click, the wake-up from sleep, and the
 * fallback when the system shows none: told once, remembered in main's settings.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  APP_USER_MODEL_ID,
  createDesktopNotifications,
  prepareNotifications,
  systemNotifier,
} from '../../../src/main/notifications-adapter.ts'
import { loadSettings } from '../../../src/main/settings.ts'
import type { BrowserWindow as ElectronWindow } from 'electron'
import type { Gateway } from '../../../src/gateway/gateway.ts'
import {
  app,
  BrowserWindow,
  electronRecord,
  Notification,
  powerMonitor,
  resetElectron,
} from './support/electron-double.ts'
import { fakeApi, notification } from './notifications/fake-api.ts'

vi.mock('electron', () => import('./support/electron-double.ts'))

const root = mkdtempSync(join(tmpdir(), 'mmf-notifications-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let cases = 0

beforeEach(() => {
  resetElectron()
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 7, 8) })
})
afterEach(() => {
  vi.useRealTimers()
})

const notice = { title: 'My MINI Finance', body: 'Neues Dokument in Ihrem Postfach', route: '/x' }

describe('the app user model id', () => {
  it('is set on Windows, to the appId the installer registers (electron-builder.yml)', () => {
    prepareNotifications('linux')
    prepareNotifications('darwin')
    expect(app.appUserModelIds).toEqual([])
    prepareNotifications('win32')
    expect(app.appUserModelIds).toEqual([APP_USER_MODEL_ID])
    const builder = readFileSync(join(import.meta.dirname, '../../../electron-builder.yml'), 'utf8')
    expect(builder).toMatch(new RegExp(`^appId: ${APP_USER_MODEL_ID.replaceAll('.', '\\.')}$`, 'm'))
  })
})

describe('main’s Notification', () => {
  it('shows the notice, and its click opens the notice’s route', () => {
    const opened: string[] = []
    const show = systemNotifier({ open: (route) => opened.push(route), failed: () => undefined })
    expect(show(notice)).toBe('shown')
    const [shown] = electronRecord().notifications
    expect(shown?.options).toEqual({ title: notice.title, body: notice.body })
    expect(shown?.shown).toBe(1)
    expect(opened).toEqual([])
    shown?.click()
    expect(opened).toEqual(['/x'])
  })

  it('shows nothing where the system has no notifications, and says so', () => {
    Notification.supported = false
    const show = systemNotifier({ open: () => undefined, failed: () => undefined })
    expect(show(notice)).toBe('unavailable')
    expect(electronRecord().notifications).toEqual([])
  })

  it('passes on the system’s refusal (Windows’ "failed")', () => {
    const failures: string[] = []
    const show = systemNotifier({
      open: () => undefined,
      failed: (reason) => failures.push(reason),
    })
    show(notice)
    electronRecord().notifications[0]?.fail('toast notifications are disabled')
    expect(failures).toEqual(['toast notifications are disabled'])
  })
})

/** The desktop app's poller over a backend's answers, with real settings in a temp folder. */
async function wire(options: { kept?: boolean } = {}) {
  const api = fakeApi()
  const dir = join(root, `case-${++cases}`)
  const file = join(dir, 'settings.json')
  const settings = await loadSettings({ file, downloadsDir: join(dir, 'Downloads') })
  const opened: string[] = []
  const window = new BrowserWindow()
  const gateway: Gateway = {
    signedIn: true,
    keptSession: options.kept ?? true,
    signOut: async () => undefined,
    forgetSession: () => undefined,
    handle: api.handle,
  }
  const poller = createDesktopNotifications({
    gateway,
    settings,
    // The double stands in for Electron's window (main only checks and passes it on).
    mainWindow: () => window as unknown as ElectronWindow,
    open: (route) => opened.push(route),
    log: () => undefined,
  })
  return { api, poller, settings, file, opened, window }
}

describe('the desktop app’s notifications', () => {
  it('asks again when the machine wakes up, and a click opens the new letter', async () => {
    const { api, poller, opened } = await wire()
    poller.sessionStarted()
    await vi.advanceTimersByTimeAsync(0)
    api.arrive(notification('document_new', { kind: 'document', id: 'doc-9' }))
    powerMonitor.emit('resume')
    await vi.advanceTimersByTimeAsync(0)
    const shown = electronRecord().notifications
    expect(shown.map((n) => n.options.body)).toEqual(['Neues Dokument in Ihrem Postfach'])
    shown[0]?.click()
    expect(opened).toEqual(['/postbox?open=doc-9'])
  })

  it('never asks without a kept session', async () => {
    const { api, poller } = await wire({ kept: false })
    poller.sessionStarted()
    powerMonitor.emit('resume')
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(api.calls).toEqual([])
  })

  it('where the system shows none: tells the customer once over the window, and remembers it', async () => {
    Notification.supported = false
    const first = await wire()
    first.poller.sessionStarted()
    await vi.advanceTimersByTimeAsync(0)
    first.api.arrive(notification('document_new', { kind: 'document', id: 'doc-1' }))
    powerMonitor.emit('resume')
    // The flag is written first (a real file), then the message shows.
    await vi.waitFor(() => expect(electronRecord().messageBoxes).toHaveLength(1))
    const boxes = electronRecord().messageBoxes
    expect(boxes[0]?.window).toBe(first.window)
    expect(boxes[0]?.options.message).toBe(
      'Ihr System zeigt die Benachrichtigungen von My MINI Finance nicht an. Neue Benachrichtigungen sehen Sie an der Glocke in der App.',
    )
    expect(JSON.parse(readFileSync(first.file, 'utf8'))).toMatchObject({
      notificationsFallbackTold: true,
    })
    // The next start reads the flag: the customer is not told again.
    const settings = await loadSettings({ file: first.file, downloadsDir: root })
    expect(settings.notificationsFallbackTold()).toBe(true)
  })
})
