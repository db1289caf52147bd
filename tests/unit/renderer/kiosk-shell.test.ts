// @vitest-environment jsdom
/**
 * The kiosk's frame while a customer is signed in: the shared-terminal banner
 * with the one large "Abmelden", the sign-out that wipes the page and loads the
 * start screen afresh, and a page that leaves nothing behind when it is left.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { fakeMmf } from './support/fake-mmf.ts'
import { PAGE_SESSION_MARK } from '../../../src/renderer/src/stores/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click } from './support/queries.ts'

const SETTINGS = {
  dealershipName: 'MINI Autohaus Salzburg',
  printingAvailable: true,
  idleTimeoutSeconds: 120,
  warningSeconds: 30,
}
const BANNER =
  'Gemeinsam genutztes Terminal: Ihre Daten werden beim Abmelden von diesem Gerät entfernt.'

function api(kiosk: boolean, signedIn = true): FakeApi {
  return installFakeApi()
    .on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk, keychain: 'memory', kioskSettings: kiosk ? SETTINGS : null },
    })
    .on('GET', '/session', {
      status: 200,
      body: signedIn ? { signedIn: true, customer: ANNA } : { signedIn: false },
    })
    .on('DELETE', '/sessions/current', { status: 204 })
}

/** window.location as far as the session end uses it. */
function fakeLocation(href: string) {
  return { href, replace: vi.fn(), reload: vi.fn() }
}

