/**
 * The vault: memory, the fallback when no keychain answers, and the real OS
 * keychain (gnome-keyring in a D-Bus session here). Without a usable keychain
 * the real-keychain tests skip and print why, except in CI or with
 * MMF_REQUIRE_KEYCHAIN=1: there they fail, because CI must prove that the
 * keychain library (@napi-rs/keyring) loads and talks to the keyring.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createKeychainVault,
  loadKeychain,
  type KeytarLike,
} from '../../../src/host/vault/keychain-vault.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { selectVault } from '../../../src/host/vault/select-vault.ts'

const requireKeychain = process.env.CI === 'true' || process.env.MMF_REQUIRE_KEYCHAIN === '1'
const PROBE_TIMEOUT_MS = 5000

function timeLimit<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer in ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Whether the real keychain works, asked once with the library directly (not through
 * selectVault, so that a broken selectVault cannot make these tests skip).
 */
async function probeKeychain(keytar: KeytarLike | null, reason?: string): Promise<string | null> {
  if (!keytar) return `no keychain library could be loaded: ${reason ?? 'unknown reason'}`
  const service = `mmf-test-availability-${randomUUID()}`
  try {
    await timeLimit(keytar.setPassword(service, 'probe', 'x'), 'setPassword')
    const back = await timeLimit(keytar.getPassword(service, 'probe'), 'getPassword')
    await timeLimit(keytar.deletePassword(service, 'probe'), 'deletePassword')
    return back === 'x' ? null : 'the keychain returned another value than was stored'
  } catch (error) {
    return `the keychain is not usable: ${error instanceof Error ? error.message : String(error)}`
  }
}

const loaded = await loadKeychain()
const keychainProblem = await probeKeychain(loaded.keychain, loaded.reason)
const skipRealKeychain = keychainProblem !== null && !requireKeychain
if (skipRealKeychain) {
  console.warn(
    `[vault tests] real-keychain tests skipped: ${keychainProblem}. ` +
      "Run them in a keyring session: dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run tests/unit/gateway'",
  )
}

type KeytarCall = 'get' | 'set' | 'delete'

