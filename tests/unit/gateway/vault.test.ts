/**
 * The vault: memory, the fallback when no keychain answers, and the real OS
 * keychain (gnome-keyring in a D-Bus session here). Without a keychain the
 * real-keychain tests skip and say why, except in CI, where they must run.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  createKeytarVault,
  loadKeytar,
  type KeytarLike,
} from '../../../src/gateway/vault/keytar-vault.ts'
import { createMemoryVault } from '../../../src/gateway/vault/memory-vault.ts'
import { selectVault } from '../../../src/gateway/vault/select-vault.ts'

const requireKeychain = process.env.CI === 'true' || process.env.MMF_REQUIRE_KEYCHAIN === '1'
const loaded = await loadKeytar()
let keychainProblem: string | null = loaded.keytar
  ? null
  : `keytar not loadable: ${loaded.reason ?? ''}`
if (loaded.keytar && !keychainProblem) {
  const probe = await selectVault({
    keytar: loaded.keytar,
    service: `mmf-test-probe-${randomUUID()}`,
    kiosk: false,
  })
  if (probe.fallbackReason) keychainProblem = probe.fallbackReason
}
if (keychainProblem && !requireKeychain) {
  console.warn(`[vault tests] real-keychain tests skipped: ${keychainProblem}`)
}

function brokenKeytar(behaviour: 'throw' | 'hang' | 'lie', calls: string[] = []): KeytarLike {
  const act = async <T>(name: string, value: T): Promise<T> => {
    calls.push(name)
    if (behaviour === 'throw')
      throw new Error('org.freedesktop.secrets was not provided by any .service files')
    if (behaviour === 'hang') return new Promise<T>(() => undefined)
    return value
  }
  return {
    getPassword: () => act('get', 'something else'),
    setPassword: () => act('set', undefined),
    deletePassword: () => act('delete', true),
  }
}

describe('memory vault', () => {
  it('stores, reads and deletes, and says it is not persistent', async () => {
    const vault = createMemoryVault()
    expect(vault.kind).toBe('memory')
    expect(await vault.get('a')).toBeNull()
    await vault.set('a', 'secret')
    expect(await vault.get('a')).toBe('secret')
    expect(await vault.delete('a')).toBe(true)
    expect(await vault.delete('a')).toBe(false)
    expect(await vault.get('a')).toBeNull()
  })
})

describe('choosing a vault', () => {
  it('uses memory in kiosk mode and never touches the keychain', async () => {
    const calls: string[] = []
    const choice = await selectVault({
      keytar: brokenKeytar('lie', calls),
      service: 's',
      kiosk: true,
    })
    expect(choice.vault.kind).toBe('memory')
    expect(calls).toEqual([])
  })

  it('falls back to memory, with the reason, when keytar is missing', async () => {
    const choice = await selectVault({
      keytar: null,
      keytarUnavailableReason: 'not built',
      service: 's',
      kiosk: false,
    })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toContain('not built')
  })

  it('falls back to memory when the keychain throws', async () => {
    const choice = await selectVault({ keytar: brokenKeytar('throw'), service: 's', kiosk: false })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toMatch(/not usable/)
  })

  it('falls back to memory when the keychain returns another value', async () => {
    const choice = await selectVault({ keytar: brokenKeytar('lie'), service: 's', kiosk: false })
    expect(choice.vault.kind).toBe('memory')
  })

  it('falls back to memory when the keychain never answers', async () => {
    const choice = await selectVault({ keytar: brokenKeytar('hang'), service: 's', kiosk: false })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toMatch(/did not answer/)
  }, 10_000)
})

describe.skipIf(keychainProblem !== null && !requireKeychain)('the real OS keychain', () => {
  it('is usable here (CI must prove keytar built and talks to the keyring)', () => {
    expect(keychainProblem).toBeNull()
  })

  it('stores a secret, reads it back in another vault object, and deletes it', async () => {
    const keytar = loaded.keytar as KeytarLike
    const service = `mmf-test-${randomUUID()}`
    const choice = await selectVault({ keytar, service, kiosk: false })
    expect(choice.vault.kind).toBe('os')
    await choice.vault.set('refresh-token', 'kept-across-restarts')
    const again = createKeytarVault(keytar, service)
    expect(await again.get('refresh-token')).toBe('kept-across-restarts')
    expect(await again.delete('refresh-token')).toBe(true)
    expect(await choice.vault.get('refresh-token')).toBeNull()
    // The probe entry is gone too: nothing is left behind.
    expect(await keytar.getPassword(service, 'probe')).toBeNull()
  })
})
