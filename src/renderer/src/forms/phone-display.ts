/** A stored phone number (E.164) written for people: `+436641234567` → `+43 664 1234567`. */
import { COUNTRIES, SUPPORTED_COUNTRIES } from '../../../shared/api/profile.ts'

// Longest first: +420 (Czechia) before a shorter code that starts the same way.
const CALLING_CODES = SUPPORTED_COUNTRIES.map((code) => COUNTRIES[code].callingCode).sort(
  (a, b) => b.length - a.length,
)

/** Groups the subscriber number: up to seven digits in one block, longer ones in fours. */
function groupSubscriber(digits: string): string {
  return digits.length <= 7 ? digits : (digits.match(/.{1,4}/g) ?? [digits]).join(' ')
}

/**
 * The number with its country code set apart, then a three-digit prefix (a
 * mobile network or area code; Vienna's is "1") and the rest:
 * `+43 664 1234567`, `+43 662 2191 4920`, `+43 1 5321234`. A number that is
 * not E.164, or of a country the bank does not know, is shown as it is.
 */
export function formatPhone(e164: string): string {
  const match = /^\+([1-9]\d{6,14})$/.exec(e164)
  const digits = match?.[1]
  if (!digits) return e164
  const callingCode = CALLING_CODES.find((code) => digits.startsWith(code))
  if (!callingCode) return e164
  const national = digits.slice(callingCode.length)
  const prefixLength = callingCode === '43' && national.startsWith('1') ? 1 : 3
  if (national.length <= prefixLength + 2) return `+${callingCode} ${national}`
  const prefix = national.slice(0, prefixLength)
  return `+${callingCode} ${prefix} ${groupSubscriber(national.slice(prefixLength))}`
}
