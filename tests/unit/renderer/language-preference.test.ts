// @vitest-environment jsdom
/**
 * One language setting in the app: signed in, the header's switch is the
 * customer's preference (PATCH /me, with the profile's ETag) and the profile
 * shows the same; at sign-in and when a session is restored the app takes the
 * customer's language; pages whose texts the backend writes in that language
 * load them again. Signed out, and on a kiosk terminal, the switch changes
 * only the screens.
 */
import { flushPromises } from '@vue/test-utils'
import { AxiosHeaders, type AxiosAdapter } from 'axios'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Locale } from '../../../src/shared/api/auth.ts'
import type { ContractSummary } from '../../../src/shared/api/contracts.ts'
import type { ProfileCustomer } from '../../../src/shared/api/profile.ts'
import { apiClient } from '../../../src/renderer/src/api/client.ts'
import { LOCALE_STORAGE_KEY } from '../../../src/renderer/src/i18n/index.ts'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { ANNA, apiError, installFakeApi, type FakeApi, type FakeReply } from './support/fake-api.ts'
import { LEASING_CONTRACT } from './support/fake-documents.ts'
import { webClientInfo, KIOSK_SETTINGS } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaProfile, changeButton, plain } from './support/profile.ts'
import { button, click, field } from './support/queries.ts'

/** The vehicle's name as the backend writes it in each language. */
const MODEL: Record<Locale, string> = { de: 'Cooper SE 3-Türer', en: 'Cooper SE 3-door' }

/** Every request's If-Match header, in order (the fake gateway does not record headers). */
function recordIfMatch(): { method: string; ifMatch: unknown }[] {
  const inner = apiClient.defaults.adapter as AxiosAdapter
  const seen: { method: string; ifMatch: unknown }[] = []
  apiClient.defaults.adapter = (config) => {
    seen.push({
      method: (config.method ?? '').toUpperCase(),
      ifMatch: AxiosHeaders.from(config.headers).get('if-match') ?? null,
    })
    return inner(config)
  }
  return seen
}

/**
 * A backend that keeps Anna's preference: GET /session and GET /me tell it, PATCH
 * /me changes it (a new ETag each time), GET /contracts names the vehicle in it.
 */
function customerBackend(api: FakeApi, locale: Locale = 'de') {
  const state = { locale, version: 1 }
  const profile = (): ProfileCustomer =>
    annaProfile({
      preferences: { locale: state.locale, paperless: false, marketingConsent: false },
    })
  const answer = (): FakeReply => ({
    status: 200,
    body: { customer: profile() },
    headers: { etag: `"v${state.version}"` },
  })
  api
    .on('GET', '/session', () => ({
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true, locale: state.locale } },
    }))
    .on('GET', '/me', answer)
    .on('PATCH', '/me', (request) => {
      const patch = request.body as { preferences?: { locale?: Locale } }
      state.locale = patch.preferences?.locale ?? state.locale
      state.version++
      return answer()
    })
    .on('DELETE', '/sessions/current', { status: 204 })
    .on('GET', '/contracts', () => ({
      status: 200,
      body: {
        items: [
          {
            ...LEASING_CONTRACT,
            vehicle: { ...LEASING_CONTRACT.vehicle, model: MODEL[state.locale] },
          } satisfies ContractSummary,
        ],
      },
    }))
  return state
}

