/**
 * The IPC register: every channel of the contract is handled, and every call is
 * checked for its sender and its argument before a handler runs. A failing
 * handler's message never reaches the renderer.
 */
import { describe, expect, it } from 'vitest'
import {
  NotAllowedError,
  NotFoundError,
  registerIpcHandlers,
  type IpcHandlers,
  type IpcMainLike,
  type SenderFrame,
} from '../../../src/main/ipc/register.ts'
import {
  ipcChannels,
  SAVED_FILES_MAX_IDS,
  type IpcChannel,
  type IpcReturn,
} from '../../../src/shared/ipc.ts'

type Listener = Parameters<IpcMainLike['handle']>[1]

const JOB_ID = '0f8fad5b-d9cb-469f-a165-70867728950e'
const FOLDER = { folder: '/home/anna/Downloads/My MINI Finance', isDefault: true }
/** documents:save names a letter by its id only; main reads the rest from the API. */
const LETTER = { documentId: 'doc-1' }
/** What the renderer sent before: the title, day, digest and size it chose. */
const LETTER_AS_BEFORE = {
  ...LETTER,
  title: 'Ratenplan',
  date: '2026-05-17',
  sha256: 'a'.repeat(64),
  sizeBytes: 1000,
}

/** A fake ipcMain that keeps the listeners; handlers record the value they got. */
function setUp() {
  const listeners = new Map<string, Listener>()
  const calls: { channel: IpcChannel; arg: unknown }[] = []
  /** The senders `kiosk:print` was handed. */
  const senders: unknown[] = []
  const logLines: string[] = []
  /** A handler that records its call and answers `value`. */
  const record =
    <C extends IpcChannel>(channel: C, value: IpcReturn<C>) =>
    async (arg: unknown): Promise<IpcReturn<C>> => {
      calls.push({ channel, arg })
      return value
    }
  const handlers: IpcHandlers = {
    'app:getInfo': async (arg) => {
      calls.push({ channel: 'app:getInfo', arg })
      return {
        version: '0.1.0',
        platform: 'linux',
        embedded: true,
        demo: true,
        kiosk: false,
        kioskSettings: null,
        keychain: 'os',
      }
    },
    'links:openExternal': async (arg) => {
      calls.push({ channel: 'links:openExternal', arg })
      return { opened: true }
    },
    'links:openDeepLink': async (arg) => {
      calls.push({ channel: 'links:openDeepLink', arg })
      return { opened: true }
    },
    'mailbox:open': async (arg) => {
      calls.push({ channel: 'mailbox:open', arg })
      return { opened: true }
    },
    'documents:save': record('documents:save', { jobId: JOB_ID }),
    'documents:saveAll': record('documents:saveAll', { batchId: JOB_ID, count: 2 }),
    'documents:cancel': record('documents:cancel', { cancelled: true }),
    'documents:cancelBatch': record('documents:cancelBatch', { cancelled: true }),
    'documents:retry': record('documents:retry', { retried: true }),
    'documents:downloads': record('documents:downloads', { jobs: [], batches: [] }),
    'documents:savedFiles': record('documents:savedFiles', { files: [] }),
    'documents:open': record('documents:open', { opened: true }),
    'documents:showInFolder': record('documents:showInFolder', { opened: true }),
    'settings:getDownloadFolder': record('settings:getDownloadFolder', FOLDER),
    'settings:chooseDownloadFolder': record('settings:chooseDownloadFolder', {
      ...FOLDER,
      chosen: true,
    }),
    'settings:resetDownloadFolder': record('settings:resetDownloadFolder', FOLDER),
    'kiosk:activity': record('kiosk:activity', { recorded: true }),
    'kiosk:formInput': record('kiosk:formInput', { watching: true }),
    'kiosk:continue': record('kiosk:continue', { continued: true }),
    'kiosk:print': async (arg, sender) => {
      calls.push({ channel: 'kiosk:print', arg })
      senders.push(sender)
      return { printed: true }
    },
    'kiosk:exit': record('kiosk:exit', { result: 'wrong', attemptsLeft: 4 }),
  }
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`)
      listeners.set(channel, listener)
    },
  }
  const registered = registerIpcHandlers(ipc, handlers, { log: (line) => logLines.push(line) })
  const invoke = (channel: string, frame: SenderFrame | null, ...args: unknown[]) => {
    const listener = listeners.get(channel)
    if (!listener) throw new Error(`no handler for ${channel}`)
    return listener({ senderFrame: frame, sender: { page: frame?.url ?? null } }, ...args)
  }
  return { listeners, registered, calls, senders, logLines, handlers, invoke }
}

/** A valid argument per channel, so that only the sender can be the reason for a refusal. */
const validArg: Record<IpcChannel, unknown[]> = {
  'app:getInfo': [],
  'links:openExternal': [{ url: 'https://www.mini.at/' }],
  'links:openDeepLink': [{ url: 'myminifinance://confirm?token=abc' }],
  'mailbox:open': [],
  'documents:save': [LETTER],
  'documents:saveAll': [{ filter: { contractId: 'c-1', category: 'statement', year: 2025 } }],
  'documents:cancel': [{ jobId: JOB_ID }],
  'documents:cancelBatch': [{ batchId: JOB_ID }],
  'documents:retry': [{ jobId: JOB_ID }],
  'documents:downloads': [],
  'documents:savedFiles': [{ documentIds: ['doc-1', 'doc-2'] }],
  'documents:open': [{ documentId: 'doc-1' }],
  'documents:showInFolder': [{ documentId: 'doc-1' }],
  'settings:getDownloadFolder': [],
  'settings:chooseDownloadFolder': [],
  'settings:resetDownloadFolder': [],
  'kiosk:activity': [],
  'kiosk:formInput': [],
  'kiosk:continue': [],
  'kiosk:print': [],
  'kiosk:exit': [{ pin: '123456' }],
}

const appPage: SenderFrame = { url: 'app://mmf/index.html#/help', parent: null }
const INVALID = { ok: false, error: { code: 'invalid_argument' } }
const UNTRUSTED = { ok: false, error: { code: 'untrusted_sender' } }

describe('IPC register: channels', () => {
  it('registers one handler for every channel of the contract and nothing else', () => {
    const { listeners, registered } = setUp()
    expect([...listeners.keys()].sort()).toEqual([...ipcChannels].sort())
    expect([...registered].sort()).toEqual([...ipcChannels].sort())
  })

  it.each(ipcChannels)('answers a valid call on %s from the app’s page', async (channel) => {
    const { calls, invoke } = setUp()
    const result = (await invoke(channel, appPage, ...validArg[channel])) as { ok: boolean }
    expect(result.ok).toBe(true)
    expect(calls).toEqual([{ channel, arg: validArg[channel][0] }])
  })
})

describe('IPC register: the sender', () => {
  const untrusted: [string, SenderFrame | null][] = [
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['plain http', { url: 'http://mmf/index.html', parent: null }],
    ['a file page', { url: 'file:///tmp/index.html', parent: null }],
    ['a subframe of the app', { url: 'app://mmf/index.html', parent: { url: 'app://mmf/' } }],
    ['a subframe with another origin', { url: 'https://evil.example/', parent: {} }],
    ['no frame (destroyed or navigated)', null],
    ['a look-alike host', { url: 'app://mmf.evil.example/index.html', parent: null }],
    ['another app host', { url: 'app://evil/index.html', parent: null }],
    ['credentials before the host', { url: 'app://evil@mmf/index.html', parent: null }],
    ['a port on the app host', { url: 'app://mmf:8080/index.html', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['a data: page', { url: 'data:text/html,<script>1</script>', parent: null }],
    ['devtools', { url: 'devtools://devtools/bundled/inspector.html', parent: null }],
    ['an empty URL', { url: '', parent: null }],
  ]

  it.each(untrusted)('refuses %s on every channel without calling a handler', async (_, frame) => {
    const { calls, invoke, logLines } = setUp()
    for (const channel of ipcChannels) {
      expect(await invoke(channel, frame, ...validArg[channel]), channel).toEqual(UNTRUSTED)
    }
    expect(calls).toEqual([])
    expect(logLines.some((line) => line.includes('untrusted sender'))).toBe(true)
  })

  it('hands kiosk:print the page that called, once it passed the checks', async () => {
    const { senders, invoke } = setUp()
    expect(await invoke('kiosk:print', appPage)).toEqual({ ok: true, value: { printed: true } })
    expect(senders).toEqual([{ page: appPage.url }])
    const evil = { url: 'https://evil.example/', parent: null }
    expect(await invoke('kiosk:print', evil)).toEqual(UNTRUSTED)
    expect(await invoke('kiosk:print', appPage, { copies: 100 })).toEqual(INVALID)
    expect(senders).toHaveLength(1)
  })

  it('checks the sender before the argument (a bad call from outside learns nothing more)', async () => {
    const { invoke } = setUp()
    const frame = { url: 'https://evil.example/', parent: null }
    expect(await invoke('links:openExternal', frame, 42)).toEqual(UNTRUSTED)
  })
})

describe('IPC register: the argument', () => {
  class Link {
    url = 'https://www.mini.at/'
  }
  const badOpenExternal: [string, unknown[]][] = [
    ['nothing', []],
    ['a string instead of an object', ['https://www.mini.at/']],
    ['a number', [42]],
    ['null', [null]],
    ['a number as url', [{ url: 42 }]],
    ['an empty url', [{ url: '' }]],
    ['an extra property', [{ url: 'https://www.mini.at/', shell: true }]],
    ['a url longer than 2048 characters', [{ url: `https://www.mini.at/${'a'.repeat(2029)}` }]],
    ['an array', [['https://www.mini.at/']]],
    ['a Date', [new Date()]],
    ['a Map', [new Map([['url', 'https://www.mini.at/']])]],
    ['a class instance', [new Link()]],
    ['an object with an inherited url', [Object.create({ url: 'https://www.mini.at/' })]],
    ['a String object as url', [{ url: new String('https://www.mini.at/') }]],
    ['an extra positional argument', [{ url: 'https://www.mini.at/' }, 'more']],
    ['an extra undefined positional argument', [{ url: 'https://www.mini.at/' }, undefined]],
  ]

  it.each(badOpenExternal)('refuses %s for links:openExternal', async (_, args) => {
    const { calls, invoke } = setUp()
    expect(await invoke('links:openExternal', appPage, ...args)).toEqual(INVALID)
    expect(calls).toEqual([])
  })

  it('accepts a url of exactly 2048 characters', async () => {
    const { calls, invoke } = setUp()
    const url = `https://www.mini.at/${'a'.repeat(2028)}`
    expect(url).toHaveLength(2048)
    expect(await invoke('links:openExternal', appPage, { url })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(calls).toEqual([{ channel: 'links:openExternal', arg: { url } }])
  })

  it('refuses an over-long deep link', async () => {
    const { calls, invoke } = setUp()
    const url = `myminifinance://confirm?token=${'a'.repeat(400)}`
    expect(await invoke('links:openDeepLink', appPage, { url })).toEqual(INVALID)
    expect(calls).toEqual([])
  })

  it.each([
    ['an object', [{ sneaky: true }]],
    ['a string', ['x']],
    ['null', [null]],
    ['two arguments', [undefined, undefined]],
  ])('refuses %s for channels that take no argument', async (_, args) => {
    const { calls, invoke } = setUp()
    expect(await invoke('app:getInfo', appPage, ...args)).toEqual(INVALID)
    expect(await invoke('mailbox:open', appPage, ...args)).toEqual(INVALID)
    expect(calls).toEqual([])
  })

  it('hands the handler exactly the checked value', async () => {
    const { calls, invoke } = setUp()
    const result = await invoke('links:openExternal', appPage, { url: 'https://www.mini.at/' })
    expect(result).toEqual({ ok: true, value: { opened: true } })
    expect(calls).toEqual([{ channel: 'links:openExternal', arg: { url: 'https://www.mini.at/' } }])
  })

  it('accepts an object without a prototype (as structured clone may deliver it)', async () => {
    const { calls, invoke } = setUp()
    const arg = Object.assign(Object.create(null) as object, { url: 'https://www.mini.at/' })
    expect(await invoke('links:openExternal', appPage, arg)).toMatchObject({ ok: true })
    expect(calls).toEqual([{ channel: 'links:openExternal', arg: { url: 'https://www.mini.at/' } }])
  })
})

