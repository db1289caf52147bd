/**
 * The download manager: a queue of transfers (at most `maxConcurrent` at once),
 * batches with one overall progress, throttled change events for the renderer,
 * and a record of what was saved where, kept in a JSON file so that after a
 * restart the app still knows which letters are saved and may be opened.
 *
 * The parts: job-table.ts (the queue and the jobs' state), job-runner.ts (one
 * transfer), job-events.ts (the events to the window), save-records.ts (the record).
 */
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import type {
  BatchSnapshot,
  DocumentToSave,
  DownloadEvent,
  DownloadFolder,
  JobSnapshot,
  JobState,
} from '../../shared/downloads.ts'
import { createJobEvents, type JobEvents } from './job-events.ts'
import { runJob, type JobRunnerContext } from './job-runner.ts'
import {
  addBatch,
  batchSnapshot,
  checkDocument,
  createJobTable,
  dequeue,
  enqueue,
  partPath,
  requeue,
  snapshot,
  type Job,
  type JobTable,
} from './job-table.ts'
import { createSaveRecords, type SavedFile, type SaveRecords } from './save-records.ts'
import type { FetchLike, TransferFs } from './transfer.ts'

export type { BatchSnapshot, DocumentToSave, DownloadEvent, JobSnapshot, JobState, SavedFile }

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
  /** Only for tests: answers up to this size are saved whole (transfer's WHOLE_MAX_BYTES; 0 streams all). */
  wholeMaxBytes?: number
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

/**
 * Removes the part files of jobs forgotten at sign-out, once their transfers have
 * ended (an aborted transfer may still be writing). Failures are logged: nothing
 * the next customer does waits on a disk that refuses.
 */
async function removePartFiles(
  forgotten: readonly Job[],
  log: (line: string) => void,
): Promise<void> {
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

/** The manager's state and parts, shared by the functions below. */
interface Core {
  table: JobTable
  events: JobEvents
  records: SaveRecords
  runner: JobRunnerContext
  log: (line: string) => void
  maxConcurrent: number
  /** Slots taken: transfers running now, up to their file's link. */
  running: number
  /** Jobs not settled yet: those running, and those linked and waiting for their folder sync. */
  active: number
  idleWaiters: (() => void)[]
  /** The part files of the last sign-out's jobs being removed. */
  signOutCleanup: Promise<void>
}

const busy = (core: Core): boolean => core.active > 0 || core.table.queue.length > 0

function createCore(options: DownloadManagerOptions): Core {
  const log = options.log ?? (() => undefined)
  const table = createJobTable()
  const events = createJobEvents(table, log)
  const records = createSaveRecords(options.recordsFile, log, () => busy(core))
  const core: Core = {
    table,
    events,
    records,
    runner: {
      fetch: options.fetch,
      folder: options.folder,
      now: options.now ?? (() => new Date()),
      log,
      fs: options.fs,
      wholeMaxBytes: options.wholeMaxBytes,
      idleTimeoutMs: options.idleTimeoutMs,
      events,
      records,
      signOutCleanup: () => core.signOutCleanup,
    },
    log,
    maxConcurrent: Math.max(1, options.maxConcurrent ?? 3),
    running: 0,
    active: 0,
    idleWaiters: [],
    signOutCleanup: Promise.resolve(),
  }
  return core
}

function pump(core: Core): void {
  const { jobs, queue } = core.table
  while (core.running < core.maxConcurrent && queue.length > 0) {
    const job = jobs.get(queue.shift() as string)
    if (job?.state !== 'queued') continue
    core.running++
    core.active++
    // The slot is free once the file is linked: the next letter is fetched while this one
    // waits for its folder sync (which then covers both), not after it. At most as many
    // letters wait for a sync as run: beyond that a linked letter keeps its slot, so that
    // the sync (which starts when no transfer is about to link) is not put off for long.
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      core.running--
      pump(core)
    }
    const onLinked = (): void => {
      if (core.active < 2 * core.maxConcurrent) release()
    }
    job.running = runJob(job, { ...core.runner, onLinked }).finally(() => {
      job.running = null
      core.active--
      release()
      settleIdle(core)
    })
  }
  settleIdle(core)
}

