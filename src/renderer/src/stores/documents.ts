/**
 * The postbox: the letters of the current filter, page by page as the list
 * scrolls, and the unread count the navigation shows. Changing the filter starts
 * the list afresh; an answer for an older filter never overwrites a newer one.
 * On a kiosk terminal also "send to my e-mail": what each letter's sending is at.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowReactive, shallowRef } from 'vue'
import {
  DOCUMENT_SEARCH_MAX,
  type DocumentFilter,
  type DocumentSummary,
} from '../../../shared/api/documents.ts'
import * as documentsApi from '../api/documents.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import { loadView } from './latest-load.ts'

/** Letters per request: a few screens of the list. */
export const DOCUMENTS_PAGE_SIZE = 100

export type ListStatus = 'idle' | 'loading' | 'ready' | 'failed'

/**
 * A click this soon after the last answer for the same letter is the second half
 * of a double click (the answer can be quicker than the second click), not a new
 * request: the limit is 5 e-mails an hour, none should go to a stray click.
 */
export const EMAIL_REPEAT_GUARD_MS = 1_500

/** Where sending a letter to the customer's e-mail is at. */
export type EmailState =
  | { status: 'sending'; documentId: string; title: string }
  | { status: 'sent'; documentId: string; title: string; to: string; at: number }
  | { status: 'failed'; documentId: string; title: string; error: UserError; at: number }

/** The filter without empty parts: no blank search, `unread` only when true. */
export function normaliseFilter(filter: DocumentFilter): DocumentFilter {
  const clean: DocumentFilter = {}
  if (filter.contractId) clean.contractId = filter.contractId
  if (filter.category) clean.category = filter.category
  if (filter.unread === true) clean.unread = true
  if (filter.year !== undefined) clean.year = filter.year
  const q = filter.q?.trim().slice(0, DOCUMENT_SEARCH_MAX)
  if (q) clean.q = q
  return clean
}

export function sameFilter(a: DocumentFilter, b: DocumentFilter): boolean {
  const x = normaliseFilter(a)
  const y = normaliseFilter(b)
  return (
    x.contractId === y.contractId &&
    x.category === y.category &&
    x.unread === y.unread &&
    x.year === y.year &&
    x.q === y.q
  )
}

export function isFiltered(filter: DocumentFilter): boolean {
  return Object.keys(normaliseFilter(filter)).length > 0
}

