/** Shared pieces of the notification tests: a letter filed through the one funnel, the calls. */
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { Notification, NotificationListAnswer } from '../../../src/shared/api/notifications.ts'
import { viennaDay } from '../../../src/shared/dates.ts'
import type { DocumentParams } from '../../../src/backend/documents/kinds.ts'
import { insertDocument } from '../../../src/backend/services/documents.ts'
import type { TestBackend } from '../../helpers/backend.ts'
import { customerRecord, type Auth } from '../../helpers/customers.ts'

/**
 * Files a letter in a customer's postbox now (an annual statement of the
 * customer's first contract unless told otherwise); returns its id.
 */
export async function fileLetter(
  backend: TestBackend,
  customerNumber: string,
  params: DocumentParams = { kind: 'annual_statement', year: 2025 },
): Promise<string> {
  const ctx = backend.app.services
  const customer = await customerRecord(backend, customerNumber)
  const [contract] = await ctx.repos.contracts.listByCustomer(customer.id)
  const now = ctx.clock.now()
  return insertDocument(ctx, {
    customer,
    contract: contract ?? null,
    params,
    date: viennaDay(now),
    filedAt: now,
  })
}

/** GET /notifications with a query, expecting 200. */
export async function listNotifications(
  backend: TestBackend,
  auth: Auth,
  query = '',
): Promise<NotificationListAnswer> {
  const response = await backend.json('GET', `/api/v1/notifications${query}`, undefined, auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** Every notification of the caller, page by page, newest first. */
export async function allNotifications(
  backend: TestBackend,
  auth: Auth,
  filter = '',
): Promise<Notification[]> {
  const items: Notification[] = []
  let cursor: string | null = null
  do {
    const query: string = `?limit=100${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const page = await listNotifications(backend, auth, query)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

/** The caller's notifications of one kind. */
export async function notificationsOfKind(
  backend: TestBackend,
  auth: Auth,
  kind: Notification['kind'],
): Promise<Notification[]> {
  return (await allNotifications(backend, auth)).filter((n) => n.kind === kind)
}

export async function unreadCount(backend: TestBackend, auth: Auth): Promise<number> {
  const response = await backend.json('GET', '/api/v1/notifications/unread-count', undefined, auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().count
}

/** PATCH /me with these preferences; answers the response (the caller checks its status). */
export function patchPreferences(
  backend: TestBackend,
  auth: Auth,
  preferences: object,
): Promise<LightMyRequestResponse> {
  return backend.json('PATCH', '/api/v1/me', { preferences }, auth)
}
