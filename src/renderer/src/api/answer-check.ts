/**
 * Checks an answer against the contract's schema of its route and status, as
 * the app sees the API (`appRoutes`, src/shared/api/gateway.ts). The schemas
 * come as JSON built with the app (scripts/answer-schemas-plugin.ts), read
 * tolerantly (`answerSchemasOf`: properties the schema does not name are
 * allowed, every named one is checked). Loaded with the first answer, not with
 * the first screen: the schemas and the checker stay out of the initial
 * JavaScript.
 *
 * TypeBox's schema checker interprets the schema (no `eval`, no `new Function`,
 * which the CSP forbids).
 */
import { Check } from 'typebox/schema'
import schemas from 'virtual:answer-schemas'
import type { AppRoute } from '../../../shared/api/gateway.ts'

/**
 * Whether `data` is what `key` promises for `status`: false for a status the
 * route does not answer with; true for an answer without content (204) or a
 * binary one.
 */
export function isAnswer(key: AppRoute, status: number, data: unknown): boolean {
  const answers = schemas[key]
  if (answers === undefined || !(String(status) in answers)) return false
  const schema = answers[String(status)]
  return schema === null || schema === undefined || Check(schema, data)
}
