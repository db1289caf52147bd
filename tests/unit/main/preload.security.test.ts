/**
 * The real preload (src/preload/index.ts) against the recording double of Electron,
 * in front of main's real IPC handlers: the page gets `window.mmf` with exactly the
 * contract, calls reach main as the contract says, and nothing of Electron leaks.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ipcChannels, ipcEventNames, type MmfBridge } from '../../../src/shared/ipc.ts'
import {
  APP_FRAME,
  electronRecord,
  preloadListeners,
  sendToPreload,
  setPreloadFrame,
} from './support/electron-double.ts'
import { launchMain, type LaunchedMain } from './support/launch-main.ts'

vi.mock('electron', () => import('./support/electron-double.ts'))

let main: LaunchedMain
let mmf: MmfBridge

beforeAll(async () => {
  main = await launchMain()
  await import('../../../src/preload/index.ts')
  mmf = electronRecord().exposed.get('mmf') as MmfBridge
}, 60_000)

afterAll(async () => {
  await main.quit()
  main.dispose()
})

describe('window.mmf', () => {
  it('is the only thing exposed, frozen, with exactly the contract’s channels', () => {
    expect([...electronRecord().exposed.keys()]).toEqual(['mmf'])
    expect(Object.isFrozen(mmf)).toBe(true)
    const exposed = Object.entries(mmf)
      .filter(([key]) => key !== 'on')
      .flatMap(([domain, methods]) =>
        Object.keys(methods as object).map((verb) => `${domain}:${verb}`),
      )
    expect(exposed.sort()).toEqual([...ipcChannels].sort())
    expect(typeof mmf.on).toBe('function')
    // No ipcRenderer, no Electron or Node object anywhere on it.
    expect(JSON.stringify(Object.keys(mmf).sort())).not.toMatch(/ipc|process|require|send/)
  })

  it('calls main on the channel, with the argument only when there is one', async () => {
    const before = electronRecord().invoked.length
    const info = await mmf.app.getInfo()
    expect(info).toMatchObject({ ok: true, value: { embedded: true, kiosk: false } })
    const link = await mmf.links.openExternal({ url: 'https://www.mini.at/' })
    expect(link).toEqual({ ok: true, value: { opened: true } })
    expect(electronRecord().invoked.slice(before)).toEqual([
      { channel: 'app:getInfo', args: [] },
      { channel: 'links:openExternal', args: [{ url: 'https://www.mini.at/' }] },
    ])
    // Main checks the argument again: a wrong one never reaches the handler.
    const wrong = (mmf.links.openExternal as (arg: unknown) => Promise<unknown>)({ url: 42 })
    expect(await wrong).toEqual({ ok: false, error: { code: 'invalid_argument' } })
  })

  it('gets nothing from main when it runs in an iframe or a foreign page', async () => {
    try {
      setPreloadFrame({ url: 'app://mmf/index.html', parent: APP_FRAME })
      expect(await mmf.app.getInfo()).toEqual({ ok: false, error: { code: 'untrusted_sender' } })
      setPreloadFrame({ url: 'https://evil.example/', parent: null })
      expect(await mmf.links.openExternal({ url: 'https://evil.example/' })).toEqual({
        ok: false,
        error: { code: 'untrusted_sender' },
      })
    } finally {
      setPreloadFrame(null)
    }
  })
})

describe('events', () => {
  it('hands the page the payload only, and unsubscribes', () => {
    const received: unknown[][] = []
    const off = mmf.on('kiosk:exitRequested', (...args: unknown[]) => received.push(args))
    expect(preloadListeners('kiosk:exitRequested')).toBe(1)
    sendToPreload('kiosk:exitRequested', { pinRequired: true })
    // Not Electron's event with its sender: only the payload.
    expect(received).toEqual([[{ pinRequired: true }]])
    off()
    expect(preloadListeners('kiosk:exitRequested')).toBe(0)
    sendToPreload('kiosk:exitRequested', { pinRequired: false })
    expect(received).toHaveLength(1)
  })

  it('refuses an event outside the contract or a listener that is no function', () => {
    const on = mmf.on as (event: unknown, listener: unknown) => () => void
    expect(() => on('documents:save', () => undefined)).toThrow(TypeError)
    expect(() => on('ipc-message', () => undefined)).toThrow(TypeError)
    expect(() => on(ipcEventNames[0], 'alert(1)')).toThrow(TypeError)
    expect(preloadListeners('documents:save')).toBe(0)
    expect(preloadListeners('ipc-message')).toBe(0)
  })
})
