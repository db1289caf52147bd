/**
 * The building blocks of the catalogue's `details` schemas (catalogue.ts and
 * lease-end-catalogue.ts): plain JSON schemas, annotated with the `x-` keywords
 * the form reads, so that every type's fields are written the same way.
 */
import type { DetailsSchema, JsonSchema } from './types.ts'

/** The contract state of the services that only a running contract takes. */
export const ACTIVE = ['active'] as const

/** A type's `details`: exactly these properties, of which the `required` ones must be given. */
export const details = (
  properties: Record<string, JsonSchema>,
  required: string[],
): DetailsSchema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
})

/** A calendar date, `YYYY-MM-DD`, with its label, help and bounds relative to today. */
export const date = (extra: JsonSchema): JsonSchema => ({
  type: 'string',
  format: 'date',
  maxLength: 10,
  ...extra,
})

/** A whole number from `minimum` to `maximum`, with its label, help and the rest in `extra`. */
export const int32 = (minimum: number, maximum: number, extra: JsonSchema): JsonSchema => ({
  type: 'integer',
  format: 'int32',
  minimum,
  maximum,
  ...extra,
})

/**
 * The `details` of a service that asks only for a number of months, `min` to
 * `max` (a lease's extension, a final instalment's refinancing), the help
 * saying so.
 */
export const monthsDetails = (min: number, max: number, label: JsonSchema): DetailsSchema =>
  details(
    {
      months: int32(min, max, {
        'x-label': label,
        'x-help': { de: `${min} bis ${max} Monate.`, en: `${min} to ${max} months.` },
      }),
    },
    ['months'],
  )
