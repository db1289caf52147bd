/**
 * The download manager's queue and state: the jobs, the batches with their
 * counts, the newest job per letter and the queue of job ids. Plain data and
 * small functions on it; the manager decides when they run.
 */
import { createHash, randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DOCUMENT_ID_PATTERN, SHA256_PATTERN } from '../../shared/api/documents.ts'
import type { BatchSnapshot, DocumentToSave, JobSnapshot } from '../../shared/downloads.ts'
import { documentFileName, partFileName } from './file-names.ts'
import type { ResumeState } from './transfer.ts'

/** A job as main keeps it: what the window sees (`JobSnapshot`, but the whole letter) and its run. */
export interface Job extends Omit<JobSnapshot, 'documentId'> {
  doc: DocumentToSave
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
export interface BatchTally {
  jobIds: string[]
  done: number
  failed: number
  cancelled: number
  /** Queued or running. */
  unfinished: number
  bytes: number
  total: number
}

export interface JobTable {
  jobs: Map<string, Job>
  batches: Map<string, BatchTally>
  /** The newest job per letter: only it may be active or own a resumable part file. */
  latestJob: Map<string, Job>
  queue: string[]
}

const DOCUMENT_ID = new RegExp(DOCUMENT_ID_PATTERN)
const SHA256_HEX = new RegExp(SHA256_PATTERN)

export function createJobTable(): JobTable {
  return { jobs: new Map(), batches: new Map(), latestJob: new Map(), queue: [] }
}

export function checkDocument(doc: DocumentToSave): void {
  // The id becomes part of the request path: nothing that could climb out of /documents/.
  if (!DOCUMENT_ID.test(doc.documentId)) throw new TypeError('invalid documentId')
  // Either case: the digest is compared in lowercase.
  if (!SHA256_HEX.test(doc.sha256.toLowerCase())) throw new TypeError('invalid sha256')
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

/** The name of the job's part file. */
export function partName(job: Job): string {
  return partFileName(job.fileName, partTag(job.doc.documentId))
}

/** Where the job's part file is; null before its first try. */
export function partPath(job: Job): string | null {
  return job.folder === null ? null : join(job.folder, partName(job))
}

export const isActive = (job: Job): boolean => job.state === 'queued' || job.state === 'running'

export function snapshot(job: Job): JobSnapshot {
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
export function count(job: Job, sign: 1 | -1, tallies: readonly BatchTally[] = job.tallies): void {
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
export function update(job: Job, change: () => void): void {
  count(job, -1)
  change()
  count(job, 1)
}

export function batchSnapshot(table: JobTable, batchId: string): BatchSnapshot | null {
  const tally = table.batches.get(batchId)
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

export function activeJobFor(table: JobTable, documentId: string): Job | undefined {
  const job = table.latestJob.get(documentId)
  return job !== undefined && isActive(job) && table.jobs.get(job.id) === job ? job : undefined
}

function newJob(doc: DocumentToSave, batchId: string | null): Job {
  return {
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
}

/** Adds a queued job (no event: the caller emits); an active job of the letter is answered instead. */
export function enqueue(
  table: JobTable,
  doc: DocumentToSave,
  batchId: string | null,
): { job: Job; created: boolean } {
  checkDocument(doc)
  const active = activeJobFor(table, doc.documentId)
  if (active) return { job: active, created: false }
  // A new try for the same letter uses the same part file: an older job may no longer resume.
  const previous = table.latestJob.get(doc.documentId)
  if (previous) previous.resume = null
  const job = newJob(doc, batchId)
  table.jobs.set(job.id, job)
  table.latestJob.set(doc.documentId, job)
  table.queue.push(job.id)
  return { job, created: true }
}

/** Records a batch of the given jobs, counting what each has done so far. */
export function addBatch(table: JobTable, batchId: string, jobIds: readonly string[]): void {
  const tally: BatchTally = {
    jobIds: [...jobIds],
    done: 0,
    failed: 0,
    cancelled: 0,
    unfinished: 0,
    bytes: 0,
    total: 0,
  }
  for (const id of tally.jobIds) {
    const job = table.jobs.get(id) as Job
    job.tallies.push(tally)
    count(job, 1, [tally])
  }
  table.batches.set(batchId, tally)
}

/** Cancels a queued job without an event (the caller emits); false when it was not queued. */
export function dequeue(table: JobTable, job: Job): boolean {
  if (job.state !== 'queued') return false
  const index = table.queue.indexOf(job.id)
  if (index >= 0) table.queue.splice(index, 1)
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

/** Queues a failed or cancelled job again (no event); false when it may not be retried now. */
export function requeue(table: JobTable, job: Job): boolean {
  if (job.state !== 'failed' && job.state !== 'cancelled') return false
  if (activeJobFor(table, job.doc.documentId)) return false
  // An older job of a letter saved again since: its part file belongs to the newer one.
  if (table.latestJob.get(job.doc.documentId) !== job) job.resume = null
  table.latestJob.set(job.doc.documentId, job)
  update(job, () => {
    job.state = 'queued'
    job.bytes = job.resume?.bytes ?? 0
  })
  job.error = null
  table.queue.push(job.id)
  return true
}