describe('the kiosk frame', () => {
  let mounted: MountedApp | undefined

  beforeEach(() => {
    resetLocale()
    // This tab signed in before (the mark survives a reload; the session end empties it).
    sessionStorage.setItem(PAGE_SESSION_MARK, '1')
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    sessionStorage.clear()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    resetLocale()
  })

  const signOutButtons = () =>
    [...document.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Abmelden')

  describe('the banner', () => {
    it('names the shared terminal and has the page\'s only "Abmelden", a large one', async () => {
      mounted = await mountApp('/help', api(true))
      const banner = mounted.wrapper.get('[data-testid="kiosk-banner"]')
      expect(banner.text()).toContain(BANNER)
      expect(signOutButtons()).toHaveLength(1)
      expect(banner.element.contains(signOutButtons()[0] ?? null)).toBe(true)
      expect(signOutButtons()[0]?.classList.contains('button--small')).toBe(false)
      // Who is signed in is still shown in the header.
      expect(mounted.wrapper.get('header').text()).toContain('Anna Huber')
    })

    it('is not there before signing in', async () => {
      mounted = await mountApp('/', api(true, false))
      expect(mounted.wrapper.find('[data-testid="kiosk-banner"]').exists()).toBe(false)
      expect(signOutButtons()).toHaveLength(0)
    })

    it('is not there outside kiosk mode, where the header keeps its own "Abmelden"', async () => {
      mounted = await mountApp('/help', api(false))
      expect(document.body.textContent).not.toContain(BANNER)
      expect(signOutButtons()).toHaveLength(1)
      expect(mounted.wrapper.get('header').element.contains(signOutButtons()[0] ?? null)).toBe(true)
    })
  })

  describe('signing out', () => {
    it('in the web preview: signs out, empties both storages and loads the start screen', async () => {
      const gateway = api(true)
      mounted = await mountApp('/help', gateway)
      const location = fakeLocation('http://localhost:3000/index.html?x=1#/help')
      vi.stubGlobal('location', location)
      localStorage.setItem('mmf.locale', 'en')
      sessionStorage.setItem('draft', 'IBAN AT61 1904 3002 3457 3201')

      await click(button(mounted.wrapper, 'Abmelden'))

      expect(gateway.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
      expect(localStorage.length).toBe(0)
      expect(sessionStorage.length).toBe(0)
      expect(location.replace).toHaveBeenCalledExactlyOnceWith(
        'http://localhost:3000/index.html#/?ended=sign-out',
      )
    })

    it("in the desktop kiosk: the same sign-out and wipe (main's own reload comes on top)", async () => {
      vi.stubGlobal('mmf', fakeMmf({ kiosk: true, kioskSettings: SETTINGS, keychain: 'memory' }))
      const gateway = api(true)
      mounted = await mountApp('/help', gateway)
      const location = fakeLocation('app://mmf/index.html#/help')
      vi.stubGlobal('location', location)
      sessionStorage.setItem('draft', 'x')

      await click(button(mounted.wrapper, 'Abmelden'))

      expect(gateway.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
      expect(sessionStorage.length).toBe(0)
      expect(location.replace).toHaveBeenCalledExactlyOnceWith(
        'app://mmf/index.html#/?ended=sign-out',
      )
    })

    it('wipes the page even when the sign-out call fails', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const gateway = api(true).on('DELETE', '/sessions/current', 'network')
      mounted = await mountApp('/help', gateway)
      const location = fakeLocation('http://localhost:3000/#/help')
      vi.stubGlobal('location', location)
      localStorage.setItem('mmf.locale', 'en')

      await click(button(mounted.wrapper, 'Abmelden'))

      expect(localStorage.length).toBe(0)
      expect(location.replace).toHaveBeenCalledExactlyOnceWith(
        'http://localhost:3000/#/?ended=sign-out',
      )
    })

    it('wipes the page when the session ends elsewhere (a call answers 401)', async () => {
      const gateway = api(true)
        .on('GET', '/session', {
          status: 200,
          body: { signedIn: true, customer: { ...ANNA, activated: true } },
        })
        .on('GET', '/contracts', apiError(401, 'session_revoked'))
      const location = fakeLocation('http://localhost:3000/#/contracts')
      vi.stubGlobal('location', location)
      mounted = await mountApp('/contracts', gateway)

      await vi.waitFor(() =>
        expect(location.replace).toHaveBeenCalledWith('http://localhost:3000/#/?ended=sign-out'),
      )
      expect(location.replace).toHaveBeenCalledOnce()
    })

    it('outside kiosk mode: signs out in the page, nothing is reloaded', async () => {
      const gateway = api(false)
      mounted = await mountApp('/help', gateway)
      const location = fakeLocation('http://localhost:3000/#/help')
      vi.stubGlobal('location', location)
      localStorage.setItem('mmf.locale', 'de')

      await click(button(mounted.wrapper, 'Abmelden'))

      expect(gateway.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
      expect(location.replace).not.toHaveBeenCalled()
      expect(localStorage.getItem('mmf.locale')).toBe('de')
      const { router } = mounted
      await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('start'))
    })
  })

  describe('leaving the page', () => {
    it("removes the customer's page when it is left, and loads it afresh from the back/forward cache", async () => {
      mounted = await mountApp('/help', api(true))
      const location = fakeLocation('http://localhost:3000/#/help')
      vi.stubGlobal('location', location)
      expect(document.body.textContent).toContain('Anna Huber')

      window.dispatchEvent(new Event('pagehide'))
      expect(document.body.textContent).not.toContain('Anna Huber')
      expect(document.body.children).toHaveLength(0)

      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
      expect(location.reload).toHaveBeenCalledOnce()
      mounted = undefined // the page took the app with it
    })

    it('does not reload on an ordinary page show', async () => {
      mounted = await mountApp('/help', api(true))
      const location = fakeLocation('http://localhost:3000/#/help')
      vi.stubGlobal('location', location)

      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }))
      expect(location.reload).not.toHaveBeenCalled()
      expect(document.body.textContent).toContain('Anna Huber')
    })

    it('leaves the page alone outside kiosk mode', async () => {
      mounted = await mountApp('/help', api(false))
      const location = fakeLocation('http://localhost:3000/#/help')
      vi.stubGlobal('location', location)

      window.dispatchEvent(new Event('pagehide'))
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
      expect(document.body.textContent).toContain('Anna Huber')
      expect(location.reload).not.toHaveBeenCalled()
    })
  })
})
