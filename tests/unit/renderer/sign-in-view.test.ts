// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import {
  announcements,
  button,
  click,
  description,
  errorOf,
  field,
  fill,
  hasButton,
  link,
} from './support/queries.ts'

describe('signing in', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const input = (label: string) => field(main(), label)

  async function signIn(email: string, password: string): Promise<void> {
    await fill(input('E-Mail-Adresse'), email)
    await fill(input('Passwort'), password)
    await click(button(main(), 'Anmelden'))
  }

  it('offers the fields, "Angemeldet bleiben" and the way to a new password', async () => {
    mounted = await mountApp('/sign-in', api)
    expect(input('E-Mail-Adresse').attributes('autocomplete')).toBe('username')
    expect(input('Passwort').attributes('autocomplete')).toBe('current-password')
    expect(input('Angemeldet bleiben').attributes('type')).toBe('checkbox')
    expect(link(main(), 'Passwort vergessen?').attributes('href')).toBe('/forgot-password')
  })

  it('says the same for a wrong password and for an address without an account', async () => {
    api.on('POST', '/sessions', apiError(401, 'invalid_credentials'))
    mounted = await mountApp('/sign-in', api)

    await signIn('anna.huber@example.at', 'not-her-password-at-all')
    const known = announcements(main())
    await signIn('nobody@example.at', 'not-her-password-at-all')
    const unknown = announcements(main())

    expect(known).toEqual(['E-Mail-Adresse oder Passwort ist falsch.'])
    expect(unknown).toEqual(known)
    // The password is cleared for the next attempt; the address stays.
    expect(input('Passwort').element.value).toBe('')
    expect(errorOf(input('Passwort'))).toBe('')
    expect(input('E-Mail-Adresse').element.value).toBe('nobody@example.at')
  })

  it('warns before the lock: how many attempts are left, with the way to a new password', async () => {
    let attemptsLeft = 2
    api.on('POST', '/sessions', () => ({
      status: 401,
      body: { error: { code: 'invalid_credentials', message: 'x', attemptsLeft: attemptsLeft-- } },
    }))
    mounted = await mountApp('/sign-in', api)

    const sentences = () =>
      main()
        .get('[data-testid="sign-in-wrong"]')
        .findAll('p')
        .map((p) => p.text())
    await signIn('anna.huber@example.at', 'not-her-password-at-all')
    expect(sentences()).toEqual([
      'E-Mail-Adresse oder Passwort ist falsch.',
      'Noch 2 Versuche, danach wird Ihr Konto gesperrt.',
    ])
    await signIn('anna.huber@example.at', 'still-not-her-password')
    const warning = main().get('[data-testid="sign-in-wrong"]')
    expect(warning.attributes('role')).toBe('alert')
    expect(sentences()).toEqual([
      'E-Mail-Adresse oder Passwort ist falsch.',
      'Noch 1 Versuch, danach wird Ihr Konto gesperrt.',
    ])
    // The way out is in the warning itself, with the address typed so far.
    await click(link(warning, 'Passwort vergessen?'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('forgot-password'))
    expect(input('E-Mail-Adresse').element.value).toBe('anna.huber@example.at')
  })

  it('warns in English too', async () => {
    resetLocale('en')
    api.on('POST', '/sessions', {
      status: 401,
      body: { error: { code: 'invalid_credentials', message: 'x', attemptsLeft: 1 } },
    })
    mounted = await mountApp('/sign-in', api)
    await fill(input('E-mail address'), 'anna.huber@example.at')
    await fill(input('Password'), 'not-her-password-at-all')
    await click(button(main(), 'Sign in'))
    expect(
      main()
        .get('[data-testid="sign-in-wrong"]')
        .findAll('p')
        .map((p) => p.text()),
    ).toEqual([
      'The e-mail address or the password is wrong.',
      'You have 1 more attempt before your account is locked.',
    ])
    expect(
      link(main().get('[data-testid="sign-in-wrong"]'), 'Forgotten your password?'),
    ).toBeTruthy()
  })

  it('states the lock as a fact and leads to a new password', async () => {
    api.on('POST', '/sessions', apiError(423, 'account_locked'))
    mounted = await mountApp('/sign-in', api)
    await signIn('anna.huber@example.at', 'the-right-one-too-late')

    const text = announcements(main()).join(' ')
    expect(text).toContain('Ihr Konto ist gesperrt')
    expect(text).toContain(
      'Für diese E-Mail-Adresse wurde dreimal hintereinander ein falsches Passwort eingegeben. Zu Ihrer Sicherheit ist das Konto deshalb gesperrt. Mit einem neuen Passwort entsperren Sie es wieder.',
    )
    expect(text).not.toMatch(/Sollten|falls|wenn/i)
    const action = link(main(), 'Neues Passwort anfordern')
    expect(action.attributes('href')).toBe('/forgot-password')
    await click(action)
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('forgot-password'))
    // The address comes along.
    expect(input('E-Mail-Adresse').element.value).toBe('anna.huber@example.at')
  })

  it('asks to confirm the address first and can send the e-mail again', async () => {
    api.on('POST', '/sessions', apiError(403, 'email_not_confirmed'))
    api.on('POST', '/registrations/resend', { status: 202, body: { status: 'accepted' } })
    mounted = await mountApp('/sign-in', api)
    await signIn('anna.huber@example.at', 'tulpe-wolke-fenster-regen')

    const text = announcements(main()).join(' ')
    expect(text).toContain('Ihre E-Mail-Adresse ist noch nicht bestätigt')
    expect(text).toContain('Bitte klicken Sie auf den Link in der Bestätigungs-E-Mail.')
    await click(button(main(), 'Bestätigungs-E-Mail erneut senden'))
    expect(api.callsTo('POST', '/registrations/resend')[0]?.body).toEqual({
      email: 'anna.huber@example.at',
    })
    expect(announcements(main()).join(' ')).toContain(
      'haben wir die Bestätigungs-E-Mail erneut gesendet',
    )
  })

  it('says in how many minutes to try again when throttled', async () => {
    api.on('POST', '/sessions', apiError(429, 'rate_limited', undefined, { 'retry-after': '90' }))
    mounted = await mountApp('/sign-in', api)
    await signIn('anna.huber@example.at', 'tulpe-wolke-fenster-regen')
    expect(announcements(main())).toContain(
      'Zu viele Versuche. Bitte versuchen Sie es in 2 Minuten erneut.',
    )
  })

  it('checks the fields before anything is sent', async () => {
    mounted = await mountApp('/sign-in', api)
    await click(button(main(), 'Anmelden'))
    expect(description(input('E-Mail-Adresse'))).toBe('Bitte geben Sie Ihre E-Mail-Adresse ein.')
    expect(description(input('Passwort'))).toBe('Bitte geben Sie ein Passwort ein.')
    expect(document.activeElement).toBe(input('E-Mail-Adresse').element)
    expect(api.callsTo('POST', '/sessions')).toHaveLength(0)
  })

  it('goes on to the activation code, or to the page that was asked for', async () => {
    api.on('POST', '/sessions', { status: 201, body: { customer: ANNA } })
    mounted = await mountApp('/sign-in', api)
    await input('Angemeldet bleiben').setValue(true)
    await signIn('anna.huber@example.at', 'tulpe-wolke-fenster-regen')

    expect(api.callsTo('POST', '/sessions')[0]?.body).toEqual({
      email: 'anna.huber@example.at',
      password: 'tulpe-wolke-fenster-regen',
      staySignedIn: true,
    })
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('activation'))
    expect(mounted.wrapper.get('header').text()).toContain('Anna Huber')
    expect(hasButton(mounted.wrapper.get('header'), 'Abmelden')).toBe(true)
  })

  it('follows a redirect only inside the app', async () => {
    api.on('POST', '/sessions', {
      status: 201,
      body: { customer: { ...ANNA, activated: true } },
    })
    mounted = await mountApp('/sign-in?redirect=/settings/password', api)
    await signIn('anna.huber@example.at', 'tulpe-wolke-fenster-regen')
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('change-password'))
    mounted.wrapper.unmount()

    mounted = await mountApp('/sign-in?redirect=//evil.example/x', api)
    await signIn('anna.huber@example.at', 'tulpe-wolke-fenster-regen')
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('contracts'))
  })

  it('in kiosk mode: no "Angemeldet bleiben", no autocomplete, never kept', async () => {
    api.on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk: true, keychain: 'memory' },
    })
    api.on('POST', '/sessions', { status: 201, body: { customer: ANNA } })
    mounted = await mountApp('/sign-in', api)

    // Known from the first page on: the first navigation waits for the app information.
    expect(main().text()).not.toContain('Angemeldet bleiben')
    expect(main().find('input[type="checkbox"]').exists()).toBe(false)
    expect(input('E-Mail-Adresse').attributes('autocomplete')).toBe('off')
    expect(input('Passwort').attributes('autocomplete')).toBe('off')

    await signIn('anna.huber@example.at', 'tulpe-wolke-fenster-regen')
    expect(api.callsTo('POST', '/sessions')[0]?.body).toMatchObject({ staySignedIn: false })
  })

  it('keeps the sign-in hint with "Angemeldet bleiben" where a keychain can keep it', async () => {
    mounted = await mountApp('/sign-in', api)
    expect(description(input('Angemeldet bleiben'))).toBe(
      'Sie bleiben auf diesem Gerät angemeldet, bis Sie sich abmelden. Bitte wählen Sie das nur auf Ihrem eigenen Gerät.',
    )
    expect(main().text()).not.toContain('kann sich Ihre Anmeldung nicht merken')
  })

  it('does not offer "Angemeldet bleiben" on a device without a keychain, and says why', async () => {
    api.on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk: false, keychain: 'memory' },
    })
    api.on('POST', '/sessions', { status: 201, body: { customer: ANNA } })
    mounted = await mountApp('/sign-in', api)

    expect(main().text()).not.toContain('Angemeldet bleiben')
    expect(main().find('input[type="checkbox"]').exists()).toBe(false)
    expect(main().text()).toContain(
      'Dieses Gerät kann sich Ihre Anmeldung nicht merken. Sie müssen sich beim nächsten Start erneut anmelden.',
    )
    await signIn('anna.huber@example.at', 'tulpe-wolke-fenster-regen')
    expect(api.callsTo('POST', '/sessions')[0]?.body).toMatchObject({ staySignedIn: false })
  })
})