describe('IPC register: a failing handler', () => {
  it('answers "failed" without the error’s message, and logs it in main', async () => {
    const listeners = new Map<string, Listener>()
    const logLines: string[] = []
    const { handlers } = setUp()
    registerIpcHandlers(
      { handle: (channel, listener) => listeners.set(channel, listener) },
      {
        ...handlers,
        'links:openDeepLink': async () => {
          throw new Error('ENOENT /home/anna/.config/My MINI Finance/secret-token.json')
        },
      },
      { log: (line) => logLines.push(line) },
    )
    const listener = listeners.get('links:openDeepLink')
    const result = await listener?.(
      { senderFrame: appPage, sender: null },
      { url: 'myminifinance://confirm?token=abc' },
    )
    expect(result).toEqual({ ok: false, error: { code: 'failed' } })
    expect(JSON.stringify(result)).not.toMatch(/ENOENT|anna|secret/)
    expect(logLines.join('\n')).toContain('ENOENT')
  })

  it('answers "failed" when a handler throws something that is not an Error', async () => {
    const listeners = new Map<string, Listener>()
    const { handlers } = setUp()
    registerIpcHandlers(
      { handle: (channel, listener) => listeners.set(channel, listener) },
      {
        ...handlers,
        'mailbox:open': () => Promise.reject('a plain string with a secret'),
      },
    )
    const result = await listeners.get('mailbox:open')?.({ senderFrame: appPage, sender: null })
    expect(result).toEqual({ ok: false, error: { code: 'failed' } })
    expect(JSON.stringify(result)).not.toContain('secret')
  })
})

