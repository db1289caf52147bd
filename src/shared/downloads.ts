/**
 * What the renderer and main share about saving letters to disk: the letter main
 * queues, the snapshots of the download queue that main pushes, and the failure
 * codes the renderer turns into texts. The logic lives in src/main/downloads/.
 */

/**
 * A letter as main queues it for saving, built from the API's answer
 * (GET /documents/{id} or a page of GET /documents); the renderer names only the id.
 */
export interface DocumentToSave {
  documentId: string
  title: string
  /** YYYY-MM-DD: the day the letter is dated, first in the file name. */
  date: string
  sha256: string
  sizeBytes: number
}

export type TransferErrorCode =
  | 'digest_mismatch'
  | 'disk_full'
  | 'folder_not_writable'
  | 'connection_lost'
  | 'server_error'
  | 'not_found'
  | 'unauthenticated'
  | 'cancelled'
  | 'failed'

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

export interface JobSnapshot {
  id: string
  documentId: string
  batchId: string | null
  /** The planned name; once done, the name actually taken ("… (2).pdf"). */
  fileName: string
  state: JobState
  bytes: number
  total: number
  error: TransferErrorCode | null
  /** Where the file was saved, once done. */
  path: string | null
}

export interface BatchSnapshot {
  id: string
  jobs: number
  done: number
  failed: number
  cancelled: number
  bytes: number
  total: number
  /** No job of the batch is queued or running any more. */
  finished: boolean
}

/** Pushed on every state change, and at most every 100 ms per job for progress. */
export interface DownloadEvent {
  job: JobSnapshot
  batch: BatchSnapshot | null
}

/** Whether a letter has been saved, as the postbox list shows it. */
export interface SavedFileInfo {
  documentId: string
  fileName: string
  /** false when the file has been deleted, moved or replaced since it was saved. */
  exists: boolean
}

/** The folder letters are saved to. */
export interface DownloadFolder {
  folder: string
  /** true: the default (Downloads/My MINI Finance), not one the customer chose. */
  isDefault: boolean
}
