/** Demo mode only (api.md): the outbox, the demo customers and the demo clock. */
import { apiClient } from './client.ts'

export interface OutboxItem {
  id: number
  kind: 'email' | 'letter'
  to: string
  subject: string
  text: string
  links: string[]
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

function isOutboxItem(value: unknown): value is OutboxItem {
  return (
    isRecord(value) &&
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

/** GET /dev/outbox: e-mails and letters "sent", newest first. */
export async function getOutbox(): Promise<OutboxItem[]> {
  const { data } = await apiClient.get<unknown>('/dev/outbox')
  return itemsOf(data, isOutboxItem, 'GET /dev/outbox')
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
