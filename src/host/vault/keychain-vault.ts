import type { Vault } from '../../gateway/vault.ts'

/**
 * The keychain functions the vault uses, in keytar's shape (a seam, so tests can
 * hand in a broken keychain). @napi-rs/keyring is adapted to it; keytar has it.
 */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

/** Which library talks to the keychain, or why none does. */
export interface LoadedKeychain {
  keychain: KeytarLike | null
  /** The npm package that loaded ('@napi-rs/keyring' or 'keytar'). */
  library?: string
  reason?: string
}

/** A vault in the OS keychain: Keychain on macOS, Credential Manager on Windows, Secret Service on Linux. */
export function createKeychainVault(keychain: KeytarLike, service: string): Vault {
  return {
    kind: 'os',
    get: (account) => keychain.getPassword(service, account),
    set: (account, secret) => keychain.setPassword(service, account, secret),
    delete: (account) => keychain.deletePassword(service, account),
  }
}

interface NapiKeyringModule {
  AsyncEntry: new (
    service: string,
    account: string,
  ) => {
    getPassword(): Promise<string | null | undefined>
    setPassword(password: string): Promise<void>
    deletePassword(): Promise<boolean>
  }
}

/** @napi-rs/keyring's AsyncEntry in keytar's shape. */
export function adaptNapiKeyring(module: NapiKeyringModule): KeytarLike {
  const entry = (service: string, account: string) => new module.AsyncEntry(service, account)
  return {
    getPassword: async (service, account) => (await entry(service, account).getPassword()) ?? null,
    setPassword: (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: (service, account) => entry(service, account).deletePassword(),
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Loads the keychain library: @napi-rs/keyring (maintained, N-API binaries on
 * npm for Windows, macOS and Linux), else keytar when someone installed it;
 * `keychain` is null, with the reasons, when neither loads.
 */
export async function loadKeychain(
  importModule: (name: string) => Promise<unknown> = (name) => import(/* @vite-ignore */ name),
): Promise<LoadedKeychain> {
  const reasons: string[] = []
  try {
    const module = (await importModule('@napi-rs/keyring')) as Partial<NapiKeyringModule>
    if (typeof module.AsyncEntry !== 'function') throw new Error('it has no AsyncEntry')
    return { keychain: adaptNapiKeyring(module as NapiKeyringModule), library: '@napi-rs/keyring' }
  } catch (error) {
    reasons.push(`@napi-rs/keyring: ${messageOf(error)}`)
  }
  try {
    // keytar (archived) is only a fallback; it is not a dependency of the project.
    const module = (await importModule('keytar')) as { default?: KeytarLike } & Partial<KeytarLike>
    const keytar = module.default ?? (module as KeytarLike)
    if (typeof keytar.getPassword !== 'function') throw new Error('it has no getPassword')
    return { keychain: keytar, library: 'keytar' }
  } catch (error) {
    reasons.push(`keytar: ${messageOf(error)}`)
  }
  return { keychain: null, reason: reasons.join('; ') }
}
