import { describe, expect, it } from 'vitest'
import { checkPassword } from '../../../src/backend/services/password-policy.ts'
import {
  createLimiter,
  createPasswordHasher,
} from '../../../src/backend/services/password-hasher.ts'

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

describe('password hashing', () => {
  it('uses argon2id with at least m=19 MiB, t=2, p=1 and verifies NFC-equal passwords', async () => {
    const hasher = createPasswordHasher()
    const stored = await hasher.hash('Ka\u0308se-ist-lecker-und-gut')
    const [, , , params] = stored.split('$')
    const m = Number(/m=(\d+)/.exec(params ?? '')?.[1])
    const t = Number(/t=(\d+)/.exec(params ?? '')?.[1])
    expect(stored.startsWith('$argon2id$')).toBe(true)
    expect(m).toBeGreaterThanOrEqual(19_456)
    expect(t).toBeGreaterThanOrEqual(2)
    expect(await hasher.verify(stored, 'Käse-ist-lecker-und-gut')).toBe(true)
    expect(await hasher.verify(stored, 'käse-ist-lecker-und-gut')).toBe(false)
    expect(await hasher.verify('not a hash', 'x')).toBe(false)
  })

  it('caps concurrent work', async () => {
    const limit = createLimiter(2)
    let running = 0
    let peak = 0
    await Promise.all(
      Array.from({ length: 8 }, () =>
        limit(async () => {
          running += 1
          peak = Math.max(peak, running)
          await new Promise((r) => setTimeout(r, 5))
          running -= 1
        }),
      ),
    )
    expect(peak).toBe(2)
  })
})
