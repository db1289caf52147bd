/**
 * A list the server hands out page by page, newest first (the postbox's letters,
 * the notifications): the first page (again), "Weitere laden" for the next, and
 * what a page shows of both. Starting afresh or forgetting the list drops the
 * answers still on their way; a later page never repeats an item already shown.
 */
import { computed, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { toUserError, type UserError } from '../api/errors.ts'
import type { ListStatus } from './documents.ts'
import { loadView, type LoadView } from './latest-load.ts'

/** One page as the API answers it. */
export interface Page<T> {
  items: readonly T[]
  nextCursor: string | null
}

/** What a store's list does beyond the pages themselves. */
export interface PagedListOptions<P> {
  /** The page says "wird geladen" before the first load starts (it loads as it opens). */
  idleIsLoading?: boolean
  /** The first page starts from nothing: the items shown so far go at once. */
  clearOnLoad?: boolean
  /** Called as the first page starts loading (a message about the old list goes). */
  starting?: () => void
  /** Called with every page that is taken (the unread count it carries). */
  taken?: (page: P) => void
}

/** A paged list's state and loads, for a store to hand on to its pages. */
export interface PagedList<T> {
  items: ShallowRef<readonly T[]>
  nextCursor: Ref<string | null>
  /** The state of the first page. */
  status: Ref<ListStatus>
  error: Ref<UserError | null>
  loadingMore: Ref<boolean>
  /** A later page could not be loaded (the ones shown stay). */
  moreError: Ref<UserError | null>
  /** The first page's and a later page's state as a page shows them (LoadState's props). */
  listState: ComputedRef<LoadView>
  moreState: ComputedRef<LoadView>
  /** Loads the first page (again, e.g. "Erneut versuchen"). */
  load(): Promise<void>
  /** The next page; nothing while one is on its way or when there is none. */
  loadMore(): Promise<void>
  /** Forgets the list (sign-out, another customer). */
  reset(): void
}

/** A paged list of the pages `fetch` gets: the first with a null cursor. */
export function pagedList<P extends Page<{ id: string }>>(
  fetch: (cursor: string | null) => Promise<P>,
  options: PagedListOptions<P> = {},
): PagedList<P['items'][number]> {
  type T = P['items'][number]
  const items = shallowRef<readonly T[]>([])
  const nextCursor = ref<string | null>(null)
  const status = ref<ListStatus>('idle')
  const error = ref<UserError | null>(null)
  const loadingMore = ref(false)
  const moreError = ref<UserError | null>(null)
  // Bumped when the list starts afresh or is forgotten: older answers are dropped.
  let generation = 0

  async function load(): Promise<void> {
    const mine = ++generation
    status.value = 'loading'
    error.value = null
    moreError.value = null
    options.starting?.()
    if (options.clearOnLoad) {
      loadingMore.value = false
      items.value = []
      nextCursor.value = null
    }
    try {
      const page = await fetch(null)
      if (mine !== generation) return
      items.value = page.items
      nextCursor.value = page.nextCursor
      status.value = 'ready'
      options.taken?.(page)
    } catch (caught) {
      if (mine !== generation) return
      error.value = toUserError(caught)
      status.value = 'failed'
    }
  }

  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (status.value !== 'ready' || loadingMore.value || cursor === null) return
    const mine = generation
    loadingMore.value = true
    moreError.value = null
    try {
      const page = await fetch(cursor)
      if (mine !== generation) return
      const known = new Set(items.value.map((item) => item.id))
      items.value = [...items.value, ...page.items.filter((item) => !known.has(item.id))]
      nextCursor.value = page.nextCursor
      options.taken?.(page)
    } catch (caught) {
      if (mine === generation) moreError.value = toUserError(caught)
    } finally {
      if (mine === generation) loadingMore.value = false
    }
  }

  function reset(): void {
    generation++
    items.value = []
    nextCursor.value = null
    status.value = 'idle'
    error.value = null
    moreError.value = null
    loadingMore.value = false
  }

  return {
    items,
    nextCursor,
    status,
    error,
    loadingMore,
    moreError,
    listState: loadView({ status, error }, () => load(), options.idleIsLoading),
    moreState: computed(() => ({
      loading: loadingMore.value,
      error: moreError.value,
      retry: () => loadMore(),
    })),
    load,
    loadMore,
    reset,
  }
}
