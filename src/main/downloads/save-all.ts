/**
 * "Download all" for a filter of the postbox: main reads the list itself (the
 * renderer names only the filter, never the letters' digests or sizes), page by
 * page through the gateway, and queues every letter as one batch.
 */
import { Type } from 'typebox'
import { Check } from 'typebox/schema'
import { API_BASE_PATH, pathOf } from '../../shared/api/contract.ts'
import {
  documentListAnswerSchema,
  DOCUMENTS_PAGE_MAX,
  documentSummarySchema,
  type DocumentFilter,
  type DocumentListQuery,
  type DocumentSummary,
} from '../../shared/api/documents.ts'
import { viennaDay } from '../../shared/dates.ts'
import type { DocumentToSave } from '../../shared/downloads.ts'
import type { DownloadManager } from './manager.ts'
import { discardBody } from './read-body.ts'
import type { FetchLike } from './transfer.ts'

/** A postbox far larger than any customer's: a server that never ends its pages is stopped here. */
export const SAVE_ALL_MAX_PAGES = 1_000
/** How long one answer of the list (or of one letter) may take. */
export const PAGE_TIMEOUT_MS = 30_000

/** What main relies on of an item: the contract's schemas of these, other properties as they come. */
type ListedDocument = Pick<DocumentSummary, 'id' | 'title' | 'createdAt' | 'sha256' | 'sizeBytes'>
const { id, title, createdAt, sha256, sizeBytes } = documentSummarySchema.properties
/** An item of GET /documents, or GET /documents/{id}, as far as main reads it (a tolerant reader). */
export const listedDocumentSchema = Type.Object({ id, title, createdAt, sha256, sizeBytes })
/** A page of GET /documents as far as main reads it (a tolerant reader: more properties may come). */
const pageSchema = Type.Object({
  items: Type.Array(listedDocumentSchema, { maxItems: DOCUMENTS_PAGE_MAX }),
  nextCursor: documentListAnswerSchema.properties.nextCursor,
})

/** The list (or one letter of it) could not be read; the message is for the log, never for the renderer. */
export class DocumentListError extends Error {}

/** The query of one page of GET /documents for the filter. */
export function documentListPath(filter: DocumentFilter, cursor: string | null): string {
  const query: DocumentListQuery = {}
  if (filter.contractId !== undefined) query.contractId = filter.contractId
  if (filter.category !== undefined) query.category = filter.category
  if (filter.unread !== undefined) query.unread = filter.unread ? 'true' : 'false'
  if (filter.year !== undefined) query.year = String(filter.year)
  if (filter.q !== undefined) query.q = filter.q
  query.limit = String(DOCUMENTS_PAGE_MAX)
  if (cursor !== null) query.cursor = cursor
  return `${API_BASE_PATH}${pathOf('GET /documents')}?${new URLSearchParams(query).toString()}`
}

/** A list item as a letter to save: dated by the Vienna calendar day it was created. */
export function toDocumentToSave(item: ListedDocument): DocumentToSave {
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
    const body: unknown = await response.json()
    if (!Check(pageSchema, body)) {
      throw new DocumentListError('GET /documents answered a page that is not one of documents')
    }
    for (const item of body.items) {
      const doc = toDocumentToSave(item)
      if (!out.has(doc.documentId)) out.set(doc.documentId, doc)
    }
    const next = body.nextCursor
    if (next === null) return [...out.values()]
    if (next === '' || cursors.has(next)) {
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
