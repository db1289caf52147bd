import { beforeAll, describe, expect, it } from 'vitest'
import { API_ERROR_CODES } from '../../../src/shared/errors.ts'
import {
  FIELD_MESSAGES,
  FIELD_REASONS,
  fieldMessageKey,
} from '../../../src/renderer/src/api/errors.ts'
import de from '../../../src/renderer/src/i18n/de.json'
import en from '../../../src/renderer/src/i18n/en.json'
import { i18n, loadLocaleMessages } from '../../../src/renderer/src/i18n/index.ts'
// The messages pages loaded on demand bring with them (i18n/<feature>.ts), merged in here.
import '../../../src/renderer/src/i18n/lease-end.ts'
import leaseEndDe from '../../../src/renderer/src/i18n/lease-end/de.json'
import leaseEndEn from '../../../src/renderer/src/i18n/lease-end/en.json'
import { routes } from '../../../src/renderer/src/router/routes.ts'

// Every renderer source file as text, read by Vite (the web tsconfig has no Node types).
const RENDERER_SOURCES: Record<string, string> = import.meta.glob(
  '../../../src/renderer/src/**/*.{vue,ts}',
  { query: '?raw', import: 'default', eager: true },
)

/** Flattens nested messages to `a.b.c` → text. */
function flatten(messages: object, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of flatten(value, path)) flat.set(k, v)
    } else {
      flat.set(path, value)
    }
  }
  return flat
}

const german = new Map([...flatten(de), ...flatten(leaseEndDe)])
const english = new Map([...flatten(en), ...flatten(leaseEndEn)])

describe('the German and English texts', () => {
  // The app loads English on demand; these checks render it, so they load it first.
  beforeAll(() => loadLocaleMessages('en'))

  it('have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...german.keys()].sort())
  })

  it('are all non-empty strings', () => {
    for (const [locale, messages] of [
      ['de', german],
      ['en', english],
    ] as const) {
      for (const [key, text] of messages) {
        expect(typeof text, `${locale}: ${key}`).toBe('string')
        expect(String(text).trim(), `${locale}: ${key}`).not.toBe('')
      }
    }
  })

  it('avoid characters vue-i18n would read as syntax (@ links, | plurals)', () => {
    for (const [key, text] of [...german, ...english]) {
      expect(String(text), key).not.toMatch(/[@|]/)
    }
  })

  it('render every message in both languages with all placeholders filled', () => {
    const params = {
      phone: 'PHONE',
      email: 'EMAIL',
      link: 'LINK',
      hours: 'HOURS',
      version: '1.0.0',
      at: '@',
      min: 15,
      max: 128,
      count: 3,
      minutes: 5,
      name: 'NAME',
      address: 'ADDRESS',
      time: 'TIME',
    }
    expect(i18n.global.availableLocales).toContain('en')
    // A missing English message would fall back to German: compare with the source.
    expect(i18n.global.t('skipLink', {}, { locale: 'en' })).toBe(english.get('skipLink'))
    for (const locale of ['de', 'en'] as const) {
      for (const key of german.keys()) {
        const text = i18n.global.t(key, params, { locale })
        expect(text, `${locale}: ${key}`).not.toBe(key)
        expect(text, `${locale}: ${key}`).not.toMatch(/[{}]/)
      }
    }
  })

  it('have a message for every API error code and field reason', () => {
    for (const code of [...API_ERROR_CODES, 'network', 'timeout', 'unexpected']) {
      expect(german.has(`errors.${code}`), `errors.${code}`).toBe(true)
    }
    for (const reason of FIELD_REASONS) {
      expect(german.has(`fieldErrors.${reason}`), `fieldErrors.${reason}`).toBe(true)
    }
    for (const [field, reasons] of Object.entries(FIELD_MESSAGES)) {
      for (const reason of reasons) {
        const key = fieldMessageKey(reason, field)
        expect(key, `${field}: ${reason}`).toBe(`fieldErrors.${field}.${reason}`)
        expect(german.has(key), key).toBe(true)
      }
    }
  })

  it('have a title for every page, the one in the window title and the announcement', () => {
    expect(routes.length).toBeGreaterThan(15)
    for (const route of routes) {
      const key = route.meta?.titleKey
      expect(key, String(route.name)).toBeTypeOf('string')
      expect(german.get(key ?? ''), `${String(route.name)}: ${key}`).toBeTypeOf('string')
      expect(english.get(key ?? ''), `${String(route.name)}: ${key}`).toBeTypeOf('string')
    }
  })

  it('contain every key the renderer names literally', () => {
    const used = new Set<string>()
    expect(Object.keys(RENDERER_SOURCES).length).toBeGreaterThan(10)
    for (const source of Object.values(RENDERER_SOURCES)) {
      for (const match of source.matchAll(/\bt\('([\w.]+)'/g)) used.add(match[1] ?? '')
      for (const match of source.matchAll(/(?<![:\w-])(?:keypath|fallback-key)="([\w.]+)"/g))
        used.add(match[1] ?? '')
      for (const match of source.matchAll(/titleKey: '([\w.]+)'/g)) used.add(match[1] ?? '')
      // The label and hint keys of a useFieldBindings table.
      for (const match of source.matchAll(/\b(?:label|hint): '(\w+\.[\w.]+)'/g))
        used.add(match[1] ?? '')
    }
    expect(used.size).toBeGreaterThan(20)
    const missing = [...used].filter((key) => !german.has(key))
    expect(missing).toEqual([])
  })
})
