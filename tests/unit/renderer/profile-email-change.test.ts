// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deepLinkRoute, parseDeepLink } from '../../../src/shared/deep-links.ts'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { ANNA, apiError, installFakeApi, type FakeApi, type FakeReply } from './support/fake-api.ts'
import { later } from './support/later.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaProfile, changeButton, plain } from './support/profile.ts'
import {
  announcements,
  button,
  click,
  errorOf,
  field,
  fill,
  hasButton,
  link,
} from './support/queries.ts'

// The e-mail change needs no activation.
const PROFILE = annaProfile({ phone: null, address: null, bankAccount: null, activated: false })
const PASSWORD = 'Festungsberg-Regenschirm-2026'
const TOKEN = 'q3JvbWlzZV9vZl9hX3Rva2VuXzEyOA'

describe('changing the e-mail address', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    api.on('GET', '/me', { status: 200, body: { customer: PROFILE }, headers: { etag: '"v1"' } })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const dialog = () => main().get('[data-testid="email-dialog"]')

  async function open(name = 'Ändern: E-Mail-Adresse'): Promise<void> {
    mounted = await mountApp('/profile', api)
    const opener = changeButton(name)
    opener.element.focus()
    await click(opener)
  }

  it('checks the new address and the password before sending, in German', async () => {
    await open()
    const email = field(dialog(), 'Neue E-Mail-Adresse')
    expect(document.activeElement).toBe(email.element)
    await click(button(dialog(), 'Link senden'))
    expect(errorOf(email)).toBe('Bitte geben Sie die neue E-Mail-Adresse ein.')
    expect(errorOf(field(dialog(), 'Ihr Passwort'))).toBe('Bitte geben Sie Ihr Passwort ein.')

    await fill(email, 'anna.huber')
    expect(errorOf(email)).toBe(
      'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.at.',
    )
    // The current address, in any case, is no change.
    await fill(email, ' Anna.Huber@Example.at ')
    expect(errorOf(email)).toBe(
      'Das ist Ihre aktuelle E-Mail-Adresse. Bitte geben Sie eine neue ein.',
    )
    expect(api.callsTo('POST', '/me/email-change')).toHaveLength(0)
  })

  it('checks the new address and the password before sending, in English', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    await open('Change: E-mail address')
    await fill(field(dialog(), 'New e-mail address'), 'anna@')
    await click(button(dialog(), 'Send the link'))
    expect(errorOf(field(dialog(), 'New e-mail address'))).toBe(
      'Please enter a valid e-mail address, for example name@example.com.',
    )
    expect(errorOf(field(dialog(), 'Your password'))).toBe('Please enter your password.')
    expect(api.callsTo('POST', '/me/email-change')).toHaveLength(0)
  })

  it('explains after 202 that a link went to the new address and nothing changes before it is opened', async () => {
    api.on('POST', '/me/email-change', {
      status: 202,
      body: { status: 'confirmation_sent', expiresAt: '2026-05-18T08:30:00Z' },
    })
    await open()
    await fill(field(dialog(), 'Neue E-Mail-Adresse'), ' anna@neu.example ')
    await fill(field(dialog(), 'Ihr Passwort'), PASSWORD)
    await click(button(dialog(), 'Link senden'))

    expect(api.callsTo('POST', '/me/email-change')[0]?.body).toEqual({
      newEmail: 'anna@neu.example',
      password: PASSWORD,
    })
    expect(main().find('[data-testid="email-dialog"]').exists()).toBe(false)
    const pending = plain(main().get('[data-testid="email-change-pending"]').text())
    expect(pending).toContain('Bitte bestätigen Sie Ihre neue E-Mail-Adresse')
    // 10:30 in Vienna (summer time).
    expect(pending).toContain(
      'Wir haben einen Link an anna@neu.example geschickt. Er ist 24 Stunden gültig, bis 18.05.2026, 10:30.',
    )
    expect(pending).toContain('Bis Sie den Link öffnen, ändert sich nichts')
    expect(pending).toContain(
      'An Ihre bisherige Adresse schicken wir eine Nachricht über die Änderung.',
    )
    // Until then the sign-in address is the old one.
    expect(main().get('dd[data-field="email"]').text()).toBe('anna.huber@example.at')
    expect(document.body.innerHTML).not.toContain(PASSWORD)
  })

  it('says at the password field when the password is wrong, and how long to wait when throttled', async () => {
    api.on('POST', '/me/email-change', apiError(403, 'invalid_credentials'))
    await open()
    await fill(field(dialog(), 'Neue E-Mail-Adresse'), 'anna@neu.example')
    await fill(field(dialog(), 'Ihr Passwort'), 'wrong password')
    await click(button(dialog(), 'Link senden'))
    expect(errorOf(field(dialog(), 'Ihr Passwort'))).toBe(
      'Das Passwort ist nicht korrekt. Bitte geben Sie das Passwort ein, mit dem Sie sich anmelden. Nach drei falschen Eingaben hintereinander wird Ihr Konto gesperrt.',
    )

    api.on(
      'POST',
      '/me/email-change',
      apiError(429, 'rate_limited', undefined, { 'retry-after': '45' }),
    )
    await click(button(dialog(), 'Link senden'))
    expect(announcements(dialog())).toContain(
      'Zu viele Versuche. Bitte versuchen Sie es in einer Minute erneut.',
    )
  })

  it('puts the backend’s field reason on the new address', async () => {
    api.on(
      'POST',
      '/me/email-change',
      apiError(400, 'validation_failed', { newEmail: 'invalid_value' }),
    )
    await open()
    await fill(field(dialog(), 'Neue E-Mail-Adresse'), 'ANNA.huber@example.at.')
    await fill(field(dialog(), 'Ihr Passwort'), PASSWORD)
    await click(button(dialog(), 'Link senden'))
    expect(errorOf(field(dialog(), 'Neue E-Mail-Adresse'))).toBe(
      'Das ist Ihre aktuelle E-Mail-Adresse. Bitte geben Sie eine neue ein.',
    )
  })
})