/** A keytar stand-in: records calls and answers, throws, lies or hangs. */
function fakeKeytar(behaviour: 'throw' | 'hang' | 'lie' | 'honest', calls: KeytarCall[] = []) {
  const stored = new Map<string, string>()
  const act = async <T>(name: KeytarCall, value: () => T): Promise<T> => {
    calls.push(name)
    if (behaviour === 'throw') throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')
    if (behaviour === 'hang') return new Promise<T>(() => undefined)
    return value()
  }
  const keytar: KeytarLike = {
    getPassword: (service, account) =>
      act('get', () =>
        behaviour === 'lie' ? 'something else' : (stored.get(`${service}/${account}`) ?? null),
      ),
    setPassword: (service, account, password) =>
      act('set', () => {
        stored.set(`${service}/${account}`, password)
      }),
    deletePassword: (service, account) =>
      act('delete', () => stored.delete(`${service}/${account}`)),
  }
  return { keytar, calls, stored }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('memory vault', () => {
  it('stores, reads, overwrites and deletes, and says it is not kept across restarts', async () => {
    const vault = createMemoryVault()
    expect(vault.kind).toBe('memory')
    expect(await vault.get('refresh-token')).toBeNull()
    await vault.set('refresh-token', 'first')
    await vault.set('refresh-token', 'second')
    expect(await vault.get('refresh-token')).toBe('second')
    expect(await vault.get('other')).toBeNull()
    expect(await vault.delete('refresh-token')).toBe(true)
    expect(await vault.delete('refresh-token')).toBe(false)
    expect(await vault.get('refresh-token')).toBeNull()
  })

  it('does not share entries between two vaults (a new process starts empty)', async () => {
    const first = createMemoryVault()
    await first.set('refresh-token', 'secret')
    expect(await createMemoryVault().get('refresh-token')).toBeNull()
  })
})

describe('choosing a vault', () => {
  it('uses memory in kiosk mode and never touches the keychain', async () => {
    const keytar: KeytarLike = {
      getPassword: vi.fn(async () => 'kept'),
      setPassword: vi.fn(async () => undefined),
      deletePassword: vi.fn(async () => true),
    }
    const choice = await selectVault({ keychain: keytar, service: 'mmf-kiosk', kiosk: true })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toBe('kiosk mode')
    expect(keytar.getPassword).not.toHaveBeenCalled()
    expect(keytar.setPassword).not.toHaveBeenCalled()
    expect(keytar.deletePassword).not.toHaveBeenCalled()
    // Using the chosen vault does not reach the keychain either.
    await choice.vault.set('refresh-token', 'x')
    expect(keytar.setPassword).not.toHaveBeenCalled()
  })

  it('falls back to memory, with the reason, when no keychain library loads', async () => {
    const choice = await selectVault({
      keychain: null,
      keychainUnavailableReason: 'libsecret-1.so.0: cannot open shared object file',
      service: 'mmf',
      kiosk: false,
    })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toMatch(/not available/)
    expect(choice.fallbackReason).toContain('libsecret-1.so.0')
  })

  it('falls back to memory, with the reason, when the keychain throws', async () => {
    const choice = await selectVault({
      keychain: fakeKeytar('throw').keytar,
      service: 'mmf',
      kiosk: false,
    })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toMatch(/not usable/)
    expect(choice.fallbackReason).toContain('Cannot autolaunch D-Bus')
  })

  it('falls back to memory when the keychain returns another value than was stored', async () => {
    const choice = await selectVault({
      keychain: fakeKeytar('lie').keytar,
      service: 'mmf',
      kiosk: false,
    })
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toMatch(/another value/)
  })

  it('falls back to memory after 3 s when the keychain never answers, not earlier', async () => {
    vi.useFakeTimers()
    const { keytar, calls } = fakeKeytar('hang')
    let settled = false
    const choosing = selectVault({ keychain: keytar, service: 'mmf', kiosk: false }).finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(2999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const choice = await choosing
    expect(choice.vault.kind).toBe('memory')
    expect(choice.fallbackReason).toMatch(/did not answer in 3000 ms/)
    expect(calls).toEqual(['set'])
  })

  it('uses a keychain that answers slowly but within the time limit', async () => {
    vi.useFakeTimers()
    const honest = fakeKeytar('honest')
    const slow = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const keytar: KeytarLike = {
      getPassword: async (s, a) => (await slow(2500), honest.keytar.getPassword(s, a)),
      setPassword: async (s, a, p) => (await slow(2500), honest.keytar.setPassword(s, a, p)),
      deletePassword: async (s, a) => (await slow(2500), honest.keytar.deletePassword(s, a)),
    }
    const choosing = selectVault({ keychain: keytar, service: 'mmf', kiosk: false })
    await vi.advanceTimersByTimeAsync(3 * 2500)
    const choice = await choosing
    expect(choice.vault.kind).toBe('os')
    expect(choice.fallbackReason).toBeUndefined()
  })

  it('uses a working keychain and leaves no probe entry behind', async () => {
    const { keytar, calls, stored } = fakeKeytar('honest')
    const choice = await selectVault({ keychain: keytar, service: 'mmf (demo)', kiosk: false })
    expect(choice.vault.kind).toBe('os')
    expect(choice.fallbackReason).toBeUndefined()
    expect(calls).toEqual(['set', 'get', 'delete'])
    expect(stored.size).toBe(0)
    await choice.vault.set('refresh-token', 'kept')
    expect(stored.get('mmf (demo)/refresh-token')).toBe('kept')
  })
})

describe('the real OS keychain', () => {
  it.skipIf(skipRealKeychain)(
    'is usable here through @napi-rs/keyring (CI must prove that it loads and talks to the keyring)',
    () => {
      expect(keychainProblem, keychainProblem ?? '').toBeNull()
      expect(loaded.library).toBe('@napi-rs/keyring')
    },
  )

  it.skipIf(skipRealKeychain)(
    'is chosen by selectVault, keeps a secret across vault objects, and forgets it on delete',
    async () => {
      const keytar = loaded.keychain
      if (!keytar) throw new Error(keychainProblem ?? 'no keychain library loaded')
      const service = `mmf-test-${randomUUID()}`
      try {
        const choice = await selectVault({ keychain: keytar, service, kiosk: false })
        expect(choice.fallbackReason).toBeUndefined()
        expect(choice.vault.kind).toBe('os')
        // The probe left nothing behind.
        expect(await keytar.getPassword(service, 'probe')).toBeNull()

        await choice.vault.set('refresh-token', 'kept-across-restarts')
        // Another vault object for the same service (as after a restart) finds it.
        const again = createKeychainVault(keytar, service)
        expect(await again.get('refresh-token')).toBe('kept-across-restarts')
        // Another service (environment) does not.
        expect(
          await createKeychainVault(keytar, `${service}-other`).get('refresh-token'),
        ).toBeNull()

        expect(await again.delete('refresh-token')).toBe(true)
        expect(await choice.vault.get('refresh-token')).toBeNull()
        expect(await keytar.getPassword(service, 'refresh-token')).toBeNull()
        expect(await again.delete('refresh-token')).toBe(false)
      } finally {
        await keytar.deletePassword(service, 'refresh-token').catch(() => false)
        await keytar.deletePassword(service, 'probe').catch(() => false)
      }
    },
  )
})

describe('loading the keychain library', () => {
  const honestEntry = () => {
    const stored = new Map<string, string>()
    return class {
      private readonly key: string
      constructor(service: string, account: string) {
        this.key = `${service}/${account}`
      }
      getPassword = async (): Promise<string | undefined> => stored.get(this.key)
      setPassword = async (password: string): Promise<void> => void stored.set(this.key, password)
      deletePassword = async (): Promise<boolean> => stored.delete(this.key)
    }
  }

  it('prefers @napi-rs/keyring and adapts its entries to the vault (nothing found is null)', async () => {
    const asked: string[] = []
    const loadedHere = await loadKeychain(async (name) => {
      asked.push(name)
      if (name === '@napi-rs/keyring') return { AsyncEntry: honestEntry() }
      throw new Error('keytar must not be loaded when @napi-rs/keyring works')
    })
    expect(asked).toEqual(['@napi-rs/keyring'])
    expect(loadedHere.library).toBe('@napi-rs/keyring')
    const vault = createKeychainVault(loadedHere.keychain as KeytarLike, 'mmf (demo)')
    expect(await vault.get('refresh-token')).toBeNull()
    await vault.set('refresh-token', 'kept')
    expect(await vault.get('refresh-token')).toBe('kept')
    expect(
      await createKeychainVault(loadedHere.keychain as KeytarLike, 'other').get('refresh-token'),
    ).toBeNull()
    expect(await vault.delete('refresh-token')).toBe(true)
    expect(await vault.delete('refresh-token')).toBe(false)
  })

  it('falls back to keytar when it is installed and @napi-rs/keyring does not load', async () => {
    const keytar = fakeKeytar('honest').keytar
    const loadedHere = await loadKeychain(async (name) => {
      if (name === 'keytar') return { default: keytar }
      throw new Error('No native build was found for platform=freebsd')
    })
    expect(loadedHere.library).toBe('keytar')
    expect(loadedHere.keychain).toBe(keytar)
  })

  it('names both reasons when neither library loads', async () => {
    const loadedHere = await loadKeychain(async (name) => {
      throw new Error(`Cannot find module '${name}'`)
    })
    expect(loadedHere.keychain).toBeNull()
    expect(loadedHere.reason).toContain("@napi-rs/keyring: Cannot find module '@napi-rs/keyring'")
    expect(loadedHere.reason).toContain("keytar: Cannot find module 'keytar'")
  })
})
