/** Correspondence (api.md "Correspondence"): the postbox list and its filters. */

export const DOCUMENT_CATEGORIES = ['contract', 'statement', 'letter', 'service', 'notice'] as const
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number]

/** One item of `GET /documents`. */
export interface DocumentSummary {
  id: string
  title: string
  category: DocumentCategory
  /** The contract's id, or null when the letter concerns no contract. */
  contractId: string | null
  createdAt: string
  sizeBytes: number
  sha256: string
  read: boolean
}

export interface DocumentPage {
  items: DocumentSummary[]
  /** null on the last page. */
  nextCursor: string | null
}

export const DOCUMENTS_PAGE_MAX = 100
export const DOCUMENTS_PAGE_DEFAULT = 20

/**
 * The list's filters (GET /documents query; project extension: `year` and `q`).
 * The same filter tells "download all" which letters to save.
 */
export interface DocumentFilter {
  contractId?: string
  category?: DocumentCategory
  unread?: boolean
  /** Letters dated in this calendar year (Vienna time). */
  year?: number
  /** Words that must all occur in the title (case-insensitive). */
  q?: string
}

export const DOCUMENT_SEARCH_MAX = 100
