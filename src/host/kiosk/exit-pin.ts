/**
 * The kiosk's exit PIN: 6 to 12 digits, stored in kiosk.json as an argon2id
 * hash made by the project's password hasher (@node-rs/argon2, whose verify
 * compares in constant time). Five wrong PINs in a row lock the exit gesture
 * for five minutes; after the lock, five more tries. The count lives in memory:
 * restarting the app needs the PIN or a power cycle, both visible in the
 * showroom. Plain TypeScript (tested on Node).
 */
import { createPasswordHasher, type PasswordHasher } from '../password-hasher.ts'

export const EXIT_PIN_PATTERN = /^[0-9]{6,12}$/
export const EXIT_PIN_MAX_FAILURES = 5
export const EXIT_PIN_LOCK_MS = 5 * 60_000

/** Whether `pin` has the allowed form: 6 to 12 digits (0–9), nothing else. */
export function isValidExitPin(pin: string): boolean {
  return EXIT_PIN_PATTERN.test(pin)
}

/** The argon2id PHC string for `pin`; throws a RangeError when it is not 6 to 12 digits. */
export async function hashExitPin(
  pin: string,
  hasher: PasswordHasher = createPasswordHasher(),
): Promise<string> {
  if (!isValidExitPin(pin)) throw new RangeError('The exit PIN must be 6 to 12 digits (0-9).')
  return hasher.hash(pin)
}

export type ExitPinResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }

export interface ExitPinCheck {
  /** False with `--kiosk` alone (no PIN hash): the exit gesture quits at once. */
  readonly pinRequired: boolean
  /** Checks one entered PIN; while locked, refuses every PIN (the right one too) without checking. */
  check(pin: string): Promise<ExitPinResult>
  /** Seconds until the exit gesture may be tried again; 0 when it is not locked. */
  lockedForSeconds(): number
}

export interface ExitPinCheckOptions {
  /** KioskConfig.exitPinHash. */
  hash: string | null
  /** Milliseconds, e.g. Date.now. */
  now: () => number
  hasher?: Pick<PasswordHasher, 'verify'>
  log?: (line: string) => void
}

/** The exit gesture's PIN check, with the lock after repeated wrong PINs. */
export function createExitPinCheck(options: ExitPinCheckOptions): ExitPinCheck {
  const { hash, now } = options
  const hasher = options.hasher ?? createPasswordHasher()
  const log = options.log ?? (() => undefined)
  let failures = 0
  let lockedUntil = 0
  // One check at a time, so that a burst of tries cannot slip past the count.
  let queue: Promise<unknown> = Promise.resolve()

  const lockedForSeconds = (): number => Math.max(0, Math.ceil((lockedUntil - now()) / 1000))

  async function checkNow(pin: string): Promise<ExitPinResult> {
    if (hash === null) return { ok: true }
    const locked = lockedForSeconds()
    if (locked > 0) return { ok: false, reason: 'locked', retryAfterSeconds: locked }
    // A malformed PIN counts as a wrong one; it is never hashed.
    const right = isValidExitPin(pin) && (await hasher.verify(hash, pin))
    if (right) {
      failures = 0
      return { ok: true }
    }
    failures += 1
    if (failures >= EXIT_PIN_MAX_FAILURES) {
      failures = 0
      lockedUntil = now() + EXIT_PIN_LOCK_MS
      log(`kiosk: exit locked for ${EXIT_PIN_LOCK_MS / 60_000} minutes after wrong PINs`)
      return { ok: false, reason: 'locked', retryAfterSeconds: lockedForSeconds() }
    }
    return { ok: false, reason: 'wrong', attemptsLeft: EXIT_PIN_MAX_FAILURES - failures }
  }

  return {
    pinRequired: hash !== null,
    check(pin) {
      const result = queue.then(() => checkNow(pin))
      queue = result.catch(() => undefined)
      return result
    },
    lockedForSeconds,
  }
}
