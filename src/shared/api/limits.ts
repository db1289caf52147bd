/**
 * Bounds of the API's JSON schemas (api.md "Conventions"): every string has a
 * maxLength, every array a maxItems, every integer a format (int32/int64) with a
 * minimum and maximum. Request bounds are enforced by the backend's schema
 * validation; answer bounds are what the backend ever sends.
 */
import { Type, type TObjectOptions, type TProperties, type TSchema } from 'typebox'

export const EMAIL_MAX_LENGTH = 254
/**
 * What an e-mail address must look like, in requests and in answers alike: a
 * local part, an @ and a domain with a dot, no spaces. Deliberately not JSON
 * Schema's `format: 'email'`, which is ASCII only: `max@müller.at` is a real
 * Austrian address that registration accepts, so every answer must carry it.
 */
export const EMAIL_RULE = '[^\\s@]+@[^\\s@]+\\.[^\\s@]+'
/** First and last names (and the demo customers' names): the name rule's bound. */
export { NAME_MAX_LENGTH } from '../names.ts'
/** Titles of letters and service requests' answers. */
export const TITLE_MAX_LENGTH = 200
/** Error codes, reason codes and field reasons. */
export const CODE_MAX_LENGTH = 64
/** Instalments are counted per month: no plan runs longer than this. */
export const TERM_MONTHS_MAX = 120
/** The largest amount of any contract or request, in cents (ten million euros). */
export const CENTS_MAX = 1_000_000_000

/** Patterns of the structured strings in answers. */
export const CUSTOMER_NUMBER_PATTERN = '^[0-9A-Za-z-]+$'
/** A contract's number: `KR-2025-048211` (loan), `LS-…` (leasing), `BF-…` (balloon). */
export const CONTRACT_NUMBER_PATTERN = '^[A-Z0-9][A-Z0-9-]*$'
/** A masked IBAN: country, check digits, stars and the last four characters. */
export const IBAN_MASKED_PATTERN = '^[A-Z]{2}[0-9]{2}[ *A-Z0-9]*$'
/** A password as typed into a request that it confirms: the backend checks it, this bounds it. */
export const PASSWORD_INPUT_MAX_LENGTH = 1024
/** A masked IBAN in an answer (the full IBAN never leaves the backend). */
export const ibanMaskedSchema = Type.String({ maxLength: 50, pattern: IBAN_MASKED_PATTERN })
/** A customer number in an answer (registrations from before the nine-digit rule may hold other characters). */
export const customerNumberSchema = Type.String({ maxLength: 20, pattern: CUSTOMER_NUMBER_PATTERN })
/**
 * A password a customer types, new or confirming a request (an address change,
 * DELETE /me …). The policy (length in code points, common passwords, personal
 * data) is checked by the service, so that it can name the reason; the schema
 * only bounds the input.
 */
export const passwordInputSchema = Type.String({
  minLength: 1,
  maxLength: PASSWORD_INPUT_MAX_LENGTH,
})
/** A page's size in a query (`limit`): 1–100, as the string a query carries. */
export const PAGE_LIMIT_PATTERN = '^(100|[1-9][0-9]?)$'
/** The longest cursor of a paged list: `nextCursor` in a page, `cursor` in the next page's query. */
export const CURSOR_MAX_LENGTH = 200
/** An e-mail address in an answer. */
export const emailSchema = Type.String({
  maxLength: EMAIL_MAX_LENGTH,
  pattern: `^${EMAIL_RULE}$`,
  description: 'An e-mail address as the customer registered it (international ones too)',
})

/** A calendar date, `YYYY-MM-DD`. */
export const dateSchema = Type.String({ format: 'date', maxLength: 10 })
/** An instant, ISO 8601 UTC with seconds or milliseconds. */
export const instantSchema = Type.String({ format: 'date-time', maxLength: 30 })
/** A random id the backend made (contracts, letters, service requests). */
export const uuidSchema = Type.String({ format: 'uuid', maxLength: 36 })
/** An amount of money in cents. */
export const centsSchema = Type.Integer({ format: 'int32', minimum: 0, maximum: CENTS_MAX })
/** A count from `minimum` (0 unless given) up to `maximum`. */
/* @__NO_SIDE_EFFECTS__ */
export const countSchema = (maximum: number, minimum = 0) =>
  Type.Integer({ format: 'int32', minimum, maximum })
/** Text of at most `maxLength` characters. */
/* @__NO_SIDE_EFFECTS__ */
export const textSchema = (maxLength: number) => Type.String({ maxLength })
/** One of a list of codes, as `{type: 'string', enum: [...]}`. */
/* @__NO_SIDE_EFFECTS__ */
export const codeSchema = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
/**
 * An object of exactly these properties (`additionalProperties: false`): every
 * body, query and answer of the API is one, so that nothing unlisted gets through.
 */
/* @__NO_SIDE_EFFECTS__ */
export const closedObject = <T extends TProperties>(properties: T, options: TObjectOptions = {}) =>
  Type.Object(properties, { ...options, additionalProperties: false })
/** `{status}` with one of `values`, then the `more` properties: answers that say what happened. */
/* @__NO_SIDE_EFFECTS__ */
export const statusSchema = <
  const T extends readonly string[],
  P extends TProperties = Record<never, never>,
>(
  values: T,
  more: P = {} as P,
) => closedObject({ status: codeSchema(values), ...more })
/** A list answer, `{items: [...]}`, of at most `maxItems` items. */
/* @__NO_SIDE_EFFECTS__ */
export const itemsSchema = <T extends TSchema>(maxItems: number, item: T) =>
  closedObject({ items: Type.Array(item, { maxItems }) })
/** The schema, or null. */
/* @__NO_SIDE_EFFECTS__ */
export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
/**
 * A paged list's query besides its filters: `cursor`, the previous page's
 * nextCursor (`sameFilters` says which filters must stay), and `limit`, the
 * items per page (at most 100, as PAGE_LIMIT_PATTERN allows), as strings.
 */
/* @__NO_SIDE_EFFECTS__ */
export const pageQueryProperties = (sameFilters: string, pageMax: number, pageDefault: number) => ({
  cursor: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: CURSOR_MAX_LENGTH,
      description: `nextCursor of the previous page (${sameFilters})`,
    }),
  ),
  limit: Type.Optional(
    Type.String({
      maxLength: 3,
      pattern: PAGE_LIMIT_PATTERN,
      description: `Items per page, 1–${pageMax} (default ${pageDefault})`,
    }),
  ),
})
