/** IBANs (ISO 13616): check digits, and the masked form the API shows. */

/** The IBAN without spaces, upper case. */
export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase()
}

/** The ISO 7064 mod-97 remainder of an IBAN rearranged for checking (country and check digits last). */
function mod97(rearranged: string): number {
  let remainder = 0
  for (const char of rearranged) {
    const code = char.charCodeAt(0)
    // Digits stay, letters become 10–35.
    const value = code >= 65 ? String(code - 55) : char
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder
}

/** true when the check digits are right (the length per country is checked by the caller). */
export function hasValidCheckDigits(iban: string): boolean {
  const compact = compactIban(iban)
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(compact)) return false
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1
}

/** Builds an IBAN from a country code and a national account number (BBAN). */
export function ibanFromBban(country: string, bban: string): string {
  const check = 98 - mod97(`${bban}${country}00`)
  return `${country}${String(check).padStart(2, '0')}${bban}`
}

/** Country code, check digits and the last four characters: `AT61 **** **** **** 3201`. */
export function maskIban(iban: string): string {
  const compact = compactIban(iban)
  const hidden = Math.max(1, Math.ceil((compact.length - 8) / 4))
  return [compact.slice(0, 4), ...Array<string>(hidden).fill('****'), compact.slice(-4)].join(' ')
}

/**
 * The IBAN length of every country in the SEPA schemes' geographical scope
 * (EPC409-09: the EU and EEA, Switzerland, the United Kingdom, Monaco, San
 * Marino, Andorra, the Vatican, Gibraltar; Albania and Montenegro since 2024).
 * Territories that bank with a listed country's IBANs (the French overseas
 * departments, the Channel Islands, Åland …) use that country's code.
 */
export const SEPA_IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AL: 28,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  ME: 22,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
}

/** Why an IBAN was refused (the reason code of `fields.iban`). */
export type IbanProblem = 'invalid_format' | 'not_sepa' | 'invalid_length' | 'invalid_checksum'

/**
 * Checks an IBAN for a SEPA direct debit as typed (spaces and lower case are
 * fine): its form, a SEPA country, that country's length, and the ISO 7064
 * mod-97 check digits. On success, the compact form to store.
 */
export function checkSepaIban(
  input: string,
): { ok: true; iban: string } | { ok: false; problem: IbanProblem } {
  const iban = compactIban(input)
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return { ok: false, problem: 'invalid_format' }
  const length = SEPA_IBAN_LENGTHS[iban.slice(0, 2)]
  if (length === undefined) return { ok: false, problem: 'not_sepa' }
  if (iban.length !== length) return { ok: false, problem: 'invalid_length' }
  // 00, 01 and 99 are congruent to 97, 98 and 02 modulo 97 but never issued (ISO 13616).
  const check = Number(iban.slice(2, 4))
  if (check < 2 || check > 98 || !hasValidCheckDigits(iban)) {
    return { ok: false, problem: 'invalid_checksum' }
  }
  return { ok: true, iban }
}

/** The printed form in groups of four (`AT61 1904 3002 3457 3201`); also while typing. */
export function formatIban(input: string): string {
  return compactIban(input)
    .replace(/(.{4})(?=.)/g, '$1 ')
    .trim()
}
