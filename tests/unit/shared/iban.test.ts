/** IBAN check digits (ISO 13616 / ISO 7064 mod 97-10) and the masked form the API shows. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compactIban,
  hasValidCheckDigits,
  ibanFromBban,
  maskIban,
} from '../../../src/shared/iban.ts'

/** Published example IBANs (ECBS / national banking associations). */
const KNOWN_VALID = [
  'AT611904300234573201',
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'CH9300762011623852957',
  'NL91ABNA0417164300',
  'FR1420041010050500013M02606',
  'BE68539007547034',
  'NO9386011117947',
]

/** The same IBAN with the digit at `index` replaced by another digit. */
const changeDigit = (iban: string, index: number, by: number): string => {
  const old = Number(iban[index])
  const replacement = String((old + by) % 10)
  return `${iban.slice(0, index)}${replacement}${iban.slice(index + 1)}`
}

const digitPositions = (iban: string): number[] =>
  [...iban].flatMap((char, index) => (/\d/.test(char) ? [index] : []))

describe('hasValidCheckDigits', () => {
  it.each(KNOWN_VALID)('accepts the published example %s', (iban) => {
    expect(hasValidCheckDigits(iban)).toBe(true)
  })

  it('accepts the printed form: groups of four and lower case', () => {
    expect(hasValidCheckDigits('AT61 1904 3002 3457 3201')).toBe(true)
    expect(hasValidCheckDigits('de89 3704 0044 0532 0130 00')).toBe(true)
  })

  it('rejects a typo: any single changed digit of a known IBAN, check digits included', () => {
    for (const iban of KNOWN_VALID) {
      for (const index of digitPositions(iban)) {
        for (let by = 1; by <= 9; by++)
          expect(hasValidCheckDigits(changeDigit(iban, index, by)), `${iban}@${index}+${by}`).toBe(
            false,
          )
      }
    }
  })

  it('rejects two swapped neighbouring digits', () => {
    // AT61 1904 3002 … → AT61 9104 3002 …
    expect(hasValidCheckDigits('AT619104300234573201')).toBe(false)
    expect(hasValidCheckDigits('DE89370400440532013000'.replace('3704', '7304'))).toBe(false)
  })

  it('rejects what is no IBAN at all', () => {
    for (const text of [
      '',
      'AT61',
      '61AT1904300234573201',
      'AT6A1904300234573201',
      'ÄT611904300234573201',
    ])
      expect(hasValidCheckDigits(text), text).toBe(false)
  })
})

describe('ibanFromBban', () => {
  it('computes the published check digits', () => {
    expect(ibanFromBban('AT', '1904300234573201')).toBe('AT611904300234573201')
    expect(ibanFromBban('DE', '370400440532013000')).toBe('DE89370400440532013000')
    expect(ibanFromBban('GB', 'WEST12345698765432')).toBe('GB82WEST12345698765432')
  })

  it('always yields valid check digits, two of them, for any country and account number', () => {
    const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
    const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')
    fc.assert(
      fc.property(
        fc.tuple(upper, upper).map(([a, b]) => a + b),
        fc.array(alnum, { minLength: 8, maxLength: 30 }).map((chars) => chars.join('')),
        (country, bban) => {
          const iban = ibanFromBban(country, bban)
          expect(iban).toMatch(new RegExp(`^${country}\\d{2}${bban}$`))
          expect(hasValidCheckDigits(iban)).toBe(true)
          // Check digits 00, 01 and 99 never occur with mod 97-10.
          expect(['00', '01', '99']).not.toContain(iban.slice(2, 4))
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('maskIban', () => {
  it('shows country, check digits and the last four only', () => {
    expect(maskIban('AT611904300234573201')).toBe('AT61 **** **** **** 3201')
    expect(maskIban('at61 1904 3002 3457 3201')).toBe('AT61 **** **** **** 3201')
    expect(maskIban('DE89370400440532013000')).toBe('DE89 **** **** **** **** 3000')
  })

  it('never reveals a character between the first and last four, whatever the length', () => {
    const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')
    fc.assert(
      fc.property(
        fc.array(alnum, { minLength: 8, maxLength: 30 }).map((chars) => chars.join('')),
        (bban) => {
          const iban = ibanFromBban('AT', bban)
          const masked = maskIban(iban)
          const compact = compactIban(iban)
          expect(masked.startsWith(`${compact.slice(0, 4)} `)).toBe(true)
          expect(masked.endsWith(` ${compact.slice(-4)}`)).toBe(true)
          expect(masked.replace(/[\s*]/g, '')).toBe(compact.slice(0, 4) + compact.slice(-4))
          expect(masked.slice(5, -5)).toMatch(/^\*{4}( \*{4})*$/)
        },
      ),
      { numRuns: 300 },
    )
  })
})