describe('IPC register: the download channels', () => {
  const hostileIds: [string, unknown][] = [
    ['a parent path', '../sessions'],
    ['a slash', 'doc/../../me'],
    ['a backslash', 'doc\\..\\me'],
    ['dot-dot alone', '..'],
    ['an encoded slash', 'doc%2F..'],
    ['a query', 'doc?x=1'],
    ['an empty id', ''],
    ['a NUL byte', 'doc\u0000'],
    ['an id of 129 characters', 'a'.repeat(129)],
    ['a number', 42],
  ]

  it.each(hostileIds)('refuses %s as documentId on save, open and showInFolder', async (_, id) => {
    const { calls, invoke } = setUp()
    expect(await invoke('documents:save', appPage, { ...LETTER, documentId: id })).toEqual(INVALID)
    expect(await invoke('documents:open', appPage, { documentId: id })).toEqual(INVALID)
    expect(await invoke('documents:showInFolder', appPage, { documentId: id })).toEqual(INVALID)
    expect(await invoke('documents:savedFiles', appPage, { documentIds: ['ok', id] })).toEqual(
      INVALID,
    )
    expect(await invoke('documents:saveAll', appPage, { filter: { contractId: id } })).toEqual(
      INVALID,
    )
    expect(calls).toEqual([])
  })

  const badSaves: [string, unknown][] = [
    ['a path chosen by the renderer', { ...LETTER, path: '/etc/cron.d/x' }],
    ['a folder chosen by the renderer', { ...LETTER, folder: '/tmp' }],
    ['a file name chosen by the renderer', { ...LETTER, fileName: '../../x.pdf' }],
    ['a title, day, digest and size chosen by the renderer', LETTER_AS_BEFORE],
    ['a sha256 chosen by the renderer', { ...LETTER, sha256: 'a'.repeat(64) }],
    ['a sha256 in upper case', { ...LETTER, sha256: 'A'.repeat(64) }],
    ['a sha256 that is undefined', { ...LETTER, sha256: undefined }],
    ['a size chosen by the renderer', { ...LETTER, sizeBytes: 1000 }],
    ['a negative size', { ...LETTER, sizeBytes: -1 }],
    ['a title chosen by the renderer', { ...LETTER, title: 'Ratenplan' }],
    ['an empty title', { ...LETTER, title: '' }],
    ['a date chosen by the renderer', { ...LETTER, date: '2026-05-17' }],
    ['no documentId', {}],
    ['only the title, day, digest and size', { ...LETTER_AS_BEFORE, documentId: undefined }],
  ]

  it.each(badSaves)('refuses documents:save with %s', async (_, arg) => {
    const { calls, invoke } = setUp()
    expect(await invoke('documents:save', appPage, arg)).toEqual(INVALID)
    expect(calls).toEqual([])
  })

  const badFilters: [string, unknown][] = [
    ['no filter', {}],
    ['an unknown filter property', { filter: { path: '/etc' } }],
    ['an unknown top-level property', { filter: {}, folder: '/tmp' }],
    ['an unknown category', { filter: { category: 'secret' } }],
    ['unread as a string', { filter: { unread: 'true' } }],
    ['a year before 1900', { filter: { year: 1899 } }],
    ['a year as string', { filter: { year: '2025' } }],
    ['an empty search', { filter: { q: '' } }],
    ['a search over 100 characters', { filter: { q: 'x'.repeat(101) } }],
    ['a filter that is an array', { filter: [] }],
  ]

  it.each(badFilters)('refuses documents:saveAll with %s', async (_, arg) => {
    const { calls, invoke } = setUp()
    expect(await invoke('documents:saveAll', appPage, arg)).toEqual(INVALID)
    expect(calls).toEqual([])
  })

  it('takes up to SAVED_FILES_MAX_IDS ids in documents:savedFiles, and refuses more', async () => {
    const { calls, invoke } = setUp()
    const ids = Array.from({ length: SAVED_FILES_MAX_IDS + 1 }, (_, i) => `doc-${i}`)
    expect(await invoke('documents:savedFiles', appPage, { documentIds: ids })).toEqual(INVALID)
    expect(calls).toEqual([])
    const atLimit = { documentIds: ids.slice(0, SAVED_FILES_MAX_IDS) }
    expect(await invoke('documents:savedFiles', appPage, atLimit)).toMatchObject({ ok: true })
    expect(calls).toEqual([{ channel: 'documents:savedFiles', arg: atLimit }])
  })

  it.each([
    ['not an array', { documentIds: 'doc-1' }],
    ['an unknown property', { documentIds: [], paths: ['/etc/passwd'] }],
  ])('refuses documents:savedFiles with %s', async (_, arg) => {
    const { calls, invoke } = setUp()
    expect(await invoke('documents:savedFiles', appPage, arg)).toEqual(INVALID)
    expect(calls).toEqual([])
  })

  it.each([
    ['documents:cancel', { jobId: 'not-a-job' }],
    ['documents:cancel', { jobId: JOB_ID, force: true }],
    ['documents:retry', { jobId: `${JOB_ID}0` }],
    ['documents:retry', { jobId: JOB_ID.toUpperCase() }],
    ['documents:cancelBatch', { jobId: JOB_ID }],
    ['documents:open', { documentId: 'doc-1', path: '/etc/passwd' }],
    ['documents:showInFolder', { path: '/home/anna' }],
    ['settings:chooseDownloadFolder', { folder: '/etc' }],
    ['settings:getDownloadFolder', {}],
    ['settings:resetDownloadFolder', null],
    ['documents:downloads', { all: true }],
  ] as [IpcChannel, unknown][])('refuses %s with %j', async (channel, arg) => {
    const { calls, invoke } = setUp()
    expect(await invoke(channel, appPage, arg)).toEqual(INVALID)
    expect(calls).toEqual([])
  })
})

