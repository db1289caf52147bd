import { describe, expect, it } from 'vitest'
import { createLimiter, createPasswordHasher } from '../../../src/host/password-hasher.ts'

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
