/**
 * The download manager against a real local HTTP server: three transfers at
 * once, throttled progress, cancel, batches, retry with resume, a record that
 * survives a restart, and "open" only for files the manager itself saved.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as atomicFile from '../../../../src/main/atomic-file.ts'
import {
  createDownloadManager,
  type DownloadManagerOptions,
} from '../../../../src/main/downloads/manager.ts'
import type { FetchLike } from '../../../../src/main/downloads/transfer.ts'
import type { DocumentToSave, DownloadEvent } from '../../../../src/shared/downloads.ts'
import { startDocServer, type DocServer } from './doc-server.ts'

// The record is still written for real; only how often, and with what, is noted.
const recordWrites = vi.hoisted(() => [] as { file: string; text: string }[])
vi.mock('../../../../src/main/atomic-file.ts', async (importOriginal) => {
  const real = await importOriginal<typeof atomicFile>()
  return {
    ...real,
    writeFileAtomically: async (file: string, text: string) => {
      recordWrites.push({ file, text })
      await real.writeFileAtomically(file, text)
    },
  }
})

const root = mkdtempSync(join(tmpdir(), 'mmf-manager-'))
let server: DocServer
let count = 0

beforeAll(async () => {
  server = await startDocServer()
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

/** A fresh folder and records file, and a manager saving into that folder. */
function setUp(extra: Partial<DownloadManagerOptions> = {}) {
  const n = ++count
  const folder = join(root, `downloads-${n}`)
  mkdirSync(folder)
  const recordsFile = join(root, `records-${n}.json`)
  const events: DownloadEvent[] = []
  const manager = createDownloadManager({
    fetch: server.fetch,
    folder: () => ({ folder, isDefault: false }),
    recordsFile,
    ...extra,
  })
  manager.onChange((event) => events.push(event))
  return { folder, recordsFile, manager, events }
}

/** A document on the server, as the list would describe it. */
function letter(
  id: string,
  size: number,
  extra: Parameters<DocServer['add']>[2] = {},
  title = `Brief ${id}`,
): DocumentToSave {
  const { sha256 } = server.add(id, size, extra)
  return { documentId: id, title, date: '2026-05-17', sha256, sizeBytes: size }
}

/** The letters the record file on disk lists, by document id. */
const recorded = (recordsFile: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(recordsFile, 'utf8')) as { documents: Record<string, unknown> })
    .documents
const bytesOf = (id: string): Buffer => server.docs.get(id)?.bytes as Buffer
const fileOf = (doc: DocumentToSave): string => `${doc.date} ${doc.title}.pdf`

