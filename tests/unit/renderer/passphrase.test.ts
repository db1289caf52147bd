import { describe, expect, it, vi } from 'vitest'
import {
  generatePassphrase,
  loadWordList,
  randomIndex,
  suggestPassphrase,
  type RandomSource,
} from '../../../src/renderer/src/forms/passphrase.ts'
import { checkNewPassword } from '../../../src/renderer/src/forms/password-policy.ts'

/** A random source that hands out the given 32-bit values in turn. */
function sequence(values: number[]): RandomSource & { calls: number } {
  let next = 0
  const source = Object.assign(
    (array: Uint32Array) => {
      source.calls++
      array[0] = values[next++ % values.length] ?? 0
      return array
    },
    { calls: 0 },
  )
  return source
}

describe('the passphrase suggestion', () => {
  it('draws English words from the 7,776-word diceware list', async () => {
    const words = await loadWordList('en')
    expect(words).toHaveLength(7776)
    expect(new Set(words).size).toBe(7776)
    expect(words).toEqual(expect.arrayContaining(['abacus', 'zoom']))
    expect(await loadWordList('en')).toBe(words) // loaded once
  })

  it('draws German words from as many common German words, none of them English', async () => {
    const german = await loadWordList('de')
    expect(german).toHaveLength(7776)
    expect(new Set(german).size).toBe(7776)
    for (const word of german) expect(word).toMatch(/^[a-zäöüß]{4,9}$/)
    expect(german).toEqual(expect.arrayContaining(['zeit', 'stadt', 'heute', 'leben']))
    const english = new Set(await loadWordList('en'))
    expect(german.filter((word) => english.has(word))).toEqual([])
    expect(await loadWordList('de')).toBe(german) // loaded once
  })

  it.each(['de', 'en'] as const)('suggests words of its own language (%s)', async (locale) => {
    const own = new Set(await loadWordList(locale))
    const phrase = await suggestPassphrase(locale, null)
    for (const part of phrase.split('-')) expect(own.has(part), part).toBe(true)
  })

  it('joins five words from the list with "-" and passes the policy', async () => {
    const words = new Set(await loadWordList('en'))
    for (let i = 0; i < 20; i++) {
      const phrase = await suggestPassphrase('en', null)
      const parts = phrase.split('-')
      expect(parts).toHaveLength(5)
      for (const part of parts) expect(words.has(part), part).toBe(true)
      expect(checkNewPassword(phrase, null)).toBeNull()
    }
  })

  it('is not deterministic', async () => {
    const phrases = new Set<string>()
    for (let i = 0; i < 50; i++) phrases.add(await suggestPassphrase('de', null))
    // 5 words of 7,776: about 64 bits each; a repeat among 50 would be a broken generator.
    expect(phrases.size).toBe(50)
  })

  it('uses crypto.getRandomValues', async () => {
    const spy = vi.spyOn(crypto, 'getRandomValues')
    await suggestPassphrase('de', null)
    expect(spy).toHaveBeenCalled()
    spy.mockRestore()
  })

  it('throws away draws that would favour some words (no modulo bias)', () => {
    // 2^32 is not a multiple of 7,776: the top draws are rejected, the next one used.
    const source = sequence([0xffffffff, 5])
    expect(randomIndex(7776, source)).toBe(5)
    expect(source.calls).toBe(2)
    // For 3, only 2^32 - 1 is out; every index keeps exactly the same number of draws.
    expect(randomIndex(3, sequence([0xffffffff, 0xfffffffe]))).toBe(0xfffffffe % 3)
    expect(randomIndex(3, sequence([7]))).toBe(1)
    // A power of two never rejects.
    const power = sequence([0xffffffff])
    expect(randomIndex(4, power)).toBe(3)
    expect(power.calls).toBe(1)
  })

  it('gives every word the same chance: the accepted draws are a whole multiple of the size', () => {
    for (const size of [3, 6, 10, 7776]) {
      const limit = 2 ** 32 - (2 ** 32 % size)
      // Each index is hit by exactly limit / size accepted draws.
      expect(limit % size).toBe(0)
      // The last accepted draw maps to the last index; the first rejected one is redrawn.
      const source = sequence([limit, limit - 1])
      expect(randomIndex(size, source)).toBe(size - 1)
      expect(source.calls).toBe(2)
    }
  })

  it("draws again when a word contains the customer's name", async () => {
    const words = await loadWordList('de')
    const name = words[0] ?? ''
    // First five draws all pick word 0 (the "name"), then words 1–5.
    const phrase = await suggestPassphrase(
      'de',
      { lastName: name },
      sequence([0, 0, 0, 0, 0, 1, 2, 3, 4, 5]),
    )
    expect(phrase).toBe(words.slice(1, 6).join('-'))
  })

  it('refuses a word list too short to choose from', () => {
    expect(() => generatePassphrase(['one'])).toThrow(RangeError)
  })
})
