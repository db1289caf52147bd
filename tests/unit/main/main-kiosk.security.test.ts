/**
 * Main's real composition root as a dealership terminal (`--kiosk`), against the
 * recording double of Electron: the kiosk window's options, its in-memory partition,
 * nothing handed to the system or saved on disk, no closing, and the way out.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_LOGINS } from '../../../src/backend/demo/seed.ts'
import { KIOSK_EXIT_GESTURE } from '../../../src/shared/kiosk.ts'
import {
  app,
  electronRecord,
  powerMonitor,
  session,
  type BrowserWindow,
} from './support/electron-double.ts'
import { launchMain, type LaunchedMain } from './support/launch-main.ts'

vi.mock('electron', () => import('./support/electron-double.ts'))

/** documents:save names a letter by its id only. */
const LETTER = { documentId: 'doc-1' }

const DEMO_LOGIN = Object.values(DEMO_LOGINS)[0] as { email: string; password: string }

let main: LaunchedMain
let window: BrowserWindow

/** A customer signs in at the terminal, through the kiosk window's app:// gateway. */
async function signInAtTerminal(): Promise<void> {
  const signIn = await main.appSession().fetch('app://mmf/api/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'app://mmf' },
    body: JSON.stringify({ ...DEMO_LOGIN, staySignedIn: false }),
  })
  expect(signIn.status).toBe(201)
}

beforeAll(async () => {
  main = await launchMain({ args: ['--kiosk'] })
  window = main.window()
}, 60_000)

afterAll(() => {
  main.dispose()
})

describe('the kiosk window', () => {
  it('is full screen, in kiosk mode, not closable, without menu or devTools', () => {
    expect(window.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      closable: false,
      minimizable: false,
      autoHideMenuBar: true,
      show: false,
    })
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    })
    expect(window.menuRemoved).toBe(true)
    expect(electronRecord().applicationMenus).toEqual([null])
    expect(window.webContents.loaded).toEqual(['app://mmf/index.html'])
    window.emit('ready-to-show')
    expect(window.shown).toBe(1)
    // DevTools opened anyway (a flag, a crash handler) are closed at once.
    window.webContents.emit('devtools-opened')
    expect(window.webContents.devToolsClosed).toBe(1)
  })

  it('lives in a partition kept in memory, where app:// is served and every permission denied', async () => {
    const partition = window.webContents.session
    expect(partition.partition).toBe('mmf-kiosk')
    expect(partition.isPersistent()).toBe(false)
    expect(partition.cache).toBe(false)
    expect(main.appSession()).toBe(partition)
    // The default session (on disk) serves nothing.
    expect(session.defaultSession.protocolHandlers.size).toBe(0)
    const response = await partition.fetch('app://mmf/api/v1/support')
    expect(response.status).toBe(200)
    expect(await partition.requestPermission('media', window.webContents)).toBe(false)
    expect(partition.checkPermission('notifications')).toBe(false)
    expect(partition.checkDevicePermission('usb')).toBe(false)
  })

  it('cannot be closed, and the app does not quit, without the exit PIN', () => {
    window.close()
    expect(window.isDestroyed()).toBe(false)
    expect(main.windows()).toEqual([window])
    app.quit()
    expect(app.ended).toBe(false)
  })

  it('swallows the keys that reload, close or leave the page', () => {
    expect(window.webContents.pressKey({ key: 'F4', alt: true })).toBe(false)
    expect(window.webContents.pressKey({ key: 'r', control: true })).toBe(false)
    expect(window.webContents.pressKey({ key: 'F12' })).toBe(false)
    expect(window.webContents.pressKey({ key: 'a' })).toBe(true)
  })
})

describe('nothing leaves the terminal', () => {
  it('hands no link to the system, by navigation, new window or IPC', async () => {
    const contents = window.webContents
    expect(contents.navigate('https://www.mini.at/')).toBe(false)
    expect(contents.openWindow('https://www.mini.at/')).toBe('deny')
    expect(contents.openWindow('mailto:ksc@mini.at')).toBe('deny')
    expect(await main.invoke('links:openExternal', { url: 'https://www.mini.at/' })).toEqual({
      ok: true,
      value: { opened: false },
    })
    expect(electronRecord().shell).toEqual([])
    expect(main.windows()).toEqual([window])
  })

  it('saves nothing on disk and shows no demo mailbox', async () => {
    expect(window.webContents.session.download('application/pdf')).toBe(false)
    expect(await main.invoke('documents:save', LETTER)).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    })
    expect(await main.invoke('settings:chooseDownloadFolder')).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    })
    expect(electronRecord().openDialogs).toEqual([])
    // The postbox asks for its queue: a terminal has none, and nothing to cancel.
    const job = '0f8fad5b-d9cb-469f-a165-70867728950e'
    expect(await main.invoke('documents:downloads')).toEqual({
      ok: true,
      value: { jobs: [], batches: [] },
    })
    expect(await main.invoke('documents:savedFiles', { documentIds: ['doc-1'] })).toEqual({
      ok: true,
      value: { files: [] },
    })
    expect(await main.invoke('documents:cancelBatch', { batchId: job })).toEqual({
      ok: true,
      value: { cancelled: false },
    })
    expect(await main.invoke('mailbox:open')).toEqual({ ok: true, value: { opened: false } })
    expect(
      await main.invoke('links:openDeepLink', {
        url: 'myminifinance://reset?token=' + 'a'.repeat(32),
      }),
    ).toEqual({
      ok: true,
      value: { opened: false },
    })
    expect(main.windows()).toEqual([window])
  })

  it('shows no desktop notification: no wake-up watch, also after a sign-in asking to stay', async () => {
    expect(powerMonitor.listenerCount('resume')).toBe(0)
    const signIn = await main.appSession().fetch('app://mmf/api/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'app://mmf' },
      body: JSON.stringify({ ...DEMO_LOGIN, staySignedIn: true }),
    })
    expect(signIn.status).toBe(201)
    powerMonitor.emit('resume')
    expect(powerMonitor.listenerCount('resume')).toBe(0)
    expect(electronRecord().notifications).toEqual([])
    expect(main.log.join('\n')).not.toMatch(/desktop notifications/)
  })

  it('tells the page it runs on a terminal, with sign-ins in memory only', async () => {
    expect(await main.invoke('app:getInfo')).toMatchObject({
      ok: true,
      value: { kiosk: true, keychain: 'memory', embedded: true },
    })
  })
})

