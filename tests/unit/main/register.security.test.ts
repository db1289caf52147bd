/** The IPC register: every call is checked for its sender and its argument before a handler runs. */
import { describe, expect, it } from 'vitest'
import {
  registerIpcHandlers,
  type IpcHandlers,
  type IpcMainLike,
  type SenderFrame,
} from '../../../src/main/ipc/register.ts'
import { ipcChannels } from '../../../src/shared/ipc.ts'

type Listener = Parameters<IpcMainLike['handle']>[1]

function setUp() {
  const listeners = new Map<string, Listener>()
  const calls: { channel: string; arg: unknown }[] = []
  const handlers: IpcHandlers = {
    'app:getInfo': async () => {
      calls.push({ channel: 'app:getInfo', arg: undefined })
      return {
        version: '1',
        platform: 'linux',
        embedded: true,
        demo: true,
        kiosk: false,
        keychain: 'os',
      }
    },
    'links:openExternal': async (arg) => {
      calls.push({ channel: 'links:openExternal', arg })
      return { opened: true }
    },
    'links:openDeepLink': async (arg) => {
      calls.push({ channel: 'links:openDeepLink', arg })
      throw new Error('secret internal detail /home/user/.config')
    },
    'mailbox:open': async () => ({ opened: true }),
  }
  const ipc: IpcMainLike = { handle: (channel, listener) => listeners.set(channel, listener) }
  registerIpcHandlers(ipc, handlers)
  const invoke = (channel: string, frame: SenderFrame | null, ...args: unknown[]) => {
    const listener = listeners.get(channel)
    if (!listener) throw new Error(`no handler for ${channel}`)
    return listener({ senderFrame: frame }, ...args)
  }
  return { listeners, calls, invoke }
}

const app: SenderFrame = { url: 'app://mmf/index.html#/help', parent: null }

describe('IPC register', () => {
  it('registers a handler for every channel of the contract and nothing else', () => {
    const { listeners } = setUp()
    expect([...listeners.keys()].sort()).toEqual([...ipcChannels].sort())
  })

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', parent: null }],
    ['a subframe of the app', { url: 'app://mmf/index.html', parent: {} }],
    ['an unknown frame', null],
    ['a look-alike host', { url: 'app://mmf.evil/index.html', parent: null }],
  ])('refuses %s without calling the handler', async (_name, frame) => {
    const { calls, invoke } = setUp()
    const result = await invoke('links:openExternal', frame as SenderFrame | null, {
      url: 'https://mini.at',
    })
    expect(result).toEqual({ ok: false, error: { code: 'untrusted_sender' } })
    expect(calls).toEqual([])
  })

  it.each([
    ['a string instead of an object', 'https://mini.at'],
    ['an extra property', { url: 'https://mini.at', shell: true }],
    ['a number as url', { url: 42 }],
    ['an over-long url', { url: `https://mini.at/${'a'.repeat(2100)}` }],
    ['an array', ['https://mini.at']],
    ['a Date', new Date()],
    ['nothing', undefined],
  ])('refuses %s as argument', async (_name, arg) => {
    const { calls, invoke } = setUp()
    const result = await invoke('links:openExternal', app, arg)
    expect(result).toEqual({ ok: false, error: { code: 'invalid_argument' } })
    expect(calls).toEqual([])
  })

  it('refuses extra positional arguments and an argument for a channel that takes none', async () => {
    const { calls, invoke } = setUp()
    expect(await invoke('links:openExternal', app, { url: 'https://mini.at' }, 'more')).toEqual({
      ok: false,
      error: { code: 'invalid_argument' },
    })
    expect(await invoke('app:getInfo', app, { sneaky: true })).toEqual({
      ok: false,
      error: { code: 'invalid_argument' },
    })
    expect(calls).toEqual([])
  })

  it('passes a valid call from the app’s page to the handler', async () => {
    const { calls, invoke } = setUp()
    const result = await invoke('links:openExternal', app, { url: 'https://www.mini.at/' })
    expect(result).toEqual({ ok: true, value: { opened: true } })
    expect(calls).toEqual([{ channel: 'links:openExternal', arg: { url: 'https://www.mini.at/' } }])
  })

  it('reports a failing handler as "failed" without its message', async () => {
    const { invoke } = setUp()
    const result = await invoke('links:openDeepLink', app, {
      url: 'myminifinance://confirm?token=abc',
    })
    expect(result).toEqual({ ok: false, error: { code: 'failed' } })
    expect(JSON.stringify(result)).not.toContain('secret')
  })
})
