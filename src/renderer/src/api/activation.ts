/** Activation with the code from the letter (api.md "Activation code"). */
import { apiClient } from './client.ts'
import { isRecord, unexpected } from './shape.ts'

/** POST /me/activation; rejects with 400/410/423 for the form to explain. */
export async function activate(code: string): Promise<void> {
  const { data } = await apiClient.post<unknown>('/me/activation', { code })
  if (!isRecord(data) || data.activated !== true) throw unexpected('POST /me/activation')
}

/** POST /me/activation/letters: a new code goes out by post, the old one stops working. */
export async function requestActivationLetter(): Promise<void> {
  await apiClient.post('/me/activation/letters')
}
