// @vitest-environment jsdom
/**
 * A kiosk terminal on the demo backend never shows the demo mailbox: it lists
 * every e-mail and letter the demo "sent" to anyone (reset and confirmation links,
 * activation codes, letters as PDFs). No link in the header or on the activation
 * page, the route leads to the start screen, no mailbox window is asked for, and
 * nothing is fetched from /dev. In the web preview and in the desktop app.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { fakeMmf, type FakeMmf } from './support/fake-mmf.ts'
import { KIOSK_SETTINGS } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'

const OUTBOX = {
  items: [
    {
      id: 1,
      kind: 'email',
      to: 'anna.huber@example.at',
      subject: 'Neues Passwort festlegen',
      text: 'Ihr Link.',
      links: ['myminifinance://reset?token=Y29uZmlybV90b2tlbl8xMjhfYml0cw'],
      createdAt: '2026-05-17T08:45:00Z',
    },
  ],
}

describe('the demo mailbox on a kiosk terminal', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
      .on('GET', '/dev/outbox', { status: 200, body: OUTBOX })
      .on('GET', '/dev/customers', { status: 200, body: { items: [] } })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.unstubAllGlobals()
  })

  const devCalls = () => api.calls.filter((call) => call.path.startsWith('/dev/'))

  function expectNoMailbox(): void {
    expect(mounted.wrapper.text()).not.toContain('Demo-Briefkasten')
    expect(mounted.wrapper.find('a[href="#/mailbox"]').exists()).toBe(false)
    expect(mounted.wrapper.text()).not.toContain('Neues Passwort festlegen')
    expect(devCalls()).toEqual([])
  }

  it('is neither linked nor reachable in the web preview', async () => {
    api.on('GET', '/client-info', {
      status: 200,
      body: { demo: true, kiosk: true, kioskSettings: KIOSK_SETTINGS, keychain: 'memory' },
    })
    mounted = await mountApp('/', api)
    expectNoMailbox()
    await mounted.router.push('/mailbox')
    expect(mounted.router.currentRoute.value.name).toBe('start')
    expectNoMailbox()
    mounted.wrapper.unmount()

    mounted = await mountApp('/mailbox', api)
    expect(mounted.router.currentRoute.value.name).toBe('start')
    expectNoMailbox()
  })

  describe('in the desktop app', () => {
    let mmf: FakeMmf

    beforeEach(() => {
      mmf = fakeMmf({ demo: true, kiosk: true, kioskSettings: KIOSK_SETTINGS })
      vi.stubGlobal('mmf', mmf)
    })

    it('is neither linked nor reachable, and no mailbox window is asked for', async () => {
      mounted = await mountApp('/', api)
      expectNoMailbox()
      await mounted.router.push('/mailbox')
      expect(mounted.router.currentRoute.value.name).toBe('start')
      expectNoMailbox()
      expect(mmf.mailbox.open).not.toHaveBeenCalled()
    })

    it('is not pointed to from the activation page', async () => {
      api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
      mounted = await mountApp('/activation', api)
      expect(mounted.wrapper.get('main h1').text()).toBe('Aktivierungscode eingeben')
      expect(mounted.wrapper.find('[data-testid="demo-letter-hint"]').exists()).toBe(false)
      expectNoMailbox()
    })
  })
})
