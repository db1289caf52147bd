/**
 * The postbox's filters in the route query (`/postbox?contract=…&category=…&unread=1&year=…&q=…`),
 * so that back and forward, and links from a contract, show the same letters;
 * and the letter to open (`?open=<id>`, where a notification leads).
 * The query is typed by anyone: every value is checked, anything else is ignored.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import {
  DOCUMENT_CATEGORIES,
  DOCUMENT_SEARCH_MAX,
  type DocumentFilter,
} from '../../../shared/api/documents.ts'
import { isDocumentId } from '../api/documents.ts'
import { oneOf } from '../api/shape.ts'

export const YEAR_MIN = 1900
export const YEAR_MAX = 2999

function single(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : null
}

/** The filter a route query asks for. */
export function filterFromQuery(query: LocationQuery): DocumentFilter {
  const filter: DocumentFilter = {}
  const contract = single(query.contract)
  if (isDocumentId(contract)) filter.contractId = contract
  const category = single(query.category)
  if (oneOf(DOCUMENT_CATEGORIES, category)) filter.category = category
  const unread = single(query.unread)
  if (unread === '1' || unread === 'true') filter.unread = true
  const year = single(query.year)
  if (year !== null && /^\d{4}$/.test(year)) {
    const value = Number(year)
    if (value >= YEAR_MIN && value <= YEAR_MAX) filter.year = value
  }
  const q = single(query.q)?.trim().slice(0, DOCUMENT_SEARCH_MAX)
  if (q) filter.q = q
  return filter
}

/** The letter `?open=<id>` asks to open (a notification leads there), or null. */
export function letterToOpen(query: LocationQuery): string | null {
  const open = single(query.open)
  return isDocumentId(open) ? open : null
}

/** The route query of a filter (only what is set). */
export function queryFromFilter(filter: DocumentFilter): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (filter.contractId) query.contract = filter.contractId
  if (filter.category) query.category = filter.category
  if (filter.unread) query.unread = '1'
  if (filter.year !== undefined) query.year = String(filter.year)
  const q = filter.q?.trim()
  if (q) query.q = q
  return query
}
