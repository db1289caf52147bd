/** GET /api/v1/support: how customers reach customer service. */
import type { SupportContacts } from '../../../shared/api/support.ts'
import { call } from './call.ts'

/** Loads the support contacts (phone, e-mail, opening hours). */
export async function getSupport(): Promise<SupportContacts> {
  return call('GET /support', {})
}
