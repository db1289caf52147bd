/**
 * Date fields as the customer's language writes dates, whatever the browser's
 * language: `TT.MM.JJJJ` in German, `DD/MM/YYYY` in English (the browser's own
 * date input would show its language's order, mm/dd/yyyy in an English browser).
 * The field holds what was typed; the form and the API get `YYYY-MM-DD`.
 */
import type { Locale } from '../../../shared/api/auth.ts'
import { isCalendarDate } from '../../../shared/dates.ts'

/** How each language writes a date, and the example the hint shows. */
export const DATE_FORMATS: Record<Locale, { separator: string; pattern: string }> = {
  de: { separator: '.', pattern: 'TT.MM.JJJJ' },
  en: { separator: '/', pattern: 'DD/MM/YYYY' },
}

/** What a typed date is. */
export type DateReading =
  | { state: 'empty' }
  /** Not yet day, month and a four-digit year, or not a date at all. */
  | { state: 'incomplete' }
  /** Day, month and year, but no such day (31.02., month 13). */
  | { state: 'nonexistent' }
  | { state: 'date'; iso: string }

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/
const FULL = /^(\d{1,2})[./\-\s]+(\d{1,2})[./\-\s]+(\d{4})$/
const DIGITS_ONLY = /^\d{8}$/
const TYPABLE = /^[\d./\-\s]*$/

/** Year, month and day of a whole date as typed, or null. */
function dateParts(typed: string): [string, string, string] | null {
  const iso = ISO.exec(typed)
  if (iso) return [iso[1] ?? '', iso[2] ?? '', iso[3] ?? '']
  const full = FULL.exec(typed)
  if (full) return [full[3] ?? '', full[2] ?? '', full[1] ?? '']
  if (DIGITS_ONLY.test(typed)) return [typed.slice(4), typed.slice(2, 4), typed.slice(0, 2)]
  return null
}

/** Reads a typed date (day, month, year; `.`, `/`, `-` or spaces between; or eight digits). */
export function readDate(text: string): DateReading {
  const typed = text.trim()
  if (typed === '') return { state: 'empty' }
  const parts = dateParts(typed)
  if (!parts) return { state: 'incomplete' }
  const [year, month, day] = parts
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  return isCalendarDate(date) ? { state: 'date', iso: date } : { state: 'nonexistent' }
}

/** `1984-03-12` as the language writes it: `12.03.1984`, `12/03/1984`. */
export function dateText(iso: string, locale: Locale): string {
  const match = ISO.exec(iso)
  if (!match) return iso
  const { separator } = DATE_FORMATS[locale]
  return [match[3], match[2], match[1]].join(separator)
}

/**
 * The text as the field shows it while typing: the language's separator after
 * the day and the month as soon as more digits follow (`1203` → `12.03`,
 * `12031984` → `12.03.1984`), typed separators made the language's, a year cut
 * at four digits, a pasted `YYYY-MM-DD` turned round. Anything with letters
 * stays as typed (the check then says what a date looks like).
 */
export function maskDate(text: string, locale: Locale): string {
  if (!TYPABLE.test(text)) return text
  if (ISO.test(text.trim())) return dateText(text.trim(), locale)
  // Day, month, year; a new part begins after two digits of day or month, or at a separator.
  const parts = ['']
  for (const char of text) {
    const last = parts.length - 1
    if (/\d/.test(char)) {
      if (last < 2 && (parts[last] ?? '').length === 2) parts.push(char)
      else if (last < 2 || (parts[last] ?? '').length < 4) parts[last] += char
    } else if (last < 2 && parts[last] !== '') {
      parts.push('')
    }
  }
  return parts.join(DATE_FORMATS[locale].separator)
}

/** Where the caret belongs after masking: behind as many digits as it was before. */
function caretAfterMask(typed: string, caret: number, masked: string): number {
  if (caret >= typed.length) return masked.length
  const digitsBefore = typed.slice(0, caret).replace(/\D/g, '').length
  if (digitsBefore === 0) return 0
  let seen = 0
  for (let i = 0; i < masked.length; i++) {
    if (/\d/.test(masked.charAt(i))) seen++
    if (seen === digitsBefore) return i + 1
  }
  return masked.length
}

/** The field's text and caret after an input event. */
export interface DateEdit {
  value: string
  caret: number
}

/**
 * The date field's new text and caret after an input event: `previous` was shown,
 * the browser made it `raw` with the caret at `caret`; `inputType` is the
 * InputEvent's. The caret stays behind the digit it was behind; Backspace (Delete)
 * over a separator the field would put back at once takes the digit before (after) it.
 */
export function editDate(
  previous: string,
  raw: string,
  caret: number,
  inputType: string,
  locale: Locale,
): DateEdit {
  let typed = raw
  let at = caret
  // Only a separator went, and the mask would put it back: take the neighbouring digit.
  if (maskDate(raw, locale) === previous) {
    const after = typed.slice(at).search(/\d/)
    const digit =
      inputType === 'deleteContentBackward'
        ? typed.slice(0, at).search(/\d(?=\D*$)/)
        : inputType === 'deleteContentForward' && after >= 0
          ? at + after
          : -1
    if (digit >= 0) {
      typed = typed.slice(0, digit) + typed.slice(digit + 1)
      at = Math.min(at, digit)
    }
  }
  const value = maskDate(typed, locale)
  return { value, caret: caretAfterMask(typed, at, value) }
}
