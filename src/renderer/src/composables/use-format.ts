/** Money, dates, numbers and file sizes in the chosen language (de-AT: `€ 1.234,56`, `17.05.2026`). */
import { viennaDay } from '../../../shared/dates.ts'
import type { AppLocale } from '../i18n/index.ts'
import { useAppStore } from '../stores/app.ts'
import {
  formatDate,
  formatDayOfMonth,
  formatFileSize,
  formatInteger,
  formatMoney,
  formatPercent,
} from '../i18n/format.ts'

// Formatting a date builds an Intl formatter: the list shows thousands of letters from a few days.
const dayTexts = new Map<string, string>()

function formatDay(isoInstant: string, locale: AppLocale): string {
  const day = viennaDay(new Date(isoInstant))
  const key = `${locale}|${day}`
  let text = dayTexts.get(key)
  if (text === undefined) {
    text = formatDate(day, locale)
    dayTexts.set(key, text)
  }
  return text
}

export function useFormat() {
  const app = useAppStore()
  return {
    money: (cents: number, currency = 'EUR') => formatMoney(cents, currency, app.locale),
    date: (isoDate: string) => formatDate(isoDate, app.locale),
    percent: (value: number) => formatPercent(value, app.locale),
    integer: (value: number) => formatInteger(value, app.locale),
    /** The Vienna calendar day of an instant (`createdAt`), e.g. `17.05.2026`. */
    day: (isoInstant: string) => formatDay(isoInstant, app.locale),
    fileSize: (bytes: number) => formatFileSize(bytes, app.locale),
    /** A day of the month in a sentence: `15.` (de), `15th` (en). */
    dayOfMonth: (day: number) => formatDayOfMonth(day, app.locale),
  }
}