describe('the queue', () => {
  it('runs at most three transfers at once, and saves every letter byte for byte', async () => {
    const { folder, manager, events } = setUp()
    const docs = Array.from({ length: 7 }, (_, i) =>
      letter(`limit-${i}`, 64 * 1024, { chunkSize: 4096, delayMs: 10 }),
    )
    // Letters on their way: running, and not all bytes in yet. A letter whose file is
    // linked frees its slot and waits for its folder sync beside the next three.
    let mostRunning = 0
    manager.onChange(() => {
      const running = manager
        .jobs()
        .filter((job) => job.state === 'running' && job.bytes < job.total).length
      mostRunning = Math.max(mostRunning, running)
    })
    server.resetStats()
    manager.saveAll(docs)
    await manager.idle()
    expect(server.maxActive()).toBe(3)
    expect(mostRunning).toBe(3)
    expect(events.filter((e) => e.job.state === 'done')).toHaveLength(7)
    for (const doc of docs) {
      expect(readFileSync(join(folder, fileOf(doc))).equals(bytesOf(doc.documentId))).toBe(true)
    }
    expect(readdirSync(folder).sort()).toEqual(docs.map(fileOf).sort())
  })

  it('reports progress with bytes and total, throttled to fewer events than chunks read', async () => {
    let chunks = 0
    // Counts the body chunks the manager reads, to compare with the events it sends.
    const counting: FetchLike = async (path, init) => {
      const response = await server.fetch(path, init)
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          chunks++
          controller.enqueue(chunk)
        },
      })
      return new Response(response.body?.pipeThrough(counter), {
        status: response.status,
        headers: response.headers,
      })
    }
    const { manager, events } = setUp({ fetch: counting })
    const size = 1024 * 1024
    const doc = letter('progress', size, { chunkSize: 8 * 1024, delayMs: 5 })
    manager.save(doc)
    await manager.idle()
    const progress = events.filter((e) => e.job.state === 'running' && e.job.bytes > 0)
    expect(progress.length).toBeGreaterThan(0)
    for (const event of progress) {
      expect(event.job.total).toBe(size)
      expect(event.job.bytes).toBeLessThanOrEqual(size)
    }
    const counts = progress.map((e) => e.job.bytes)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
    expect(chunks).toBeGreaterThan(20)
    expect(progress.length).toBeLessThan(chunks / 2)
    expect(events.at(-1)?.job).toMatchObject({ state: 'done', bytes: size, total: size })
  })

  it('does not queue a letter twice while it is queued or running', async () => {
    const { manager } = setUp()
    const doc = letter('twice', 32 * 1024, { chunkSize: 4096, delayMs: 5 })
    const first = manager.save(doc)
    expect(manager.save(doc)).toBe(first)
    await manager.idle()
    expect(manager.jobs()).toHaveLength(1)
  })
})

describe('cancelling', () => {
  it('a running job: cancelled, neither the file nor its part file is left', async () => {
    const { folder, manager, events } = setUp()
    const doc = letter('cancel-running', 256 * 1024, { chunkSize: 4096, delayMs: 20 })
    const jobId = manager.save(doc)
    await new Promise<void>((resolve) => {
      manager.onChange((event) => {
        if (event.job.id === jobId && event.job.bytes > 0) resolve()
      })
    })
    // While it runs, only the hidden part file is there.
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\..*\.part$/)])
    expect(manager.cancel(jobId)).toBe(true)
    await manager.idle()
    expect(events.at(-1)?.job).toMatchObject({ id: jobId, state: 'cancelled', error: 'cancelled' })
    expect(readdirSync(folder)).toEqual([])
  })

  it('a queued job: cancelled at once, never requested, nothing saved for it', async () => {
    const { folder, manager } = setUp({ maxConcurrent: 1 })
    const first = letter('queue-first', 64 * 1024, { chunkSize: 4096, delayMs: 5 })
    const second = letter('queue-second', 64 * 1024)
    manager.save(first)
    const queued = manager.save(second)
    expect(manager.jobs().find((job) => job.id === queued)?.state).toBe('queued')
    expect(manager.cancel(queued)).toBe(true)
    expect(manager.jobs().find((job) => job.id === queued)?.state).toBe('cancelled')
    await manager.idle()
    expect(server.seen.some((r) => r.id === 'queue-second')).toBe(false)
    expect(readdirSync(folder)).toEqual([fileOf(first)])
  })

  it('cancelAll (sign-out) stops running and queued jobs and empties the list', async () => {
    const { folder, manager, events } = setUp({ maxConcurrent: 1 })
    const docs = [0, 1, 2].map((i) =>
      letter(`sign-out-${i}`, 128 * 1024, { chunkSize: 4096, delayMs: 20 }),
    )
    manager.saveAll(docs)
    await new Promise<void>((resolve) => {
      manager.onChange((event) => {
        if (event.job.bytes > 0) resolve()
      })
    })
    manager.cancelAll()
    const seenBefore = events.length
    expect(manager.jobs()).toEqual([])
    expect(manager.batches()).toEqual([])
    await manager.idle()
    expect(events.length).toBe(seenBefore)
    expect(readdirSync(folder)).toEqual([])
  })

  it('cancelAll (sign-out) removes the part file a lost connection kept for a resume', async () => {
    const { folder, manager, events } = setUp()
    manager.save(letter('sign-out-dropped', 200 * 1024, { dropAfter: 50 * 1024 }))
    await manager.idle()
    expect(events.at(-1)?.job).toMatchObject({ state: 'failed', error: 'connection_lost' })
    // The customer's half letter waits, hidden, for "Erneut versuchen".
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\..*\.part$/)])
    await manager.cancelAll()
    expect(readdirSync(folder)).toEqual([])
  })

  it('cancelAll (sign-out) resolves with no part file of a running transfer left; the next save starts clean', async () => {
    const { folder, manager } = setUp()
    const doc = letter('sign-out-running', 256 * 1024, { chunkSize: 4096, delayMs: 20 })
    manager.save(doc)
    await new Promise<void>((resolve) => {
      manager.onChange((event) => {
        if (event.job.bytes > 0) resolve()
      })
    })
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\..*\.part$/)])
    await manager.cancelAll()
    expect(readdirSync(folder)).toEqual([])

    // The next customer saves the same letter at once: it lands whole, and alone.
    manager.save(doc)
    await manager.idle()
    expect(readFileSync(join(folder, fileOf(doc))).equals(bytesOf(doc.documentId))).toBe(true)
    expect(readdirSync(folder)).toEqual([fileOf(doc)])
  })
})

