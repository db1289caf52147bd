// @vitest-environment jsdom
/**
 * English loads on demand (src/renderer/src/i18n/index.ts): a customer who never
 * switches does not download it, one who switches sees English as soon as it is
 * there, and one who chose English before sees it on the first screen.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type I18nModule = typeof import('../../../src/renderer/src/i18n/index.ts')

/** A fresh copy of the module, as the app has it on start (the test setup preloads English). */
async function freshI18n(): Promise<I18nModule> {
  vi.resetModules()
  return import('../../../src/renderer/src/i18n/index.ts')
}

describe('the English texts load when they are first needed', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => localStorage.clear())

  it('starts in German without the English messages, and switches once they are loaded', async () => {
    const m = await freshI18n()
    await m.localeReady
    expect(m.currentLocale()).toBe('de')
    expect(m.i18n.global.availableLocales).not.toContain('en')
    expect(m.i18n.global.t('skipLink')).toBe('Zum Inhalt springen')

    const switched = m.setLocale('en')
    await switched
    expect(m.currentLocale()).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(m.i18n.global.t('skipLink')).toBe('Skip to content')
    expect(localStorage.getItem(m.LOCALE_STORAGE_KEY)).toBe('en')
  })

  it('a choice made while English is still loading wins over it', async () => {
    const m = await freshI18n()
    await m.localeReady
    const english = m.setLocale('en')
    const german = m.setLocale('de')
    await Promise.all([english, german])
    expect(m.currentLocale()).toBe('de')
    expect(document.documentElement.lang).toBe('de')
    expect(localStorage.getItem(m.LOCALE_STORAGE_KEY)).toBe('de')
  })

  it('a remembered English choice is loaded and shown before the app mounts', async () => {
    localStorage.setItem('mmf.locale', 'en')
    const m = await freshI18n()
    await m.localeReady
    expect(m.currentLocale()).toBe('en')
    expect(m.i18n.global.t('skipLink')).toBe('Skip to content')
  })
})
