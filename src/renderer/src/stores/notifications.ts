/**
 * Notifications: what is new for the customer (a letter, a request's answer, an
 * instalment or a code about to be due). The unread count for the header's
 * bell, asked on every navigation and every minute while signed in; the list
 * for the notifications page, newest first, page by page ("Weitere laden").
 * Opening one marks it read at once; "Alle als gelesen markieren" marks all.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { Notification, NotificationTarget } from '../../../shared/api/notifications.ts'
import { assertNever } from '../../../shared/assert-never.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import * as notificationsApi from '../api/notifications.ts'
import type { ListStatus } from './documents.ts'
import { loadView } from './latest-load.ts'

/** Notifications per page of the list. */
export const NOTIFICATIONS_PAGE_SIZE = 20
/** How often the bell asks for the unread count while signed in (and on every navigation). */
export const UNREAD_POLL_MS = 60_000

/** Where a notification leads: the letter open in the postbox, the services page, the contract. */
export function targetRoute(target: NotificationTarget): RouteLocationRaw {
  switch (target.kind) {
    case 'document':
      return { name: 'postbox', query: { open: target.id } }
    case 'service_request':
      return { name: 'services', hash: '#my-requests' }
    case 'contract':
      return { name: 'contract', params: { id: target.id } }
    default:
      return assertNever(target.kind)
  }
}

export const useNotificationsStore = defineStore('notifications', () => {
  /** Unread notifications; null until known (the bell shows no number then). */
  const unreadCount = ref<number | null>(null)
  const items = shallowRef<readonly Notification[]>([])
  const nextCursor = ref<string | null>(null)
  const status = ref<ListStatus>('idle')
  const error = ref<UserError | null>(null)
  const loadingMore = ref(false)
  const moreError = ref<UserError | null>(null)
  /** "Alle als gelesen markieren" failed (the list stays as it was). */
  const readAllError = ref<UserError | null>(null)
  const markingAll = ref(false)

  const listState = loadView({ status, error }, () => load(), true)
  const moreState = computed(() => ({
    loading: loadingMore.value,
    error: moreError.value,
    retry: () => loadMore(),
  }))

  // Bumped when the list starts afresh or is forgotten: older answers are dropped.
  let generation = 0
  // Bumped around every "read": a count asked before it would undo the bell's update.
  let readsVersion = 0

  /** Asks for the unread count (cheap); a failure leaves the last one shown. */
  async function refreshCount(): Promise<void> {
    const reads = readsVersion
    try {
      const count = await notificationsApi.getUnreadCount()
      if (reads === readsVersion) unreadCount.value = count
    } catch (caught) {
      // The bell is a convenience: the notifications page still lists what is new.
      console.warn('The number of unread notifications could not be loaded:', caught)
    }
  }

  /** Loads the first page (again). */
  async function load(): Promise<void> {
    const mine = ++generation
    status.value = 'loading'
    error.value = null
    moreError.value = null
    readAllError.value = null
    try {
      const page = await notificationsApi.listNotifications(null, NOTIFICATIONS_PAGE_SIZE)
      if (mine !== generation) return
      items.value = page.items
      nextCursor.value = page.nextCursor
      status.value = 'ready'
    } catch (caught) {
      if (mine !== generation) return
      error.value = toUserError(caught)
      status.value = 'failed'
    }
  }

  /** The next page ("Weitere laden"); nothing while one is on its way. */
  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (status.value !== 'ready' || loadingMore.value || cursor === null) return
    const mine = generation
    loadingMore.value = true
    moreError.value = null
    try {
      const page = await notificationsApi.listNotifications(cursor, NOTIFICATIONS_PAGE_SIZE)
      if (mine !== generation) return
      const known = new Set(items.value.map((item) => item.id))
      items.value = [...items.value, ...page.items.filter((item) => !known.has(item.id))]
      nextCursor.value = page.nextCursor
    } catch (caught) {
      if (mine === generation) moreError.value = toUserError(caught)
    } finally {
      if (mine === generation) loadingMore.value = false
    }
  }

  function setRead(ids: ReadonlySet<string> | null): void {
    items.value = items.value.map((item) =>
      ids === null || ids.has(item.id) ? { ...item, read: true } : item,
    )
  }

  /**
   * Marks one read, at once in the list and the bell (the customer opens it);
   * the next count puts the bell right when the server refused.
   */
  async function markRead(item: Notification): Promise<void> {
    if (item.read) return
    readsVersion++
    setRead(new Set([item.id]))
    if (unreadCount.value !== null && unreadCount.value > 0) unreadCount.value--
    try {
      await notificationsApi.markNotificationRead(item.id)
    } catch (caught) {
      console.warn('The notification could not be marked as read:', caught)
    } finally {
      readsVersion++
    }
  }

  /** "Alle als gelesen markieren": all of them, not only the pages shown. */
  async function markAllRead(): Promise<void> {
    if (markingAll.value) return
    markingAll.value = true
    readAllError.value = null
    readsVersion++
    try {
      await notificationsApi.markAllNotificationsRead()
      setRead(null)
      unreadCount.value = 0
    } catch (caught) {
      readAllError.value = toUserError(caught)
    } finally {
      readsVersion++
      markingAll.value = false
    }
  }

  /** Forgets everything (sign-out, another customer). */
  function reset(): void {
    generation++
    readsVersion++
    unreadCount.value = null
    items.value = []
    nextCursor.value = null
    status.value = 'idle'
    error.value = null
    moreError.value = null
    readAllError.value = null
    loadingMore.value = false
    markingAll.value = false
  }

  return {
    unreadCount,
    items,
    nextCursor,
    status,
    error,
    loadingMore,
    moreError,
    readAllError,
    markingAll,
    listState,
    moreState,
    refreshCount,
    load,
    loadMore,
    markRead,
    markAllRead,
    reset,
  }
})
