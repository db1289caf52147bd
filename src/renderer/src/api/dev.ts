/** Demo mode only (api.md): the outbox, the demo customers and the demo clock. */
import { pathOf } from '../../../shared/api/contract.ts'
import type { DemoCustomer, OutboxItem } from '../../../shared/api/dev.ts'
import { call } from './call.ts'
import { API_BASE_URL } from './client.ts'
import { getBytes } from './documents.ts'

export type { DemoCustomer, OutboxAttachment, OutboxItem } from '../../../shared/api/dev.ts'

/** GET /dev/outbox: e-mails and letters "sent", newest first. */
export async function getOutbox(): Promise<OutboxItem[]> {
  return (await call('GET /dev/outbox', { query: {} })).items
}

/** The path parameters of an attachment: a message's id (from 1) and the attachment's position (from 0). */
function attachmentParams(messageId: number, index: number): { id: string; n: string } {
  if (
    !Number.isSafeInteger(messageId) ||
    messageId < 1 ||
    !Number.isSafeInteger(index) ||
    index < 0
  )
    throw new TypeError('Not an outbox attachment')
  return { id: String(messageId), n: String(index) }
}

/** The same-origin URL of an attachment's bytes (the web preview's plain download link). */
export function outboxAttachmentUrl(messageId: number, index: number): string {
  const path = pathOf('GET /dev/outbox/{id}/attachments/{n}', attachmentParams(messageId, index))
  return `${API_BASE_URL}${path}`
}

/** GET /dev/outbox/{id}/attachments/{n}: the bytes, for viewing a PDF attachment in the app. */
export async function getOutboxAttachment(messageId: number, index: number): Promise<ArrayBuffer> {
  return getBytes('GET /dev/outbox/{id}/attachments/{n}', attachmentParams(messageId, index), '*/*')
}

/** GET /dev/customers: whom a tester can register as, and the ready demo login. */
export async function getDemoCustomers(): Promise<DemoCustomer[]> {
  return (await call('GET /dev/customers', {})).items
}

/** POST /dev/clock: moves the backend's clock forward; answers the new time. */
export async function advanceClock(advanceSeconds: number): Promise<string> {
  return (await call('POST /dev/clock', { body: { advanceSeconds } })).now
}
