/**
 * Saving customers' PDF letters to disk, in plain Node (no Electron import, so it
 * is tested on Node; main wires it to IPC and to shell.openPath).
 *
 * Design: a transfer writes to a hidden part file in the target folder, hashes
 * while streaming, checks the SHA-256 against both the list and `Repr-Digest`,
 * fsyncs and links the file under a fresh name (never replacing one), so a
 * crash, a lost connection or wrong bytes never leave a file under the final
 * name; a lost connection resumes with Range + If-Range. The manager queues
 * transfers (3 at once), reports throttled progress, and records what it saved
 * where (an atomically written JSON file): only such files may be opened.
 * "Speichern" reads the letter named by its id (GET /documents/{id}), "download
 * all" the filtered list, through the same gateway: what is saved and the digest
 * it is checked against come from the API, never from the renderer.
 */
export {
  documentFileName,
  isInside,
  isReservedDeviceName,
  MAX_NAME_BYTES,
  partFileName,
  uniqueName,
} from './file-names.ts'
export {
  reprDigestSha256,
  transfer,
  type FetchLike,
  type ResumeState,
  type TransferErrorCode,
  type TransferFs,
  type TransferOptions,
  type TransferResult,
} from './transfer.ts'
export {
  createDownloadManager,
  type BatchSnapshot,
  type DocumentToSave,
  type DownloadEvent,
  type DownloadManager,
  type DownloadManagerOptions,
  type JobSnapshot,
  type JobState,
  type SavedFile,
} from './manager.ts'
export {
  documentListPath,
  DocumentListError,
  listDocumentsToSave,
  saveAllForFilter,
  toDocumentToSave,
} from './save-all.ts'
export { DocumentNotFoundError, readDocumentToSave, saveDocument } from './save-document.ts'
export { gatewayFetch } from './gateway-fetch.ts'
