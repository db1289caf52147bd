/**
 * The download manager: a queue of transfers (at most `maxConcurrent` at once),
 * batches with one overall progress, throttled change events for the renderer,
 * and a record of what was saved where, kept in a JSON file so that after a
 * restart the app still knows which letters are saved and may be opened.
 */
import { createHash, randomUUID } from 'node:crypto'
import { lstat, readFile, realpath, rm } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import type {
  BatchSnapshot,
  DocumentToSave,
  DownloadEvent,
  DownloadFolder,
  JobSnapshot,
  JobState,
  TransferErrorCode,
} from '../../shared/downloads.ts'
import { writeFileAtomically } from '../atomic-file.ts'
import { documentFileName, isInside, partFileName } from './file-names.ts'
import { transfer, type FetchLike, type ResumeState, type TransferFs } from './transfer.ts'

export type { BatchSnapshot, DocumentToSave, DownloadEvent, JobSnapshot, JobState }

export interface SavedFile {
  path: string
  /** false when the file has been deleted, moved or replaced since it was saved. */
  exists: boolean
}

export interface DownloadManagerOptions {
  fetch: FetchLike
  /**
   * The download folder as currently configured. The default folder is created
   * when the first letter is saved; a chosen one (or a bare path) must exist.
   */
  folder: () => DownloadFolder | string
  /** The JSON file that records what was saved where (in the app's user data). */
  recordsFile: string
  maxConcurrent?: number
  now?: () => Date
  log?: (line: string) => void
  /** Only for tests: replaces file operations of the transfers. */
  fs?: TransferFs
  idleTimeoutMs?: number
}

export interface DownloadManager {
  /** Queues one letter; a letter already queued or running is not queued twice (its job id is answered). */
  save(doc: DocumentToSave): string
  /** Queues several letters as one batch; answers the batch id. */
  saveAll(docs: readonly DocumentToSave[]): string
  /** Cancels a queued or running job (its part file is deleted). */
  cancel(jobId: string): boolean
  cancelBatch(batchId: string): boolean
  /**
   * Cancels every queued and running job and empties the list, so that what one
   * customer saved is not listed for the next (sign-out). Resolves once the part
   * file of every unfinished job (running, queued, cancelled, or failed and kept
   * for a resume) is removed; a job queued meanwhile starts only after that. The
   * record of saved files stays.
   */
  cancelAll(): Promise<void>
  /** Queues a failed or cancelled job again; a lost connection resumes where it stopped. */
  retry(jobId: string): boolean
  jobs(): JobSnapshot[]
  batch(batchId: string): BatchSnapshot | null
  batches(): BatchSnapshot[]
  onChange(listener: (event: DownloadEvent) => void): () => void
  /** Where the letter was saved, and whether that file is still there; null when never saved. */
  savedFile(documentId: string): Promise<SavedFile | null>
  /** Whether main may open or show `path`: only a file this manager saved, still in place. */
  openable(path: string): Promise<boolean>
  /** Resolves once nothing is queued or running and the record is written. */
  idle(): Promise<void>
}

interface SaveRecord {
  path: string
  /** The path with symlinks resolved when it was saved: a later swap is noticed. */
  realPath: string
  folder: string
  sha256: string
  savedAt: string
}

interface Job {
  id: string
  doc: DocumentToSave
  batchId: string | null
  fileName: string
  state: JobState
  bytes: number
  total: number
  error: TransferErrorCode | null
  path: string | null
  /** The folder of the last try (where its part file is). */
  folder: string | null
  resume: ResumeState | null
  controller: AbortController | null
  lastEmit: number
  timer: NodeJS.Timeout | null
  /** The batches the job counts in (a letter already queued joins a later batch too). */
  tallies: BatchTally[]
  /** While the job runs: settles when its transfer has ended (its part file is then left alone). */
  running: Promise<void> | null
}

/** A batch's counts, kept up to date as its jobs change: a snapshot never walks thousands of jobs. */
interface BatchTally {
  jobIds: string[]
  done: number
  failed: number
  cancelled: number
  /** Queued or running. */
  unfinished: number
  bytes: number
  total: number
}

