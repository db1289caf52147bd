/**
 * The documents:* and settings:* handlers behind the real IPC register, with a
 * real download manager, a real local server and real settings; only Electron's
 * shell and folder picker are fakes that record what they were asked. Main opens
 * only files the manager saved; kiosk mode saves nothing and refuses.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kioskDocumentHandlers } from '../../../src/main/document-handlers.ts'
import type { DocumentSummary } from '../../../src/shared/api/documents.ts'
import type { IpcChannel } from '../../../src/shared/ipc.ts'
import {
  documentChannelsFixture,
  registerDocumentChannels,
  type DocumentChannels,
} from './support/document-ipc.ts'

const fixture = documentChannelsFixture('mmf-doc-handlers-')
const setUp = () => fixture.setUp()

/** A letter the server lists (its id a UUID, as the API hands out), dated 17 May 2026 in Vienna. */
function letter(name: string, size = 2000): DocumentSummary {
  return fixture.server.addListed(randomUUID(), size, {
    title: `Brief ${name}`,
    createdAt: '2026-05-17T08:00:00Z',
  })
}

/** Saves a letter through documents:save (by its id) and waits until it is on disk. */
async function saved(context: DocumentChannels, doc: DocumentSummary) {
  const answer = await context.invoke('documents:save', { documentId: doc.id })
  expect(answer).toMatchObject({ ok: true, value: { jobId: expect.any(String) } })
  await context.manager.idle()
  return join(context.defaultFolder, `2026-05-17 ${doc.title}.pdf`)
}

describe('saving through IPC', () => {
  it('documents:save saves into the default folder, and documents:downloads lists the job', async () => {
    const context = await setUp()
    const doc = letter('ipc-save')
    const path = await saved(context, doc)
    const answer = await context.invoke('documents:downloads')
    expect(answer).toMatchObject({
      ok: true,
      value: { jobs: [{ documentId: doc.id, state: 'done', path }], batches: [] },
    })
    // Main asked the API for the letter the renderer named, and for nothing else.
    expect(fixture.server.itemRequests.at(-1)).toBe(doc.id)
  })

  it('documents:save answers not_found for a letter the backend does not know, and queues nothing', async () => {
    const context = await setUp()
    const unknown = randomUUID()
    expect(await context.invoke('documents:save', { documentId: unknown })).toEqual({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(fixture.server.itemRequests.at(-1)).toBe(unknown)
    expect(fixture.server.seen.filter((request) => request.id === unknown)).toEqual([])
    expect(context.manager.jobs()).toEqual([])
  })

  const wrongAnswers: [string, (doc: DocumentSummary) => { status: number; body: unknown }][] = [
    ['another letter', (doc) => ({ status: 200, body: { ...doc, id: randomUUID() } })],
    ['no digest', (doc) => ({ status: 200, body: { ...doc, sha256: undefined } })],
    [
      'a digest in capitals',
      (doc) => ({ status: 200, body: { ...doc, sha256: doc.sha256.toUpperCase() } }),
    ],
    [
      'a size as a string',
      (doc) => ({ status: 200, body: { ...doc, sizeBytes: String(doc.sizeBytes) } }),
    ],
    [
      'a title of 501 characters',
      (doc) => ({ status: 200, body: { ...doc, title: 'x'.repeat(501) } }),
    ],
    ['a list page', (doc) => ({ status: 200, body: { items: [doc], nextCursor: null } })],
    ['401', () => ({ status: 401, body: { error: { code: 'unauthenticated' } } })],
    ['500', () => ({ status: 500, body: { error: { code: 'internal_error' } } })],
  ]

  it.each(wrongAnswers)(
    'documents:save answers failed for %s from the API, and queues nothing',
    async (_, answer) => {
      const context = await setUp()
      const doc = letter('wrong-answer')
      fixture.server.itemOverride = () => answer(doc)
      try {
        expect(await context.invoke('documents:save', { documentId: doc.id })).toEqual({
          ok: false,
          error: { code: 'failed' },
        })
      } finally {
        fixture.server.itemOverride = null
      }
      expect(fixture.server.seen.filter((request) => request.id === doc.id)).toEqual([])
      expect(context.manager.jobs()).toEqual([])
    },
  )

  it('documents:savedFiles names saved letters, notices a deleted file, leaves out unknown ids', async () => {
    const context = await setUp()
    const kept = letter('ipc-kept')
    const gone = letter('ipc-gone')
    await saved(context, kept)
    unlinkSync(await saved(context, gone))
    const answer = await context.invoke('documents:savedFiles', {
      documentIds: [kept.id, gone.id, 'never-saved'],
    })
    expect(answer).toEqual({
      ok: true,
      value: {
        files: [
          { documentId: kept.id, fileName: '2026-05-17 Brief ipc-kept.pdf', exists: true },
          { documentId: gone.id, fileName: '2026-05-17 Brief ipc-gone.pdf', exists: false },
        ],
      },
    })
  })

  it('documents:saveAll reads the list itself and answers the batch and its size', async () => {
    const context = await setUp()
    // Only these two are listed (the letters saved above are listed too).
    fixture.server.listed.splice(0)
    // Listed ids are UUIDs, as the backend hands out.
    fixture.server.addListed('00000000-0000-4000-8000-0000000000a1', 1000, {
      title: 'Erster',
      createdAt: '2026-03-01T10:00:00Z',
    })
    fixture.server.addListed('00000000-0000-4000-8000-0000000000a2', 1000, {
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
    fixture.server.listOverride = () => ({
      status: 401,
      body: { error: { code: 'unauthenticated' } },
    })
    try {
      expect(await context.invoke('documents:saveAll', { filter: {} })).toEqual({
        ok: false,
        error: { code: 'failed' },
      })
    } finally {
      fixture.server.listOverride = null
    }
  })
})

describe('open and show in folder: only what the manager saved', () => {
  it('opens and shows a saved letter by its id, with the manager’s path', async () => {
    const context = await setUp()
    const doc = letter('ipc-open')
    const path = await saved(context, doc)
    expect(await context.invoke('documents:open', { documentId: doc.id })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(await context.invoke('documents:showInFolder', { documentId: doc.id })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(context.opened).toEqual([path])
    expect(context.shown).toEqual([path])
  })

  it('answers opened: false when the system viewer fails', async () => {
    const context = await setUp()
    const doc = letter('ipc-open-fails')
    await saved(context, doc)
    context.failOpen()
    expect(await context.invoke('documents:open', { documentId: doc.id })).toEqual({
      ok: true,
      value: { opened: false },
    })
  })

  it('opens nothing for a letter never saved, deleted, or replaced by a symlink', async () => {
    const context = await setUp()
    const [deletedDoc, swappedDoc] = [letter('ipc-deleted'), letter('ipc-swapped')]
    const deleted = await saved(context, deletedDoc)
    unlinkSync(deleted)
    const swapped = await saved(context, swappedDoc)
    const payload = join(context.dir, 'payload.desktop')
    writeFileSync(payload, '[Desktop Entry]\nExec=sh -c id\n')
    unlinkSync(swapped)
    symlinkSync(payload, swapped)
    for (const documentId of ['never-saved', deletedDoc.id, swappedDoc.id]) {
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
    await context.invoke('documents:save', { documentId: letter('ipc-chosen').id })
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
  const invoke = registerDocumentChannels(kioskDocumentHandlers())
  const NOT_ALLOWED = { ok: false, error: { code: 'not_allowed' } }
  const refused: [IpcChannel, unknown[]][] = [
    ['documents:save', [{ documentId: 'd' }]],
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