describe('IPC register: a handler that refuses (not_allowed, not_found)', () => {
  /** The app's handlers, with documents:save throwing `error`; what it answers and logs. */
  async function saveThrowing(error: Error) {
    const listeners = new Map<string, Listener>()
    const logLines: string[] = []
    const { handlers } = setUp()
    registerIpcHandlers(
      { handle: (channel, listener) => listeners.set(channel, listener) },
      {
        ...handlers,
        'documents:save': async () => {
          throw error
        },
      },
      { log: (line) => logLines.push(line) },
    )
    const result = await listeners.get('documents:save')?.(
      { senderFrame: appPage, sender: null },
      LETTER,
    )
    return { listeners, log: logLines.join('\n'), result }
  }

  it('answers not_allowed for a NotAllowedError, without its message, and other channels still work', async () => {
    const { listeners, log, result } = await saveThrowing(
      new NotAllowedError('kiosk: /srv/kiosk/secret'),
    )
    expect(result).toEqual({ ok: false, error: { code: 'not_allowed' } })
    expect(JSON.stringify(result)).not.toContain('secret')
    expect(log).toContain('documents:save is not allowed')
    const other = await listeners.get('documents:open')?.(
      { senderFrame: appPage, sender: null },
      { documentId: 'doc-1' },
    )
    expect(other).toEqual({ ok: true, value: { opened: true } })
  })

  it('answers not_found for a NotFoundError, without its message', async () => {
    const { log, result } = await saveThrowing(
      new NotFoundError('GET /documents/{id} answered 404 at https://api.internal/'),
    )
    expect(result).toEqual({ ok: false, error: { code: 'not_found' } })
    expect(JSON.stringify(result)).not.toContain('internal')
    expect(log).toContain('documents:save found nothing')
  })

  it('checks the argument before a refusing handler runs', async () => {
    const listeners = new Map<string, Listener>()
    const { handlers } = setUp()
    registerIpcHandlers(
      { handle: (channel, listener) => listeners.set(channel, listener) },
      {
        ...handlers,
        'documents:open': async () => {
          throw new NotAllowedError('kiosk')
        },
      },
    )
    const result = await listeners.get('documents:open')?.(
      { senderFrame: appPage, sender: null },
      { documentId: '../x' },
    )
    expect(result).toEqual(INVALID)
  })
})
