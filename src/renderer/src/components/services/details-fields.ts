/**
 * Turns a service type's `details` schema (GET /service-types, with the
 * catalogue's `x-` form hints and the contract's concrete bounds) into form
 * fields, checks their values against the schema, and builds the `details` to
 * send. The form holds strings (a list of them for a multiple choice); this
 * module knows what each becomes.
 */
import type { Locale } from '../../../../shared/api/auth.ts'
import type { DetailsSchema, JsonSchema } from '../../../../shared/api/service-requests.ts'
import { addDays, addMonths, isCalendarDate } from '../../../../shared/dates.ts'
import { formatMoney } from '../../../../shared/format.ts'
import type { FieldProblem } from '../../api/errors.ts'
import { readDate } from '../../forms/date-input.ts'

export type FieldKind = 'date' | 'choice' | 'multi' | 'money' | 'text' | 'number'

type Text = Record<Locale, string>

export interface ChoiceOption {
  /** The value as the form holds it (a string). */
  value: string
  label: Text
}

export interface DetailsField {
  name: string
  kind: FieldKind
  label: Text
  help: Text | null
  required: boolean
  /** Dates: `YYYY-MM-DD`; money: cents; number: the value. */
  min: string | number | null
  max: string | number | null
  /** Dates: another field this one must not be before (`x-not-before`). */
  notBefore: string | null
  /** Choices (single or multiple). */
  options: ChoiceOption[]
  /** Multiple choice: how many at least / at most. */
  minItems: number | null
  maxItems: number | null
  /** Integer choices are sent as numbers. */
  integer: boolean
  maxLength: number | null
  pattern: RegExp | null
}

/** What the form holds: a string per field, a list for a multiple choice. */
export type FormValues = Record<string, string | string[]>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function text(value: unknown, fallback: string): Text {
  if (isRecord(value) && typeof value.de === 'string' && typeof value.en === 'string')
    return { de: value.de, en: value.en }
  return { de: fallback, en: fallback }
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null
const day = (value: unknown): string | null =>
  typeof value === 'string' && isCalendarDate(value) ? value : null

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a > b ? a : b
}
function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a < b ? a : b
}

/** Date bounds: the contract's concrete ones, else the hints relative to `today`. */
function dateBounds(schema: JsonSchema, today: string): { min: string | null; max: string | null } {
  const minDays = num(schema['x-min-days-from-today'])
  const maxDays = num(schema['x-max-days-from-today'])
  const maxMonths = num(schema['x-max-months-from-today'])
  const hintMin = minDays === null ? null : addDays(today, minDays)
  const hintMax = earlier(
    maxDays === null ? null : addDays(today, maxDays),
    maxMonths === null ? null : addMonths(today, maxMonths),
  )
  return {
    min: day(schema.formatMinimum) ?? hintMin,
    max: day(schema.formatMaximum) ?? hintMax,
  }
}

function options(values: unknown, labels: unknown): ChoiceOption[] {
  if (!Array.isArray(values)) return []
  return values
    .filter((value) => typeof value === 'string' || typeof value === 'number')
    .map((value) => {
      const key = String(value)
      return { value: key, label: text(isRecord(labels) ? labels[key] : null, key) }
    })
}

function pattern(value: unknown): RegExp | null {
  if (typeof value !== 'string') return null
  try {
    return new RegExp(value, 'u')
  } catch {
    return null // a pattern this browser cannot read: the server still checks it
  }
}

/** The form fields of a `details` schema, in the schema's order. */
export function detailsFields(schema: DetailsSchema, today: string): DetailsField[] {
  return Object.entries(schema.properties).map(([name, property]) => {
    const items = isRecord(property.items) ? property.items : null
    const base: DetailsField = {
      name,
      kind: 'text',
      label: text(property['x-label'], name),
      help: isRecord(property['x-help']) ? text(property['x-help'], '') : null,
      required: schema.required.includes(name),
      min: null,
      max: null,
      notBefore: typeof property['x-not-before'] === 'string' ? property['x-not-before'] : null,
      options: [],
      minItems: null,
      maxItems: null,
      integer: property.type === 'integer',
      maxLength: num(property.maxLength),
      pattern: pattern(property.pattern),
    }
    if (property.type === 'string' && property.format === 'date') {
      return { ...base, kind: 'date', ...dateBounds(property, today) }
    }
    if (property.type === 'array' && items) {
      return {
        ...base,
        kind: 'multi',
        options: options(items.enum, property['x-enum-labels']),
        minItems: num(property.minItems),
        maxItems: num(property.maxItems),
      }
    }
    if (Array.isArray(property.enum)) {
      return { ...base, kind: 'choice', options: options(property.enum, property['x-enum-labels']) }
    }
    if (property['x-money'] === true) {
      return { ...base, kind: 'money', min: num(property.minimum), max: num(property.maximum) }
    }
    if (property.type === 'integer' || property.type === 'number') {
      return { ...base, kind: 'number', min: num(property.minimum), max: num(property.maximum) }
    }
    return base
  })
}

/**
 * A multiple choice's options (the countries of a trip) in the order of their
 * names in `locale`, as a reader looks for them: "Türkei" between "Tunesien" and
 * "Vereinigtes Königreich", not by code or after the Z. A single choice keeps the
 * schema's order, the usual one first.
 */
export function optionsByName(options: readonly ChoiceOption[], locale: Locale): ChoiceOption[] {
  const collator = new Intl.Collator(locale)
  return [...options].sort((a, b) => collator.compare(a.label[locale], b.label[locale]))
}

