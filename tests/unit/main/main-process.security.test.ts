/**
 * Main's real composition root (src/main/index.ts) on a desktop, against the recording
 * double of Electron: what a real Electron would be told about the window, the app://
 * scheme, navigation, new windows, permissions and IPC, driven through main's own handlers.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_LOGINS } from '../../../src/backend/demo/seed.ts'
import { RENDERER_CSP } from '../../../src/gateway/renderer-files.ts'
import type { DocumentSummary } from '../../../src/shared/api/documents.ts'
import type { DownloadEvent } from '../../../src/shared/downloads.ts'
import { ipcChannels } from '../../../src/shared/ipc.ts'
import {
  APP_FRAME,
  app,
  electronAnswers,
  electronRecord,
  invokeFromPage,
  type BrowserWindow,
} from './support/electron-double.ts'
import { launchMain, type LaunchedMain } from './support/launch-main.ts'

vi.mock('electron', () => import('./support/electron-double.ts'))

const SRC = resolve(import.meta.dirname, '../../../src')
const DEMO_LOGIN = Object.values(DEMO_LOGINS)[0] as { email: string; password: string }

let main: LaunchedMain
let window: BrowserWindow

beforeAll(async () => {
  main = await launchMain()
  window = main.window()
}, 60_000)

afterAll(async () => {
  if (!app.ended) await main.quit()
  main.dispose()
})

describe('the main window', () => {
  it('is sandboxed, isolated, without Node or <webview>, with the preload next to main', () => {
    const preferences = window.options.webPreferences ?? {}
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // An unpackaged (development) start keeps the devTools.
      devTools: true,
    })
    expect(isAbsolute(preferences.preload ?? '')).toBe(true)
    expect(preferences.preload).toBe(join(SRC, 'preload', 'index.cjs'))
    // The window uses the default session, where main served app:// and denied permissions.
    expect(preferences.partition).toBeUndefined()
    expect(main.appSession().partition).toBe('')
  })

  it('loads the renderer from app://mmf and shows itself once ready', () => {
    expect(window.webContents.loaded).toEqual(['app://mmf/index.html'])
    expect(window.shown).toBe(0)
    window.emit('ready-to-show')
    expect(window.shown).toBe(1)
  })

  it('registers app:// as a privileged scheme before the app is ready, and no menu bar', () => {
    expect(electronRecord().privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          stream: true,
          codeCache: true,
        },
      },
    ])
    // Linux and Windows: no menu at all (process.platform here is not darwin).
    expect(electronRecord().applicationMenus).toEqual([null])
  })
})

describe('app://mmf', () => {
  it('answers the renderer page with the strict CSP', async () => {
    const response = await main.appSession().fetch('app://mmf/index.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe(await readFile(join(SRC, 'renderer', 'index.html'), 'utf8'))
  })

  it('serves nothing for another host and nothing outside the renderer folder', async () => {
    const other = await main.appSession().fetch('app://evil/index.html')
    expect(other.status).toBe(404)
    const outside = await main.appSession().fetch('app://mmf/..%2F..%2Fpackage.json')
    expect(outside.status).toBe(404)
    expect(await outside.text()).not.toContain('"devDependencies"')
  })

  it('hands /api/ to the gateway in front of the embedded demo backend', async () => {
    const response = await main.appSession().fetch('app://mmf/api/v1/support')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ phone: '+43 662 2191 4920' })
    // Without a sign-in the gateway lets nothing of a customer through.
    const documents = await main.appSession().fetch('app://mmf/api/v1/documents')
    expect(documents.status).toBe(401)
  })
})

describe('navigation and new windows', () => {
  it('stays on app://mmf; a safe external link goes to the system, anything else nowhere', () => {
    const contents = window.webContents
    expect(contents.navigate('app://mmf/index.html#/contracts')).toBe(true)
    for (const url of ['https://evil.example/', 'http://evil.example/', 'file:///etc/passwd']) {
      expect(contents.navigate(url), url).toBe(false)
    }
    expect(contents.navigate('app://evil/index.html')).toBe(false)
    expect(contents.redirect('https://evil.example/')).toBe(false)
    expect(contents.redirect('app://mmf/index.html')).toBe(true)
    expect(contents.attachWebview()).toBe(false)
    // Of the refused navigations only the https one was handed to the system's browser.
    expect(electronRecord().shell.filter((c) => c.call === 'openExternal')).toEqual([
      { call: 'openExternal', target: 'https://evil.example/' },
    ])
  })

  it('never opens a window; https, mailto and tel go to the safe opener', () => {
    const contents = window.webContents
    const before = electronRecord().shell.length
    const urls = [
      'https://www.mini.at/finance',
      'mailto:ksc@mini.at',
      'tel:+43 662 2191 4920',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://mmf/index.html',
      'mailto:ksc@mini.at?body=hello',
    ]
    for (const url of urls) expect(contents.openWindow(url), url).toBe('deny')
    expect(electronRecord().shell.slice(before)).toEqual([
      { call: 'openExternal', target: 'https://www.mini.at/finance' },
      { call: 'openExternal', target: 'mailto:ksc@mini.at' },
      { call: 'openExternal', target: 'tel:+4366221914920' },
    ])
    expect(main.windows()).toHaveLength(1)
  })
})

describe('permissions', () => {
  it('denies every permission a page asks for, checks for, or a device it wants', async () => {
    const session = main.appSession()
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect(await session.requestPermission(permission, window.webContents), permission).toBe(
        false,
      )
      expect(session.checkPermission(permission), permission).toBe(false)
    }
    for (const device of ['hid', 'serial', 'usb']) {
      expect(session.checkDevicePermission(device), device).toBe(false)
    }
  })
})

describe('IPC', () => {
  it('has handlers for exactly the contract channels', () => {
    expect([...electronRecord().ipcHandlers.keys()].sort()).toEqual([...ipcChannels].sort())
  })

  it('answers the app page and refuses an iframe, a foreign page or no frame', async () => {
    const info = await main.invoke('app:getInfo')
    expect(info).toEqual({
      ok: true,
      value: {
        version: app.getVersion(),
        platform: process.platform,
        embedded: true,
        demo: true,
        kiosk: false,
        kioskSettings: null,
        keychain: expect.stringMatching(/^(os|memory)$/),
      },
    })
    const sender = window.webContents
    const refused = { ok: false, error: { code: 'untrusted_sender' } }
    const frames = [
      { url: 'app://mmf/index.html', parent: APP_FRAME },
      { url: 'https://evil.example/', parent: null },
      null,
    ]
    for (const frame of frames) {
      expect(await invokeFromPage('app:getInfo', { frame, sender })).toEqual(refused)
    }
    const before = electronRecord().shell.length
    const foreign = { url: 'https://evil.example/', parent: null }
    expect(
      await invokeFromPage(
        'links:openExternal',
        { frame: foreign, sender },
        { url: 'https://a.at' },
      ),
    ).toEqual(refused)
    expect(electronRecord().shell.length).toBe(before)
  })

  it('opens only safe external links, and only valid deep links in the main window', async () => {
    expect(await main.invoke('links:openExternal', { url: 'https://www.mini.at/' })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(await main.invoke('links:openExternal', { url: 'javascript:alert(1)' })).toEqual({
      ok: true,
      value: { opened: false },
    })
    expect(electronRecord().shell.at(-1)).toEqual({
      call: 'openExternal',
      target: 'https://www.mini.at/',
    })
    const token = 'a'.repeat(32)
    expect(
      await main.invoke('links:openDeepLink', { url: `myminifinance://reset?token=${token}` }),
    ).toEqual({ ok: true, value: { opened: true } })
    expect(window.webContents.getURL()).toBe(`app://mmf/index.html#/reset?token=${token}`)
    expect(await main.invoke('links:openDeepLink', { url: 'https://evil.example/' })).toEqual({
      ok: true,
      value: { opened: false },
    })
    expect(window.webContents.getURL()).toBe(`app://mmf/index.html#/reset?token=${token}`)
  })

  it('opens the demo mailbox once, as a locked-down window of its own', async () => {
    expect(await main.invoke('mailbox:open')).toEqual({ ok: true, value: { opened: true } })
    const mailbox = main.windows().find((w) => w !== window) as BrowserWindow
    expect(mailbox.webContents.loaded).toEqual(['app://mmf/index.html#/mailbox'])
    mailbox.emit('ready-to-show')
    expect(mailbox.shown).toBe(1)
    expect(mailbox.options.webPreferences).toEqual(window.options.webPreferences)
    // Its page is locked like the main window's (main hooks every new page).
    expect(mailbox.webContents.navigate('https://evil.example/')).toBe(false)
    expect(mailbox.webContents.openWindow('https://evil.example/')).toBe('deny')
    // A second call focuses it instead of opening another.
    expect(await main.invoke('mailbox:open', undefined, window)).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(main.windows()).toHaveLength(2)
    expect(mailbox.focused).toBe(1)
    mailbox.close()
    expect(main.windows()).toEqual([window])
    expect(app.quitRequests).toBe(0)
  })
})

describe('saving a letter (the downloads adapter)', () => {
  it('saves through the gateway, tells the main window, and opens the file by id only', async () => {
    const signIn = await main.appSession().fetch('app://mmf/api/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'app://mmf' },
      body: JSON.stringify({ ...DEMO_LOGIN, staySignedIn: false }),
    })
    expect(signIn.status).toBe(201)
    const list = await main.appSession().fetch('app://mmf/api/v1/documents?limit=1')
    const [letter] = ((await list.json()) as { items: DocumentSummary[] }).items
    if (!letter) throw new Error('the demo customer has no letter')

    // The page names the letter by its id; main reads the rest from the backend.
    const saved = (await main.invoke('documents:save', { documentId: letter.id })) as {
      ok: true
      value: { jobId: string }
    }
    expect(saved.ok).toBe(true)
    const done = await vi.waitFor(() => {
      const event = window.webContents.sent
        .filter((m) => m.channel === 'documents:changed')
        .map((m) => m.payload as DownloadEvent)
        .find((e) => e.job.id === saved.value.jobId && e.job.state === 'done')
      if (!event) throw new Error('the letter is not saved yet')
      return event.job
    })
    expect(dirname(done.path ?? '')).toBe(join(main.downloads, 'My MINI Finance'))

    // A letter the backend does not know for this customer is refused as such.
    expect(
      await main.invoke('documents:save', { documentId: '0f8fad5b-d9cb-469f-a165-70867728950e' }),
    ).toEqual({ ok: false, error: { code: 'not_found' } })

    electronAnswers().openPath = ''
    expect(await main.invoke('documents:open', { documentId: letter.id })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(await main.invoke('documents:showInFolder', { documentId: letter.id })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(electronRecord().shell.slice(-2)).toEqual([
      { call: 'openPath', target: done.path },
      { call: 'showItemInFolder', target: done.path },
    ])
    // The queue and the saved files as the postbox asks for them; unknown jobs change nothing.
    expect(await main.invoke('documents:downloads')).toMatchObject({
      ok: true,
      value: { jobs: [{ id: saved.value.jobId, state: 'done' }], batches: [] },
    })
    expect(await main.invoke('documents:savedFiles', { documentIds: [letter.id] })).toMatchObject({
      ok: true,
      value: { files: [{ documentId: letter.id, exists: true }] },
    })
    const unknownJob = '0f8fad5b-d9cb-469f-a165-70867728950e'
    for (const [channel, answer] of [
      ['documents:cancel', { cancelled: false }],
      ['documents:cancelBatch', { cancelled: false }],
      ['documents:retry', { retried: false }],
    ] as const) {
      const arg =
        channel === 'documents:cancelBatch' ? { batchId: unknownJob } : { jobId: unknownJob }
      expect(await main.invoke(channel, arg), channel).toEqual({ ok: true, value: answer })
    }
    // The system could not open it: the page is told so.
    electronAnswers().openPath = 'No application is associated with the file'
    expect(await main.invoke('documents:open', { documentId: letter.id })).toEqual({
      ok: true,
      value: { opened: false },
    })
    // A letter this app did not save is not opened, whatever its id.
    const shellCalls = electronRecord().shell.length
    expect(await main.invoke('documents:open', { documentId: 'never-saved' })).toEqual({
      ok: true,
      value: { opened: false },
    })
    expect(electronRecord().shell.length).toBe(shellCalls)
  })

  it('shows the folder picker over the main window and keeps what the customer chose', async () => {
    expect(await main.invoke('settings:chooseDownloadFolder')).toMatchObject({
      ok: true,
      value: { chosen: false },
    })
    const chosen = join(main.downloads, 'Briefe')
    await mkdir(chosen)
    electronAnswers().openDialog.push({ canceled: false, filePaths: [chosen] })
    expect(await main.invoke('settings:chooseDownloadFolder')).toEqual({
      ok: true,
      value: { folder: chosen, isDefault: false, chosen: true },
    })
    expect(electronRecord().openDialogs).toEqual([
      { window, options: { properties: ['openDirectory', 'createDirectory'] } },
      { window, options: { properties: ['openDirectory', 'createDirectory'] } },
    ])
    expect(await main.invoke('settings:getDownloadFolder')).toEqual({
      ok: true,
      value: { folder: chosen, isDefault: false },
    })
  })
})

describe('the end', () => {
  it('quits when the last window is closed, after closing the backend', async () => {
    window.close()
    expect(main.windows()).toEqual([])
    expect(app.quitRequests).toBeGreaterThan(0)
    await vi.waitFor(() => expect(app.ended).toBe(true), { timeout: 20_000 })
  })
})
