/** The diceware list of @zxcvbn-ts/language-common, imported on its own (see forms/passphrase.ts). */
declare module '@zxcvbn-ts/language-common/dist/diceware.json.mjs' {
  const words: string[]
  export default words
}

/** The German passphrase words, built with the app (scripts/passphrase-words-plugin.ts). */
declare module 'virtual:passphrase-words-de' {
  const words: string[]
  export default words
}

/** The contract's answer schemas, built with the app (scripts/answer-schemas-plugin.ts). */
declare module 'virtual:answer-schemas' {
  import type { AnswerSchemas } from '../../shared/api/contract.ts'
  const schemas: AnswerSchemas
  export default schemas
}
