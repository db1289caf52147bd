/**
 * The German passphrase words: chosen from the installed German frequency lists
 * as the build chooses them, plain German, as many as the English list has.
 */
import { dictionary as common } from '@zxcvbn-ts/language-common'
import { dictionary as german } from '@zxcvbn-ts/language-de'
import { describe, expect, it } from 'vitest'
import { buildGermanWords } from '../../../scripts/passphrase-words-plugin.ts'
import {
  germanPassphraseWords,
  PASSPHRASE_LIST_SIZE,
  type GermanWordSources,
} from '../../../src/shared/passphrase-words.ts'

const words = buildGermanWords()

describe('the German passphrase words', () => {
  it('are 7,776 distinct words: five keep the strength of five diceware words', () => {
    expect(PASSPHRASE_LIST_SIZE).toBe(6 ** 5)
    expect(common['diceware-common']).toHaveLength(PASSPHRASE_LIST_SIZE)
    expect(words).toHaveLength(PASSPHRASE_LIST_SIZE)
    expect(new Set(words).size).toBe(PASSPHRASE_LIST_SIZE)
    // log2(7776) * 5 ≈ 64.6 bits, as in English.
    expect(Math.log2(words.length) * 5).toBeGreaterThan(64)
  })

  it('are short lowercase German words, umlauts and ß kept, nothing else', () => {
    for (const word of words) expect(word).toMatch(/^[a-zäöüß]{4,9}$/)
    const lengths = words.map((word) => word.length)
    expect(lengths.reduce((a, b) => a + b, 0) / lengths.length).toBeLessThan(7.5)
    expect(words.some((word) => /[äöüß]/.test(word))).toBe(true)
  })

  it('are the most common ones, from spoken and written German alike', () => {
    expect(words.slice(0, 40)).toEqual(
      expect.arrayContaining(['nicht', 'wurde', 'eine', 'nach', 'immer', 'wieder']),
    )
    expect(words).toEqual(expect.arrayContaining(['zeit', 'stadt', 'leben', 'heute', 'gemeinde']))
  })

  it('hold no name, no English word, no common password, no foreign spelling', () => {
    const excluded = new Set([
      ...german.firstnames,
      ...german.lastnames,
      ...common['diceware-common'],
      ...common['passwords-common'],
    ])
    expect(words.filter((word) => excluded.has(word))).toEqual([])
    expect(words.filter((word) => /[yqx]|th|c(?![hk])/.test(word))).toEqual([])
  })

  it('hold none of the crude, hurtful or violent words the sources have', () => {
    const sources = new Set([...german.commonWords, ...german.wikipedia])
    const unwanted = [
      'scheiße',
      'arschloch',
      'schlampe',
      'mörder',
      'leiche',
      'umbringen',
      'nazi',
      'hitler',
      'schwul',
      'idiot',
      'drogen',
      'waffe',
      'bombe',
    ]
    // They are in the sources, so leaving them out is the selection's doing.
    expect(unwanted.filter((word) => sources.has(word))).toEqual(unwanted)
    expect(words.filter((word) => unwanted.includes(word))).toEqual([])
  })

  it('leave out words only one of the sources knows (names of places, foreign words)', () => {
    const sources: GermanWordSources = {
      spoken: ['garten', 'laurie', 'fenster', 'wasser'],
      written: ['gartens', 'ljubljana', 'fensters', 'wasserturm'],
      names: [],
      english: [],
      commonPasswords: [],
    }
    // "wasserturm" is too long, but it attests "wasser".
    expect(germanPassphraseWords(sources, 5)).toEqual([
      'garten',
      'gartens',
      'fenster',
      'fensters',
      'wasser',
    ])
    expect(() => germanPassphraseWords(sources, 6)).toThrow(/Only 5 German words/)
  })
})
