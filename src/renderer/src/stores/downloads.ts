/**
 * Saving letters. In the desktop app main saves them into the download folder
 * (a queue with progress, followed through `documents:changed`); this store keeps
 * the jobs and batches by id, which letters are saved, and the folder. In the web
 * preview "save" is the browser's own download of the letter's URL; in kiosk
 * mode (a shared terminal) nothing is saved at all.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowReactive } from 'vue'
import type { DocumentFilter, DocumentSummary } from '../../../shared/api/documents.ts'
import type {
  BatchSnapshot,
  DownloadEvent,
  DownloadFolder,
  JobSnapshot,
  JobState,
  SavedFileInfo,
  TransferErrorCode,
} from '../../../shared/downloads.ts'
import { documentContentUrl } from '../api/documents.ts'
import { isInteger, isRecord, oneOf } from '../api/shape.ts'
import { canSaveToFolder, IpcCallError, savedDocuments } from '../platform/index.ts'
import { useAppStore } from './app.ts'

/** folder: main saves into the download folder; browser: the web preview's download; none: kiosk. */
export type SaveMode = 'folder' | 'browser' | 'none'

/** The text of every transfer failure (the record makes a new code a type error here). */
export const TRANSFER_ERROR_KEYS = {
  digest_mismatch: 'downloads.errors.digest_mismatch',
  disk_full: 'downloads.errors.disk_full',
  folder_not_writable: 'downloads.errors.folder_not_writable',
  connection_lost: 'downloads.errors.connection_lost',
  server_error: 'downloads.errors.server_error',
  not_found: 'downloads.errors.not_found',
  unauthenticated: 'downloads.errors.unauthenticated',
  cancelled: 'downloads.errors.cancelled',
  failed: 'downloads.errors.failed',
} as const satisfies Record<TransferErrorCode, string>

const TRANSFER_ERROR_CODES = Object.keys(TRANSFER_ERROR_KEYS) as TransferErrorCode[]
const JOB_STATES = [
  'queued',
  'running',
  'done',
  'failed',
  'cancelled',
] as const satisfies JobState[]

const isCount = (value: unknown): value is number => isInteger(value) && value >= 0
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string'

function isJob(value: unknown): value is JobSnapshot {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.documentId === 'string' &&
    isNullableString(value.batchId) &&
    typeof value.fileName === 'string' &&
    oneOf(JOB_STATES, value.state) &&
    isCount(value.bytes) &&
    isCount(value.total) &&
    (value.error === null || oneOf(TRANSFER_ERROR_CODES, value.error)) &&
    isNullableString(value.path)
  )
}

function isBatch(value: unknown): value is BatchSnapshot {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    isCount(value.jobs) &&
    isCount(value.done) &&
    isCount(value.failed) &&
    isCount(value.cancelled) &&
    isCount(value.bytes) &&
    isCount(value.total) &&
    typeof value.finished === 'boolean'
  )
}

/** Checks what main pushes before the page relies on it. */
export function isDownloadEvent(value: unknown): value is DownloadEvent {
  return isRecord(value) && isJob(value.job) && (value.batch === null || isBatch(value.batch))
}

export function isActive(job: JobSnapshot): boolean {
  return job.state === 'queued' || job.state === 'running'
}

/** The text of an action main refused: kiosk mode and a letter the backend does not know have their own. */
function refusalKey(caught: unknown, failureKey: string): string {
  if (!(caught instanceof IpcCallError)) return failureKey
  if (caught.code === 'not_allowed') return 'downloads.notAllowed'
  if (caught.code === 'not_found') return TRANSFER_ERROR_KEYS.not_found
  return failureKey
}

