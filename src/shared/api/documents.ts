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

/** What `GET /documents` answers: a page, and (project extension) the customer's unread count over all letters. */
export interface DocumentListAnswer extends DocumentPage {
  unreadCount: number
}

export const DOCUMENTS_PAGE_MAX = 100
/** Bounds of the list's numbers: a letter's size, and the letters of one customer. */
export const DOCUMENT_MAX_BYTES = 104_857_600
export const DOCUMENTS_PER_CUSTOMER_MAX = 1_000_000
export const DOCUMENTS_PAGE_DEFAULT = 20

/**
 * The list's filters (GET /documents query; project extension: `year` and `q`).
 * The same filter tells "download all" which letters to save.
 */
export interface DocumentFilter {
  contractId?: string
  category?: DocumentCategory
  unread?: boolean
  /** Letters whose createdAt falls in this calendar year, Vienna time (their letter date). */
  year?: number
  /** Words that must all occur in the title (case-insensitive). */
  q?: string
}

/** The longest `q` (characters). */
export const DOCUMENT_SEARCH_MAX = 100
/** `year` in the query: four digits, 1000–9999. */
export const DOCUMENT_YEAR_PATTERN = '^[1-9][0-9]{3}$'
