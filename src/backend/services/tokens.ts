/** Tokens, links and codes: from the CSPRNG, stored only as SHA-256 hashes. */
import { createHash, randomBytes, randomInt } from 'node:crypto'

/** A new opaque token: 256 bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The stored form of a token (a fast hash is right: the token itself has 256 bits of entropy). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Letters and digits without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V). */
export const CODE_ALPHABET = '3467ACDEFGHJKMNPQRTWXY9'

/** A random activation code of `length` characters from CODE_ALPHABET (no modulo bias). */
export function newActivationCode(length = 12): string {
  let code = ''
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}
