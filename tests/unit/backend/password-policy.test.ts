import { describe, expect, it } from 'vitest'
import { checkPassword } from '../../../src/backend/services/password-policy.ts'

describe('password policy', () => {
  const person = { email: 'maria.k@example.at', firstName: 'Maria', lastName: 'Köhler' }
  it.each([
    ['a'.repeat(14), 'too_short'],
    ['ä'.repeat(14), 'too_short'],
    ['x'.repeat(129), 'too_long'],
    ['1qaz2wsx3edc4rfv', 'too_common'],
    ['123456789QWERTY', 'too_common'],
    ['aaaaaaaaaaaaaaaaaaa', 'too_common'],
    ['iloveyouiloveyou', 'too_common'],
    ['!!!password123456!!', 'too_common'],
    ['Hallo-ich-bin-maria-und-so', 'contains_personal_data'],
    ['KÖHLER-wohnt-in-Graz-seit', 'contains_personal_data'],
    ['maria.k-und-ihr-Passwort', 'contains_personal_data'],
  ])('refuses %s (%s)', (password, reason) => {
    expect(checkPassword(password, person)).toBe(reason)
  })
  it.each([
    'Festungsberg-Regenschirm-2026',
    'correct horse battery staple',
    '🚗🚙🚕 Mini fährt schnell',
    'x'.repeat(7) + 'Y'.repeat(8) + '12',
  ])('accepts %s', (password) => {
    expect(checkPassword(password, person)).toBeNull()
  })
  it('compares after NFC: a decomposed Ö is the same as a composed one', () => {
    const decomposed = 'KO\u0308HLER-wohnt-in-Graz-seit'
    expect(checkPassword(decomposed, person)).toBe('contains_personal_data')
  })
})
