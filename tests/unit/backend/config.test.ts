/** A wrong backend setting stops the start with a message naming it. */
import { describe, expect, it } from 'vitest'
import { defaultBackendConfig, validateBackendConfig } from '../../../src/backend/config.ts'

describe('backend configuration', () => {
  it('defaults to the seed FAQ’s contacts and the app’s own link scheme', () => {
    const config = validateBackendConfig()
    expect(config.support).toEqual({
      phone: '+43 662 2191 4920',
      email: 'ksc@mini.at',
      hours: defaultBackendConfig.support.hours,
    })
    expect(config.linkBase).toBe('myminifinance://')
    expect(config.demo).toBe(false)
  })

  it('merges a partial support override with the defaults', () => {
    const config = validateBackendConfig({
      support: { ...defaultBackendConfig.support, hours: 'Mo–Do 8:00–17:00' },
    })
    expect(config.support.hours).toBe('Mo–Do 8:00–17:00')
    expect(config.support.phone).toBe('+43 662 2191 4920')
  })

  it('takes the e-mail delivery settings one by one, the others from the defaults', () => {
    const config = validateBackendConfig({ outbox: { maxAttempts: 4 } })
    expect(config.outbox).toEqual({ ...defaultBackendConfig.outbox, maxAttempts: 4 })
  })

  it.each([
    [{ support: { phone: '0662 123', email: 'ksc@mini.at', hours: 'x' } }, /support\.phone/],
    [{ support: { phone: '+43 662 1', email: 'nope', hours: 'x' } }, /support\.email/],
    [
      { support: { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: ' ' } },
      /support\.hours/,
    ],
    [{ linkBase: 'http://portal.example.at/' }, /linkBase/],
    [{ bodyLimitBytes: 0 }, /bodyLimitBytes/],
    [{ bodyLimitBytes: 1.5 }, /bodyLimitBytes/],
    [{ confirmationHours: -1 }, /confirmationHours/],
    [{ smtp: { host: 'mail', port: 70_000, secure: false, from: 'a@b.at' } }, /smtp\.port/],
    [{ outbox: { maxAttempts: 0 } }, /outbox\.maxAttempts/],
    [{ outbox: { retryBaseMs: 2.5 } }, /outbox\.retryBaseMs/],
    [{ outbox: { retryBaseMs: 60_000, retryCapMs: 30_000 } }, /outbox\.retryCapMs/],
    [{ outbox: { leaseMs: 5_000 } }, /outbox\.leaseMs/],
    [{ outbox: { pollIntervalMs: -1 } }, /outbox\.pollIntervalMs/],
  ])('refuses %j', (overrides, message) => {
    expect(() => validateBackendConfig(overrides)).toThrow(message)
  })
})
