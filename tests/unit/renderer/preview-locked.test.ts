// @vitest-environment jsdom
/**
 * A browser that opens the web preview without its one-time link (or keeps a tab
 * open across a restart of the preview) gets 401 preview_link_required from every
 * API call. The app then says how to get in, instead of a sign-in that cannot work.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field, fill } from './support/queries.ts'

const LOCKED = apiError(401, 'preview_link_required')

describe('the web preview opened without its link', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')

  function lockEverything(): void {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      api.onMatch(method, /.*/, LOCKED)
    api
      .on('GET', '/client-info', LOCKED)
      .on('GET', '/session', LOCKED)
      .on('GET', '/support', LOCKED)
  }

  it('says at once how to get in, in German', async () => {
    lockEverything()
    mounted = await mountApp('/sign-in', api)
    const screen = main().get('[role="alert"]')
    expect(screen.get('h1').text()).toBe('Öffnen Sie die Web-Vorschau über ihren Link')
    expect(screen.text()).toContain('Den Link gibt sie beim Start aus')
    expect(screen.text()).toContain('starten Sie die Vorschau neu und öffnen Sie den neuen Link')
    // No sign-in form that could only fail.
    expect(main().find('form').exists()).toBe(false)
  })

  it('says it in English too', async () => {
    resetLocale('en')
    lockEverything()
    mounted = await mountApp('/', api)
    const screen = main().get('[role="alert"]')
    expect(screen.get('h1').text()).toBe('Open the web preview through its link')
    expect(screen.text()).toContain('It prints the link when it starts')
  })

  it('says it when the preview restarts while the page is open', async () => {
    mounted = await mountApp('/sign-in', api)
    expect(main().find('[role="alert"]').exists()).toBe(false)
    // The preview restarted: this browser's cookie belongs to the previous start.
    api.on('POST', '/sessions', LOCKED)
    await fill(field(main(), 'E-Mail-Adresse'), 'anna.huber@example.at')
    await fill(field(main(), 'Passwort'), 'Festungsberg-Regenschirm-2026')
    await click(button(main(), 'Anmelden'))
    await vi.waitFor(() =>
      expect(main().get('[role="alert"] h1').text()).toBe(
        'Öffnen Sie die Web-Vorschau über ihren Link',
      ),
    )
  })
})
