/**
 * Correspondence (api.md "Correspondence"): the postbox list with its filters,
 * "read", the PDF bytes for the in-app preview, and "send to my e-mail" (kiosk).
 * Answers are checked before anyone relies on them; document ids become part of
 * a path only when they look like ids.
 */
import axios from 'axios'
import { pathOf } from '../../../shared/api/contract.ts'
import {
  DOCUMENT_ID_PATTERN,
  DOCUMENT_SEARCH_MAX,
  type DocumentFilter,
  type DocumentListAnswer,
  type DocumentListQuery,
  type DocumentSummary,
} from '../../../shared/api/documents.ts'
import type { Params } from '../../../shared/api/routes.ts'
import { call } from './call.ts'
import { API_BASE_URL } from './client.ts'
import { unexpected } from './shape.ts'

/** One page of the list, with the customer's unread count (for the navigation's badge). */
export type DocumentListPage = DocumentListAnswer

export interface ListDocumentsRequest {
  filter: DocumentFilter
  cursor?: string | null
  limit?: number
}

const documentId = new RegExp(DOCUMENT_ID_PATTERN)

/** Whether `value` may name a document (or a contract) in a path or a query. */
export function isDocumentId(value: unknown): value is string {
  return typeof value === 'string' && documentId.test(value)
}

/** The query of GET /documents: only the filters that are set (`unread` only when true). */
export function documentQuery(request: ListDocumentsRequest): DocumentListQuery {
  const { filter, cursor, limit } = request
  const query: DocumentListQuery = {}
  if (filter.contractId !== undefined) query.contractId = filter.contractId
  if (filter.category !== undefined) query.category = filter.category
  if (filter.unread === true) query.unread = 'true'
  if (filter.year !== undefined) query.year = String(filter.year)
  const q = filter.q?.trim().slice(0, DOCUMENT_SEARCH_MAX)
  if (q) query.q = q
  if (cursor) query.cursor = cursor
  if (limit !== undefined) query.limit = String(limit)
  return query
}

/** GET /documents: one page, newest first. */
export async function listDocuments(request: ListDocumentsRequest): Promise<DocumentListPage> {
  const { items, nextCursor, unreadCount } = await call('GET /documents', {
    query: documentQuery(request),
  })
  return { items, nextCursor, unreadCount }
}

/** The path of a document's PDF below /api/v1. */
function contentPath(id: string): string {
  return pathOf('GET /documents/{id}/content', { id })
}

/** GET /documents/{id}: one letter as an item of the list (a notification opens it). */
export async function getDocument(id: string): Promise<DocumentSummary> {
  return call('GET /documents/{id}', { params: { id } })
}

/** POST /documents/{id}/read (204). */
export async function markDocumentRead(id: string): Promise<void> {
  await call('POST /documents/{id}/read', { params: { id } })
}

/** GET /documents/{id}/content as bytes, for the preview (and its print view). */
export async function getDocumentContent(id: string): Promise<ArrayBuffer> {
  return getBytes('GET /documents/{id}/content', { id }, 'application/pdf')
}

/** The routes whose answer is bytes. */
export type BinaryRoute = 'GET /documents/{id}/content' | 'GET /dev/outbox/{id}/attachments/{n}'

/**
 * GETs a binary route's bytes (a PDF, an attachment of the demo outbox). An error
 * answer arrives as bytes too: its JSON is read back so that api/errors.ts can
 * name the code.
 */
export async function getBytes<K extends BinaryRoute>(
  key: K,
  params: Params<K>,
  accept: string,
): Promise<ArrayBuffer> {
  try {
    const data: unknown = await call<BinaryRoute>(
      key,
      { params },
      { responseType: 'arraybuffer', headers: { Accept: accept } },
    )
    if (!isArrayBuffer(data)) throw unexpected(key)
    return data
  } catch (error) {
    if (axios.isAxiosError(error) && error.response && isArrayBuffer(error.response.data)) {
      error.response.data = parseErrorBody(error.response.data)
    }
    throw error
  }
}

/** What "send to my e-mail" answers: the registered address, masked (`a***.h***@example.at`). */
export interface DocumentEmailed {
  to: string
}

/**
 * POST /documents/{id}/email (no body): the server mails the PDF to the account's
 * registered address, which the app never names. Errors (429 rate_limited with
 * Retry-After, 404) go through api/errors.ts like any other.
 */
export async function emailDocument(id: string): Promise<DocumentEmailed> {
  const { to } = await call('POST /documents/{id}/email', { params: { id } })
  return { to }
}

/** Also for a buffer from another realm (a worker, a test's environment), where instanceof fails. */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]'
}

function parseErrorBody(bytes: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch {
    return null // not JSON (a proxy's page): api/errors.ts calls it unexpected
  }
}

/** The same-origin URL of a document's PDF: the web preview's plain browser download. */
export function documentContentUrl(id: string): string {
  return `${API_BASE_URL}${contentPath(id)}`
}
