/**
 * Serves the contract's answer schemas (src/shared/api: `appRoutes`, the API as
 * the renderer sees it) as the module `virtual:answer-schemas`, JSON written when
 * the app is built or tested. The renderer's answer check loads it with the first
 * answer; the renderer itself never runs TypeBox's schema builders, so neither
 * they nor the schemas reach the first screen's JavaScript, whichever constants
 * a screen imports from a contract file.
 */
import type { Plugin } from 'vite'
import { answerSchemasOf } from '../src/shared/api/contract.ts'
import { appRoutes } from '../src/shared/api/gateway.ts'

/** The module id the renderer imports. */
export const ANSWER_SCHEMAS_MODULE = 'virtual:answer-schemas'
const RESOLVED = `\0${ANSWER_SCHEMAS_MODULE}`

/** The Vite plugin that serves `virtual:answer-schemas` (a default export: AnswerSchemas). */
export function answerSchemas(): Plugin {
  let source: string | null = null
  return {
    name: 'mmf:answer-schemas',
    resolveId: (id) => (id === ANSWER_SCHEMAS_MODULE ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null
      source ??= `export default ${JSON.stringify(answerSchemasOf(appRoutes))}\n`
      return source
    },
  }
}
