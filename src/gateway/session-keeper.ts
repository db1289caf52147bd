/**
 * Keeps one customer's tokens for the gateway: the access token in memory
 * only, the refresh token in memory and — with "stay signed in", never in
 * kiosk mode — in the vault (OS keychain). Refreshes are single-flight.
 */
import type { TokenResponse } from '../shared/api/auth.ts'
import type { Vault } from './vault.ts'

/** The tokens of a sign-in's or refresh's answer (the contract's), without the customer. */
export type TokenPair = Omit<TokenResponse, 'customer'>

/** The refresh call upstream: the new pair, or null when the refresh token was refused. */
export type RefreshCall = (refreshToken: string) => Promise<TokenPair | null>

export interface SessionKeeper {
  /** Takes the tokens of a sign-in; keeps the refresh token in the vault only when asked. */
  accept(pair: TokenPair, staySignedIn: boolean): Promise<void>
  /** The access token, or null when none is held or it has expired. */
  accessToken(): string | null
  /** Whether a refresh token is held (in memory). */
  canRefresh(): boolean
  /** Whether the session is a kept one ("stay signed in", its refresh token in the vault). */
  kept(): boolean
  /** Refreshes once for all concurrent callers; false when the session is gone (then cleared). */
  refresh(): Promise<boolean>
  /** Restores a kept session from the vault once per process; false when there is none. */
  restore(): Promise<boolean>
  /** Forgets the tokens in memory and in the vault. */
  clear(): Promise<void>
}

/** The vault entry's account name. */
export const REFRESH_TOKEN_ACCOUNT = 'refresh-token'

/** Creates the keeper. `now` is injectable for tests of expiry. */
export function createSessionKeeper(options: {
  vault: Vault
  kiosk: boolean
  refreshCall: RefreshCall
  now?: () => number
  log?: (line: string) => void
}): SessionKeeper {
  const now = options.now ?? Date.now
  const log = options.log ?? (() => undefined)
  // In kiosk mode the vault is never touched, whatever happens.
  const vault = options.kiosk ? null : options.vault
  let access: { token: string; expiresAt: number } | null = null
  let refreshToken: string | null = null
  let persistent = false
  let inFlight: Promise<boolean> | null = null
  let restored = false
  /**
   * Counts accepts and clears: a refresh answered after the session it belonged to
   * was cleared or replaced is thrown away, never applied to the next customer's.
   */
  let epoch = 0

  function hold(pair: TokenPair): void {
    access = { token: pair.accessToken, expiresAt: Date.parse(pair.accessTokenExpiresAt) }
    refreshToken = pair.refreshToken
  }

  async function forget(): Promise<void> {
    epoch += 1
    inFlight = null
    access = null
    refreshToken = null
    const wasPersistent = persistent
    persistent = false
    if (vault && wasPersistent) {
      try {
        await vault.delete(REFRESH_TOKEN_ACCOUNT)
      } catch (error) {
        log(
          `could not clear the keychain entry: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
  }

  async function doRefresh(): Promise<boolean> {
    const token = refreshToken
    if (!token) return false
    const mine = epoch
    let pair: TokenPair | null
    try {
      pair = await options.refreshCall(token)
      if (epoch !== mine) return false
    } catch (error) {
      if (epoch !== mine) return false
      // A network failure is not a revoked session: keep the tokens for the next try.
      log(`refresh failed: ${error instanceof Error ? error.message : String(error)}`)
      return false
    }
    if (!pair) {
      await forget()
      return false
    }
    hold(pair)
    if (vault && persistent) await vault.set(REFRESH_TOKEN_ACCOUNT, pair.refreshToken)
    return true
  }

  return {
    async accept(pair, staySignedIn) {
      epoch += 1
      inFlight = null
      hold(pair)
      persistent = Boolean(vault) && staySignedIn
      if (!vault) return
      if (persistent) await vault.set(REFRESH_TOKEN_ACCOUNT, pair.refreshToken)
      else await vault.delete(REFRESH_TOKEN_ACCOUNT)
    },
    accessToken() {
      if (!access) return null
      // Treat a token as expired a few seconds early: the clock of the backend may be ahead.
      return access.expiresAt - 5000 > now() ? access.token : null
    },
    canRefresh() {
      return refreshToken !== null
    },
    kept() {
      return persistent && refreshToken !== null
    },
    refresh() {
      if (inFlight) return inFlight
      const current: Promise<boolean> = doRefresh().finally(() => {
        // A clear or accept meanwhile already detached this one.
        if (inFlight === current) inFlight = null
      })
      inFlight = current
      return current
    },
    async restore() {
      if (restored || !vault) return false
      restored = true
      const kept = await vault.get(REFRESH_TOKEN_ACCOUNT)
      if (!kept) return false
      refreshToken = kept
      persistent = true
      return this.refresh()
    },
    clear: forget,
  }
}
