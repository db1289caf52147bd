/** Tokens, links and codes: from the CSPRNG, stored only as SHA-256 hashes. */
import { createHash, randomBytes, randomInt } from 'node:crypto'
import { CODE_ALPHABET } from '../../shared/activation-code.ts'

/** A new opaque token: 256 bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The stored form of a token (a fast hash is right: the token itself has 256 bits of entropy). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A random activation code of `length` characters from CODE_ALPHABET (no modulo bias). */
export function newActivationCode(length = 12): string {
  let code = ''
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}
