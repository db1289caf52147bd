/**
 * Phone numbers by the numbering plan (src/shared/phone.ts, libphonenumber-js with
 * its complete metadata): what PATCH /me stores, what it refuses and why, and how
 * the app shows a stored number. Austria, Germany and Switzerland, mobile and
 * fixed line, national and international, as customers type them.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CountryCode } from '../../../src/shared/api/profile.ts'
import { checkPhoneNumber, formatPhoneNumber } from '../../../src/shared/phone.ts'

/** Real-shaped numbers: how a customer at home types them, E.164, and how the app shows them. */
const VALID: readonly {
  country: CountryCode
  kind: 'mobile' | 'fixed line'
  national: string
  e164: string
  shown: string
}[] = [
  {
    country: 'AT',
    kind: 'mobile',
    national: '0664 1234567',
    e164: '+436641234567',
    shown: '+43 664 1234567',
  },
  {
    country: 'AT',
    kind: 'mobile',
    national: '0699 12345678',
    e164: '+4369912345678',
    shown: '+43 699 12345678',
  },
  {
    country: 'AT',
    kind: 'fixed line',
    national: '01 534400',
    e164: '+431534400',
    shown: '+43 1 534400',
  },
  {
    country: 'AT',
    kind: 'fixed line',
    national: '0662 2191 4920',
    e164: '+4366221914920',
    shown: '+43 662 21914920',
  },
  {
    country: 'AT',
    kind: 'fixed line',
    national: '05574 998877',
    e164: '+435574998877',
    shown: '+43 5574 998877',
  },
  {
    country: 'DE',
    kind: 'mobile',
    national: '0151 23456789',
    e164: '+4915123456789',
    shown: '+49 1512 3456789',
  },
  {
    country: 'DE',
    kind: 'mobile',
    national: '0176 12345678',
    e164: '+4917612345678',
    shown: '+49 176 12345678',
  },
  {
    country: 'DE',
    kind: 'fixed line',
    national: '030 1234567',
    e164: '+49301234567',
    shown: '+49 30 1234567',
  },
  {
    country: 'DE',
    kind: 'fixed line',
    national: '089 12345678',
    e164: '+498912345678',
    shown: '+49 89 12345678',
  },
  {
    country: 'CH',
    kind: 'mobile',
    national: '079 123 45 67',
    e164: '+41791234567',
    shown: '+41 79 123 45 67',
  },
  {
    country: 'CH',
    kind: 'fixed line',
    national: '044 668 18 00',
    e164: '+41446681800',
    shown: '+41 44 668 18 00',
  },
  {
    country: 'CH',
    kind: 'fixed line',
    national: '031 123 45 67',
    e164: '+41311234567',
    shown: '+41 31 123 45 67',
  },
]

const refused = (input: string, country: CountryCode = 'AT') => {
  const checked = checkPhoneNumber(input, country)
  return checked.ok ? `accepted as ${checked.e164}` : checked.problem
}

describe('checkPhoneNumber: what is stored', () => {
  it.each(VALID)(
    'reads the $country $kind $national at home and internationally as $e164',
    ({ country, national, e164 }) => {
      const callingCode = e164.slice(1, 3)
      const significant = e164.slice(3)
      expect(checkPhoneNumber(national, country)).toEqual({ ok: true, e164 })
      // From anywhere: the international forms do not depend on the address.
      for (const home of ['AT', 'DE', 'CH'] as const) {
        for (const written of [
          `+${callingCode} ${significant}`,
          `00${callingCode} ${significant}`,
          `+${callingCode} (0)${significant}`,
          `+${callingCode} 0${significant}`,
        ]) {
          expect(checkPhoneNumber(written, home), `${written} from ${home}`).toEqual({
            ok: true,
            e164,
          })
        }
      }
    },
  )

  it.each([
    '0664 1234567',
    '0664/1234567',
    '0664 123 45 67',
    '(0664) 123-45-67',
    '0664.123.45.67',
    '  0043-664-123.45.67  ',
  ])('ignores how %j is grouped', (input) => {
    expect(checkPhoneNumber(input)).toEqual({ ok: true, e164: '+436641234567' })
  })

  it('reads national numbers of the other address countries by their own trunk prefix', () => {
    // Italy keeps the leading 0 of its landlines; Hungary dials 06 at home.
    expect(checkPhoneNumber('06 6988 1234', 'IT')).toEqual({ ok: true, e164: '+390669881234' })
    expect(checkPhoneNumber('06 30 123 4567', 'HU')).toEqual({ ok: true, e164: '+36301234567' })
  })

  it('checks numbers of any country by its own plan', () => {
    expect(checkPhoneNumber('+1 212 555 0100')).toEqual({ ok: true, e164: '+12125550100' })
    expect(checkPhoneNumber('0044 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' })
    expect(refused('+1 212 555 010')).toBe('too_short')
    expect(refused('+44 20 7946 09581')).toBe('too_long')
  })
})

