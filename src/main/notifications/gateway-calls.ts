/**
 * The poller's calls, through the gateway in process exactly as the renderer's
 * go (app://mmf/api/v1/…): the gateway adds the token and refreshes it, and a
 * refused refresh ends the session as it does for the renderer. Answers are read
 * defensively: anything unexpected is an error, never a notification.
 */
import { LOCALES, type Locale } from '../../shared/api/auth.ts'
import { API_BASE_PATH, pathOf } from '../../shared/api/contract.ts'
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_TARGETS,
  NOTIFICATIONS_PAGE_MAX,
  type NotificationTarget,
} from '../../shared/api/notifications.ts'
import type { Gateway } from '../../gateway/gateway.ts'
import { APP_HOST } from '../app-request-handler.ts'
import type { UnreadItem } from './notice.ts'

/** The customer's choice (preferences.notifications.desktop) and language, from GET /me. */
export interface DesktopPreference {
  desktop: boolean
  locale: Locale
}

/** What the poller asks the backend. Each call throws when it gets no usable answer. */
export interface NotificationsGateway {
  preference(): Promise<DesktopPreference>
  unreadCount(): Promise<number>
  /** The newest unread notifications, at most `limit` (1–100). */
  newestUnread(limit: number): Promise<UnreadItem[]>
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.find((known) => known === value)

function targetOf(value: unknown): NotificationTarget | null {
  if (!isObject(value)) return null
  const kind = oneOf(NOTIFICATION_TARGETS, value.kind)
  return kind && typeof value.id === 'string' && value.id !== '' ? { kind, id: value.id } : null
}

/** The calls over `gateway.handle` (main's gateway, so that a session's end is noticed). */
export function notificationsThroughGateway(
  gateway: Pick<Gateway, 'handle'>,
): NotificationsGateway {
  async function get(path: string, what: string): Promise<Json> {
    const response = await gateway.handle(
      new Request(`app://${APP_HOST}${API_BASE_PATH}${path}`, {
        headers: { accept: 'application/json' },
      }),
    )
    if (response.status !== 200) {
      await response.body?.cancel()
      throw new Error(`${what} answered ${response.status}`)
    }
    const body: unknown = await response.json()
    if (!isObject(body)) throw new Error(`${what} answered no object`)
    return body
  }

  return {
    async preference() {
      const { customer } = await get(pathOf('GET /me'), 'GET /me')
      const preferences = isObject(customer) ? customer.preferences : undefined
      if (!isObject(preferences)) throw new Error('GET /me answered without preferences')
      const notifications = preferences.notifications
      return {
        // Only an explicit "on" counts: a backend that does not know the choice yet shows nothing.
        desktop: isObject(notifications) && notifications.desktop === true,
        locale: oneOf(LOCALES, preferences.locale) ?? 'de',
      }
    },
    async unreadCount() {
      const { count } = await get(
        pathOf('GET /notifications/unread-count'),
        'GET /notifications/unread-count',
      )
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
        throw new Error('GET /notifications/unread-count answered no count')
      }
      return count
    },
    async newestUnread(limit) {
      const size = Math.min(Math.max(1, Math.trunc(limit)), NOTIFICATIONS_PAGE_MAX)
      const { items } = await get(
        `${pathOf('GET /notifications')}?unread=true&limit=${size}`,
        'GET /notifications',
      )
      if (!Array.isArray(items)) throw new Error('GET /notifications answered no items')
      return items.flatMap((item: unknown): UnreadItem[] => {
        if (!isObject(item)) return []
        const kind = oneOf(NOTIFICATION_KINDS, item.kind)
        return kind ? [{ kind, target: targetOf(item.target) }] : []
      })
    },
  }
}
