/**
 * Activation codes (api.md "Activation code"): 12 characters from an alphabet
 * without look-alikes, shown as XXXX-XXXX-XXXX; case, spaces and dashes are
 * ignored on input. Shared by the backend (letters, checking) and the app (the
 * field that formats as you type).
 */

/** Letters and digits without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V). */
export const CODE_ALPHABET = '3467ACDEFGHJKMNPQRTWXY9'
export const ACTIVATION_CODE_LENGTH = 12

const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${ACTIVATION_CODE_LENGTH}}$`)

/** Typed input without spaces and dashes, in upper case. */
export function normaliseActivationCode(input: string): string {
  return input.replace(/[\s\-‐‑‒–—]/g, '').toUpperCase()
}

/** true when the normalised input has the form of a code. */
export function isActivationCodeFormat(input: string): boolean {
  return CODE_PATTERN.test(normaliseActivationCode(input))
}

/** A code for people: XXXX-XXXX-XXXX (also a partly typed one: `AB3C-D`). */
export function formatActivationCode(code: string): string {
  return (
    normaliseActivationCode(code)
      .match(/.{1,4}/g)
      ?.join('-') ?? ''
  )
}

/** The characters of the input that no code contains (e.g. `0`, `O`, `1`), once each. */
export function foreignCodeCharacters(input: string): string[] {
  return [...new Set(normaliseActivationCode(input))].filter((c) => !CODE_ALPHABET.includes(c))
}
