// @vitest-environment jsdom
/**
 * The activation screen of an account whose details matched no customer record:
 * it says so plainly (no letter is coming), offers the details to correct — the
 * customer number checked as it is typed — and the account to delete. A match
 * moves on to the code with the day the letter arrives by.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { plain } from './support/profile.ts'
import { announcements, button, click, errorOf, field, fill } from './support/queries.ts'

const NOT_MATCHED = {
  state: 'not_matched',
  registered: { customerNumber: '100482171', lastName: 'Huber', dateOfBirth: '1984-03-12' },
}
const MATCHED = {
  state: 'letter_sent',
  letterSentOn: '2026-05-18',
  letterExpectedBy: '2026-05-21',
  codeValidUntil: '2026-06-17',
  attemptsLeft: 5,
}

describe('an account whose details matched no customer record', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    api.on('GET', '/me/activation', { status: 200, body: NOT_MATCHED })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const number = () => field(main(), 'Kundennummer')

  it('says that no letter is coming and why, instead of promising one', async () => {
    mounted = await mountApp('/activation', api)
    expect(main().get('h1').text()).toBe('Bitte prüfen Sie Ihre Angaben')
    const text = plain(main().text())
    expect(text).toContain(
      'Zu Kundennummer, Nachname und Geburtsdatum aus Ihrer Registrierung haben wir keinen Eintrag gefunden. Deshalb haben wir Ihnen keinen Brief mit einem Aktivierungscode geschickt.',
    )
    expect(text).not.toContain('Werktage')
    expect(text).not.toContain('in der Regel bis')
    // No code to enter and no letter to ask for: nothing was matched.
    expect(main().find('#activation-code').exists()).toBe(false)
    expect(
      main()
        .findAll('button')
        .map((b) => b.text()),
    ).not.toContain('Neuen Brief anfordern')
  })

  it('shows the registered details to correct', async () => {
    mounted = await mountApp('/activation', api)
    expect(number().element.value).toBe('100482171')
    expect(field(main(), 'Nachname').element.value).toBe('Huber')
    expect(field(main(), 'Geburtsdatum').element.value).toBe('12.03.1984')
  })

  it('points out a letter in the customer number as it is typed, and sends nothing', async () => {
    mounted = await mountApp('/activation', api)
    await number().setValue('10048211A')
    expect(errorOf(number())).toContain('Die Kundennummer hat genau 9 Ziffern')
    await click(button(main(), 'Angaben senden'))
    expect(api.callsTo('PUT', '/me/identity')).toHaveLength(0)
  })

  it('a match: the letter goes out and the screen asks for its code, with the day it arrives by', async () => {
    api.on('PUT', '/me/identity', { status: 202, body: MATCHED })
    mounted = await mountApp('/activation', api)
    await fill(number(), '100 482 117')
    await click(button(main(), 'Angaben senden'))
    expect(api.callsTo('PUT', '/me/identity')).toEqual([
      {
        method: 'PUT',
        path: '/me/identity',
        body: { customerNumber: '100482117', lastName: 'Huber', dateOfBirth: '1984-03-12' },
      },
    ])
    expect(main().get('h1').text()).toBe('Aktivierungscode eingeben')
    expect(main().get('[data-testid="letter-sent"]').text()).toBe(
      'Ihre Angaben passen. Wir schicken Ihnen den Brief mit dem Aktivierungscode per Post. Er ist in der Regel bis 21.05.2026 bei Ihnen.',
    )
    expect(field(main(), 'Aktivierungscode').attributes('disabled')).toBeUndefined()
  })

  it('no match again: says so, and what else helps', async () => {
    api.on('PUT', '/me/identity', { status: 202, body: NOT_MATCHED })
    mounted = await mountApp('/activation', api)
    await fill(field(main(), 'Nachname'), 'Hubert')
    await click(button(main(), 'Angaben senden'))
    expect(announcements(main()).join(' ')).toContain(
      'Auch zu diesen Angaben haben wir keinen Eintrag gefunden. Bitte vergleichen Sie sie mit Ihrem Vertrag. Stimmen sie, hilft Ihnen unsere Kundenbetreuung weiter.',
    )
    expect(main().get('h1').text()).toBe('Bitte prüfen Sie Ihre Angaben')
  })

  it('says when the corrections of the day are used up', async () => {
    api.on(
      'PUT',
      '/me/identity',
      apiError(429, 'rate_limited', undefined, { 'retry-after': '3600' }),
    )
    mounted = await mountApp('/activation', api)
    await click(button(main(), 'Angaben senden'))
    expect(announcements(main()).join(' ')).toContain(
      'Sie haben Ihre Angaben heute schon 3-mal korrigiert. Bitte versuchen Sie es morgen erneut oder rufen Sie unsere Kundenbetreuung an.',
    )
  })

  it('shows the server’s reasons at the fields', async () => {
    api.on(
      'PUT',
      '/me/identity',
      apiError(400, 'validation_failed', { lastName: 'invalid_characters' }),
    )
    mounted = await mountApp('/activation', api)
    await click(button(main(), 'Angaben senden'))
    expect(errorOf(field(main(), 'Nachname'))).toContain('Der Nachname darf nur Buchstaben')
  })

  it('offers to delete the account, with the password', async () => {
    api.on('DELETE', '/me', { status: 204 })
    mounted = await mountApp('/activation', api)
    const section = main().get('[aria-labelledby="activation-delete"]')
    expect(section.get('h2').text()).toBe('Konto löschen')
    await click(button(section, 'Konto löschen'))
    const dialog = main().get('[data-testid="delete-account-dialog"]')
    await fill(field(dialog, 'Ihr Passwort'), 'Festungsberg-Regenschirm-2026')
    await click(button(dialog, 'Konto endgültig löschen'))
    expect(api.callsTo('DELETE', '/me')).toHaveLength(1)
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('start'))
    expect(mounted.wrapper.get('[data-testid="notice"]').text()).toContain(
      'Ihr Konto wurde gelöscht.',
    )
  })

  it('speaks English when English is chosen', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    mounted = await mountApp('/activation', api)
    expect(main().get('h1').text()).toBe('Please check your details')
    expect(plain(main().text())).toContain(
      'So we have not sent you a letter with an activation code.',
    )
    expect(button(main(), 'Send details').exists()).toBe(true)
    expect(button(main(), 'Delete account').exists()).toBe(true)
  })
})
