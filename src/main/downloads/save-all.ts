/**
 * "Download all" for a filter of the postbox: main reads the list itself (the
 * renderer names only the filter, never the letters' digests or sizes), page by
 * page through the gateway, and queues every letter as one batch.
 */
import {
  DOCUMENTS_PAGE_MAX,
  type DocumentFilter,
  type DocumentSummary,
} from '../../shared/api/documents.ts'
import { viennaDay } from '../../shared/dates.ts'
import type { DocumentToSave } from '../../shared/downloads.ts'
import type { DownloadManager } from './manager.ts'
import { discardBody, type FetchLike } from './transfer.ts'

/** A postbox far larger than any customer's: a server that never ends its pages is stopped here. */
export const SAVE_ALL_MAX_PAGES = 1_000
const PAGE_TIMEOUT_MS = 30_000
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,128}$/
const SHA256_HEX = /^[0-9a-f]{64}$/

/** The list could not be read; the message is for the log, never for the renderer. */
export class DocumentListError extends Error {}

/** The query of one page of GET /documents for the filter. */
export function documentListPath(filter: DocumentFilter, cursor: string | null): string {
  const query = new URLSearchParams()
  if (filter.contractId !== undefined) query.set('contractId', filter.contractId)
  if (filter.category !== undefined) query.set('category', filter.category)
  if (filter.unread !== undefined) query.set('unread', String(filter.unread))
  if (filter.year !== undefined) query.set('year', String(filter.year))
  if (filter.q !== undefined) query.set('q', filter.q)
  query.set('limit', String(DOCUMENTS_PAGE_MAX))
  if (cursor !== null) query.set('cursor', cursor)
  return `/api/v1/documents?${query.toString()}`
}

/** A list item as a letter to save: dated by the Vienna calendar day it was created. */
export function toDocumentToSave(item: DocumentSummary): DocumentToSave {
  const created = new Date(item.createdAt)
  if (Number.isNaN(created.getTime())) throw new DocumentListError('an item has no valid createdAt')
  return {
    documentId: item.id,
    title: item.title,
    date: viennaDay(created),
    sha256: item.sha256,
    sizeBytes: item.sizeBytes,
  }
}

function checkItem(value: unknown): DocumentSummary {
  const item = value as Partial<DocumentSummary> | null
  if (
    typeof item !== 'object' ||
    item === null ||
    typeof item.id !== 'string' ||
    !DOCUMENT_ID.test(item.id) ||
    typeof item.title !== 'string' ||
    typeof item.createdAt !== 'string' ||
    typeof item.sha256 !== 'string' ||
    !SHA256_HEX.test(item.sha256) ||
    typeof item.sizeBytes !== 'number' ||
    !Number.isSafeInteger(item.sizeBytes) ||
    item.sizeBytes < 0
  ) {
    throw new DocumentListError('the list holds an item that is not a document')
  }
  return item as DocumentSummary
}

/** Every letter the filter lists, newest first, each once. */
export async function listDocumentsToSave(
  fetch: FetchLike,
  filter: DocumentFilter,
): Promise<DocumentToSave[]> {
  const out = new Map<string, DocumentToSave>()
  const cursors = new Set<string>()
  let cursor: string | null = null
  for (let page = 0; page < SAVE_ALL_MAX_PAGES; page++) {
    const response = await fetch(documentListPath(filter, cursor), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
    })
    if (response.status !== 200) {
      await discardBody(response)
      throw new DocumentListError(`GET /documents answered ${response.status}`)
    }
    const body = (await response.json()) as { items?: unknown; nextCursor?: unknown } | null
    if (typeof body !== 'object' || body === null || !Array.isArray(body.items)) {
      throw new DocumentListError('GET /documents answered without items')
    }
    for (const value of body.items) {
      const doc = toDocumentToSave(checkItem(value))
      if (!out.has(doc.documentId)) out.set(doc.documentId, doc)
    }
    const next = body.nextCursor
    if (next === null) return [...out.values()]
    if (typeof next !== 'string' || next === '' || cursors.has(next)) {
      throw new DocumentListError('GET /documents answered an unusable cursor')
    }
    cursors.add(next)
    cursor = next
  }
  throw new DocumentListError(`GET /documents did not end within ${SAVE_ALL_MAX_PAGES} pages`)
}

/** Queues every letter of the filter as one batch (documents:saveAll). */
export async function saveAllForFilter(options: {
  fetch: FetchLike
  manager: Pick<DownloadManager, 'saveAll'>
  filter: DocumentFilter
}): Promise<{ batchId: string; count: number }> {
  const docs = await listDocumentsToSave(options.fetch, options.filter)
  return { batchId: options.manager.saveAll(docs), count: docs.length }
}
