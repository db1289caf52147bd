/**
 * Password hashing with argon2id through @node-rs/argon2: a prebuilt N-API
 * addon that runs on Node and inside Electron (whose BoringSSL lacks
 * crypto.argon2). Parameters measured in bench/password-hash.ts (~80 ms here).
 * At most `maxConcurrent` hashes run at once, so a burst of sign-ins cannot
 * exhaust memory (64 MiB each). The host hands it to the backend (customers'
 * passwords) and uses it for the kiosk's exit PIN. The addon is loaded with the
 * first hash, not at start.
 */
import type { Algorithm } from '@node-rs/argon2'
import type { PasswordHasher } from '../backend/index.ts'
import { normalisePassword } from '../shared/passwords.ts'

export type { PasswordHasher }

let argon2: Promise<typeof import('@node-rs/argon2')> | null = null
const loadArgon2 = (): Promise<typeof import('@node-rs/argon2')> =>
  (argon2 ??= import('@node-rs/argon2'))

export interface HashParameters {
  memoryCostKiB: number
  timeCost: number
  parallelism: number
}

/** The parameters in use: above OWASP's floor (m=19 MiB, t=2, p=1), ~50–250 ms on a 2-core machine. */
export const DEFAULT_HASH_PARAMETERS: HashParameters = {
  memoryCostKiB: 65_536,
  timeCost: 3,
  parallelism: 1,
}

/** A counting semaphore: at most `limit` tasks at once, the rest wait in order. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    running += 1
    try {
      return await task()
    } finally {
      running -= 1
      waiting.shift()?.()
    }
  }
}

/** Creates the hasher. */
export function createPasswordHasher(
  parameters: HashParameters = DEFAULT_HASH_PARAMETERS,
  maxConcurrent = 2,
): PasswordHasher {
  // Algorithm is a const enum (not importable as a value here): 2 is Argon2id.
  const argon2id: Algorithm = 2
  const options = {
    algorithm: argon2id,
    memoryCost: parameters.memoryCostKiB,
    timeCost: parameters.timeCost,
    parallelism: parameters.parallelism,
  }
  const limited = createLimiter(maxConcurrent)
  let dummy: Promise<string> | null = null
  const hash = async (password: string): Promise<string> =>
    (await loadArgon2()).hash(password, options)
  // A stored hash argon2 cannot read is a wrong password; a missing addon is an error.
  const verify = async (stored: string, password: string): Promise<boolean> => {
    const addon = await loadArgon2()
    return addon.verify(stored, normalisePassword(password)).catch(() => false)
  }
  return {
    hash: (password) => limited(() => hash(normalisePassword(password))),
    verify: (stored, password) => limited(() => verify(stored, password)),
    async verifyDummy(password) {
      dummy ??= hash('dummy password for unknown addresses')
      const stored = await dummy
      await limited(() => verify(stored, password))
    },
  }
}
