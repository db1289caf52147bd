/**
 * The second factor's codes as the customer types them: 6 digits from the
 * authenticator app, or a recovery code `xxxx-xxxx`. Spaces are ignored (the
 * backend ignores them too); the checks answer the reason the field shows.
 */
import { RECOVERY_CODE_PATTERN, TOTP_DIGITS } from '../../../shared/api/mfa.ts'

/** Which kind of code a field takes. */
export type MfaCodeKind = 'totp' | 'recovery'

const recoveryCode = new RegExp(RECOVERY_CODE_PATTERN)

/** The code as sent: without spaces; a recovery code in lower case, its hyphen added. */
export function normaliseMfaCode(input: string, kind: MfaCodeKind): string {
  const compact = input.replace(/\s+/g, '')
  if (kind === 'totp') return compact
  const lower = compact.toLowerCase()
  return /^[a-z0-9]{8}$/.test(lower) ? `${lower.slice(0, 4)}-${lower.slice(4)}` : lower
}

/** null when the input can be a code of its kind; else `required` or `invalid_format`. */
export function checkMfaCode(
  input: string,
  kind: MfaCodeKind,
): 'required' | 'invalid_format' | null {
  const code = normaliseMfaCode(input, kind)
  if (code === '') return 'required'
  const fits =
    kind === 'totp' ? new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code) : recoveryCode.test(code)
  return fits ? null : 'invalid_format'
}

/** A base32 secret in groups of four for typing it in by hand: `JBSW Y3DP EHPK 3PXP`. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? ''
}

/** Which kind a typed code is: digits are the app's, anything else a recovery code. */
export function kindOfTyped(input: string): MfaCodeKind {
  return /^\s*\d/.test(input) ? 'totp' : 'recovery'
}
