/**
 * The download manager's change events for the window: state changes go out at
 * once, progress at most every 100 ms per job.
 */
import type { BatchSnapshot, DownloadEvent } from '../../shared/downloads.ts'
import { batchSnapshot, snapshot, type Job, type JobTable } from './job-table.ts'

export interface JobEvents {
  onChange(listener: (event: DownloadEvent) => void): () => void
  /**
   * State changes go out at once; progress at most every 100 ms per job, the latest
   * value last. `batch` is given when many jobs of one batch change together.
   */
  emit(job: Job, stateChange: boolean, batch?: BatchSnapshot | null): void
}

const PROGRESS_INTERVAL_MS = 100

export function createJobEvents(table: JobTable, log: (line: string) => void): JobEvents {
  const listeners = new Set<(event: DownloadEvent) => void>()

  function send(event: DownloadEvent): void {
    for (const listener of listeners) {
      try {
        listener(event)
      } catch (error) {
        log(`downloads: a change listener failed: ${String(error)}`)
      }
    }
  }

  function emit(job: Job, stateChange: boolean, batch?: BatchSnapshot | null): void {
    // A job forgotten at sign-out reports nothing more.
    if (table.jobs.get(job.id) !== job) return
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
      batch: batch !== undefined ? batch : job.batchId ? batchSnapshot(table, job.batchId) : null,
    })
  }

  return {
    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    emit,
  }
}