describe('checkPhoneNumber: what is refused, and why', () => {
  it('refuses the incomplete "0664 12" that used to be saved as +43 66412', () => {
    expect(checkPhoneNumber('0664 12')).toEqual({ ok: false, problem: 'too_short' })
  })

  it.each([
    ['0664 123', 'AT'],
    ['+43 664', 'AT'],
    ['0151 2345678', 'DE'],
    ['030 12', 'DE'],
    ['079 123 45', 'CH'],
    ['044 668 18 0', 'CH'],
    ['+41 79 123 45', 'AT'],
  ] as const)('%j (%s) lacks digits: too_short', (input, country) => {
    expect(refused(input, country)).toBe('too_short')
  })

  it.each([
    ['0664 123456789012', 'AT'],
    ['+43 6641234567890123', 'AT'],
    ['0151 234567890', 'DE'],
    ['0176 123456789', 'DE'],
    ['079 123 45 678', 'CH'],
    ['044 668 18 000', 'CH'],
  ] as const)('%j (%s) has digits too many: too_long', (input, country) => {
    expect(refused(input, country)).toBe('too_long')
  })

  it.each([
    ['664 1234567', 'a national number without its trunk prefix (a local number?)'],
    ['123 4567', 'a local number without its area code'],
    ['0664 12a4567', 'a letter'],
    ['Telefon: 0664 1234567', 'words around it'],
    ['0664 1234567 ext. 12', 'an extension'],
    ['++43 664 1234567', 'two plus signs'],
    ['+0 123 456 789', 'no country calling code'],
    ['+999 1234567', 'an unassigned country calling code'],
  ])('%j is no phone number (%s): invalid_format', (input) => {
    expect(refused(input)).toBe('invalid_format')
  })

  it.each([
    ['0800 123456', 'AT', 'toll-free'],
    ['0900 123456', 'AT', 'premium rate'],
    ['0800 1234567', 'DE', 'toll-free'],
    ['0900 1 234567', 'DE', 'premium rate'],
    ['0800 123 456', 'CH', 'toll-free'],
  ] as const)(
    '%j (%s) reaches a service, not the customer (%s): invalid_value',
    (input, country, _kind) => {
      expect(refused(input, country)).toBe('invalid_value')
    },
  )

  it('asks for a number when there is none, and refuses what is longer than any number is typed', () => {
    expect(refused('   ')).toBe('required')
    expect(refused(`0664 ${'1'.repeat(36)}`)).toBe('too_long')
  })
})

describe('checkPhoneNumber: properties', () => {
  const separator = fc.constantFrom('', ' ', '-', '/', '.')

  it('reads a number the same however it is grouped, nationally or internationally', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID),
        fc.boolean(),
        fc.array(separator, { minLength: 20, maxLength: 20 }),
        ({ country, national, e164 }, international, separators) => {
          const digits = international ? `00${e164.slice(1)}` : national.replace(/\D/g, '')
          const written = [...digits].map((digit, i) => `${digit}${separators[i] ?? ''}`).join('')
          expect(checkPhoneNumber(written, country)).toEqual({ ok: true, e164 })
        },
      ),
    )
  })

  it('takes back what it shows: the shown number reads as the stored one', () => {
    for (const { country, e164, shown } of VALID) {
      expect(formatPhoneNumber(e164)).toBe(shown)
      expect(checkPhoneNumber(shown, country)).toEqual({ ok: true, e164 })
    }
  })

  it('refuses a Swiss number (nine digits after the 0) with digits missing or too many', () => {
    const swiss = VALID.filter((number) => number.country === 'CH')
    fc.assert(
      fc.property(
        fc.constantFrom(...swiss),
        fc.integer({ min: 1, max: 6 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 4 }),
        ({ national }, missing, extra) => {
          const digits = national.replace(/\D/g, '')
          expect(refused(digits.slice(0, -missing), 'CH')).toBe('too_short')
          expect(refused(`${digits}${extra}`, 'CH')).toBe('too_long')
        },
      ),
    )
  })

  it('answers every input with E.164 or a reason, never an exception', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 45 }),
        fc.constantFrom<CountryCode>('AT', 'DE', 'CH', 'IT', 'HU', 'LI', 'PL'),
        (input, country) => {
          const checked = checkPhoneNumber(input, country)
          if (checked.ok) expect(checked.e164).toMatch(/^\+[1-9]\d{6,14}$/)
          else
            expect([
              'required',
              'invalid_format',
              'too_short',
              'too_long',
              'invalid_value',
            ]).toContain(checked.problem)
        },
      ),
    )
  })
})

describe('formatPhoneNumber', () => {
  it('shows a number in the international format of its own country', () => {
    expect(formatPhoneNumber('+436641234567')).toBe('+43 664 1234567')
    expect(formatPhoneNumber('+41446681800')).toBe('+41 44 668 18 00')
    expect(formatPhoneNumber('+12125550100')).toBe('+1 212 555 0100')
  })

  it('shows what is not E.164 as it is', () => {
    expect(formatPhoneNumber('0664 1234567')).toBe('0664 1234567')
    expect(formatPhoneNumber('')).toBe('')
  })
})
