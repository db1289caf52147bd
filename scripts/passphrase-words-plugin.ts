/**
 * Builds the German passphrase words (src/shared/passphrase-words.ts) when the app
 * is built or tested, as the module `virtual:passphrase-words-de`: the renderer
 * loads it on the first "Passphrase vorschlagen" in German, a chunk of its own
 * (about 70 KB), so that neither the frequency lists (800 KB) nor the words reach
 * the first load.
 */
import { dictionary as common } from '@zxcvbn-ts/language-common'
import { dictionary as german } from '@zxcvbn-ts/language-de'
import type { Plugin } from 'vite'
import { germanPassphraseWords } from '../src/shared/passphrase-words.ts'

/** The module id the renderer imports. */
export const GERMAN_WORDS_MODULE = 'virtual:passphrase-words-de'
const RESOLVED = `\0${GERMAN_WORDS_MODULE}`

/** The words from the installed lists. */
export function buildGermanWords(): string[] {
  return germanPassphraseWords({
    spoken: german.commonWords,
    written: german.wikipedia,
    names: [...german.firstnames, ...german.lastnames],
    english: common['diceware-common'],
    commonPasswords: common['passwords-common'],
  })
}

/** The Vite plugin that serves `virtual:passphrase-words-de` (a default export: the words). */
export function passphraseWords(): Plugin {
  let source: string | null = null
  return {
    name: 'mmf:passphrase-words',
    resolveId: (id) => (id === GERMAN_WORDS_MODULE ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null
      source ??= `export default ${JSON.stringify(buildGermanWords())}\n`
      return source
    },
  }
}
