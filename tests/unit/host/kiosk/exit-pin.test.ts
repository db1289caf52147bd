/** The kiosk's exit PIN: its form, its argon2id hash, and the lock after wrong PINs. */
import { verify } from '@node-rs/argon2'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPasswordHasher } from '../../../../src/host/password-hasher.ts'
import {
  createExitPinCheck,
  EXIT_PIN_LOCK_MS,
  hashExitPin,
  isValidExitPin,
} from '../../../../src/host/kiosk/exit-pin.ts'
import { parseKioskConfig } from '../../../../src/host/kiosk/kiosk-config.ts'

const PIN = '482915'
// Real argon2id, with cheap parameters so that the many tries below stay quick.
const hasher = createPasswordHasher({ memoryCostKiB: 8192, timeCost: 1, parallelism: 1 })
let hash: string
beforeAll(async () => {
  hash = await hashExitPin(PIN, hasher)
})

/** A clock the test moves. */
function fakeClock(start = Date.UTC(2026, 11, 1, 9)) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('exit PIN form and hash', () => {
  it.each(['123456', '000000', '123456789012'])('accepts %s', (pin) => {
    expect(isValidExitPin(pin)).toBe(true)
  })

  it.each([
    '12345',
    '1234567890123',
    '12345a',
    ' 123456',
    '123456\n',
    '１２３４５６',
    '١٢٣٤٥٦',
    '',
  ])('refuses %j', (pin) => {
    expect(isValidExitPin(pin)).toBe(false)
  })

  it('hashes with the project’s argon2id parameters into a hash kiosk.json accepts', async () => {
    const stored = await hashExitPin('24681357')
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/)
    expect(await verify(stored, '24681357')).toBe(true)
    expect(await verify(stored, '24681358')).toBe(false)
    const text = JSON.stringify({ dealershipName: 'MINI Wien', exitPinHash: stored, demo: true })
    expect(parseKioskConfig(text, 'kiosk.json').exitPinHash).toBe(stored)
  })

  it('refuses to hash a PIN of the wrong form', async () => {
    await expect(hashExitPin('12345', hasher)).rejects.toThrow('6 to 12 digits')
  })
})

describe('exit PIN check', () => {
  it('lets the right PIN through and refuses a wrong or malformed one', async () => {
    const pins = createExitPinCheck({ hash, now: fakeClock().now, hasher })
    expect(pins.pinRequired).toBe(true)
    expect(await pins.check(PIN)).toEqual({ ok: true })
    expect(await pins.check('482916')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 })
    expect(await pins.check(`${PIN} `)).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 3 })
    expect(await pins.check('')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 2 })
  })

  it('locks for five minutes after five wrong PINs in a row, the right PIN included', async () => {
    const clock = fakeClock()
    const lines: string[] = []
    const pins = createExitPinCheck({ hash, now: clock.now, hasher, log: (l) => lines.push(l) })
    for (let i = 0; i < 4; i++) expect((await pins.check('000000')).ok).toBe(false)
    expect(await pins.check('000000')).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 300,
    })
    expect(lines.join('\n')).toContain('locked')
    expect(lines.join('\n')).not.toContain('000000')
    clock.advance(EXIT_PIN_LOCK_MS - 1000)
    expect(await pins.check(PIN)).toEqual({ ok: false, reason: 'locked', retryAfterSeconds: 1 })
    expect(pins.lockedForSeconds()).toBe(1)
    clock.advance(1000)
    expect(pins.lockedForSeconds()).toBe(0)
    expect(await pins.check(PIN)).toEqual({ ok: true })
  })

  it('counts wrong PINs in a row only: the right one starts the count anew', async () => {
    const pins = createExitPinCheck({ hash, now: fakeClock().now, hasher })
    for (let i = 0; i < 4; i++) await pins.check('111111')
    expect(await pins.check(PIN)).toEqual({ ok: true })
    expect(await pins.check('111111')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 })
  })

  it('gives five more tries after the lock, then locks again', async () => {
    const clock = fakeClock()
    const pins = createExitPinCheck({ hash, now: clock.now, hasher })
    for (let i = 0; i < 5; i++) await pins.check('222222')
    clock.advance(EXIT_PIN_LOCK_MS)
    for (let i = 0; i < 4; i++)
      expect(await pins.check('222222')).toMatchObject({ reason: 'wrong' })
    expect(await pins.check('222222')).toMatchObject({ reason: 'locked' })
  })

  it('cannot be outrun by many tries at once', async () => {
    const pins = createExitPinCheck({ hash, now: fakeClock().now, hasher })
    const results = await Promise.all([
      ...Array.from({ length: 9 }, () => pins.check('333333')),
      pins.check(PIN),
    ])
    expect(results.filter((result) => !result.ok && result.reason === 'wrong')).toHaveLength(4)
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'locked' })
  })

  it('asks for no PIN with --kiosk alone (no hash)', async () => {
    const pins = createExitPinCheck({ hash: null, now: fakeClock().now, hasher })
    expect(pins.pinRequired).toBe(false)
    expect(await pins.check('')).toEqual({ ok: true })
  })

  it('refuses every PIN when the stored hash is broken, without throwing', async () => {
    const pins = createExitPinCheck({ hash: '$argon2id$broken', now: fakeClock().now, hasher })
    expect(await pins.check(PIN)).toMatchObject({ ok: false, reason: 'wrong' })
  })
})
