/**
 * The password policy of api.md (NIST SP 800-63B-4, OWASP ASVS 5 §6.2): length
 * in code points after NFC, no composition rules, refused when common or when
 * it contains the customer's name or the e-mail's local part.
 */
import { createRequire } from 'node:module'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/api/auth.ts'
import { normalisePassword } from '../../shared/passwords.ts'

// Shared with the host's password hasher, which hashes the same NFC form.
export { normalisePassword }

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_personal_data'

let common: Set<string> | null = null

/**
 * The ranked list of common and breached passwords (about 49,000; at least the
 * top 10,000), loaded on first use: it costs ~40 ms, which start-up need not pay.
 */
function commonPasswords(): Set<string> {
  if (common) return common
  const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
    dictionary: Record<string, string[] | undefined>
  }
  common = new Set((dictionary['passwords-common'] ?? []).map((p) => p.toLowerCase()))
  if (common.size < 10_000) throw new Error('The common-password list is missing or too short.')
  return common
}

function isCommon(password: string): boolean {
  const COMMON = commonPasswords()
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return true
  // One character repeated, or a common password padded with digits and symbols.
  if (new Set(lower).size <= 2) return true
  const core = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '')
  if (core.length >= 4 && COMMON.has(core)) return true
  // The same common word repeated ("passwordpassword").
  for (let size = 4; size <= lower.length / 2; size++) {
    if (lower.length % size === 0 && lower.slice(0, size).repeat(lower.length / size) === lower) {
      return COMMON.has(lower.slice(0, size)) || size <= 5
    }
  }
  return false
}

/** Checks a new password; null when it may be used. */
export function checkPassword(
  password: string,
  personal: { email?: string; firstName?: string; lastName?: string },
): PasswordProblem | null {
  const normalised = normalisePassword(password)
  const length = [...normalised].length
  if (length < PASSWORD_MIN_LENGTH) return 'too_short'
  if (length > PASSWORD_MAX_LENGTH) return 'too_long'
  const lower = normalised.toLowerCase()
  const localPart = personal.email?.split('@')[0]?.toLowerCase() ?? ''
  const names = [localPart, personal.firstName, personal.lastName]
    .map((n) => (n ?? '').normalize('NFC').toLowerCase().trim())
    .filter((n) => [...n].length >= 3)
  if (names.some((n) => lower.includes(n))) return 'contains_personal_data'
  if (isCommon(normalised)) return 'too_common'
  return null
}