export const useDocumentsStore = defineStore('documents', () => {
  const filter = ref<DocumentFilter>({})
  // 10,000 letters are plain data: no deep reactivity, the array is replaced on change.
  const items = shallowRef<readonly DocumentSummary[]>([])
  const nextCursor = ref<string | null>(null)
  /** The state of the first page of the current filter. */
  const status = ref<ListStatus>('idle')
  const error = ref<UserError | null>(null)
  const loadingMore = ref(false)
  /** A later page could not be loaded (the ones shown stay). */
  const moreError = ref<UserError | null>(null)
  /** The customer's unread letters (all of them, not only the filter's); null until known. */
  const unreadCount = ref<number | null>(null)

  const complete = computed(() => status.value === 'ready' && nextCursor.value === null)
  /** The first page's and a later page's state as a page shows them (LoadState's props). */
  const listState = loadView({ status, error }, () => load())
  const moreState = computed(() => ({
    loading: loadingMore.value,
    error: moreError.value,
    retry: () => loadMore(),
  }))
  const filtered = computed(() => isFiltered(filter.value))

  /** Per letter: its last "send to my e-mail" (this session only). */
  const emails = shallowReactive(new Map<string, EmailState>())
  /** The letter sent (or tried) last: the postbox says how that went. */
  const lastEmailId = ref<string | null>(null)
  const lastEmail = computed(() =>
    lastEmailId.value === null ? null : (emails.get(lastEmailId.value) ?? null),
  )

  // Bumped whenever the list starts afresh: answers for an older list are dropped.
  let generation = 0
  // Bumped on reset: an e-mail answer for the previous customer is dropped.
  let emailsVersion = 0
  // Bumped around every "read": a count computed before it would undo the badge's update.
  let readsVersion = 0

  function applyUnread(count: number, sentAt: number): void {
    if (sentAt === readsVersion) unreadCount.value = count
  }

  /** Loads the first page of the current filter (again, e.g. "Erneut versuchen"). */
  async function load(): Promise<void> {
    const mine = ++generation
    const reads = readsVersion
    status.value = 'loading'
    error.value = null
    moreError.value = null
    loadingMore.value = false
    items.value = []
    nextCursor.value = null
    try {
      const page = await documentsApi.listDocuments({
        filter: filter.value,
        limit: DOCUMENTS_PAGE_SIZE,
      })
      if (mine !== generation) return
      items.value = page.items
      nextCursor.value = page.nextCursor
      status.value = 'ready'
      applyUnread(page.unreadCount, reads)
    } catch (caught) {
      if (mine !== generation) return
      error.value = toUserError(caught)
      status.value = 'failed'
    }
  }

  /** Shows the letters of `next`; the same filter again loads nothing (unless nothing is loaded). */
  function setFilter(next: DocumentFilter): Promise<void> {
    const clean = normaliseFilter(next)
    if (status.value !== 'idle' && status.value !== 'failed' && sameFilter(clean, filter.value))
      return Promise.resolve()
    filter.value = clean
    return load()
  }

  /** The next page, as the list scrolls near its end; nothing while one is on its way. */
  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (status.value !== 'ready' || loadingMore.value || cursor === null) return
    const mine = generation
    const reads = readsVersion
    loadingMore.value = true
    moreError.value = null
    try {
      const page = await documentsApi.listDocuments({
        filter: filter.value,
        cursor,
        limit: DOCUMENTS_PAGE_SIZE,
      })
      if (mine !== generation) return
      const known = new Set(items.value.map((item) => item.id))
      items.value = [...items.value, ...page.items.filter((item) => !known.has(item.id))]
      nextCursor.value = page.nextCursor
      applyUnread(page.unreadCount, reads)
    } catch (caught) {
      if (mine !== generation) return
      moreError.value = toUserError(caught)
    } finally {
      if (mine === generation) loadingMore.value = false
    }
  }

  /** Asks for the unread count alone (the navigation's badge, on any page). */
  async function refreshUnreadCount(): Promise<void> {
    const reads = readsVersion
    try {
      const page = await documentsApi.listDocuments({ filter: {}, limit: 1 })
      applyUnread(page.unreadCount, reads)
    } catch (caught) {
      // The badge is a convenience: without it the postbox itself still says what is new.
      console.warn('The number of unread letters could not be loaded:', caught)
    }
  }

  function setRead(id: string, read: boolean): void {
    items.value = items.value.map((item) => (item.id === id ? { ...item, read } : item))
  }

  /**
   * Marks a letter read (opening its preview) at once, in the list and the badge;
   * undone when the server refuses. Resolves to whether it is read now.
   */
  async function markRead(id: string): Promise<boolean> {
    const item = items.value.find((candidate) => candidate.id === id)
    if (item?.read) return true
    readsVersion++
    if (item) {
      setRead(id, true)
      if (unreadCount.value !== null && unreadCount.value > 0) unreadCount.value--
    }
    try {
      await documentsApi.markDocumentRead(id)
      return true
    } catch (caught) {
      console.warn('The letter could not be marked as read:', caught)
      if (item) {
        setRead(id, false)
        if (unreadCount.value !== null) unreadCount.value++
      }
      return false
    } finally {
      readsVersion++
    }
  }

  /** One letter, whether or not the list shows it (a notification opens it). */
  function fetchOne(id: string): Promise<DocumentSummary> {
    return documentsApi.getDocument(id)
  }

  /** The PDF bytes for the preview (not kept here: they belong to the viewer). */
  function fetchContent(id: string): Promise<ArrayBuffer> {
    return documentsApi.getDocumentContent(id)
  }

  /**
   * Sends a letter to the customer's registered e-mail address (kiosk terminals,
   * where nothing is saved). Once at a time per letter, and a click right after the
   * answer is ignored (see EMAIL_REPEAT_GUARD_MS); the outcome lands in `emails`.
   */
  async function emailDocument(doc: Pick<DocumentSummary, 'id' | 'title'>): Promise<void> {
    const current = emails.get(doc.id)
    if (current?.status === 'sending') return
    if (current && Date.now() - current.at < EMAIL_REPEAT_GUARD_MS) return
    const mine = emailsVersion
    const base = { documentId: doc.id, title: doc.title }
    emails.set(doc.id, { status: 'sending', ...base })
    lastEmailId.value = doc.id
    try {
      const { to } = await documentsApi.emailDocument(doc.id)
      if (mine === emailsVersion)
        emails.set(doc.id, { status: 'sent', ...base, to, at: Date.now() })
    } catch (caught) {
      if (mine !== emailsVersion) return
      emails.set(doc.id, { status: 'failed', ...base, error: toUserError(caught), at: Date.now() })
    }
  }

  /** The last "send to my e-mail" of a letter in this session, or null. */
  function emailStateOf(documentId: string): EmailState | null {
    return emails.get(documentId) ?? null
  }

  /** Forgets everything (after signing out). */
  function reset(): void {
    generation++
    readsVersion++
    emailsVersion++
    emails.clear()
    lastEmailId.value = null
    filter.value = {}
    items.value = []
    nextCursor.value = null
    status.value = 'idle'
    error.value = null
    moreError.value = null
    loadingMore.value = false
    unreadCount.value = null
  }

  return {
    filter,
    items,
    nextCursor,
    status,
    error,
    loadingMore,
    moreError,
    unreadCount,
    fetchOne,
    emails,
    lastEmail,
    complete,
    listState,
    moreState,
    filtered,
    load,
    setFilter,
    loadMore,
    refreshUnreadCount,
    markRead,
    fetchContent,
    emailDocument,
    emailStateOf,
    reset,
  }
})
