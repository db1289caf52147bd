/** GET /api/v1/support: how customers reach customer service. */
import type { SupportContacts } from '../../../shared/api/support.ts'
import { apiClient } from './client.ts'

function isSupportContacts(value: unknown): value is SupportContacts {
  if (typeof value !== 'object' || value === null) return false
  const { phone, email, hours } = value as Record<string, unknown>
  return typeof phone === 'string' && typeof email === 'string' && typeof hours === 'string'
}

/** Loads the support contacts (phone, e-mail, opening hours). */
export async function getSupport(): Promise<SupportContacts> {
  const response = await apiClient.get<unknown>('/support')
  if (!isSupportContacts(response.data)) {
    throw new TypeError('GET /support answered with an unexpected shape')
  }
  return response.data
}
