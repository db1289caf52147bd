/** Demo mode only (api.md): the outbox, the demo customers and the demo clock. */
import { API_BASE_URL, apiClient } from './client.ts'
import { getBytes } from './documents.ts'

/** A file sent with an e-mail; its bytes are GET /dev/outbox/{id}/attachments/{n}, n its position. */
export interface OutboxAttachment {
  fileName: string
  contentType: string
  sizeBytes: number
}

export interface OutboxItem {
  id: number
  kind: 'email' | 'letter'
  to: string
  subject: string
  text: string
  links: string[]
  /** In the order they were attached ([] for a message without any). */
  attachments: OutboxAttachment[]
  createdAt: string
}

export interface DemoCustomer {
  customerNumber: string
  firstName: string
  lastName: string
  dateOfBirth: string
  registered: boolean
  demoLogin: { email: string; password: string } | null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isAttachment(value: unknown): value is OutboxAttachment {
  return (
    isRecord(value) &&
    typeof value.fileName === 'string' &&
    typeof value.contentType === 'string' &&
    Number.isSafeInteger(value.sizeBytes) &&
    (value.sizeBytes as number) >= 0
  )
}

function isOutboxItem(value: unknown): value is OutboxItem {
  return (
    isRecord(value) &&
    Array.isArray(value.attachments) &&
    value.attachments.every(isAttachment) &&
    typeof value.id === 'number' &&
    (value.kind === 'email' || value.kind === 'letter') &&
    typeof value.to === 'string' &&
    typeof value.subject === 'string' &&
    typeof value.text === 'string' &&
    Array.isArray(value.links) &&
    value.links.every((link) => typeof link === 'string') &&
    typeof value.createdAt === 'string'
  )
}

function isDemoCustomer(value: unknown): value is DemoCustomer {
  if (!isRecord(value)) return false
  const login = value.demoLogin
  return (
    typeof value.customerNumber === 'string' &&
    typeof value.firstName === 'string' &&
    typeof value.lastName === 'string' &&
    typeof value.dateOfBirth === 'string' &&
    typeof value.registered === 'boolean' &&
    (login === null ||
      (isRecord(login) && typeof login.email === 'string' && typeof login.password === 'string'))
  )
}

function itemsOf<T>(data: unknown, check: (item: unknown) => item is T, call: string): T[] {
  if (!isRecord(data) || !Array.isArray(data.items) || !data.items.every(check)) {
    throw new TypeError(`${call} answered with an unexpected shape`)
  }
  return data.items
}

/** An older backend (before attachments were kept) lists none: the same as `[]`. */
function withAttachments(value: unknown): unknown {
  return isRecord(value) && value.attachments === undefined ? { ...value, attachments: [] } : value
}

/** GET /dev/outbox: e-mails and letters "sent", newest first. */
export async function getOutbox(): Promise<OutboxItem[]> {
  const { data } = await apiClient.get<unknown>('/dev/outbox')
  const items = isRecord(data) && Array.isArray(data.items) ? data.items.map(withAttachments) : null
  return itemsOf(items === null ? data : { items }, isOutboxItem, 'GET /dev/outbox')
}

function attachmentPath(messageId: number, index: number): string {
  if (
    !Number.isSafeInteger(messageId) ||
    messageId < 1 ||
    !Number.isSafeInteger(index) ||
    index < 0
  )
    throw new TypeError('Not an outbox attachment')
  return `/dev/outbox/${messageId}/attachments/${index}`
}

/** The same-origin URL of an attachment's bytes (the web preview's plain download link). */
export function outboxAttachmentUrl(messageId: number, index: number): string {
  return `${API_BASE_URL}${attachmentPath(messageId, index)}`
}

/** GET /dev/outbox/{id}/attachments/{n}: the bytes, for viewing a PDF attachment in the app. */
export async function getOutboxAttachment(messageId: number, index: number): Promise<ArrayBuffer> {
  return getBytes(attachmentPath(messageId, index), 'GET /dev/outbox/{id}/attachments/{n}', '*/*')
}

/** GET /dev/customers: whom a tester can register as, and the ready demo login. */
export async function getDemoCustomers(): Promise<DemoCustomer[]> {
  const { data } = await apiClient.get<unknown>('/dev/customers')
  return itemsOf(data, isDemoCustomer, 'GET /dev/customers')
}

/** POST /dev/clock: moves the backend's clock forward; answers the new time. */
export async function advanceClock(advanceSeconds: number): Promise<string> {
  const { data } = await apiClient.post<unknown>('/dev/clock', { advanceSeconds })
  if (!isRecord(data) || typeof data.now !== 'string') {
    throw new TypeError('POST /dev/clock answered with an unexpected shape')
  }
  return data.now
}
