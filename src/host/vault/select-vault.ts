import { randomBytes } from 'node:crypto'
import type { Vault } from '../../gateway/vault.ts'
import { createKeychainVault, type KeytarLike } from './keychain-vault.ts'
import { createMemoryVault } from './memory-vault.ts'

export interface VaultChoice {
  vault: Vault
  /** Why the OS keychain is not used, for the log and the user notice; absent when it is. */
  fallbackReason?: string
}

/** The keychain service name, one per environment so that demo and a real backend never mix. */
export function vaultServiceName(environment: string): string {
  return `My MINI Finance (${environment})`
}

const PROBE_ACCOUNT = 'probe'
const PROBE_TIMEOUT_MS = 3000

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the keychain did not answer in ${ms} ms`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

/**
 * Probes the OS keychain (write, read back, delete) and uses it when all three
 * work; otherwise memory, with the reason. Never a plaintext or encoded file.
 */
export async function selectVault(options: {
  keychain: KeytarLike | null
  service: string
  /** Kiosk terminals never touch the keychain. */
  kiosk: boolean
  keychainUnavailableReason?: string
}): Promise<VaultChoice> {
  if (options.kiosk) return { vault: createMemoryVault(), fallbackReason: 'kiosk mode' }
  if (!options.keychain) {
    return {
      vault: createMemoryVault(),
      fallbackReason: `keychain library not available: ${options.keychainUnavailableReason ?? 'not installed'}`,
    }
  }
  const vault = createKeychainVault(options.keychain, options.service)
  const probe = randomBytes(16).toString('hex')
  try {
    await withTimeout(vault.set(PROBE_ACCOUNT, probe), PROBE_TIMEOUT_MS)
    const readBack = await withTimeout(vault.get(PROBE_ACCOUNT), PROBE_TIMEOUT_MS)
    await withTimeout(vault.delete(PROBE_ACCOUNT), PROBE_TIMEOUT_MS)
    if (readBack !== probe) throw new Error('the keychain returned another value than was stored')
    return { vault }
  } catch (error) {
    return {
      vault: createMemoryVault(),
      fallbackReason: `keychain not usable: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}