describe('one language setting', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
    resetLocale()
  })

  const header = () => mounted.wrapper.get('header')
  const switchTo = (name: 'Deutsch' | 'English') => click(button(header(), name))
  const patches = () => api.callsTo('PATCH', '/me').map((call) => call.body)

  it('signed in, the switch saves the preference with the profile’s ETag, and the profile shows it', async () => {
    const backend = customerBackend(api)
    const headers = recordIfMatch()
    mounted = await mountApp('/profile', api)
    const main = () => mounted.wrapper.get('main')
    expect(plain(main().get('dd[data-field="locale"]').text())).toBe('Deutsch')

    await switchTo('English')

    expect(patches()).toEqual([{ preferences: { locale: 'en' } }])
    expect(headers.find((h) => h.method === 'PATCH')?.ifMatch).toBe('"v1"')
    expect(backend.locale).toBe('en')
    expect(main().get('h1').text()).toBe('Personal details')
    expect(plain(main().get('dd[data-field="locale"]').text())).toBe('English')
    // The preferences dialog starts from the same state.
    await click(changeButton('Change: Settings'))
    const dialog = main().get('[data-testid="preferences-dialog"]')
    expect(field<HTMLSelectElement>(dialog, 'Language').element.value).toBe('en')
  })

  it('takes the customer’s language when a session is restored, whatever the device had', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'de')
    customerBackend(api, 'en')
    mounted = await mountApp('/contracts', api)
    expect(document.documentElement.lang).toBe('en')
    expect(mounted.wrapper.get('main h1').text()).toBe('My contracts')
    expect(patches()).toEqual([])
  })

  it('signed out, the switch changes the screens only (the device remembers it); at sign-in the customer’s language wins', async () => {
    api.on('POST', '/sessions', {
      status: 201,
      body: { customer: { ...ANNA, activated: true, locale: 'de' } },
    })
    mounted = await mountApp('/', api)
    await switchTo('English')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(patches()).toEqual([])

    await useSessionStore(mounted.pinia).signIn({ email: ANNA.email, password: 'x'.repeat(15) })
    await flushPromises()
    expect(document.documentElement.lang).toBe('de')
    expect(patches()).toEqual([])
  })

  it('loads the texts the backend writes in the customer’s language again: the vehicle’s name', async () => {
    customerBackend(api)
    mounted = await mountApp('/contracts', api)
    const main = () => mounted.wrapper.get('main')
    expect(main().text()).toContain('MINI Cooper SE 3-Türer')

    await switchTo('English')

    expect(api.callsTo('GET', '/contracts')).toHaveLength(2)
    expect(main().text()).toContain('MINI Cooper SE 3-door')
    expect(main().text()).not.toContain('Türer')
  })

  it('a profile changed meanwhile (412) does not stop the switch: tried once more with the current ETag', async () => {
    const backend = customerBackend(api)
    const headers = recordIfMatch()
    mounted = await mountApp('/profile', api)
    backend.version = 7 // changed in another window
    let first = true
    api.on('PATCH', '/me', (request) => {
      if (first) {
        first = false
        return apiError(412, 'precondition_failed')
      }
      backend.locale = (request.body as { preferences: { locale: Locale } }).preferences.locale
      backend.version++
      return {
        status: 200,
        body: {
          customer: annaProfile({
            preferences: { locale: backend.locale, paperless: false, marketingConsent: false },
          }),
        },
        headers: { etag: `"v${backend.version}"` },
      }
    })

    await switchTo('English')

    expect(patches()).toHaveLength(2)
    expect(headers.filter((h) => h.method === 'PATCH').map((h) => h.ifMatch)).toEqual([
      '"v1"',
      '"v7"',
    ])
    expect(backend.locale).toBe('en')
    expect(plain(mounted.wrapper.get('dd[data-field="locale"]').text())).toBe('English')
  })

  it('says so when the preference could not be saved; the screens keep the language chosen', async () => {
    customerBackend(api)
    api.on('PATCH', '/me', 'network')
    mounted = await mountApp('/contracts', api)

    await switchTo('English')

    expect(document.documentElement.lang).toBe('en')
    expect(plain(mounted.wrapper.get('[data-testid="notice"]').text())).toBe(
      'The app is now in English. But we could not save your language setting: e-mails and letters still come in the previous language. Please try again later.',
    )
  })

  it('the last click is the last word, however the answers arrive', async () => {
    const backend = customerBackend(api)
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const saved: Locale[] = []
    api.on('PATCH', '/me', async (request) => {
      const locale = (request.body as { preferences: { locale: Locale } }).preferences.locale
      if (locale === 'en') await held
      backend.locale = locale
      saved.push(locale)
      return {
        status: 200,
        body: {
          customer: annaProfile({
            preferences: { locale, paperless: false, marketingConsent: false },
          }),
        },
        headers: { etag: `"v${++backend.version}"` },
      }
    })
    mounted = await mountApp('/contracts', api)

    await switchTo('English')
    await switchTo('Deutsch')
    expect(document.documentElement.lang).toBe('de')
    release()
    await flushPromises()

    expect(saved).toEqual(['en', 'de'])
    expect(backend.locale).toBe('de')
    expect(document.documentElement.lang).toBe('de')
    expect(mounted.wrapper.get('main h1').text()).toBe('Meine Verträge')
  })

  it('on a kiosk terminal the app takes the customer’s language, and the switch is for this visit only', async () => {
    webClientInfo(api, KIOSK_SETTINGS)
    const backend = customerBackend(api, 'en')
    mounted = await mountApp('/contracts', api)
    expect(document.documentElement.lang).toBe('en')

    await switchTo('Deutsch')

    expect(mounted.wrapper.get('main h1').text()).toBe('Meine Verträge')
    expect(patches()).toEqual([])
    expect(backend.locale).toBe('en')
  })
})
