/**
 * The documents:* and settings:* handlers behind the real IPC register, with a
 * real download manager, a real local server and real settings; only Electron's
 * shell and folder picker are fakes that record what they were asked. Main opens
 * only files the manager saved; kiosk mode saves nothing and refuses.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDocumentHandlers,
  kioskDocumentHandlers,
  type DocumentHandlers,
} from '../../../src/main/document-handlers.ts'
import { createDownloadManager } from '../../../src/main/downloads/manager.ts'
import {
  registerIpcHandlers,
  type IpcHandlers,
  type IpcMainLike,
} from '../../../src/main/ipc/register.ts'
import { loadSettings } from '../../../src/main/settings.ts'
import type { DocumentToSave } from '../../../src/shared/downloads.ts'
import type { IpcChannel } from '../../../src/shared/ipc.ts'
import { noKioskHandlers } from '../../../src/main/kiosk/kiosk-runtime.ts'
import { startDocServer, type DocServer } from './downloads/doc-server.ts'

const root = mkdtempSync(join(tmpdir(), 'mmf-doc-handlers-'))
let server: DocServer
let count = 0

beforeAll(async () => {
  server = await startDocServer()
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

type Listener = Parameters<IpcMainLike['handle']>[1]
const appPage = { url: 'app://mmf/index.html#/documents', parent: null }

/** Registers the app's handlers (the document ones as given) and answers an invoke(). */
function register(documentHandlers: DocumentHandlers) {
  const listeners = new Map<string, Listener>()
  const handlers: IpcHandlers = {
    'app:getInfo': async () => ({
      version: '0.1.0',
      platform: 'linux',
      embedded: true,
      demo: true,
      kiosk: false,
      kioskSettings: null,
      keychain: 'memory',
    }),
    'links:openExternal': async () => ({ opened: false }),
    'links:openDeepLink': async () => ({ opened: false }),
    'mailbox:open': async () => ({ opened: false }),
    ...documentHandlers,
    ...noKioskHandlers(),
  }
  registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers)
  return (channel: IpcChannel, ...args: unknown[]) =>
    (listeners.get(channel) as Listener)(
      { senderFrame: appPage, sender: null },
      ...args,
    ) as Promise<{
      ok: boolean
      value?: unknown
      error?: { code: string }
    }>
}

async function setUp() {
  const dir = join(root, `case-${++count}`)
  const downloadsDir = join(dir, 'Downloads')
  const settings = await loadSettings({ file: join(dir, 'settings.json'), downloadsDir })
  const manager = createDownloadManager({
    fetch: server.fetch,
    folder: settings.downloadFolder,
    recordsFile: join(dir, 'downloads.json'),
  })
  const opened: string[] = []
  const shown: string[] = []
  let openSucceeds = true
  let picked: string | null = null
  const invoke = register(
    createDocumentHandlers({
      manager,
      settings,
      fetch: server.fetch,
      shell: {
        openPath: async (path) => {
          opened.push(path)
          return openSucceeds
        },
        showInFolder: (path) => shown.push(path),
      },
      chooseFolder: async () => picked,
    }),
  )
  return {
    dir,
    defaultFolder: join(downloadsDir, 'My MINI Finance'),
    manager,
    invoke,
    opened,
    shown,
    failOpen: () => (openSucceeds = false),
    pick: (folder: string | null) => (picked = folder),
  }
}

function letter(id: string, size = 2000): DocumentToSave {
  const { sha256 } = server.add(id, size)
  return { documentId: id, title: `Brief ${id}`, date: '2026-05-17', sha256, sizeBytes: size }
}

/** Saves a letter through documents:save and waits until it is on disk. */
async function saved(context: Awaited<ReturnType<typeof setUp>>, doc: DocumentToSave) {
  const answer = await context.invoke('documents:save', doc)
  expect(answer).toMatchObject({ ok: true, value: { jobId: expect.any(String) } })
  await context.manager.idle()
  return join(context.defaultFolder, `${doc.date} ${doc.title}.pdf`)
}

describe('saving through IPC', () => {
  it('documents:save saves into the default folder, and documents:downloads lists the job', async () => {
    const context = await setUp()
    const doc = letter('ipc-save')
    const path = await saved(context, doc)
    const answer = await context.invoke('documents:downloads')
    expect(answer).toMatchObject({
      ok: true,
      value: { jobs: [{ documentId: 'ipc-save', state: 'done', path }], batches: [] },
    })
  })

  it('documents:savedFiles names saved letters, notices a deleted file, leaves out unknown ids', async () => {
    const context = await setUp()
    const kept = letter('ipc-kept')
    const gone = letter('ipc-gone')
    await saved(context, kept)
    unlinkSync(await saved(context, gone))
    const answer = await context.invoke('documents:savedFiles', {
      documentIds: ['ipc-kept', 'ipc-gone', 'never-saved'],
    })
    expect(answer).toEqual({
      ok: true,
      value: {
        files: [
          { documentId: 'ipc-kept', fileName: '2026-05-17 Brief ipc-kept.pdf', exists: true },
          { documentId: 'ipc-gone', fileName: '2026-05-17 Brief ipc-gone.pdf', exists: false },
        ],
      },
    })
  })

  it('documents:saveAll reads the list itself and answers the batch and its size', async () => {
    const context = await setUp()
    // Listed ids are UUIDs, as the backend hands out.
    server.addListed('00000000-0000-4000-8000-0000000000a1', 1000, {
      title: 'Erster',
      createdAt: '2026-03-01T10:00:00Z',
    })
    server.addListed('00000000-0000-4000-8000-0000000000a2', 1000, {
      title: 'Zweiter',
      createdAt: '2026-03-02T10:00:00Z',
    })
    const answer = await context.invoke('documents:saveAll', { filter: {} })
    expect(answer).toMatchObject({ ok: true, value: { count: 2 } })
    await context.manager.idle()
    const { batchId } = answer.value as { batchId: string }
    expect(context.manager.batch(batchId)).toMatchObject({ done: 2, finished: true })
  })

  it('documents:saveAll answers failed when the list cannot be read', async () => {
    const context = await setUp()
    server.listOverride = () => ({ status: 401, body: { error: { code: 'unauthenticated' } } })
    try {
      expect(await context.invoke('documents:saveAll', { filter: {} })).toEqual({
        ok: false,
        error: { code: 'failed' },
      })
    } finally {
      server.listOverride = null
    }
  })
})

