/** Calendar dates: month arithmetic with end-of-month clamping, and the bank's (Vienna) day. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addMonths,
  addWorkingDays,
  isCalendarDate,
  isWorkingDay,
  viennaDay,
} from '../../../src/shared/dates.ts'

/** Gregorian calendar: days in a month (1–12). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

describe('addMonths', () => {
  it.each([
    ['2026-05-17', 1, '2026-06-17'],
    ['2026-05-17', 0, '2026-05-17'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-05-17', 12, '2027-05-17'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-02-10', -14, '2024-12-10'],
    ['2026-05-17', -62, '2021-03-17'],
    ['2028-03-31', -13, '2027-02-28'],
  ])('addMonths(%s, %d) is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected)
  })

  it('keeps the day where the month has it, else takes the month’s last day (random dates, ±15 years)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: -180, max: 180 }),
        (year, month, rawDay, months) => {
          const day = Math.min(rawDay, daysInMonth(year, month))
          const index = year * 12 + (month - 1) + months
          const y = Math.floor(index / 12)
          const m = index - y * 12 + 1
          const expected = `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, daysInMonth(y, m)))}`
          expect(addMonths(`${pad(year, 4)}-${pad(month)}-${pad(day)}`, months)).toBe(expected)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('going forward and back again returns the same date for days 1–28', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: -240, max: 240 }),
        (year, month, day, months) => {
          const date = `${year}-${pad(month)}-${pad(day)}`
          expect(addMonths(addMonths(date, months), -months)).toBe(date)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses what is not a YYYY-MM-DD date or a whole number of months', () => {
    expect(() => addMonths('17.05.2026', 1)).toThrow(RangeError)
    expect(() => addMonths('2026-5-17', 1)).toThrow(RangeError)
    expect(() => addMonths('2026-05-17T00:00:00Z', 1)).toThrow(RangeError)
    expect(() => addMonths('2026-05-17', 1.5)).toThrow(RangeError)
    expect(() => addMonths('2026-05-17', Number.NaN)).toThrow(RangeError)
  })

  it('refuses days that do not exist, and results outside years 1000–9999', () => {
    for (const day of ['2026-13-01', '2026-00-10', '2026-02-29', '2026-04-31', '2026-05-00'])
      expect(() => addMonths(day, 1), day).toThrow(RangeError)
    expect(addMonths('2028-02-29', 0)).toBe('2028-02-29')
    expect(() => addMonths('1000-01-15', -1)).toThrow(RangeError)
    expect(() => addMonths('9999-12-15', 1)).toThrow(RangeError)
  })
})

describe('isCalendarDate', () => {
  it('knows which days exist, leap years included', () => {
    for (const day of ['2026-01-31', '2028-02-29', '2000-02-29', '2026-12-31'])
      expect(isCalendarDate(day), day).toBe(true)
    for (const day of [
      '2026-02-29',
      '2100-02-29',
      '2026-06-31',
      '2026-13-01',
      '0999-01-01',
      '2026-1-1',
    ])
      expect(isCalendarDate(day), day).toBe(false)
  })
})

describe('viennaDay', () => {
  it('summer time (UTC+2): the Vienna day starts at 22:00 UTC', () => {
    expect(viennaDay(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01')
    expect(viennaDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02')
    expect(viennaDay(new Date('2026-05-17T08:30:00Z'))).toBe('2026-05-17')
  })

  it('winter time (UTC+1): the Vienna day starts at 23:00 UTC, also at the year end', () => {
    expect(viennaDay(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15')
    expect(viennaDay(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16')
    expect(viennaDay(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31')
    expect(viennaDay(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01')
  })

  it('on the days the clocks change (29 March and 25 October 2026)', () => {
    // 29 March 2026 begins at 23:00 UTC the day before (still CET) and ends at 22:00 UTC (CEST).
    expect(viennaDay(new Date('2026-03-28T22:59:59Z'))).toBe('2026-03-28')
    expect(viennaDay(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29')
    expect(viennaDay(new Date('2026-03-29T21:59:59Z'))).toBe('2026-03-29')
    expect(viennaDay(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30')
    // 25 October 2026 begins at 22:00 UTC the day before (CEST) and ends at 23:00 UTC (CET).
    expect(viennaDay(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25')
    expect(viennaDay(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25')
    expect(viennaDay(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26')
  })

  it('does not depend on the process time zone', () => {
    const original = process.env.TZ
    try {
      process.env.TZ = 'America/Los_Angeles'
      expect(viennaDay(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02')
      process.env.TZ = 'Pacific/Kiritimati'
      expect(viennaDay(new Date('2026-07-01T10:30:00Z'))).toBe('2026-07-01')
    } finally {
      if (original === undefined) delete process.env.TZ
      else process.env.TZ = original
    }
  })
})

describe('working days (Monday to Friday)', () => {
  it.each([
    // Monday 18 May 2026 … Sunday 24 May 2026
    ['2026-05-18', 3, '2026-05-21'],
    ['2026-05-20', 3, '2026-05-25'],
    ['2026-05-22', 1, '2026-05-25'],
    ['2026-05-23', 3, '2026-05-27'],
    ['2026-05-24', 3, '2026-05-27'],
    ['2026-05-22', 0, '2026-05-22'],
    ['2026-12-31', 3, '2027-01-05'],
    ['2028-02-28', 2, '2028-03-01'],
  ])('%s plus %i working days is %s', (from, days, expected) => {
    expect(addWorkingDays(from, days)).toBe(expected)
  })

  it('lands on a working day and skips no working day on the way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 1, max: 30 }),
        (offset, days) => {
          const start = new Date(Date.UTC(2020, 0, 1 + offset)).toISOString().slice(0, 10)
          const end = addWorkingDays(start, days)
          expect(isWorkingDay(end)).toBe(true)
          let counted = 0
          for (let day = start; day < end;) {
            day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
            if (isWorkingDay(day)) counted += 1
          }
          expect(counted).toBe(days)
        },
      ),
    )
  })

  it('refuses a negative or broken count', () => {
    expect(() => addWorkingDays('2026-05-18', -1)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-05-18', 1.5)).toThrow(RangeError)
  })
})
