import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMoney } from '../../../src/renderer/src/i18n/format.ts'

// Intl separates currency and amount with a no-break space; compare as a reader would.
const plain = (text: string): string => text.replace(/\u00a0|\u202f/g, ' ')

describe('formatting money and dates', () => {
  it('writes euros the Austrian way in German and the British way in English', () => {
    expect(plain(formatMoney(123456, 'EUR', 'de'))).toBe('€ 1.234,56')
    expect(plain(formatMoney(123456, 'EUR', 'en'))).toBe('€1,234.56')
    expect(plain(formatMoney(5, 'EUR', 'de'))).toBe('€ 0,05')
    expect(plain(formatMoney(-2550, 'EUR', 'de'))).toBe('-€ 25,50')
  })

  it('refuses amounts that are not whole cents', () => {
    expect(() => formatMoney(12.5, 'EUR', 'de')).toThrow(RangeError)
  })

  it('shows a calendar date as it is, whatever the time zone', () => {
    expect(formatDate('2026-05-17', 'de')).toBe('17.05.2026')
    expect(formatDate('2026-05-17', 'en')).toBe('17/05/2026')
    expect(formatDate('2026-01-01', 'de')).toBe('01.01.2026')
    expect(() => formatDate('17.05.2026', 'de')).toThrow(RangeError)
  })

  it('shows an instant in Vienna time', () => {
    expect(formatDateTime('2026-05-17T08:30:00Z', 'de')).toBe('17.05.2026, 10:30')
    expect(formatDateTime('2026-01-17T08:30:00.000Z', 'en')).toBe('17/01/2026, 09:30')
  })
})