describe('a batch', () => {
  it('has one overall progress that counts every letter and finishes', async () => {
    const { folder, manager, events } = setUp()
    const sizes = [10_000, 50_000, 120_000, 3_000, 80_000]
    const docs = sizes.map((size, i) => letter(`batch-${i}`, size, { chunkSize: 8192 }))
    const batchId = manager.saveAll(docs)
    await manager.idle()
    const total = sizes.reduce((a, b) => a + b, 0)
    const batches = events.map((e) => e.batch)
    for (const batch of batches) expect(batch).toMatchObject({ id: batchId, jobs: 5, total })
    const bytes = batches.map((b) => b?.bytes ?? -1)
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b))
    const last = { id: batchId, jobs: 5, done: 5, failed: 0, cancelled: 0, bytes: total, total }
    expect(batches.at(-1)).toEqual({ ...last, finished: true })
    expect(batches.slice(0, -1).every((b) => b?.finished === false)).toBe(true)
    expect(manager.batch(batchId)).toEqual({ ...last, finished: true })
    expect(manager.batches()).toEqual([{ ...last, finished: true }])
    expect(readdirSync(folder)).toHaveLength(5)
  })

  it('cancelBatch stops every job of the batch, and the batch finishes as cancelled', async () => {
    const { folder, manager } = setUp()
    const docs = [0, 1, 2, 3, 4].map((i) =>
      letter(`batch-cancel-${i}`, 128 * 1024, { chunkSize: 4096, delayMs: 20 }),
    )
    const batchId = manager.saveAll(docs)
    expect(manager.cancelBatch(batchId)).toBe(true)
    await manager.idle()
    expect(manager.batch(batchId)).toMatchObject({ jobs: 5, cancelled: 5, finished: true })
    expect(readdirSync(folder)).toEqual([])
  })

  it('counts right when a job fails and is retried, and when a running letter joins a second batch', async () => {
    const { manager } = setUp()
    const dropped = letter('batch-drop', 60_000, { dropAfter: 20_000 })
    const slow = letter('batch-slow', 60_000, { chunkSize: 4096, delayMs: 10 })
    const other = letter('batch-other', 5000)
    const first = manager.saveAll([dropped, slow])
    // The slow letter is running: the second batch counts its job, not a new one.
    const second = manager.saveAll([slow, other])
    expect(manager.batch(second)).toMatchObject({ jobs: 2, total: 65_000, finished: false })
    await manager.idle()
    const bytes = manager
      .jobs()
      .filter((job) => job.batchId === first)
      .reduce((sum, job) => sum + job.bytes, 0)
    const counts = { jobs: 2, done: 1, failed: 1, cancelled: 0, total: 120_000, finished: true }
    expect(manager.batch(first)).toEqual({ id: first, ...counts, bytes })
    expect(manager.batch(second)).toMatchObject({ jobs: 2, done: 2, bytes: 65_000, finished: true })

    const failed = manager.jobs().find((job) => job.state === 'failed')
    expect(manager.retry(failed?.id ?? '')).toBe(true)
    expect(manager.batch(first)).toMatchObject({ done: 1, failed: 0, finished: false })
    await manager.idle()
    expect(manager.batch(first)).toMatchObject({
      done: 2,
      failed: 0,
      bytes: 120_000,
      finished: true,
    })
  })
})

