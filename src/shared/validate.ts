/**
 * A tiny run-time validator for IPC arguments and configuration: the renderer is
 * untrusted, so main checks every value it receives against one of these.
 */
export type Check<T> = (value: unknown, path?: string) => CheckResult<T>
export type CheckResult<T> = { ok: true; value: T } | { ok: false; error: string }

const fail = (path: string, what: string): { ok: false; error: string } => ({
  ok: false,
  error: `${path || 'value'}: ${what}`,
})

/** No argument at all (undefined). */
export const none: Check<undefined> = (value, path = '') =>
  value === undefined ? { ok: true, value: undefined } : fail(path, 'expected no argument')

/** A string within the given length. */
export function string(options: { minLength?: number; maxLength: number }): Check<string> {
  return (value, path = '') => {
    if (typeof value !== 'string') return fail(path, 'expected a string')
    if (value.length < (options.minLength ?? 0)) return fail(path, 'too short')
    if (value.length > options.maxLength) return fail(path, 'too long')
    return { ok: true, value }
  }
}

/** A boolean. */
export const boolean: Check<boolean> = (value, path = '') =>
  typeof value === 'boolean' ? { ok: true, value } : fail(path, 'expected a boolean')

/** One of the given literal strings. */
export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  return (value, path = '') =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? { ok: true, value: value as T[number] }
      : fail(path, `expected one of ${values.join(', ')}`)
}

type Shape = Record<string, Check<unknown>>
type ValueOf<C> = C extends Check<infer V> ? V : never
type Infer<S extends Shape> = {
  [K in keyof S as undefined extends ValueOf<S[K]> ? never : K]: ValueOf<S[K]>
} & {
  [K in keyof S as undefined extends ValueOf<S[K]> ? K : never]?: ValueOf<S[K]>
}

/** A plain object with exactly these properties (unknown ones are rejected). */
export function object<S extends Shape>(shape: S): Check<Infer<S>> {
  return (value, path = '') => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(path, 'expected an object')
    }
    if (
      Object.getPrototypeOf(value) !== Object.prototype &&
      Object.getPrototypeOf(value) !== null
    ) {
      return fail(path, 'expected a plain object')
    }
    const input = value as Record<string, unknown>
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) return fail(path ? `${path}.${key}` : key, 'unknown property')
    }
    const out: Record<string, unknown> = {}
    for (const [key, check] of Object.entries(shape)) {
      const result = check(input[key], path ? `${path}.${key}` : key)
      if (!result.ok) return result
      // An absent optional property stays absent (no key holding undefined).
      if (result.value !== undefined) out[key] = result.value
    }
    return { ok: true, value: out as Infer<S> }
  }
}

/** An integer within the given bounds. */
export function integer(options: { min: number; max: number }): Check<number> {
  return (value, path = '') => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      return fail(path, 'expected an integer')
    }
    if (value < options.min || value > options.max) return fail(path, 'out of range')
    return { ok: true, value }
  }
}

/** A string matching a pattern (anchored by the caller), within the given length. */
export function matching(pattern: RegExp, options: { maxLength: number }): Check<string> {
  const base = string({ minLength: 1, maxLength: options.maxLength })
  return (value, path = '') => {
    const result = base(value, path)
    if (!result.ok) return result
    return pattern.test(result.value) ? result : fail(path, 'invalid format')
  }
}

/** The value may be absent (undefined); present, it must pass `check`. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, path = '') =>
    value === undefined ? { ok: true, value: undefined } : check(value, path)
}

/** An array of at most `maxItems` items, each passing `check`. */
export function array<T>(check: Check<T>, options: { maxItems: number }): Check<T[]> {
  return (value, path = '') => {
    if (!Array.isArray(value)) return fail(path, 'expected an array')
    if (value.length > options.maxItems) return fail(path, 'too many items')
    const out: T[] = []
    for (const [index, item] of value.entries()) {
      const result = check(item, `${path || 'value'}[${index}]`)
      if (!result.ok) return result
      out.push(result.value)
    }
    return { ok: true, value: out }
  }
}
