/**
 * Notifications (api.md "Notifications"): what is new for the customer — a
 * letter, a request's answer, an instalment or a code about to be due — as the
 * contract's routes. The desktop app polls the unread count; the bell and the
 * notifications page read the list.
 */
import { Type, type Static } from 'typebox'
import type { RouteTable } from './contract.ts'
import {
  closedObject,
  codeSchema,
  countSchema,
  instantSchema,
  nullable,
  CURSOR_MAX_LENGTH,
  pageQueryProperties,
  TITLE_MAX_LENGTH,
  uuidSchema,
} from './limits.ts'

export const NOTIFICATION_KINDS = [
  'document_new',
  'service_request_updated',
  'instalment_due',
  'activation_code_expiring',
  'payoff_quote_expiring',
  'lease_end_approaching',
  'co_borrower_joined',
  /** A co-borrower's access ended (api.md "Co-borrowers"): both parties are told. */
  'co_borrower_removed',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** What a notification opens: a letter, a service request or a contract. */
export const NOTIFICATION_TARGETS = ['document', 'service_request', 'contract'] as const
export type NotificationTargetKind = (typeof NOTIFICATION_TARGETS)[number]

export const NOTIFICATIONS_PAGE_MAX = 100
export const NOTIFICATIONS_PAGE_DEFAULT = 20
/** The most unread notifications counted (the bell shows "99+" above 99). */
export const NOTIFICATIONS_UNREAD_MAX = 1_000_000

/** A title in both languages: the backend writes it once, the app shows the customer's. */
export const localizedTitleSchema = closedObject({
  de: Type.String({ maxLength: TITLE_MAX_LENGTH }),
  en: Type.String({ maxLength: TITLE_MAX_LENGTH }),
})
export type LocalizedTitle = Static<typeof localizedTitleSchema>

export const notificationTargetSchema = closedObject({
  kind: codeSchema(NOTIFICATION_TARGETS),
  id: Type.String({ maxLength: 128, description: 'The letter’s, request’s or contract’s id' }),
})
export type NotificationTarget = Static<typeof notificationTargetSchema>

export const notificationSchema = closedObject({
  id: uuidSchema,
  kind: codeSchema(NOTIFICATION_KINDS),
  createdAt: instantSchema,
  read: Type.Boolean(),
  title: localizedTitleSchema,
  /** null when there is nothing to open (never for the kinds above today). */
  target: nullable(notificationTargetSchema),
})
export type Notification = Static<typeof notificationSchema>

export const notificationListAnswerSchema = closedObject({
  items: Type.Array(notificationSchema, { maxItems: NOTIFICATIONS_PAGE_MAX }),
  nextCursor: nullable(Type.String({ maxLength: CURSOR_MAX_LENGTH })),
})
export type NotificationListAnswer = Static<typeof notificationListAnswerSchema>

export const notificationListQuerySchema = closedObject({
  unread: Type.Optional(codeSchema(['true', 'false'] as const)),
  ...pageQueryProperties('the same filter', NOTIFICATIONS_PAGE_MAX, NOTIFICATIONS_PAGE_DEFAULT),
})
export type NotificationListQuery = Static<typeof notificationListQuerySchema>

export const unreadCountAnswerSchema = closedObject({
  count: countSchema(NOTIFICATIONS_UNREAD_MAX),
})
export type UnreadCountAnswer = Static<typeof unreadCountAnswerSchema>

// Any id is looked up: a malformed one answers 404 like an unknown one (or another customer's).
const notificationIdParams = closedObject({
  id: Type.String({ maxLength: 100, description: 'The notification’s id (a UUID)' }),
})

const errors = { 401: 'unauthenticated' } as const
const mine = { tags: ['notifications'], session: true } as const

export const notificationRoutes = {
  'GET /notifications': {
    summary: 'The customer’s notifications, newest first, in pages',
    ...mine,
    query: notificationListQuerySchema,
    answers: { 200: notificationListAnswerSchema },
    errors: { ...errors, 400: `validation_failed (limit 1–${NOTIFICATIONS_PAGE_MAX}, cursor)` },
  },
  'GET /notifications/unread-count': {
    summary: 'How many notifications are unread (cheap: the desktop app polls it)',
    ...mine,
    answers: { 200: unreadCountAnswerSchema },
    errors,
  },
  'POST /notifications/read-all': {
    summary: 'Project extension: mark every notification read ("mark all read")',
    ...mine,
    answers: { 204: null },
    errors,
  },
  'POST /notifications/{id}/read': {
    summary: 'Mark a notification read',
    ...mine,
    params: notificationIdParams,
    answers: { 204: null },
    errors: { ...errors, 404: 'not_found (no such notification of this customer)' },
  },
} as const satisfies RouteTable