export const useDownloadsStore = defineStore('downloads', () => {
  const app = useAppStore()
  const mode = computed<SaveMode>(() => {
    if (app.kiosk) return 'none'
    return canSaveToFolder() ? 'folder' : 'browser'
  })

  // Snapshots are replaced whole on every event: shallow collections are enough.
  const jobs = shallowReactive(new Map<string, JobSnapshot>())
  const latestJob = shallowReactive(new Map<string, string>())
  const batches = shallowReactive(new Map<string, BatchSnapshot>())
  /** documentId → its saved file, or null: asked, never saved. Absent: not asked yet. */
  const saved = shallowReactive(new Map<string, SavedFileInfo | null>())
  const currentBatchId = ref<string | null>(null)
  const folder = ref<DownloadFolder | null>(null)
  /** i18n key of the last action that did not work, or null. */
  const actionError = ref<string | null>(null)

  const jobList = computed(() => [...jobs.values()].reverse())
  const activeCount = computed(() => jobList.value.filter(isActive).length)
  const currentBatch = computed(() =>
    currentBatchId.value === null ? null : (batches.get(currentBatchId.value) ?? null),
  )

  let unsubscribe: (() => void) | null = null
  let users = 0
  /** Jobs and batches an event told about while the snapshot was on its way (they are newer). */
  let touched: Set<string> | null = null
  const asking = new Set<string>()

  function applyJob(job: JobSnapshot): void {
    const isNew = !jobs.has(job.id)
    jobs.set(job.id, job)
    if (isNew || !latestJob.has(job.documentId)) latestJob.set(job.documentId, job.id)
    if (job.state === 'done') {
      saved.set(job.documentId, {
        documentId: job.documentId,
        fileName: job.fileName,
        exists: true,
      })
    }
  }

  function onEvent(payload: unknown): void {
    if (!isDownloadEvent(payload)) {
      console.warn('Ignored a download event of an unexpected shape.')
      return
    }
    applyJob(payload.job)
    touched?.add(payload.job.id)
    if (payload.batch) {
      batches.set(payload.batch.id, payload.batch)
      touched?.add(payload.batch.id)
    }
  }

  async function loadQueue(): Promise<void> {
    touched = new Set()
    try {
      const snapshot = await savedDocuments.downloads()
      for (const job of snapshot.jobs) if (isJob(job) && !touched.has(job.id)) applyJob(job)
      for (const batch of snapshot.batches)
        if (isBatch(batch) && !touched.has(batch.id)) batches.set(batch.id, batch)
    } catch (caught) {
      console.warn('The download queue could not be loaded:', caught)
    } finally {
      touched = null
    }
  }

  async function loadFolder(): Promise<void> {
    try {
      folder.value = await savedDocuments.folder()
    } catch (caught) {
      console.warn('The download folder could not be read:', caught)
    }
  }

  /** Follows the download queue while a page shows it (desktop app); pair with stop(). */
  async function start(): Promise<void> {
    if (mode.value !== 'folder') return
    users++
    if (users > 1) return
    unsubscribe = savedDocuments.onChanged(onEvent)
    await Promise.all([loadQueue(), loadFolder()])
  }

  /** Stops following the queue once no page shows it; the saved state is asked afresh next time. */
  function stop(): void {
    if (users === 0) return
    users--
    if (users > 0) return
    unsubscribe?.()
    unsubscribe = null
    saved.clear()
  }

  /** Asks main which of these letters are saved (only those not asked yet, unless `force`). */
  async function checkSaved(documentIds: readonly string[], force = false): Promise<void> {
    if (mode.value !== 'folder') return
    const ids = documentIds.filter((id) => !asking.has(id) && (force || !saved.has(id)))
    if (ids.length === 0) return
    ids.forEach((id) => asking.add(id))
    try {
      const files = new Map((await savedDocuments.savedFiles(ids)).map((f) => [f.documentId, f]))
      for (const id of ids) saved.set(id, files.get(id) ?? null)
    } catch (caught) {
      console.warn('Could not ask which letters are saved:', caught)
    } finally {
      ids.forEach((id) => asking.delete(id))
    }
  }

  /** Runs an IPC action; a refusal becomes the text `failureKey` (kiosk: "not allowed"; no such letter). */
  async function run<T>(failureKey: string, action: () => Promise<T>): Promise<T | null> {
    actionError.value = null
    try {
      return await action()
    } catch (caught) {
      console.warn(`${failureKey}:`, caught)
      actionError.value = refusalKey(caught, failureKey)
      return null
    }
  }

  /**
   * Queues a letter for saving (desktop app). Main is told only its id: it reads
   * the title, size and digest from the API itself.
   */
  async function save(doc: DocumentSummary): Promise<void> {
    if (mode.value !== 'folder') return
    const jobId = await run('downloads.saveFailed', () => savedDocuments.save(doc.id))
    if (jobId === null || jobs.has(jobId)) return
    // Until main's first event: queued, under the title.
    applyJob({
      id: jobId,
      documentId: doc.id,
      batchId: null,
      fileName: `${doc.title.trim() || doc.category}.pdf`,
      state: 'queued',
      bytes: 0,
      total: doc.sizeBytes,
      error: null,
      path: null,
    })
  }

  /** Saves every letter of the filter as one batch; resolves to how many (null: it failed). */
  async function saveAll(filter: DocumentFilter): Promise<number | null> {
    if (mode.value !== 'folder') return null
    const started = await run('downloads.saveAllFailed', () => savedDocuments.saveAll(filter))
    if (started === null) return null
    currentBatchId.value = started.batchId
    if (!batches.has(started.batchId)) {
      batches.set(started.batchId, {
        id: started.batchId,
        jobs: started.count,
        done: 0,
        failed: 0,
        cancelled: 0,
        bytes: 0,
        total: 0,
        finished: started.count === 0,
      })
    }
    return started.count
  }

  async function cancel(jobId: string): Promise<void> {
    await run('downloads.cancelFailed', () => savedDocuments.cancel(jobId))
  }

  async function cancelBatch(batchId: string): Promise<void> {
    await run('downloads.cancelFailed', () => savedDocuments.cancelBatch(batchId))
  }

  async function retry(jobId: string): Promise<void> {
    await run('downloads.retryFailed', () => savedDocuments.retry(jobId))
  }

  /** Hides the overall progress of "save all" once the customer has seen it. */
  function dismissBatch(): void {
    currentBatchId.value = null
  }

  /** Opens a saved letter, or shows it in the file manager; a file gone is noticed. */
  async function reveal(documentId: string, how: 'open' | 'showInFolder'): Promise<void> {
    const opened = await run('downloads.openFailed', () => savedDocuments[how](documentId))
    if (opened === false) {
      actionError.value = 'downloads.openFailed'
      await checkSaved([documentId], true)
    }
  }

  const open = (documentId: string) => reveal(documentId, 'open')
  const showInFolder = (documentId: string) => reveal(documentId, 'showInFolder')

  /** The system's folder picker; the folder stays when the customer cancels. */
  async function chooseFolder(): Promise<void> {
    const chosen = await run('downloads.folderFailed', () => savedDocuments.chooseFolder())
    if (chosen) folder.value = chosen
  }

  async function resetFolder(): Promise<void> {
    const reset = await run('downloads.folderFailed', () => savedDocuments.resetFolder())
    if (reset) folder.value = reset
  }

  /** The letter's newest job, if it was saved (or tried) in this session. */
  function jobFor(documentId: string): JobSnapshot | null {
    const id = latestJob.get(documentId)
    return id === undefined ? null : (jobs.get(id) ?? null)
  }

  /** The saved file of a letter: info, null (not saved) or undefined (not known yet). */
  function savedFor(documentId: string): SavedFileInfo | null | undefined {
    return saved.get(documentId)
  }

  /** The URL the web preview's download link points to. */
  function browserUrl(documentId: string): string {
    return documentContentUrl(documentId)
  }

  return {
    mode,
    jobs,
    batches,
    saved,
    currentBatchId,
    currentBatch,
    folder,
    actionError,
    jobList,
    activeCount,
    start,
    stop,
    checkSaved,
    save,
    saveAll,
    cancel,
    cancelBatch,
    retry,
    dismissBatch,
    open,
    showInFolder,
    chooseFolder,
    resetFolder,
    jobFor,
    savedFor,
    browserUrl,
  }
})