describe('retry', () => {
  it('after a dropped connection resumes with Range and ends byte-identical', async () => {
    const { folder, manager, events } = setUp()
    const doc = letter('retry-drop', 300 * 1024, { dropAfter: 100 * 1024 })
    const jobId = manager.save(doc)
    await manager.idle()
    expect(events.at(-1)?.job).toMatchObject({ state: 'failed', error: 'connection_lost' })
    expect(existsSync(join(folder, fileOf(doc)))).toBe(false)
    const [part] = readdirSync(folder)
    const kept = readFileSync(join(folder, part as string)).length
    expect(kept).toBeGreaterThan(0)

    expect(manager.retry(jobId)).toBe(true)
    await manager.idle()
    expect(events.at(-1)?.job).toMatchObject({ id: jobId, state: 'done', bytes: 300 * 1024 })
    expect(server.seen.filter((r) => r.id === doc.documentId).at(-1)).toMatchObject({
      range: `bytes=${kept}-`,
      status: 206,
    })
    expect(readFileSync(join(folder, fileOf(doc))).equals(bytesOf(doc.documentId))).toBe(true)
    expect(readdirSync(folder)).toEqual([fileOf(doc)])
  })

  it('is refused for a job that is done', async () => {
    const { manager } = setUp()
    const jobId = manager.save(letter('retry-done', 1000))
    await manager.idle()
    expect(manager.retry(jobId)).toBe(false)
  })
})

describe('the folder', () => {
  it('the default folder is created when the first letter is saved', async () => {
    const folder = join(root, 'no-downloads-yet', 'Downloads', 'My MINI Finance')
    const { manager } = setUp({ folder: () => ({ folder, isDefault: true }) })
    const doc = letter('default-folder', 1000)
    manager.save(doc)
    await manager.idle()
    expect(readdirSync(folder)).toEqual([fileOf(doc)])
  })

  it('a chosen folder that has gone is not created again: folder_not_writable', async () => {
    const folder = join(root, 'unplugged-drive', 'Briefe')
    const { manager, events } = setUp({ folder: () => ({ folder, isDefault: false }) })
    manager.save(letter('gone-folder', 1000))
    await manager.idle()
    expect(events.at(-1)?.job).toMatchObject({ state: 'failed', error: 'folder_not_writable' })
    expect(existsSync(join(root, 'unplugged-drive'))).toBe(false)
  })
})