describe('the link to the new address', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
  })

  afterEach(() => mounted.wrapper.unmount())

  const main = () => mounted.wrapper.get('main')

  it('is the route the deep link opens, and needs no session', async () => {
    const link = parseDeepLink(`myminifinance://email-change?token=${TOKEN}`)
    expect(link).not.toBeNull()
    const path = deepLinkRoute(link ?? { action: 'email-change', token: TOKEN })
    expect(path).toBe(`/email-change?token=${TOKEN}`)
    api.on('POST', '/me/email-change/confirm', apiError(400, 'link_invalid'))
    mounted = await mountApp(path, api)
    expect(mounted.router.currentRoute.value.name).toBe('email-change')
    expect(main().get('h1').text()).toBe('Neue E-Mail-Adresse bestätigen')
  })

  it('confirms on opening, signs this app out (every session ended) and offers to sign in', async () => {
    let sessionEnded = false
    api.on('GET', '/session', () => ({
      status: 200,
      body: sessionEnded ? { signedIn: false } : { signedIn: true, customer: ANNA },
    }))
    api.on('POST', '/me/email-change/confirm', () => {
      sessionEnded = true
      return { status: 200, body: { status: 'email_changed', email: 'anna@neu.example' } }
    })
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    await flushPromises()

    expect(api.callsTo('POST', '/me/email-change/confirm')[0]?.body).toEqual({ token: TOKEN })
    const success = plain(main().get('[data-testid="email-changed"]').text())
    expect(success).toContain(
      'Ihre E-Mail-Adresse wurde geändert. Bitte melden Sie sich mit der neuen Adresse an.',
    )
    expect(success).toContain('Ihre neue Adresse: anna@neu.example')
    expect(useSessionStore(mounted.pinia).signedIn).toBe(false)
    expect(mounted.wrapper.find('[data-testid="account"]').exists()).toBe(false)
    await click(link(main(), 'Anmelden'))
    // The sign-in page loads on demand.
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('sign-in'))
  })

  it('stays on the page when another request learns first that the session ended', async () => {
    // The header's bell asks for its count while the link is confirmed; its 401
    // arrives before the app has asked whether its own session survived.
    let sessionEnded = false
    const count = later<FakeReply>()
    const sessionAfter = later<FakeReply>()
    api.on('GET', '/session', () =>
      sessionEnded
        ? sessionAfter.promise
        : { status: 200, body: { signedIn: true, customer: ANNA } },
    )
    api.on('GET', '/notifications/unread-count', () => count.promise)
    api.on('POST', '/me/email-change/confirm', () => {
      sessionEnded = true
      count.settle(apiError(401, 'session_revoked'))
      return { status: 200, body: { status: 'email_changed', email: 'anna@neu.example' } }
    })
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    await flushPromises()
    sessionAfter.settle({ status: 200, body: { signedIn: false } })
    await flushPromises()

    expect(mounted.router.currentRoute.value.name).toBe('email-change')
    expect(useSessionStore(mounted.pinia).signedIn).toBe(false)
    const text = plain(main().text())
    expect(text).toContain('Ihre E-Mail-Adresse wurde geändert.')
    // The page says itself that every session ended: no second, vaguer message.
    expect(text).not.toContain('Ihre Sitzung ist abgelaufen.')
  })

  it('keeps another account signed in when its session survived', async () => {
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, customerNumber: '100517903' } },
    })
    api.on('POST', '/me/email-change/confirm', {
      status: 200,
      body: { status: 'email_changed', email: 'anna@neu.example' },
    })
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    expect(useSessionStore(mounted.pinia).signedIn).toBe(true)
    expect(main().text()).toContain('Ihre E-Mail-Adresse wurde geändert.')
  })

  it('explains an expired link: nothing changed, ask for a new one', async () => {
    api.on('POST', '/me/email-change/confirm', apiError(410, 'link_expired'))
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    const alert = plain(main().get('[data-testid="email-change-expired"]').text())
    expect(alert).toContain('Dieser Link ist abgelaufen')
    expect(alert).toContain('Der Link war 24 Stunden gültig. Ihre E-Mail-Adresse ist unverändert')
    expect(alert).toContain('fordern Sie unter „Persönliche Daten“ einen neuen Link an.')
    expect(link(main(), 'Anmelden').attributes('href')).toBe('/sign-in')
    expect(main().text()).not.toContain('link_expired')
  })

  it('explains an invalid link, with the support contacts', async () => {
    api.on('POST', '/me/email-change/confirm', apiError(400, 'link_invalid'))
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    const text = plain(main().text())
    expect(text).toContain('Dieser Link ist ungültig')
    expect(text).toContain('wurde schon verwendet oder durch einen neueren ersetzt')
    expect(link(main(), '+43 662 2191 4920').attributes('href')).toBe('tel:+4366221914920')
    expect(main().text()).not.toContain('link_invalid')
  })

  it('does not even ask when the token is missing or ill-formed', async () => {
    mounted = await mountApp('/email-change?token=%3Cscript%3E', api)
    expect(main().text()).toContain('Dieser Link ist ungültig')
    mounted.wrapper.unmount()
    mounted = await mountApp('/email-change', api)
    expect(main().text()).toContain('Dieser Link ist ungültig')
    expect(api.callsTo('POST', '/me/email-change/confirm')).toHaveLength(0)
  })

  it('says when the address got an account meanwhile, and offers to try again on other failures', async () => {
    api.on('POST', '/me/email-change/confirm', apiError(409, 'not_eligible'))
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    expect(plain(main().text())).toContain(
      'Mit dieser E-Mail-Adresse gibt es inzwischen ein anderes Konto.',
    )
    mounted.wrapper.unmount()

    api.on('POST', '/me/email-change/confirm', 'network')
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    expect(plain(main().get('[role="alert"]').text())).toContain('Es besteht keine Verbindung.')
    api.on('POST', '/me/email-change/confirm', {
      status: 200,
      body: { status: 'email_changed', email: 'anna@neu.example' },
    })
    await click(button(main(), 'Erneut versuchen'))
    expect(main().text()).toContain('Ihre E-Mail-Adresse wurde geändert.')
    expect(hasButton(main(), 'Erneut versuchen')).toBe(false)
  })

  it('speaks English too', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    api.on('POST', '/me/email-change/confirm', apiError(410, 'link_expired'))
    mounted = await mountApp(`/email-change?token=${TOKEN}`, api)
    expect(plain(main().text())).toContain(
      'The link was valid for 24 hours. Your e-mail address is unchanged',
    )
  })
})
