/**
 * "Passphrase vorschlagen": five words from the 7,776-word diceware list, chosen
 * with the CSPRNG without modulo bias, joined with "-". The list (~34 KB) is
 * loaded on first use, so it stays out of the initial bundle.
 */
import type { PersonalData } from './password-policy.ts'
import { checkNewPassword } from './password-policy.ts'

export const PASSPHRASE_WORDS = 5
export const PASSPHRASE_SEPARATOR = '-'

/** Fills a typed array with random values (crypto.getRandomValues, or a fake in tests). */
export type RandomSource = (array: Uint32Array) => Uint32Array

const cryptoRandom: RandomSource = (array) => crypto.getRandomValues(array)

let wordList: Promise<readonly string[]> | null = null

/** The diceware word list, loaded once (a lazy chunk). */
export function loadWordList(): Promise<readonly string[]> {
  wordList ??= import('@zxcvbn-ts/language-common/dist/diceware.json.mjs').then(
    (module) => module.default,
    (error: unknown) => {
      wordList = null // a later click tries again
      throw error
    },
  )
  return wordList
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
  personal: PersonalData | null,
  random: RandomSource = cryptoRandom,
): Promise<string> {
  const words = await loadWordList()
  for (let attempt = 0; attempt < 20; attempt++) {
    const phrase = generatePassphrase(words, PASSPHRASE_WORDS, random)
    if (checkNewPassword(phrase, personal) === null) return phrase
  }
  throw new Error('No acceptable passphrase found.')
}
