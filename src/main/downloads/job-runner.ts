/**
 * Runs one job of the download manager: picks the folder, runs the transfer with
 * progress, and records the saved file or the failure.
 */
import { realpath, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { API_BASE_PATH, pathOf } from '../../shared/api/contract.ts'
import type { DownloadFolder } from '../../shared/downloads.ts'
import type { JobEvents } from './job-events.ts'
import { partName, partPath, update, type Job } from './job-table.ts'
import type { SaveRecords } from './save-records.ts'
import {
  transfer,
  type FetchLike,
  type TransferFs,
  type TransferOptions,
  type TransferResult,
} from './transfer.ts'

export interface JobRunnerContext {
  fetch: FetchLike
  folder: () => DownloadFolder | string
  now: () => Date
  log: (line: string) => void
  fs?: TransferFs
  wholeMaxBytes?: number
  idleTimeoutMs?: number
  events: JobEvents
  records: SaveRecords
  /** The part files of the last sign-out's jobs being removed. */
  signOutCleanup: () => Promise<void>
  /** Called once the job's file is under its name, before its folder sync is done. */
  onLinked?: () => void
}

/** What the transfer of the job needs; progress updates the job and goes out throttled. */
function transferOptions(
  job: Job,
  context: JobRunnerContext,
  target: { folder: string; isDefault: boolean },
  signal: AbortSignal,
): TransferOptions {
  return {
    fetch: context.fetch,
    path: API_BASE_PATH + pathOf('GET /documents/{id}/content', { id: job.doc.documentId }),
    sha256: job.doc.sha256,
    folder: target.folder,
    createFolder: target.isDefault,
    fileName: job.fileName,
    partName: partName(job),
    resume: job.resume,
    sizeBytes: job.doc.sizeBytes,
    signal,
    idleTimeoutMs: context.idleTimeoutMs,
    fs: context.fs,
    wholeMaxBytes: context.wholeMaxBytes,
    onLinked: context.onLinked,
    onProgress: (bytes, total) => {
      update(job, () => {
        job.bytes = bytes
        if (total !== null) job.total = total
      })
      context.events.emit(job, false)
    },
  }
}

/** Records the saved file and marks the job done. */
function markDone(
  job: Job,
  context: JobRunnerContext,
  folder: string,
  result: Extract<TransferResult, { ok: true }>,
  realPath: string,
): void {
  context.records.set(job.doc.documentId, {
    path: result.path,
    realPath,
    folder,
    sha256: job.doc.sha256.toLowerCase(),
    savedAt: context.now().toISOString(),
  })
  update(job, () => {
    job.state = 'done'
    job.bytes = result.bytes
    job.total = result.bytes
  })
  job.fileName = result.fileName
  job.path = result.path
  job.resume = null
}

function markFailed(
  job: Job,
  context: JobRunnerContext,
  result: Extract<TransferResult, { ok: false }>,
): void {
  update(job, () => {
    job.state = result.error === 'cancelled' ? 'cancelled' : 'failed'
  })
  job.error = result.error
  job.resume = result.resume
  if (result.error !== 'cancelled') context.log(`downloads: a transfer failed: ${result.error}`)
}

/** The saved file's path with symlinks resolved (as written when that fails). */
async function realPathOf(
  result: Extract<TransferResult, { ok: true }>,
  realFolder: Promise<string | null>,
): Promise<string> {
  const folder = await realFolder
  if (folder !== null) return join(folder, result.fileName)
  // The folder was made by this transfer (the default one, on first need).
  try {
    return await realpath(result.path)
  } catch {
    // Keep the path as written; openable() then compares against it.
    return result.path
  }
}

export async function runJob(job: Job, context: JobRunnerContext): Promise<void> {
  update(job, () => {
    job.state = 'running'
  })
  job.error = null
  // Before the first wait, so that a cancel meanwhile reaches the transfer.
  const controller = new AbortController()
  job.controller = controller
  // The previous customer's part files go first: one of them may have this letter's name.
  await context.signOutCleanup()
  const configured = context.folder()
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
  context.events.emit(job, true)
  // The folder's real path, found while the letter is on its way (not after it, in the
  // slot of the next): the saved file's is that plus its name, the hard link just made.
  const realFolder = realpath(folder).then(
    (path) => path,
    () => null,
  )
  let result: TransferResult
  try {
    result = await transfer(transferOptions(job, context, target, controller.signal))
  } catch (error) {
    context.log(`downloads: transfer failed unexpectedly: ${String(error)}`)
    result = { ok: false, error: 'failed', message: String(error), resume: null }
  }
  job.controller = null
  if (result.ok) {
    await context.records.loaded
    markDone(job, context, folder, result, await realPathOf(result, realFolder))
  } else {
    markFailed(job, context, result)
  }
  context.events.emit(job, true)
}
