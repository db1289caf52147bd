import { describe, expect, it } from 'vitest'
import { checkSepaIban } from '../../../src/shared/iban.ts'
import { editIban, IBAN_MAX_LENGTH } from '../../../src/renderer/src/forms/iban-input.ts'
import {
  checkIban,
  checkNewEmail,
  checkPhone,
  countryName,
} from '../../../src/renderer/src/forms/profile-checks.ts'
import {
  PROFILE_FIELD_MESSAGES,
  profileFieldMessageKey,
} from '../../../src/renderer/src/forms/profile-form.ts'
import de from '../../../src/renderer/src/i18n/de.json'
import en from '../../../src/renderer/src/i18n/en.json'

/** Types `text` at the caret (marked `|` in `before`) as the browser would, then formats. */
function typeAt(before: string, text: string): string {
  const caret = before.indexOf('|')
  const shown = before.replace('|', '')
  const raw = shown.slice(0, caret) + text + shown.slice(caret)
  const edit = editIban(shown, raw, caret + text.length, 'insertText')
  return edit.value.slice(0, edit.caret) + '|' + edit.value.slice(edit.caret)
}

/** Presses Backspace (or Delete) at the caret marked `|`. */
function deleteAt(before: string, key: 'Backspace' | 'Delete'): string {
  const caret = before.indexOf('|')
  const shown = before.replace('|', '')
  const raw =
    key === 'Backspace'
      ? shown.slice(0, caret - 1) + shown.slice(caret)
      : shown.slice(0, caret) + shown.slice(caret + 1)
  const edit = editIban(
    shown,
    raw,
    key === 'Backspace' ? caret - 1 : caret,
    key === 'Backspace' ? 'deleteContentBackward' : 'deleteContentForward',
  )
  return edit.value.slice(0, edit.caret) + '|' + edit.value.slice(edit.caret)
}

describe('the IBAN input formatter', () => {
  it('groups in fours as characters are typed one by one', () => {
    let field = '|'
    for (const char of 'at611904300234573201') field = typeAt(field, char)
    expect(field).toBe('AT61 1904 3002 3457 3201|')
  })

  it('keeps the caret after the character typed, also across a new group', () => {
    expect(typeAt('AT61| 1904', '9')).toBe('AT61 9|190 4')
    expect(typeAt('AT6|1 1904', 'X')).toBe('AT6X| 1190 4')
    expect(typeAt('AT61 19|04', '7')).toBe('AT61 197|0 4')
    expect(typeAt('|', 'AT61 1904 3002')).toBe('AT61 1904 3002|')
  })

  it('deletes the character beside a group’s space, not only the space', () => {
    expect(deleteAt('AT61 |1904', 'Backspace')).toBe('AT6|1 904')
    expect(deleteAt('AT61| 1904', 'Delete')).toBe('AT61| 904')
    expect(deleteAt('AT61 19|04', 'Backspace')).toBe('AT61 1|04')
    expect(deleteAt('AT61 1904|', 'Backspace')).toBe('AT61 190|')
  })

  it('takes pasted IBANs with spaces, dashes, dots and lower case', () => {
    expect(editIban('', ' de89-3704.0044 0532 0130 00 ', 29).value).toBe(
      'DE89 3704 0044 0532 0130 00',
    )
  })

  it('stops at 34 characters, the longest IBAN there is', () => {
    const edit = editIban('', 'MT'.padEnd(50, '1'), 50)
    expect(edit.value.replace(/ /g, '')).toHaveLength(IBAN_MAX_LENGTH)
    expect(edit.caret).toBe(edit.value.length)
  })

  it('gives what the bank’s check accepts', () => {
    const edit = editIban('', 'at61 1904 3002 3457 3201', 24)
    expect(checkSepaIban(edit.value)).toEqual({ ok: true, iban: 'AT611904300234573201' })
  })
})

describe('the inline checks', () => {
  it('name each IBAN problem as the backend does', () => {
    expect(checkIban('')).toBe('required')
    expect(checkIban('AT61 1904 3002 3457 3201')).toBeNull()
    expect(checkIban('AT61 1904 3002 3457 3202')).toBe('invalid_checksum')
    expect(checkIban('AT61 1904 3002 3457 320')).toBe('invalid_length')
    expect(checkIban('US64 SVBK US6S 3300 9673 8637')).toBe('not_sepa')
    expect(checkIban('1234')).toBe('invalid_format')
  })

  it('read phone numbers nationally in the country of the address, by its numbering plan', () => {
    expect(checkPhone('0664 1234567', 'AT', false)).toBeNull()
    expect(checkPhone('0151 23456789', 'DE', false)).toBeNull()
    // Seven digits are too few: Swiss national numbers have nine.
    expect(checkPhone('044 668 18', 'CH', false)).toBe('too_short')
    expect(checkPhone('0664 12', 'AT', false)).toBe('too_short')
    expect(checkPhone('0664 123456789012', 'AT', false)).toBe('too_long')
    expect(checkPhone('0900 123456', 'AT', false)).toBe('invalid_value')
    expect(checkPhone('664 1234567', 'AT', false)).toBe('invalid_format')
    expect(checkPhone('', 'AT', false)).toBe('required')
    expect(checkPhone('', 'AT', true)).toBeNull()
  })

  it('refuse the current address as a new one, in any case', () => {
    expect(checkNewEmail('ANNA@example.AT', 'anna@example.at')).toBe('invalid_value')
    expect(checkNewEmail('anna@new.example', 'anna@example.at')).toBeNull()
    expect(checkNewEmail('anna', 'anna@example.at')).toBe('invalid_format')
  })

  it('name countries in both languages, SEPA countries outside the address list too', () => {
    expect(countryName('DE', 'de')).toBe('Deutschland')
    expect(countryName('de', 'en')).toBe('Germany')
    expect(countryName('ES', 'de')).toBe('Spanien')
    expect(countryName('ES', 'en')).toBe('Spain')
    expect(countryName('1X', 'de')).toBe('1X')
  })
})

describe('the profile’s field messages', () => {
  const lookup = (messages: object, key: string): unknown =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages)

  it('exist in German and English for every field and reason', () => {
    for (const [field, reasons] of Object.entries(PROFILE_FIELD_MESSAGES)) {
      for (const reason of reasons) {
        const key = profileFieldMessageKey(field as keyof typeof PROFILE_FIELD_MESSAGES, reason)
        expect(key).toBe(`profile.fieldErrors.${field}.${reason}`)
        expect(typeof lookup(de, key), `de ${key}`).toBe('string')
        expect(typeof lookup(en, key), `en ${key}`).toBe('string')
      }
    }
  })

  it('fall back to a general message for a reason a field has none of its own for', () => {
    expect(profileFieldMessageKey('street', 'too_short')).toBe('fieldErrors.too_short')
    expect(profileFieldMessageKey('iban', 'something_new')).toBe('fieldErrors.invalid_value')
  })
})
