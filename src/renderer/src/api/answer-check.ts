/**
 * Checks an answer against the contract's schema of its route and status, as
 * the app sees the API (`appRoutes`, src/shared/api/gateway.ts). Loaded with
 * the first answer, not with the first screen: the schemas and the checker
 * stay out of the initial JavaScript.
 *
 * TypeBox's schema checker interprets the schema (no `eval`, no `new Function`,
 * which the CSP forbids). It checks as a tolerant reader: properties the schema
 * does not name are allowed, so a newer backend that adds a field does not
 * break an older app; every named property must have its type, format and bounds.
 */
import { Check } from 'typebox/schema'
import type { SuccessStatus } from '../../../shared/api/contract.ts'
import { appRoutes, type AppRoute } from '../../../shared/api/gateway.ts'

const tolerant = new Map<string, unknown>()

/** A copy of `schema` without `additionalProperties: false`, at every depth. */
function withoutClosedObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutClosedObjects)
  if (typeof schema !== 'object' || schema === null) return schema
  const copy: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(schema)) {
    if (name === 'additionalProperties' && value === false) continue
    copy[name] = name === 'enum' || name === 'const' ? value : withoutClosedObjects(value)
  }
  return copy
}

/**
 * Whether `data` is what `key` promises for `status`: false for a status the
 * route does not answer with; true for an answer without content (204).
 */
export function isAnswer(key: AppRoute, status: number, data: unknown): boolean {
  const answers: Partial<Record<number, unknown>> = appRoutes[key].answers
  if (!(status in answers)) return false
  const schema = answers[status as SuccessStatus]
  if (schema === null || schema === undefined) return true
  const cacheKey = `${key} ${status}`
  let open = tolerant.get(cacheKey)
  if (open === undefined) {
    open = withoutClosedObjects(schema)
    tolerant.set(cacheKey, open)
  }
  return Check(open as Parameters<typeof Check>[0], data)
}
