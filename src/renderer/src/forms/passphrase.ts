/**
 * "Passphrase vorschlagen": five words in the customer's language, chosen with
 * the CSPRNG without modulo bias, joined with "-". English words come from the
 * 7,776-word diceware list, German ones from as many common German words
 * (src/shared/passphrase-words.ts): the same strength either way. A list is
 * loaded on its first use (~34 KB and ~70 KB), so both stay out of the initial bundle.
 */
import type { Locale } from '../../../shared/api/auth.ts'
import type { PersonalData } from './password-policy.ts'
import { checkNewPassword } from './password-policy.ts'

export const PASSPHRASE_WORDS = 5
export const PASSPHRASE_SEPARATOR = '-'

/** Fills a typed array with random values (crypto.getRandomValues, or a fake in tests). */
export type RandomSource = (array: Uint32Array) => Uint32Array

const cryptoRandom: RandomSource = (array) => crypto.getRandomValues(array)

const WORD_LISTS: Record<Locale, () => Promise<{ default: readonly string[] }>> = {
  de: () => import('virtual:passphrase-words-de'),
  en: () => import('@zxcvbn-ts/language-common/dist/diceware.json.mjs'),
}
const wordLists = new Map<Locale, Promise<readonly string[]>>()

/** The word list of a language, loaded once (a lazy chunk each). */
export function loadWordList(locale: Locale): Promise<readonly string[]> {
  let list = wordLists.get(locale)
  if (!list) {
    list = WORD_LISTS[locale]().then(
      (module) => module.default,
      (error: unknown) => {
        wordLists.delete(locale) // a later click tries again
        throw error
      },
    )
    wordLists.set(locale, list)
  }
  return list
}

const RANGE = 2 ** 32

/**
 * A uniformly random index below `size`: 32-bit draws at or above the largest
 * multiple of `size` are thrown away, so no index is more likely than another.
 */
export function randomIndex(size: number, random: RandomSource = cryptoRandom): number {
  if (!Number.isInteger(size) || size < 1 || size > RANGE) throw new RangeError(`size ${size}`)
  const limit = RANGE - (RANGE % size)
  const draw = new Uint32Array(1)
  for (;;) {
    const value = random(draw)[0] ?? RANGE
    if (value < limit) return value % size
  }
}

/** Picks `count` words at random and joins them. */
export function generatePassphrase(
  words: readonly string[],
  count = PASSPHRASE_WORDS,
  random: RandomSource = cryptoRandom,
): string {
  if (words.length < 2) throw new RangeError('The word list is too short.')
  const picked: string[] = []
  for (let i = 0; i < count; i++) picked.push(words[randomIndex(words.length, random)] ?? '')
  return picked.join(PASSPHRASE_SEPARATOR)
}

/**
 * A passphrase the policy accepts for this customer: drawn again in the rare
 * case that a word happens to contain their name or e-mail local part.
 */
export async function suggestPassphrase(
  locale: Locale,
  personal: PersonalData | null,
  random: RandomSource = cryptoRandom,
): Promise<string> {
  const words = await loadWordList(locale)
  for (let attempt = 0; attempt < 20; attempt++) {
    const phrase = generatePassphrase(words, PASSPHRASE_WORDS, random)
    if (checkNewPassword(phrase, personal) === null) return phrase
  }
  throw new Error('No acceptable passphrase found.')
}
