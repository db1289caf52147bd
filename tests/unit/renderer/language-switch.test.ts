// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getSupport } from '../../../src/renderer/src/api/support.ts'
import { LOCALE_STORAGE_KEY, readStoredLocale } from '../../../src/renderer/src/i18n/index.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'

vi.mock('../../../src/renderer/src/api/support.ts', () => ({ getSupport: vi.fn() }))

describe('the language switch', () => {
  let mounted: MountedApp

  beforeEach(async () => {
    resetLocale()
    vi.mocked(getSupport).mockResolvedValue({
      phone: '+43 662 2191 4920',
      email: 'ksc@mini.at',
      hours: 'Mo–Fr 8:00–17:00',
    })
    mounted = await mountApp('/')
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    resetLocale()
  })

  const group = () =>
    mounted.wrapper.get(
      '[role="group"][aria-label="Sprache"], [role="group"][aria-label="Language"]',
    )
  const button = (name: string) => {
    const found = group()
      .findAll('button')
      .find((b) => b.text() === name)
    if (!found) throw new Error(`no button "${name}"`)
    return found
  }

  it('starts in German with "Deutsch" pressed', () => {
    expect(document.documentElement.lang).toBe('de')
    expect(group().attributes('aria-label')).toBe('Sprache')
    expect(button('Deutsch').attributes('aria-pressed')).toBe('true')
    expect(button('English').attributes('aria-pressed')).toBe('false')
    expect(mounted.wrapper.get('h1').text()).toBe('Willkommen bei My MINI Finance')
  })

  it('switches every text to English and back', async () => {
    await button('English').trigger('click')

    expect(mounted.wrapper.get('h1').text()).toBe('Welcome to My MINI Finance')
    expect(mounted.wrapper.get('nav').text()).toContain('Help')
    expect(mounted.wrapper.get('footer h2').text()).toBe('Customer service')
    expect(group().attributes('aria-label')).toBe('Language')
    expect(button('English').attributes('aria-pressed')).toBe('true')
    expect(button('Deutsch').attributes('aria-pressed')).toBe('false')
    expect(document.documentElement.lang).toBe('en')
    expect(document.title).toBe('Start · My MINI Finance')

    await button('Deutsch').trigger('click')
    expect(mounted.wrapper.get('h1').text()).toBe('Willkommen bei My MINI Finance')
    expect(mounted.wrapper.get('nav').text()).toContain('Hilfe')
    expect(document.documentElement.lang).toBe('de')
  })

  it('remembers the choice for the next start', async () => {
    await button('English').trigger('click')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(readStoredLocale()).toBe('en')

    await button('Deutsch').trigger('click')
    expect(readStoredLocale()).toBe('de')
  })

  it('ignores a stored value that is not a supported language', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr')
    expect(readStoredLocale()).toBe('de')
  })
})
