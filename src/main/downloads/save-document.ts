/**
 * "Speichern" for one letter (documents:save): the renderer names only its id;
 * main reads the letter through the gateway (GET /documents/{id}) and queues what
 * the backend answered. The file's name and the size and SHA-256 its bytes are
 * checked against never come from the renderer.
 */
import { Check } from 'typebox/schema'
import { API_BASE_PATH, pathOf } from '../../shared/api/contract.ts'
import type { DocumentToSave } from '../../shared/downloads.ts'
import type { DownloadManager } from './manager.ts'
import {
  DocumentListError,
  listedDocumentSchema,
  PAGE_TIMEOUT_MS,
  toDocumentToSave,
} from './save-all.ts'
import { discardBody } from './read-body.ts'
import type { FetchLike } from './transfer.ts'

/** The backend does not know the letter for this customer (404): nothing to save. */
export class DocumentNotFoundError extends Error {}

/** The letter as the backend describes it, ready to queue. */
export async function readDocumentToSave(
  fetch: FetchLike,
  documentId: string,
): Promise<DocumentToSave> {
  const response = await fetch(API_BASE_PATH + pathOf('GET /documents/{id}', { id: documentId }), {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
  })
  if (response.status !== 200) {
    await discardBody(response)
    const message = `GET /documents/{id} answered ${response.status}`
    throw response.status === 404
      ? new DocumentNotFoundError(message)
      : new DocumentListError(message)
  }
  const body: unknown = await response.json()
  // Another letter than the one asked for is as wrong as no letter.
  if (!Check(listedDocumentSchema, body) || body.id !== documentId) {
    throw new DocumentListError('GET /documents/{id} answered something that is not the letter')
  }
  return toDocumentToSave(body)
}

/** Queues the letter the backend names under this id (documents:save); answers the job id. */
export async function saveDocument(options: {
  fetch: FetchLike
  manager: Pick<DownloadManager, 'save'>
  documentId: string
}): Promise<{ jobId: string }> {
  const doc = await readDocumentToSave(options.fetch, options.documentId)
  return { jobId: options.manager.save(doc) }
}
