/**
 * Correspondence (api.md "Correspondence"): the postbox list with its filters,
 * "read", the PDF bytes for the in-app preview, and "send to my e-mail" (kiosk).
 * Answers are checked before anyone relies on them; document ids become part of
 * a path only when they look like ids.
 */
import axios from 'axios'
import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_SEARCH_MAX,
  type DocumentFilter,
  type DocumentPage,
  type DocumentSummary,
} from '../../../shared/api/documents.ts'
import { API_BASE_URL, apiClient } from './client.ts'
import { isInteger, isRecord, oneOf, unexpected } from './shape.ts'

/** The ids the API hands out (and the IPC contract accepts): nothing that could leave /documents/. */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/

/** One page of the list, with the customer's unread count (for the navigation's badge). */
export interface DocumentListPage extends DocumentPage {
  unreadCount: number
}

export interface ListDocumentsRequest {
  filter: DocumentFilter
  cursor?: string | null
  limit?: number
}

export function isDocumentId(value: unknown): value is string {
  return typeof value === 'string' && DOCUMENT_ID_PATTERN.test(value)
}

function isSummary(value: unknown): value is DocumentSummary {
  return (
    isRecord(value) &&
    isDocumentId(value.id) &&
    typeof value.title === 'string' &&
    oneOf(DOCUMENT_CATEGORIES, value.category) &&
    (value.contractId === null || typeof value.contractId === 'string') &&
    typeof value.createdAt === 'string' &&
    !Number.isNaN(Date.parse(value.createdAt)) &&
    isInteger(value.sizeBytes) &&
    value.sizeBytes >= 0 &&
    typeof value.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(value.sha256) &&
    typeof value.read === 'boolean'
  )
}

/** The query of GET /documents: only the filters that are set (`unread` only when true). */
export function documentQuery(request: ListDocumentsRequest): Record<string, string> {
  const { filter, cursor, limit } = request
  const query: Record<string, string> = {}
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
  const { data } = await apiClient.get<unknown>('/documents', { params: documentQuery(request) })
  if (
    !isRecord(data) ||
    !Array.isArray(data.items) ||
    !data.items.every(isSummary) ||
    (data.nextCursor !== null && typeof data.nextCursor !== 'string') ||
    !isInteger(data.unreadCount) ||
    data.unreadCount < 0
  )
    throw unexpected('GET /documents')
  return { items: data.items, nextCursor: data.nextCursor, unreadCount: data.unreadCount }
}

function documentPath(id: string, rest: string): string {
  if (!isDocumentId(id)) throw new TypeError('Not a document id')
  return `/documents/${encodeURIComponent(id)}/${rest}`
}

/** POST /documents/{id}/read (204). */
export async function markDocumentRead(id: string): Promise<void> {
  await apiClient.post(documentPath(id, 'read'))
}

/** GET /documents/{id}/content as bytes, for the preview (and its print view). */
export async function getDocumentContent(id: string): Promise<ArrayBuffer> {
  return getBytes(documentPath(id, 'content'), 'GET /documents/{id}/content', 'application/pdf')
}

/**
 * GETs `path` as bytes (a PDF, an attachment of the demo outbox). An error answer
 * arrives as bytes too: its JSON is read back so that api/errors.ts can name the code.
 */
export async function getBytes(path: string, call: string, accept: string): Promise<ArrayBuffer> {
  try {
    const { data } = await apiClient.get<unknown>(path, {
      responseType: 'arraybuffer',
      headers: { Accept: accept },
    })
    if (!isArrayBuffer(data)) throw unexpected(call)
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
  const { data } = await apiClient.post<unknown>(documentPath(id, 'email'))
  if (!isRecord(data) || data.status !== 'sent' || typeof data.to !== 'string' || data.to === '')
    throw unexpected('POST /documents/{id}/email')
  return { to: data.to }
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
  return `${API_BASE_URL}${documentPath(id, 'content')}`
}
