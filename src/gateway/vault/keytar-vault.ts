import type { Vault } from './vault.ts'

/** The functions of keytar the vault uses (a seam, so tests can hand in a broken keychain). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

/** A vault in the OS keychain: Keychain on macOS, Credential Vault on Windows, Secret Service on Linux. */
export function createKeytarVault(keytar: KeytarLike, service: string): Vault {
  return {
    kind: 'os',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: (account) => keytar.deletePassword(service, account),
  }
}

/** Loads the optional keytar addon; null when it is not installed or does not load. */
export async function loadKeytar(): Promise<{ keytar: KeytarLike | null; reason?: string }> {
  try {
    const module = (await import('keytar')) as { default?: KeytarLike } & Partial<KeytarLike>
    const keytar = module.default ?? (module as KeytarLike)
    if (typeof keytar.getPassword !== 'function') {
      return { keytar: null, reason: 'keytar has no getPassword' }
    }
    return { keytar }
  } catch (error) {
    return { keytar: null, reason: error instanceof Error ? error.message : String(error) }
  }
}