describe('the record of saved files', () => {
  it('survives a restart, and notices when the file has gone', async () => {
    const { folder, recordsFile, manager } = setUp()
    const doc = letter('restart', 5000)
    manager.save(doc)
    await manager.idle()
    const path = join(folder, fileOf(doc))

    const restarted = createDownloadManager({
      fetch: server.fetch,
      folder: () => ({ folder, isDefault: false }),
      recordsFile,
    })
    expect(await restarted.savedFile(doc.documentId)).toEqual({ path, exists: true })
    expect(await restarted.openable(path)).toBe(true)
    expect(await restarted.savedFile('never-saved')).toBeNull()

    unlinkSync(path)
    expect(await restarted.savedFile(doc.documentId)).toEqual({ path, exists: false })
    expect(await restarted.openable(path)).toBe(false)
  })

  it('a batch of 200 writes it far fewer than 200 times, whole each time, all 200 after idle()', async () => {
    const { recordsFile, manager } = setUp()
    const docs = Array.from({ length: 200 }, (_, i) => letter(`record-batch-${i}`, 2000))
    const onDisk: number[] = []
    manager.onChange((event) => {
      // What a crash at this moment would leave: always a whole record.
      if (event.job.state !== 'done' || !existsSync(recordsFile)) return
      onDisk.push(Object.keys(recorded(recordsFile)).length)
    })
    manager.saveAll(docs)
    await manager.idle()
    const writes = recordWrites.filter((w) => w.file === recordsFile)
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.length).toBeLessThan(50)
    expect(onDisk.length).toBeGreaterThan(0)
    expect(Object.keys(recorded(recordsFile)).sort()).toEqual(docs.map((d) => d.documentId).sort())
    // The last write is what is on disk: nothing is written after idle() resolved.
    expect(JSON.parse(writes.at(-1)?.text ?? '')).toEqual(
      JSON.parse(readFileSync(recordsFile, 'utf8')),
    )
  })

  it('lists a letter saved early in a batch while the batch still runs', async () => {
    let release = (): void => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    // The second letter's answer waits until the first one is in the record.
    const holding: FetchLike = async (path, init) => {
      if (path.includes('record-held')) await held
      return server.fetch(path, init)
    }
    const { recordsFile, manager } = setUp({ fetch: holding })
    const early = letter('record-early', 3000)
    const late = letter('record-held', 3000)
    const batchId = manager.saveAll([early, late])
    await expect
      .poll(() => (existsSync(recordsFile) ? Object.keys(recorded(recordsFile)) : []), {
        timeout: 10_000,
      })
      .toEqual([early.documentId])
    expect(manager.batch(batchId)).toMatchObject({ done: 1, finished: false })
    release()
    await manager.idle()
    expect(Object.keys(recorded(recordsFile)).sort()).toEqual(
      [early.documentId, late.documentId].sort(),
    )
  })

  it('an unreadable record file starts empty instead of failing', async () => {
    const n = ++count
    const recordsFile = join(root, `broken-records-${n}.json`)
    writeFileSync(recordsFile, '{"documents": {"x": ')
    const lines: string[] = []
    const manager = createDownloadManager({
      fetch: server.fetch,
      folder: () => root,
      recordsFile,
      log: (line) => lines.push(line),
    })
    expect(await manager.savedFile('x')).toBeNull()
    expect(lines.join('\n')).toContain('unreadable')
  })
})

describe('openable: only files the manager saved, still in place', () => {
  it('is false for a file the manager did not save, also in the download folder', async () => {
    const { folder, manager } = setUp()
    manager.save(letter('open-own', 1000))
    await manager.idle()
    const other = join(folder, 'Rechnung.exe')
    writeFileSync(other, 'MZ')
    expect(await manager.openable(other)).toBe(false)
    expect(await manager.openable('/etc/passwd')).toBe(false)
    expect(await manager.openable(folder)).toBe(false)
  })

  it('is false for a saved file replaced by a symlink', async () => {
    const { folder, manager } = setUp()
    const doc = letter('open-symlink', 1000)
    manager.save(doc)
    await manager.idle()
    const path = join(folder, fileOf(doc))
    const elsewhere = join(root, `planted-${count}.sh`)
    writeFileSync(elsewhere, '#!/bin/sh\n')
    unlinkSync(path)
    symlinkSync(elsewhere, path)
    expect(await manager.openable(path)).toBe(false)
    expect(await manager.openable(elsewhere)).toBe(false)
    expect(await manager.savedFile(doc.documentId)).toEqual({ path, exists: false })
  })

  it('is false for a relative path, even one that names a saved file', async () => {
    const { folder, manager } = setUp()
    const doc = letter('open-relative', 1000)
    manager.save(doc)
    await manager.idle()
    const path = join(folder, fileOf(doc))
    expect(await manager.openable(path)).toBe(true)
    expect(await manager.openable(fileOf(doc))).toBe(false)
    expect(await manager.openable(relative(process.cwd(), path))).toBe(false)
  })
})
