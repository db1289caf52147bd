/**
 * How main starts and meets a second start, against the recording double of Electron:
 * deep links at launch and from a second instance, the single-instance lock, the
 * registration as the myminifinance:// handler, a packaged build, and a start that fails.
 */
import { isAbsolute } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { app, ElectronEvent, electronRecord, powerMonitor } from './support/electron-double.ts'
import { launchMain, type LaunchedMain } from './support/launch-main.ts'

vi.mock('electron', () => import('./support/electron-double.ts'))
// Every test starts main with its embedded demo backend.
vi.setConfig({ testTimeout: 90_000 })

const TOKEN = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5'
const CONFIRM = `myminifinance://confirm?token=${TOKEN}`

let main: LaunchedMain | null = null

afterEach(async () => {
  // Ended before the next start: a quit still under way would reach the next main.
  await main?.quit()
  main?.dispose()
  main = null
})

describe('deep links', () => {
  it('opens a link given at launch in the main window, on its route', async () => {
    main = await launchMain({ args: [CONFIRM] })
    expect(main.window().webContents.getURL()).toBe(`app://mmf/index.html#/confirm?token=${TOKEN}`)
  })

  it('ignores an invalid link at launch and still shows the start page', async () => {
    main = await launchMain({ args: ['myminifinance://confirm?token=x&next=https://evil.example'] })
    expect(main.window().webContents.loaded).toEqual(['app://mmf/index.html'])
    expect(main.log).toContain('[main] ignored a link that is not a valid myminifinance:// link')
  })

  it('brings the one window back for a second start, with its link if it has one', async () => {
    main = await launchMain()
    const window = main.window()
    window.minimize()
    app.emit('second-instance', new ElectronEvent(), ['/opt/mmf/mmf', '--flag'], '/')
    expect(window.isMinimized()).toBe(false)
    expect(window.focused).toBe(1)
    window.minimize()
    const invalid = 'myminifinance://confirm?token=x&next=https://evil.example'
    app.emit('second-instance', new ElectronEvent(), ['/opt/mmf/mmf', invalid], '/')
    expect(window.isMinimized()).toBe(false)
    expect(window.focused).toBe(2)
    expect(window.webContents.loaded).toEqual(['app://mmf/index.html'])
    app.emit('second-instance', new ElectronEvent(), ['/opt/mmf/mmf', CONFIRM], '/')
    expect(main.windows()).toEqual([window])
    expect(window.webContents.getURL()).toBe(`app://mmf/index.html#/confirm?token=${TOKEN}`)
    // macOS hands a link over as open-url: main takes it instead of the system.
    const reset = `myminifinance://reset?token=${TOKEN}`
    const event = new ElectronEvent()
    app.emit('open-url', event, reset)
    expect(event.defaultPrevented).toBe(true)
    expect(window.webContents.getURL()).toBe(`app://mmf/index.html#/reset?token=${TOKEN}`)
    app.emit('open-url', new ElectronEvent(), 'myminifinance://delete-account?token=x')
    expect(window.webContents.getURL()).toBe(`app://mmf/index.html#/reset?token=${TOKEN}`)
  })

  it('brings the window forward on activate (macOS: a click on the dock icon)', async () => {
    main = await launchMain()
    const window = main.window()
    window.minimize()
    app.emit('activate')
    expect(main.windows()).toEqual([window])
    expect(window.isMinimized()).toBe(false)
    expect(window.focused).toBe(1)
  })
})

describe('one instance, one handler', () => {
  it('quits at once when another instance holds the lock, before opening anything', async () => {
    main = await launchMain({ singleInstanceLock: false })
    expect(app.quitRequests).toBe(1)
    expect(app.ended).toBe(true)
    expect(main.windows()).toEqual([])
    expect(electronRecord().ipcHandlers.size).toBe(0)
  })

  it('registers itself for myminifinance:// links; in development with its script path', async () => {
    main = await launchMain()
    expect(app.protocolClients).toEqual([{ protocol: 'myminifinance' }])
    await main.quit()
    main.dispose()

    main = await launchMain({ defaultApp: true })
    const [client] = app.protocolClients
    expect(client?.protocol).toBe('myminifinance')
    expect(client?.path).toBe(process.execPath)
    expect(client?.args).toHaveLength(1)
    expect(isAbsolute(client?.args?.[0] ?? '')).toBe(true)
    expect(client?.args?.[0]).toMatch(/out[\\/]main[\\/]index\.js$/)
  })

  it('gives a packaged build no devTools', async () => {
    main = await launchMain({ packaged: true })
    expect(main.window().options.webPreferences?.devTools).toBe(false)
  })
})

describe('desktop notifications', () => {
  it('are wired in the desktop app: main watches the wake-up from sleep to ask at once', async () => {
    main = await launchMain()
    expect(powerMonitor.listenerCount('resume')).toBe(1)
  })
})

describe('a remote backend', () => {
  it('starts no embedded backend and no demo when the command line names an API', async () => {
    main = await launchMain({ args: ['--api-base-url=https://api.example.test'] })
    expect(await main.invoke('app:getInfo')).toMatchObject({
      ok: true,
      value: { embedded: false, demo: false, kiosk: false },
    })
    // Without the demo there is no demo mailbox.
    expect(await main.invoke('mailbox:open')).toEqual({ ok: true, value: { opened: false } })
    expect(main.windows()).toHaveLength(1)
    expect(main.log.join('\n')).not.toMatch(/demo/i)
    await main.quit()
    expect(app.ended).toBe(true)
  })
})

describe('a start that fails', () => {
  it('says what to fix in an error box and exits with 1, without a window', async () => {
    main = await launchMain({ args: ['--data-dir=relative/folder'] })
    expect(electronRecord().errorBoxes).toEqual([
      {
        title: 'My MINI Finance',
        content:
          'My MINI Finance could not start:\n\nThe data directory must be an absolute path; got "relative/folder".',
      },
    ])
    expect(app.exitCode).toBe(1)
    expect(main.windows()).toEqual([])
  })
})