describe('the end of a session and of the app', () => {
  it('clears the partition and the clipboard when the terminal sleeps, and shows the start screen', async () => {
    await signInAtTerminal()
    const partition = window.webContents.session
    powerMonitor.emit('suspend')
    await vi.waitFor(() => {
      expect(partition.cleared).toEqual(expect.arrayContaining(['storage', 'cache', 'authCache']))
      expect(window.webContents.getURL()).toBe('app://mmf/index.html#/?ended=idle')
    })
    expect(electronRecord().clipboardCleared).toContain('clipboard')
    expect(window.webContents.historyCleared).toBeGreaterThan(0)
  })

  it('ends the session when the page hangs or the screen is locked', async () => {
    await signInAtTerminal()
    window.webContents.emit('unresponsive')
    await vi.waitFor(() =>
      expect(window.webContents.getURL()).toBe('app://mmf/index.html#/?ended=renderer-gone'),
    )
    expect(main.log).toContain('[main] kiosk: the page does not respond; ending the session')
    await signInAtTerminal()
    powerMonitor.emit('lock-screen')
    await vi.waitFor(() =>
      expect(window.webContents.getURL()).toBe('app://mmf/index.html#/?ended=idle'),
    )
  })

  it('wipes the page without a message when nobody was signed in', async () => {
    await window.webContents.loadURL('app://mmf/index.html#/register')
    powerMonitor.emit('suspend')
    // Nobody was signed out: the start screen says nothing about a session that ended.
    await vi.waitFor(() => expect(window.webContents.getURL()).toBe('app://mmf/index.html#/'))
  })

  it('routes the kiosk channels to the terminal: idle, countdown, printing', async () => {
    // Nobody signed in and nothing typed: no idle watch runs, so activity records nothing.
    expect(await main.invoke('kiosk:activity')).toEqual({ ok: true, value: { recorded: false } })
    await signInAtTerminal()
    expect(await main.invoke('kiosk:activity')).toEqual({ ok: true, value: { recorded: true } })
    // No countdown is running: there is nothing to continue.
    expect(await main.invoke('kiosk:continue')).toEqual({ ok: true, value: { continued: false } })
    // `--kiosk` alone names no printer: nothing is printed, never through a dialog.
    expect(await main.invoke('kiosk:print')).toEqual({ ok: false, error: { code: 'not_allowed' } })
    expect(window.webContents.printed).toEqual([])
  })

  it('replaces a crashed page that cannot show the start screen with a fresh window', async () => {
    const crashed = window
    const partition = crashed.webContents.session
    const clearedBefore = partition.cleared.length
    crashed.webContents.failLoads = true
    crashed.webContents.crash()
    await vi.waitFor(() => expect(crashed.isDestroyed()).toBe(true))
    expect(main.log).toContain(
      "[main] kiosk: the page's process is gone (crashed); ending the session",
    )
    expect(partition.cleared.length).toBeGreaterThan(clearedBefore)
    window = main.window()
    expect(window).not.toBe(crashed)
    expect(window.options).toMatchObject({ kiosk: true, closable: false })
    expect(window.webContents.session).toBe(partition)
    expect(window.webContents.loaded[0]).toBe('app://mmf/index.html')
    expect(app.ended).toBe(false)
  })

  it('quits after the exit gesture and the (here unset) PIN, and not before', async () => {
    expect(await main.invoke('kiosk:exit', { pin: '' })).toEqual({
      ok: false,
      error: { code: 'not_allowed' },
    })
    const gesture = { ...KIOSK_EXIT_GESTURE, key: KIOSK_EXIT_GESTURE.key.toUpperCase() }
    expect(window.webContents.pressKey(gesture)).toBe(false)
    expect(window.webContents.sent).toContainEqual({
      channel: 'kiosk:exitRequested',
      payload: { pinRequired: false },
    })
    expect(await main.invoke('kiosk:exit', { pin: '' })).toEqual({
      ok: true,
      value: { result: 'exiting' },
    })
    await vi.waitFor(() => expect(app.ended).toBe(true), { timeout: 20_000 })
  })
})
