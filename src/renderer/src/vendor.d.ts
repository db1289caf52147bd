/** The diceware list of @zxcvbn-ts/language-common, imported on its own (see forms/passphrase.ts). */
declare module '@zxcvbn-ts/language-common/dist/diceware.json.mjs' {
  const words: string[]
  export default words
}