describe('open and show in folder: only what the manager saved', () => {
  it('opens and shows a saved letter by its id, with the manager’s path', async () => {
    const context = await setUp()
    const path = await saved(context, letter('ipc-open'))
    expect(await context.invoke('documents:open', { documentId: 'ipc-open' })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(await context.invoke('documents:showInFolder', { documentId: 'ipc-open' })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(context.opened).toEqual([path])
    expect(context.shown).toEqual([path])
  })

  it('answers opened: false when the system viewer fails', async () => {
    const context = await setUp()
    await saved(context, letter('ipc-open-fails'))
    context.failOpen()
    expect(await context.invoke('documents:open', { documentId: 'ipc-open-fails' })).toEqual({
      ok: true,
      value: { opened: false },
    })
  })

  it('opens nothing for a letter never saved, deleted, or replaced by a symlink', async () => {
    const context = await setUp()
    const deleted = await saved(context, letter('ipc-deleted'))
    unlinkSync(deleted)
    const swapped = await saved(context, letter('ipc-swapped'))
    const payload = join(context.dir, 'payload.desktop')
    writeFileSync(payload, '[Desktop Entry]\nExec=sh -c id\n')
    unlinkSync(swapped)
    symlinkSync(payload, swapped)
    for (const documentId of ['never-saved', 'ipc-deleted', 'ipc-swapped']) {
      for (const channel of ['documents:open', 'documents:showInFolder'] as const) {
        expect(await context.invoke(channel, { documentId })).toEqual({
          ok: true,
          value: { opened: false },
        })
      }
    }
    expect(context.opened).toEqual([])
    expect(context.shown).toEqual([])
  })
})

describe('the download folder setting', () => {
  it('is the default at first; the picker chooses another; reset goes back', async () => {
    const context = await setUp()
    const defaultFolder = { folder: context.defaultFolder, isDefault: true }
    expect(await context.invoke('settings:getDownloadFolder')).toEqual({
      ok: true,
      value: defaultFolder,
    })
    const chosen = join(context.dir, 'Bank')
    mkdirSync(chosen, { recursive: true })
    context.pick(chosen)
    expect(await context.invoke('settings:chooseDownloadFolder')).toEqual({
      ok: true,
      value: { folder: chosen, isDefault: false, chosen: true },
    })
    // Letters now go there.
    await context.invoke('documents:save', letter('ipc-chosen'))
    await context.manager.idle()
    expect(context.manager.jobs()[0]?.path).toBe(join(chosen, '2026-05-17 Brief ipc-chosen.pdf'))

    context.pick(null)
    expect(await context.invoke('settings:chooseDownloadFolder')).toEqual({
      ok: true,
      value: { folder: chosen, isDefault: false, chosen: false },
    })
    expect(await context.invoke('settings:resetDownloadFolder')).toEqual({
      ok: true,
      value: defaultFolder,
    })
  })
})

describe('kiosk mode: nothing is saved on disk', () => {
  const invoke = register(kioskDocumentHandlers())
  const NOT_ALLOWED = { ok: false, error: { code: 'not_allowed' } }
  const refused: [IpcChannel, unknown[]][] = [
    [
      'documents:save',
      [
        {
          documentId: 'd',
          title: 'Brief',
          date: '2026-05-17',
          sha256: 'a'.repeat(64),
          sizeBytes: 1,
        },
      ],
    ],
    ['documents:saveAll', [{ filter: {} }]],
    ['documents:retry', [{ jobId: '0f8fad5b-d9cb-469f-a165-70867728950e' }]],
    ['documents:open', [{ documentId: 'd' }]],
    ['documents:showInFolder', [{ documentId: 'd' }]],
    ['settings:getDownloadFolder', []],
    ['settings:chooseDownloadFolder', []],
    ['settings:resetDownloadFolder', []],
  ]

  it.each(refused)('%s answers not_allowed', async (channel, args) => {
    expect(await invoke(channel, ...args)).toEqual(NOT_ALLOWED)
  })

  it('documents:downloads and documents:savedFiles answer empty lists; cancel has nothing to cancel', async () => {
    expect(await invoke('documents:downloads')).toEqual({
      ok: true,
      value: { jobs: [], batches: [] },
    })
    expect(await invoke('documents:savedFiles', { documentIds: ['d'] })).toEqual({
      ok: true,
      value: { files: [] },
    })
    expect(
      await invoke('documents:cancel', { jobId: '0f8fad5b-d9cb-469f-a165-70867728950e' }),
    ).toEqual({
      ok: true,
      value: { cancelled: false },
    })
  })

  it('still checks arguments first', async () => {
    expect(await invoke('documents:open', { documentId: '../x' })).toEqual({
      ok: false,
      error: { code: 'invalid_argument' },
    })
  })
})
