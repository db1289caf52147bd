/**
 * Notifications (api.md "Notifications"): the list, newest first, in pages; the
 * unread count the bell shows; "read" one by one or all at once. Answers are checked.
 */
import type { NotificationListAnswer } from '../../../shared/api/notifications.ts'
import { call } from './call.ts'

/** GET /notifications: one page, newest first (`cursor`: the previous page's nextCursor). */
export async function listNotifications(
  cursor: string | null,
  limit: number,
): Promise<NotificationListAnswer> {
  return call('GET /notifications', {
    query: { limit: String(limit), ...(cursor ? { cursor } : {}) },
  })
}

/** GET /notifications/unread-count: cheap, asked on navigation and periodically. */
export async function getUnreadCount(): Promise<number> {
  return (await call('GET /notifications/unread-count', {})).count
}

/** POST /notifications/{id}/read (204). */
export async function markNotificationRead(id: string): Promise<void> {
  await call('POST /notifications/{id}/read', { params: { id } })
}

/** POST /notifications/read-all (204). */
export async function markAllNotificationsRead(): Promise<void> {
  await call('POST /notifications/read-all', {})
}