const PROGRESS_INTERVAL_MS = 100
/** While transfers run, saves that finish are written to the record together, at most this often. */
const RECORDS_WRITE_INTERVAL_MS = 250
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,128}$/
const SHA256_HEX = /^[0-9a-fA-F]{64}$/
const RECORDS_VERSION = 1

function checkDocument(doc: DocumentToSave): void {
  // The id becomes part of the request path: nothing that could climb out of /documents/.
  if (!DOCUMENT_ID.test(doc.documentId)) throw new TypeError('invalid documentId')
  if (!SHA256_HEX.test(doc.sha256)) throw new TypeError('invalid sha256')
  if (!Number.isSafeInteger(doc.sizeBytes) || doc.sizeBytes < 0) {
    throw new TypeError('invalid sizeBytes')
  }
  if (typeof doc.title !== 'string' || typeof doc.date !== 'string') {
    throw new TypeError('invalid title or date')
  }
}

/** Distinguishes the part files of two letters with the same title; stable across retries. */
function partTag(documentId: string): string {
  return createHash('sha256').update(documentId).digest('hex').slice(0, 12)
}

function isRecord(value: unknown): value is SaveRecord {
  const r = value as Partial<SaveRecord> | null
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.path === 'string' &&
    isAbsolute(r.path) &&
    typeof r.realPath === 'string' &&
    isAbsolute(r.realPath) &&
    typeof r.folder === 'string' &&
    typeof r.sha256 === 'string' &&
    typeof r.savedAt === 'string'
  )
}

const isActive = (job: Job): boolean => job.state === 'queued' || job.state === 'running'

