/**
 * Where secrets live: the OS keychain (@napi-rs/keyring) or memory. Only the gateway's
 * refresh token is kept here; nothing else ever reaches disk. The gateway needs only
 * this interface; the implementations and the choice between them are the host's
 * (src/host/vault/).
 */
export interface Vault {
  /** 'os': survives a restart; 'memory': gone when the process ends. */
  readonly kind: 'os' | 'memory'
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** Returns whether an entry was deleted. */
  delete(account: string): Promise<boolean>
}
