/**
 * What the desktop notification says and opens: one line in the customer's
 * language that names only the kind of news, never its content (no letter
 * title, no amount), and the app route its click opens.
 */
import type { Locale } from '../../shared/api/auth.ts'
import type { NotificationKind, NotificationTarget } from '../../shared/api/notifications.ts'
import { NOTIFICATIONS_ROUTE, notificationTargetRoute } from '../../shared/notification-targets.ts'

/** The newest unread notifications, as far as the notice needs them. */
export interface UnreadItem {
  kind: NotificationKind
  target: NotificationTarget | null
}

/** A system notification: title, one line, and the route (hash path) a click opens. */
export interface SystemNotice {
  title: string
  body: string
  route: string
}

const APP_NAME = 'My MINI Finance'

/** The texts, German first (the app's default), as the renderer's own messages say them. */
const TEXTS = {
  de: {
    document: 'Neues Dokument in Ihrem Postfach',
    documents: 'Neue Dokumente in Ihrem Postfach',
    other: 'Neue Benachrichtigungen',
    unavailable:
      'Ihr System zeigt die Benachrichtigungen von My MINI Finance nicht an. Neue Benachrichtigungen sehen Sie an der Glocke in der App.',
  },
  en: {
    document: 'New document in your postbox',
    documents: 'New documents in your postbox',
    other: 'New notifications',
    unavailable:
      'Your system does not show the notifications of My MINI Finance. The bell in the app shows your new notifications.',
  },
} as const satisfies Record<Locale, Record<string, string>>

/**
 * The notice for `rise` new notifications, of which `newest` are the newest unread
 * ones: letters only say so ("Neues Dokument in Ihrem Postfach"), anything else is
 * "Neue Benachrichtigungen". One new one opens its target; several the notifications page.
 */
export function noticeFor(
  rise: number,
  newest: readonly UnreadItem[],
  locale: Locale,
): SystemNotice {
  const texts = TEXTS[locale]
  const only = newest.length === 1 && rise === 1 ? newest[0] : undefined
  const letters = newest.length > 0 && newest.every((item) => item.kind === 'document_new')
  const body = letters ? (rise === 1 ? texts.document : texts.documents) : texts.other
  const route = only?.target ? notificationTargetRoute(only.target) : NOTIFICATIONS_ROUTE
  return { title: APP_NAME, body, route }
}

/** What the customer is told once when the system shows no notifications. */
export function unavailableNotice(locale: Locale): { title: string; body: string } {
  return { title: APP_NAME, body: TEXTS[locale].unavailable }
}