export function createDownloadManager(options: DownloadManagerOptions): DownloadManager {
  const maxConcurrent = Math.max(1, options.maxConcurrent ?? 3)
  const now = options.now ?? (() => new Date())
  const log = options.log ?? (() => undefined)
  const jobs = new Map<string, Job>()
  const batches = new Map<string, BatchTally>()
  // The newest job per letter: only it may be active or own a resumable part file.
  const latestJob = new Map<string, Job>()
  const queue: string[] = []
  const listeners = new Set<(event: DownloadEvent) => void>()
  const idleWaiters: (() => void)[] = []
  let running = 0
  let records = new Map<string, SaveRecord>()
  // The record's writes in progress (until it is on disk as it is now), and whether it
  // changed since the last write began.
  let recordsWrite: Promise<void> | null = null
  let recordsDirty = false
  let lastRecordsWrite = -Infinity
  // Ends the wait between two writes early: once idle, the record is written at once.
  let wakeRecordsWrite: (() => void) | null = null
  /** The part files of the last sign-out's jobs being removed. */
  let signOutCleanup: Promise<void> = Promise.resolve()

  const loaded = (async () => {
    try {
      const data = JSON.parse(await readFile(options.recordsFile, 'utf8')) as {
        documents?: Record<string, unknown>
      }
      for (const [id, record] of Object.entries(data.documents ?? {})) {
        if (isRecord(record)) records.set(id, record)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        log(`downloads: the record ${options.recordsFile} is unreadable; starting empty`)
        records = new Map()
      }
    }
  })()

  const busy = (): boolean => running > 0 || queue.length > 0

  /**
   * Writes the record: one write at a time, and while transfers run at most every 250 ms
   * (each write stringifies and fsyncs the whole file, thousands of times in a batch
   * otherwise); once idle at once. What a crash loses is only the newest entries.
   */
  function persist(): void {
    recordsDirty = true
    recordsWrite ??= (async () => {
      while (recordsDirty) {
        const wait = lastRecordsWrite + RECORDS_WRITE_INTERVAL_MS - performance.now()
        if (busy() && wait > 0) {
          await new Promise<void>((resolveWait) => {
            const timer = setTimeout(() => wakeRecordsWrite?.(), wait)
            wakeRecordsWrite = () => {
              clearTimeout(timer)
              wakeRecordsWrite = null
              resolveWait()
            }
          })
        }
        recordsDirty = false
        lastRecordsWrite = performance.now()
        const text = JSON.stringify({
          version: RECORDS_VERSION,
          documents: Object.fromEntries(records),
        })
        try {
          await writeFileAtomically(options.recordsFile, text)
        } catch (error) {
          log(`downloads: could not write the record: ${String(error)}`)
        }
      }
      recordsWrite = null
    })()
  }

  function snapshot(job: Job): JobSnapshot {
    return {
      id: job.id,
      documentId: job.doc.documentId,
      batchId: job.batchId,
      fileName: job.fileName,
      state: job.state,
      bytes: job.bytes,
      total: job.total,
      error: job.error,
      path: job.path,
    }
  }

  /** Adds (1) or takes away (-1) what the job counts in the given batches. */
  function count(job: Job, sign: 1 | -1, tallies: readonly BatchTally[] = job.tallies): void {
    for (const tally of tallies) {
      if (job.state === 'done') tally.done += sign
      else if (job.state === 'failed') tally.failed += sign
      else if (job.state === 'cancelled') tally.cancelled += sign
      else tally.unfinished += sign
      tally.bytes += sign * job.bytes
      tally.total += sign * job.total
    }
  }

  /** Changes a job's state, bytes or total: every change goes through here, for the batch counts. */
  function update(job: Job, change: () => void): void {
    count(job, -1)
    change()
    count(job, 1)
  }

  function batchSnapshot(batchId: string): BatchSnapshot | null {
    const tally = batches.get(batchId)
    if (tally === undefined) return null
    return {
      id: batchId,
      jobs: tally.jobIds.length,
      done: tally.done,
      failed: tally.failed,
      cancelled: tally.cancelled,
      bytes: tally.bytes,
      total: tally.total,
      finished: tally.unfinished === 0,
    }
  }

  function send(event: DownloadEvent): void {
    for (const listener of listeners) {
      try {
        listener(event)
      } catch (error) {
        log(`downloads: a change listener failed: ${String(error)}`)
      }
    }
  }

  /**
   * State changes go out at once; progress at most every 100 ms per job, the latest
   * value last. `batch` is given when many jobs of one batch change together.
   */
  function emit(job: Job, stateChange: boolean, batch?: BatchSnapshot | null): void {
    // A job forgotten at sign-out reports nothing more.
    if (jobs.get(job.id) !== job) return
    const t = performance.now()
    if (!stateChange && t - job.lastEmit < PROGRESS_INTERVAL_MS) {
      job.timer ??= setTimeout(
        () => {
          job.timer = null
          emit(job, true)
        },
        PROGRESS_INTERVAL_MS - (t - job.lastEmit),
      ).unref()
      return
    }
    if (job.timer !== null) clearTimeout(job.timer)
    job.timer = null
    job.lastEmit = t
    send({
      job: snapshot(job),
      batch: batch !== undefined ? batch : job.batchId ? batchSnapshot(job.batchId) : null,
    })
  }

  function activeJobFor(documentId: string): Job | undefined {
    const job = latestJob.get(documentId)
    return job !== undefined && isActive(job) && jobs.get(job.id) === job ? job : undefined
  }

  /** Adds a queued job (no event: the caller emits); an active job of the letter is answered instead. */
  function enqueue(doc: DocumentToSave, batchId: string | null): { job: Job; created: boolean } {
    checkDocument(doc)
    const active = activeJobFor(doc.documentId)
    if (active) return { job: active, created: false }
    // A new try for the same letter uses the same part file: an older job may no longer resume.
    const previous = latestJob.get(doc.documentId)
    if (previous) previous.resume = null
    const job: Job = {
      id: randomUUID(),
      doc: { ...doc },
      batchId,
      fileName: documentFileName(doc.title, doc.date),
      state: 'queued',
      bytes: 0,
      total: doc.sizeBytes,
      error: null,
      path: null,
      folder: null,
      resume: null,
      controller: null,
      lastEmit: 0,
      timer: null,
      tallies: [],
      running: null,
    }
    jobs.set(job.id, job)
    latestJob.set(doc.documentId, job)
    queue.push(job.id)
    return { job, created: true }
  }

  function pump(): void {
    while (running < maxConcurrent && queue.length > 0) {
      const job = jobs.get(queue.shift() as string)
      if (job?.state !== 'queued') continue
      running++
      job.running = run(job).finally(() => {
        job.running = null
        running--
        pump()
        settleIdle()
      })
    }
    settleIdle()
  }

  function partPath(job: Job): string | null {
    return job.folder === null
      ? null
      : join(job.folder, partFileName(job.fileName, partTag(job.doc.documentId)))
  }

  async function run(job: Job): Promise<void> {
    update(job, () => {
      job.state = 'running'
    })
    job.error = null
    // Before the first wait, so that a cancel meanwhile reaches the transfer.
    const controller = new AbortController()
    job.controller = controller
    // The previous customer's part files go first: one of them may have this letter's name.
    await signOutCleanup
    const configured = options.folder()
    const target =
      typeof configured === 'string' ? { folder: configured, isDefault: false } : configured
    const folder = target.folder
    if (job.folder !== folder) {
      // The folder setting changed since the last try: its part file is of no use any more.
      const old = partPath(job)
      if (old !== null) await rm(old, { force: true }).catch(() => undefined)
      job.resume = null
      job.folder = folder
    }
    emit(job, true)
    let result
    try {
      result = await transfer({
        fetch: options.fetch,
        path: `/api/v1/documents/${job.doc.documentId}/content`,
        sha256: job.doc.sha256,
        folder,
        createFolder: target.isDefault,
        fileName: job.fileName,
        partName: partFileName(job.fileName, partTag(job.doc.documentId)),
        resume: job.resume,
        sizeBytes: job.doc.sizeBytes,
        signal: controller.signal,
        idleTimeoutMs: options.idleTimeoutMs,
        fs: options.fs,
        onProgress: (bytes, total) => {
          update(job, () => {
            job.bytes = bytes
            if (total !== null) job.total = total
          })
          emit(job, false)
        },
      })
    } catch (error) {
      log(`downloads: transfer failed unexpectedly: ${String(error)}`)
      result = {
        ok: false as const,
        error: 'failed' as const,
        message: String(error),
        resume: null,
      }
    }
    job.controller = null
    if (result.ok) {
      await loaded
      let realPath = result.path
      try {
        realPath = await realpath(result.path)
      } catch {
        // Keep the path as written; openable() then compares against it.
      }
      records.set(job.doc.documentId, {
        path: result.path,
        realPath,
        folder,
        sha256: job.doc.sha256.toLowerCase(),
        savedAt: now().toISOString(),
      })
      persist()
      update(job, () => {
        job.state = 'done'
        job.bytes = result.bytes
        job.total = result.bytes
      })
      job.fileName = result.fileName
      job.path = result.path
      job.resume = null
    } else {
      update(job, () => {
        job.state = result.error === 'cancelled' ? 'cancelled' : 'failed'
      })
      job.error = result.error
      job.resume = result.resume
      if (result.error !== 'cancelled') log(`downloads: a transfer failed: ${result.error}`)
    }
    emit(job, true)
  }

  /** Cancels a queued job without an event (the caller emits); false when it was not queued. */
  function dequeue(job: Job): boolean {
    if (job.state !== 'queued') return false
    const index = queue.indexOf(job.id)
    if (index >= 0) queue.splice(index, 1)
    // A queued retry still owns the part file of its earlier try.
    const part = job.resume ? partPath(job) : null
    if (part !== null) void rm(part, { force: true }).catch(() => undefined)
    job.resume = null
    update(job, () => {
      job.state = 'cancelled'
    })
    job.error = 'cancelled'
    return true
  }

  function cancelJob(job: Job): boolean {
    if (job.state === 'running') {
      job.controller?.abort()
      return true
    }
    if (!dequeue(job)) return false
    emit(job, true)
    settleIdle()
    return true
  }

  /**
   * Removes the part files of jobs forgotten at sign-out, once their transfers have
   * ended (an aborted transfer may still be writing). Failures are logged: nothing
   * the next customer does waits on a disk that refuses.
   */
  async function removePartFiles(forgotten: readonly Job[]): Promise<void> {
    await Promise.all(
      forgotten.map(async (job) => {
        await job.running?.catch(() => undefined)
        const part = job.state === 'done' ? null : partPath(job)
        if (part === null) return
        try {
          await rm(part, { force: true })
        } catch (error) {
          log(`downloads: a part file could not be removed at sign-out: ${String(error)}`)
        }
      }),
    )
  }

  function settleIdle(): void {
    if (busy()) return
    wakeRecordsWrite?.()
    for (const resolveIdle of idleWaiters.splice(0)) resolveIdle()
  }

  /** The record of a saved file, when that file is still the one saved (no swap for a symlink). */
  async function intactRecord(record: SaveRecord): Promise<boolean> {
    try {
      const info = await lstat(record.path)
      if (!info.isFile()) return false
      return (
        (await realpath(record.path)) === record.realPath &&
        (await isInside(record.folder, record.path))
      )
    } catch {
      return false
    }
  }

  return {
    save(doc) {
      const { job, created } = enqueue(doc, null)
      if (created) emit(job, true)
      pump()
      return job.id
    },

    saveAll(docs) {
      for (const doc of docs) checkDocument(doc)
      const batchId = randomUUID()
      const ids = new Set<string>()
      const created: Job[] = []
      for (const doc of docs) {
        const result = enqueue(doc, batchId)
        ids.add(result.job.id)
        if (result.created) created.push(result.job)
      }
      const tally: BatchTally = {
        jobIds: [...ids],
        done: 0,
        failed: 0,
        cancelled: 0,
        unfinished: 0,
        bytes: 0,
        total: 0,
      }
      for (const id of tally.jobIds) {
        const job = jobs.get(id) as Job
        job.tallies.push(tally)
        count(job, 1, [tally])
      }
      batches.set(batchId, tally)
      // One snapshot for the whole burst of "queued" events (thousands of letters).
      const batch = batchSnapshot(batchId)
      for (const job of created) emit(job, true, batch)
      pump()
      return batchId
    },

    cancel(jobId) {
      const job = jobs.get(jobId)
      return job === undefined ? false : cancelJob(job)
    },

    cancelBatch(batchId) {
      const tally = batches.get(batchId)
      if (tally === undefined) return false
      const members = tally.jobIds.map((id) => jobs.get(id)).filter((job) => job !== undefined)
      // Queued ones first: a slot freed by a cancelled running job must not start one of them.
      const dequeued = members.filter(dequeue)
      const batch = batchSnapshot(batchId)
      for (const job of dequeued) emit(job, true, batch)
      for (const job of members) if (job.state === 'running') cancelJob(job)
      settleIdle()
      return true
    },

    cancelAll() {
      const forgotten = [...jobs.values()]
      for (const job of forgotten) dequeue(job)
      for (const job of forgotten) if (job.state === 'running') job.controller?.abort()
      for (const job of forgotten) if (job.timer !== null) clearTimeout(job.timer)
      jobs.clear()
      batches.clear()
      latestJob.clear()
      queue.length = 0
      const cleanup = Promise.all([signOutCleanup, removePartFiles(forgotten)]).then(
        () => undefined,
      )
      signOutCleanup = cleanup
      settleIdle()
      return cleanup
    },

    retry(jobId) {
      const job = jobs.get(jobId)
      if (job === undefined || (job.state !== 'failed' && job.state !== 'cancelled')) return false
      if (activeJobFor(job.doc.documentId)) return false
      // An older job of a letter saved again since: its part file belongs to the newer one.
      if (latestJob.get(job.doc.documentId) !== job) job.resume = null
      latestJob.set(job.doc.documentId, job)
      update(job, () => {
        job.state = 'queued'
        job.bytes = job.resume?.bytes ?? 0
      })
      job.error = null
      queue.push(job.id)
      emit(job, true)
      pump()
      return true
    },

    jobs() {
      return [...jobs.values()].map(snapshot)
    },

    batch(batchId) {
      return batchSnapshot(batchId)
    },

    batches() {
      return [...batches.keys()].map((id) => batchSnapshot(id) as BatchSnapshot)
    },

    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    async savedFile(documentId) {
      await loaded
      const record = records.get(documentId)
      if (record === undefined) return null
      return { path: record.path, exists: await intactRecord(record) }
    },

    async openable(path) {
      if (typeof path !== 'string' || !isAbsolute(path)) return false
      await loaded
      const wanted = resolve(path)
      for (const record of records.values()) {
        if (record.path === wanted || record.realPath === wanted) return intactRecord(record)
      }
      return false
    },

    async idle() {
      if (running > 0 || queue.length > 0) {
        await new Promise<void>((resolveIdle) => idleWaiters.push(resolveIdle))
      }
      await signOutCleanup
      await loaded
      await recordsWrite
    },
  }
}
