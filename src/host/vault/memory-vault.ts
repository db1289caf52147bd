import type { Vault } from '../../gateway/vault.ts'

/** A vault that forgets everything when the process ends (kiosk mode, no keychain). */
export function createMemoryVault(): Vault {
  const entries = new Map<string, string>()
  return {
    kind: 'memory',
    async get(account) {
      return entries.get(account) ?? null
    },
    async set(account, secret) {
      entries.set(account, secret)
    },
    async delete(account) {
      return entries.delete(account)
    },
  }
}