function settleIdle(core: Core): void {
  if (busy(core)) return
  core.records.wake()
  for (const resolveIdle of core.idleWaiters.splice(0)) resolveIdle()
}

function cancelJob(core: Core, job: Job): boolean {
  if (job.state === 'running') {
    job.controller?.abort()
    return true
  }
  if (!dequeue(core.table, job)) return false
  core.events.emit(job, true)
  settleIdle(core)
  return true
}

function saveAll(core: Core, docs: readonly DocumentToSave[]): string {
  for (const doc of docs) checkDocument(doc)
  const batchId = randomUUID()
  const ids = new Set<string>()
  const created: Job[] = []
  for (const doc of docs) {
    const result = enqueue(core.table, doc, batchId)
    ids.add(result.job.id)
    if (result.created) created.push(result.job)
  }
  addBatch(core.table, batchId, [...ids])
  // One snapshot for the whole burst of "queued" events (thousands of letters).
  const batch = batchSnapshot(core.table, batchId)
  for (const job of created) core.events.emit(job, true, batch)
  pump(core)
  return batchId
}

function cancelBatch(core: Core, batchId: string): boolean {
  const { jobs, batches } = core.table
  const tally = batches.get(batchId)
  if (tally === undefined) return false
  const members = tally.jobIds.map((id) => jobs.get(id)).filter((job) => job !== undefined)
  // Queued ones first: a slot freed by a cancelled running job must not start one of them.
  const dequeued = members.filter((job) => dequeue(core.table, job))
  const batch = batchSnapshot(core.table, batchId)
  for (const job of dequeued) core.events.emit(job, true, batch)
  for (const job of members) if (job.state === 'running') cancelJob(core, job)
  settleIdle(core)
  return true
}

function cancelAll(core: Core): Promise<void> {
  const { table } = core
  const forgotten = [...table.jobs.values()]
  for (const job of forgotten) dequeue(table, job)
  for (const job of forgotten) if (job.state === 'running') job.controller?.abort()
  for (const job of forgotten) if (job.timer !== null) clearTimeout(job.timer)
  table.jobs.clear()
  table.batches.clear()
  table.latestJob.clear()
  table.queue.length = 0
  const cleanup = Promise.all([core.signOutCleanup, removePartFiles(forgotten, core.log)]).then(
    () => undefined,
  )
  core.signOutCleanup = cleanup
  settleIdle(core)
  return cleanup
}

function retry(core: Core, jobId: string): boolean {
  const job = core.table.jobs.get(jobId)
  if (job === undefined || !requeue(core.table, job)) return false
  core.events.emit(job, true)
  pump(core)
  return true
}

export function createDownloadManager(options: DownloadManagerOptions): DownloadManager {
  const core = createCore(options)
  const { table, records } = core
  return {
    save(doc) {
      const { job, created } = enqueue(table, doc, null)
      if (created) core.events.emit(job, true)
      pump(core)
      return job.id
    },
    saveAll: (docs) => saveAll(core, docs),
    cancel(jobId) {
      const job = table.jobs.get(jobId)
      return job === undefined ? false : cancelJob(core, job)
    },
    cancelBatch: (batchId) => cancelBatch(core, batchId),
    cancelAll: () => cancelAll(core),
    retry: (jobId) => retry(core, jobId),
    jobs: () => [...table.jobs.values()].map(snapshot),
    batch: (batchId) => batchSnapshot(table, batchId),
    batches: () => [...table.batches.keys()].map((id) => batchSnapshot(table, id) as BatchSnapshot),
    onChange: core.events.onChange,
    savedFile: records.savedFile,
    openable: records.openable,
    async idle() {
      if (busy(core)) {
        await new Promise<void>((resolveIdle) => core.idleWaiters.push(resolveIdle))
      }
      await core.signOutCleanup
      await records.loaded
      await records.writing()
    },
  }
}
