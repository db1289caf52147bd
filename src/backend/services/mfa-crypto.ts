/**
 * The second factor's cryptography (docs/security.md "Second factor"): TOTP by
 * RFC 6238 through otpauth (SHA-1, 6 digits, 30 s), the secrets sealed at rest
 * with AES-256-GCM, the recovery codes as keyed hashes, and every comparison in
 * constant time. Both keys are derived (HKDF-SHA-256) from the one secret key of
 * the configuration, which never goes into the database.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto'
import { HOTP, Secret, URI, TOTP } from 'otpauth'
import {
  RECOVERY_CODE_COUNT,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW_STEPS,
} from '../../shared/api/mfa.ts'

/** The configured secret key's length: 256 bits. */
export const SECRET_KEY_BYTES = 32

/** The keys of the second factor, derived from the configured secret key. */
export interface MfaKeys {
  /** AES-256-GCM over the TOTP secrets. */
  readonly sealing: Buffer
  /** HMAC-SHA-256 over the recovery codes. */
  readonly recovery: Buffer
}

/** Derives the keys from the configured secret key (32 bytes). */
export function deriveMfaKeys(secretKey: Uint8Array): MfaKeys {
  if (secretKey.byteLength !== SECRET_KEY_BYTES) {
    throw new Error(
      `The secret key must be ${SECRET_KEY_BYTES} bytes; got ${secretKey.byteLength}.`,
    )
  }
  const derive = (info: string): Buffer =>
    Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), info, 32))
  return { sealing: derive('mmf/totp-secret/v1'), recovery: derive('mmf/recovery-code/v1') }
}

const SEALED_VERSION = 'v1'

/**
 * Seals a TOTP secret (its raw bytes) for an account: AES-256-GCM with a random
 * 96-bit nonce, the account's id as associated data (a sealed secret copied to
 * another account's row does not open there).
 */
export function sealSecret(keys: MfaKeys, accountId: number, secret: Uint8Array): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keys.sealing, iv)
  cipher.setAAD(Buffer.from(`account:${accountId}`))
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()])
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))
  return [SEALED_VERSION, ...parts].join('.')
}

/** Opens a sealed secret; throws when it was sealed under another key or for another account. */
export function openSecret(keys: MfaKeys, accountId: number, sealed: string): Uint8Array {
  const [version, iv, tag, ciphertext] = sealed.split('.')
  if (version !== SEALED_VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error('not a sealed TOTP secret')
  }
  const decipher = createDecipheriv('aes-256-gcm', keys.sealing, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(`account:${accountId}`))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
}

/** A new TOTP secret: 160 bits (RFC 4226's recommendation for SHA-1). */
export function newTotpSecret(): Uint8Array {
  return randomBytes(20)
}

/** The secret as the customer types it into an app: base32 without padding. */
export function base32Of(secret: Uint8Array): string {
  return new Secret({ buffer: Uint8Array.from(secret).buffer }).base32.replace(/=+$/, '')
}

/** The otpauth:// URI for the QR code: issuer "My MINI Finance", the account's address. */
export function otpauthUri(secret: Uint8Array, label: string): string {
  return URI.stringify(totpOf(secret, label))
}

function totpOf(secret: Uint8Array, label = ''): TOTP {
  return new TOTP({
    issuer: 'My MINI Finance',
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
  })
}

/** The RFC 6238 time step of an instant. */
export function timeStepOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

/**
 * The time step whose code `code` is, of the current one and TOTP_WINDOW_STEPS
 * on either side; null when none matches. Every step of the window is compared,
 * each in constant time, whether or not an earlier one matched.
 */
export function matchingStep(secret: Uint8Array, code: string, now: Date): number | null {
  const given = Buffer.from(code.padEnd(TOTP_DIGITS, ' ').slice(0, TOTP_DIGITS))
  const current = timeStepOf(now)
  const hotp = new HOTP({
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
  })
  let found: number | null = null
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    const expected = Buffer.from(hotp.generate({ counter: step }))
    // The newest matching step wins: it is the one recorded against replay.
    if (timingSafeEqual(expected, given) && code.length === TOTP_DIGITS) found = step
  }
  return found
}

/** The 32 characters of recovery codes: a–z and 2–9 without l and o (no 1/l, 0/o mix-ups). */
const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/** A new set of recovery codes, `xxxx-xxxx` each (40 random bits). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    let code = ''
    for (let i = 0; i < 8; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]
    return `${code.slice(0, 4)}-${code.slice(4)}`
  })
}

/**
 * The stored form of a recovery code: HMAC-SHA-256 under the configured key. A
 * keyed hash rather than argon2: a code has 40 random bits (no dictionary to
 * try), without the key the hashes cannot be tested at all, and whoever has the
 * key can open the TOTP secrets anyway; argon2 would cost each check (up to ten
 * codes per attempt) the better part of a second and memory on the server.
 */
export function recoveryCodeHash(keys: MfaKeys, code: string): string {
  return createHmac('sha256', keys.recovery).update(code, 'utf8').digest('hex')
}

/** Whether two hashes (hex, of equal length) are the same, in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/** A code as typed: a TOTP code, a recovery code (normalised `xxxx-xxxx`), or neither. */
export type TypedCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string } | null

/** Reads a code as the customer typed it: spaces and case do not matter, the dash is optional. */
export function readCode(input: string): TypedCode {
  const compact = input.replace(/\s+/g, '').toLowerCase()
  if (new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(compact)) return { kind: 'totp', code: compact }
  const recovery = /^([a-z2-9]{4})-?([a-z2-9]{4})$/.exec(compact)
  if (recovery) return { kind: 'recovery', code: `${recovery[1]}-${recovery[2]}` }
  return null
}
