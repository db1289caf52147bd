/** Calendar dates as `YYYY-MM-DD` strings, without time zones getting in the way. */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

// en-CA formats as YYYY-MM-DD. Built once: a formatter is expensive to create.
const VIENNA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Vienna',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day of an instant in Vienna (where the bank keeps its books). */
export function viennaDay(instant: Date): string {
  return VIENNA_DAY.format(instant)
}

/** true for `YYYY-MM-DD` naming a day that exists (no 31 April), years 1000–9999. */
export function isCalendarDate(value: string): boolean {
  const match = DATE_RE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * `months` calendar months after a date; a day past the end of the target month
 * becomes its last day (31 January + 1 month = 28/29 February).
 */
export function addMonths(isoDate: string, months: number): string {
  const match = DATE_RE.exec(isoDate)
  if (!match || !isCalendarDate(isoDate) || !Number.isInteger(months))
    throw new RangeError(`Not a date: ${isoDate}`)
  const total = Number(match[1]) * 12 + Number(match[2]) - 1 + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(Number(match[3]), lastDay)
  if (year < 1000 || year > 9999)
    throw new RangeError(`Out of range: ${isoDate} + ${months} months`)
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** `days` calendar days after a date (negative: before). */
export function addDays(isoDate: string, days: number): string {
  if (!isCalendarDate(isoDate) || !Number.isInteger(days))
    throw new RangeError(`Not a date: ${isoDate}`)
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Monday to Friday (public holidays are not kept: the demo's back office and the post alike). */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** The `days`-th working day after a date (a Friday plus one working day is the Monday). */
export function addWorkingDays(isoDate: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Not a count of days: ${days}`)
  let date = isoDate
  for (let left = days; left > 0;) {
    date = addDays(date, 1)
    if (isWorkingDay(date)) left -= 1
  }
  return date
}