/** The empty form of `fields`. */
export function emptyValues(fields: readonly DetailsField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'multi' ? [] : '']))
}

/**
 * Reads an amount in euros as typed in either language: `1.234,56` or `1234,5`
 * (de), `1,234.56` (en), `1500`, with or without `€`. Null when it is not one.
 */
export function parseEuros(input: string, locale: Locale): number | null {
  const compact = input.replace(/[\s\u00a0\u202f€]/g, '').replace(/^EUR|EUR$/gi, '')
  if (compact === '') return null
  const [group, decimal] = locale === 'de' ? ['.', ','] : [',', '.']
  const grouped = new RegExp(`^\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d{1,2})?$`)
  const plain = new RegExp(`^\\d+(\\${decimal}\\d{1,2})?$`)
  if (!grouped.test(compact) && !plain.test(compact)) return null
  const [whole = '', fraction = ''] = compact.split(group).join('').split(decimal)
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

/**
 * Cents as the money field shows them for editing: the app's money format without
 * the sign, `2.500,00` (de), `2,500.00` (en).
 */
export function eurosText(cents: number, locale: Locale): string {
  return formatMoney(cents, 'EUR', locale).replace(/[€\s\u00a0\u202f]/g, '')
}

/** Free text as it is sent: line breaks and tabs become spaces (the letter prints one line). */
export function cleanText(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim()
}

const asList = (value: string | string[] | undefined): string[] =>
  Array.isArray(value) ? value : []
const asString = (value: string | string[] | undefined): string =>
  typeof value === 'string' ? value : ''

/** The field's problem with the form's values, or null when it is fine. */
export function fieldProblem(
  field: DetailsField,
  values: FormValues,
  locale: Locale,
): FieldProblem | null {
  const value = values[field.name]
  if (field.kind === 'multi') {
    const chosen = asList(value)
    if (chosen.length === 0) return field.required || (field.minItems ?? 0) > 0 ? 'required' : null
    if (field.minItems !== null && chosen.length < field.minItems) return 'too_short'
    if (field.maxItems !== null && chosen.length > field.maxItems) return 'too_long'
    const known = new Set(field.options.map((o) => o.value))
    return chosen.every((c) => known.has(c)) && new Set(chosen).size === chosen.length
      ? null
      : 'invalid_value'
  }
  const raw = field.kind === 'text' ? cleanText(asString(value)) : asString(value).trim()
  if (raw === '') return field.required ? 'required' : null
  switch (field.kind) {
    case 'date': {
      // The date field holds YYYY-MM-DD once the text is a real day, else the text as typed.
      if (!isCalendarDate(raw))
        return readDate(raw).state === 'incomplete' ? 'incomplete' : 'invalid_format'
      const notBefore = field.notBefore ? asString(values[field.notBefore]) : ''
      const min = later(
        typeof field.min === 'string' ? field.min : null,
        isCalendarDate(notBefore) ? notBefore : null,
      )
      const max = typeof field.max === 'string' ? field.max : null
      return (min !== null && raw < min) || (max !== null && raw > max) ? 'out_of_range' : null
    }
    case 'choice':
      return field.options.some((o) => o.value === raw) ? null : 'invalid_value'
    case 'money':
    case 'number': {
      const amount = field.kind === 'money' ? parseEuros(raw, locale) : Number(raw)
      if (amount === null || !Number.isSafeInteger(amount)) return 'invalid_format'
      const min = typeof field.min === 'number' ? field.min : null
      const max = typeof field.max === 'number' ? field.max : null
      return (min !== null && amount < min) || (max !== null && amount > max)
        ? 'out_of_range'
        : null
    }
    case 'text':
      if (field.maxLength !== null && [...raw].length > field.maxLength) return 'too_long'
      return field.pattern && !field.pattern.test(raw) ? 'invalid_value' : null
  }
}

/** The lower date bound in force for a field (its own, or the field it must not be before). */
export function effectiveMin(field: DetailsField, values: FormValues): string | null {
  const own = typeof field.min === 'string' ? field.min : null
  const other = field.notBefore ? asString(values[field.notBefore]) : ''
  return later(own, isCalendarDate(other) ? other : null)
}

/** The `details` to send: only the fields filled in, each as the schema's type. */
export function detailsOf(
  fields: readonly DetailsField[],
  values: FormValues,
  locale: Locale,
): Record<string, unknown> {
  const details: Record<string, unknown> = {}
  for (const field of fields) {
    const value = values[field.name]
    if (field.kind === 'multi') {
      const chosen = asList(value)
      if (chosen.length > 0) details[field.name] = [...chosen]
      continue
    }
    const raw = field.kind === 'text' ? cleanText(asString(value)) : asString(value).trim()
    if (raw === '') continue
    if (field.kind === 'money') details[field.name] = parseEuros(raw, locale)
    else if (field.kind === 'number' || (field.kind === 'choice' && field.integer))
      details[field.name] = Number(raw)
    else details[field.name] = raw
  }
  return details
}

/**
 * The form field a server error's path names: `details.to` → `to`,
 * `details.countries.0` → `countries`; null for anything else.
 */
export function fieldOfServerPath(path: string, fields: readonly DetailsField[]): string | null {
  const match = /^details\.([^.]+)/.exec(path)
  const name = match?.[1]
  return name !== undefined && fields.some((f) => f.name === name) ? name : null
}
