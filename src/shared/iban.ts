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
