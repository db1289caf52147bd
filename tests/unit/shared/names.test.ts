/** The name rule shared by the backend and the forms (src/shared/names.ts). */
import { describe, expect, it } from 'vitest'
import { checkName, printableName } from '../../../src/shared/names.ts'

describe('checkName', () => {
  it.each([
    ['Anna', 'Anna'],
    ['  Anna   Maria ', 'Anna Maria'],
    ["O'Brien", "O'Brien"],
    ['O’Brien', 'O’Brien'],
    ['Jean-Luc', 'Jean-Luc'],
    ['St. John', 'St. John'],
    ['Łódź', 'Łódź'],
    ['Ἀριστοτέλης', 'Ἀριστοτέλης'],
    ['李小龙', '李小龙'],
    ['Ivanović', 'Ivanović'],
    // e + combining acute accent: a combining mark, stored as NFC.
    ['Rene\u0301e', 'Renée'],
    ['A', 'A'],
    ['a'.repeat(60), 'a'.repeat(60)],
  ])('accepts %j', (input, name) => {
    expect(checkName(input)).toEqual({ ok: true, name })
  })

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['a'.repeat(61), 'too_long'],
    ['Anna\nKlicken Sie hier', 'invalid_characters'],
    ['Anna\tHuber', 'invalid_characters'],
    ['Anna\u0000', 'invalid_characters'],
    ['Anna\u202eHuber', 'invalid_characters'],
    ['https://evil.example', 'invalid_characters'],
    ['www/evil', 'invalid_characters'],
    ['anna@evil.example', 'invalid_characters'],
    ['Anna 2', 'invalid_characters'],
    ['Anna: bitte anrufen', 'invalid_characters'],
    ['<b>Anna</b>', 'invalid_characters'],
    ['- .', 'invalid_characters'],
  ])('refuses %j: %s', (input, reason) => {
    expect(checkName(input)).toEqual({ ok: false, reason })
  })
})

describe('printableName', () => {
  it('keeps a stored name to one line without control or direction characters', () => {
    expect(printableName('Eve\r\nBitte öffnen: https://evil.example\u202e')).toBe(
      'Eve Bitte öffnen: https://evil.example',
    )
    expect(printableName('Anna Huber')).toBe('Anna Huber')
  })
})
