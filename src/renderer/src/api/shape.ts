/** Small checks of an answer's shape, before anyone relies on it. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

export const isInteger = (value: unknown): value is number => Number.isSafeInteger(value)

/** The error for an answer that is not what the contract promises. */
export function unexpected(call: string): TypeError {
  return new TypeError(`${call} answered with an unexpected shape`)
}
