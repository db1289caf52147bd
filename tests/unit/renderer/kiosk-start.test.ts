// @vitest-environment jsdom
/**
 * The kiosk's start screen and its texts instead of links: the dealership's
 * welcome, the two ways in, the contacts as plain text, why the last session
 * ended; no tel:/mailto: link anywhere and no hand-over to the system in kiosk mode.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, installFakeApi, SUPPORT_CONTACTS, type FakeApi } from './support/fake-api.ts'
import { fakeMmf } from './support/fake-mmf.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { click, link } from './support/queries.ts'

const SETTINGS = {
  dealershipName: 'MINI Autohaus Salzburg',
  printingAvailable: true,
  idleTimeoutSeconds: 120,
  warningSeconds: 30,
}

function kioskApi(dealershipName: string | null = SETTINGS.dealershipName): FakeApi {
  return installFakeApi().on('GET', '/client-info', {
    status: 200,
    body: {
      demo: false,
      kiosk: true,
      keychain: 'memory',
      kioskSettings: { ...SETTINGS, dealershipName },
    },
  })
}

describe('the kiosk start screen', () => {
  let mounted: MountedApp | undefined

  beforeEach(() => {
    resetLocale()
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  const main = () => {
    if (!mounted) throw new Error('mount the app first')
    return mounted.wrapper.get('main')
  }
  const normalised = (text: string) => text.replace(/\s+/g, ' ').trim()

  it("welcomes the customer in the dealership's name, and generically without one", async () => {
    mounted = await mountApp('/', kioskApi())
    expect(main().get('h1').text()).toBe('Willkommen bei MINI Autohaus Salzburg')
    expect(document.documentElement.classList.contains('kiosk')).toBe(true)
    mounted.wrapper.unmount()

    mounted = await mountApp('/', kioskApi(null))
    expect(main().get('h1').text()).toBe('Willkommen bei My MINI Finance')
    // Not the regular start page's benefits.
    expect(main().text()).not.toContain('Das bietet Ihnen My MINI Finance')
  })

  it('leads to sign-in and to registration with its two large buttons', async () => {
    mounted = await mountApp('/', kioskApi())
    const signIn = link(main(), 'Anmelden')
    expect(signIn.classes()).toContain('button')
    expect(signIn.attributes('href')).toBe('/sign-in')
    await click(signIn)
    const { router } = mounted
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('sign-in'))

    await mounted.router.push('/')
    const register = link(main(), 'Registrieren')
    expect(register.attributes('href')).toBe('/register')
    await click(register)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('register'))
  })

  it('tells the customer that the terminal is shared and data goes at sign-out', async () => {
    mounted = await mountApp('/', kioskApi())
    expect(normalised(main().text())).toContain(
      'Wenn Sie sich abmelden oder eine Weile nichts eingeben, werden Ihre Daten von diesem Gerät entfernt.',
    )
  })

  it('shows the support contacts as plain text, with no tel: or mailto: link anywhere', async () => {
    const app = await mountApp('/', kioskApi())
    mounted = app
    const contacts = main().get('[data-testid="kiosk-support"]')
    expect(contacts.text()).toContain(SUPPORT_CONTACTS.phone)
    expect(contacts.text()).toContain(SUPPORT_CONTACTS.email)
    expect(contacts.text()).toContain(SUPPORT_CONTACTS.hours)
    // The footer does not repeat them on this screen (two regions of one name confuse a
    // screen reader); on every other screen it names them, as text.
    expect(app.wrapper.find('footer [data-testid="support-contacts"]').exists()).toBe(false)
    expect(document.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]')).toHaveLength(0)
    await app.router.push('/help')
    await vi.waitFor(() =>
      expect(app.wrapper.find('footer [data-testid="support-contacts"]').exists()).toBe(true),
    )
    const footer = app.wrapper.get('footer [data-testid="support-contacts"]')
    expect(footer.text()).toContain(SUPPORT_CONTACTS.phone)
    expect(footer.text()).toContain(SUPPORT_CONTACTS.email)
    expect(document.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]')).toHaveLength(0)
  })

  it('has no phone or mail links on the help page and the activation page either', async () => {
    const api = kioskApi().on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: ANNA },
    })
    mounted = await mountApp('/help', api)
    expect(main().text()).toContain(SUPPORT_CONTACTS.phone)
    expect(document.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]')).toHaveLength(0)

    await mounted.router.push('/activation')
    await vi.waitFor(() => expect(main().get('h1').text()).not.toBe(''))
    expect(main().text()).toContain(SUPPORT_CONTACTS.email)
    expect(document.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]')).toHaveLength(0)
    expect(document.querySelectorAll('a[href^="https:"]')).toHaveLength(0)
  })

  it('keeps the links outside kiosk mode', async () => {
    mounted = await mountApp('/', installFakeApi())
    expect(document.documentElement.classList.contains('kiosk')).toBe(false)
    expect(document.querySelectorAll('a[href^="tel:"]')).toHaveLength(1)
    expect(document.querySelectorAll('a[href^="mailto:"]')).toHaveLength(1)
    expect(main().text()).toContain('Das bietet Ihnen My MINI Finance')
  })

  it('hands nothing to the system in the desktop kiosk, not even when asked', async () => {
    const mmf = fakeMmf({ kiosk: true, kioskSettings: SETTINGS, keychain: 'memory' })
    vi.stubGlobal('mmf', mmf)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    mounted = await mountApp('/help', installFakeApi())

    const phone = [...document.querySelectorAll('footer dd')].find(
      (dd) => dd.textContent?.trim() === SUPPORT_CONTACTS.phone,
    )
    if (!phone) throw new Error('no phone number in the footer')
    ;(phone.firstElementChild as HTMLElement).click()
    const { useAppStore } = await import('../../../src/renderer/src/stores/app.ts')
    expect(await useAppStore(mounted.pinia).openExternal('https://www.mini.at/')).toBe(false)
    expect(mmf.links.openExternal).not.toHaveBeenCalled()
  })

  it.each([
    [
      'idle',
      'Sie wurden wegen Inaktivität abgemeldet. Ihre Daten wurden von diesem Terminal entfernt.',
    ],
    ['sign-out', 'Sie wurden abgemeldet. Ihre Daten wurden von diesem Terminal entfernt.'],
    ['renderer-gone', 'Die Sitzung wurde beendet. Ihre Daten wurden von diesem Terminal entfernt.'],
  ])('says why the last session ended (?ended=%s)', async (reason, message) => {
    mounted = await mountApp(`/?ended=${reason}`, kioskApi())
    const status = main()
      .findAll('[role="status"]')
      .map((s) => normalised(s.text()))
    expect(status).toContain(message)
  })

  it('says nothing about an ended session on a plain start or an unknown reason', async () => {
    mounted = await mountApp('/?ended=whatever', kioskApi())
    expect(main().text()).not.toContain('abgemeldet.')
    expect(main().text()).not.toContain('Sitzung wurde beendet')
  })
})

describe('form fields on a kiosk terminal', () => {
  let mounted: MountedApp | undefined

  beforeEach(() => {
    resetLocale()
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
  })

  const fieldsOf = () =>
    [
      ...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('main input, main select'),
    ].filter((f) => f.type !== 'checkbox' && f.type !== 'hidden')

  it('offer no autofill on the registration page', async () => {
    mounted = await mountApp('/register', kioskApi())
    expect(fieldsOf().length).toBeGreaterThan(4)
    for (const field of fieldsOf()) expect(field.getAttribute('autocomplete'), field.id).toBe('off')
  })

  it('offer no autofill for the activation code', async () => {
    const api = kioskApi().on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: ANNA },
    })
    mounted = await mountApp('/activation', api)
    expect(fieldsOf().length).toBeGreaterThan(0)
    for (const field of fieldsOf()) expect(field.getAttribute('autocomplete'), field.id).toBe('off')
  })

  it('still name their autofill outside kiosk mode', async () => {
    const api = installFakeApi().on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: ANNA },
    })
    mounted = await mountApp('/activation', api)
    expect(fieldsOf().map((f) => f.getAttribute('autocomplete'))).toContain('one-time-code')
  })
})
