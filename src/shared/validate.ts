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
type Infer<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer V> ? V : never }

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
      out[key] = result.value
    }
    return { ok: true, value: out as Infer<S> }
  }
}
