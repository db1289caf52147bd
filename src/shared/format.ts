/**
 * Locale-aware formatting of the API's money and dates (api.md: integer cents,
 * `YYYY-MM-DD` dates, ISO 8601 instants). German uses Austrian conventions
 * (`€ 1.234,56`, `17.05.2026`), English British ones (`€1,234.56`, `17/05/2026`).
 */
import type { Locale } from './api/auth.ts'

type AppLocale = Locale

const INTL_LOCALES: Record<AppLocale, string> = { de: 'de-AT', en: 'en-GB' }

/** Instants are shown in the customer's (and the business's) time zone. */
export const DISPLAY_TIME_ZONE = 'Europe/Vienna'

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The Intl locale tag used for an app locale. */
export function intlLocale(locale: AppLocale): string {
  return INTL_LOCALES[locale]
}

/** Formats integer cents in a currency, e.g. 123456 → `€ 1.234,56` (de). */
export function formatMoney(cents: number, currency: string, locale: AppLocale): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an amount in cents: ${cents}`)
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cents / 100)
}

/** Formats a calendar date `YYYY-MM-DD` without any time-zone shift, e.g. `17.05.2026` (de). */
export function formatDate(isoDate: string, locale: AppLocale): string {
  const match = DATE_RE.exec(isoDate)
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${isoDate}`)
  const [, year, month, day] = match
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date)
}

/** Formats an ISO 8601 instant as date and time in Vienna, e.g. `17.05.2026, 10:30` (de). */
export function formatDateTime(isoInstant: string, locale: AppLocale): string {
  const date = new Date(isoInstant)
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${isoInstant}`)
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: DISPLAY_TIME_ZONE,
  }).format(date)
}

/** A percentage with two decimals, e.g. 3.99 → `3,99 %` (de), `3.99%` (en). */
export function formatPercent(value: number, locale: AppLocale): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value / 100)
}

/**
 * A whole number with grouping, e.g. 15000 → `15.000` (de), `15,000` (en). German
 * groups with a dot as in amounts of money (CLDR's de-AT would use a thin space).
 */
export function formatInteger(value: number, locale: AppLocale): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : intlLocale(locale), {
    maximumFractionDigits: 0,
  }).format(value)
}

const ORDINAL_SUFFIXES: Record<Intl.LDMLPluralRule, string> = {
  zero: 'th',
  one: 'st',
  two: 'nd',
  few: 'rd',
  many: 'th',
  other: 'th',
}
const englishOrdinals = new Intl.PluralRules('en-GB', { type: 'ordinal' })

/** A day of the month as a sentence names it: `15.` (de), `15th`, `1st`, `22nd`, `3rd` (en). */
export function formatDayOfMonth(day: number, locale: Locale): string {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`Not a day: ${day}`)
  return locale === 'de' ? `${day}.` : `${day}${ORDINAL_SUFFIXES[englishOrdinals.select(day)]}`
}
