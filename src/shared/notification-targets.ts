/**
 * The app's screen (a hash route of the renderer) that a notification opens: the
 * letter in the postbox, the customer's service requests, the contract, or the
 * notifications page. Screen routes, not API paths; main opens them when a
 * desktop notification is clicked, as the notifications page does.
 */
import type { NotificationTarget } from './api/notifications.ts'

/** The notifications page (the renderer's route named "notifications"). */
export const NOTIFICATIONS_ROUTE = '/notifications'

/** The screen a notification's target opens. */
export function notificationTargetRoute(target: NotificationTarget): string {
  const id = encodeURIComponent(target.id)
  switch (target.kind) {
    case 'document':
      return `/postbox?open=${id}`
    case 'service_request':
      return '/services#my-requests'
    case 'contract':
      return `/contracts/${id}`
  }
}
