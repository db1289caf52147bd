// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { announcements, button, click, errorOf, field, fill, link } from './support/queries.ts'

const TOKEN = 'cmVzZXRfbGlua190b2tlbl8xMjhiaXQ'
const NEW_PASSWORD = 'kaffee-berg-lampe-sommer'

describe('a forgotten password', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi().on('POST', '/password-resets/check', {
      status: 200,
      body: { status: 'valid', email: 'anna.huber@example.at', expiresAt: '2026-05-17T09:00:00Z' },
    })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const input = (label: string) => field(main(), label)

  it('asks for a link, says where it went and when, and can send it again', async () => {
    vi.useFakeTimers({ now: new Date('2026-05-17T08:32:00Z'), toFake: ['Date'] })
    api.on('POST', '/password-resets', { status: 202, body: { status: 'accepted' } })
    mounted = await mountApp('/forgot-password', api)
    expect(input('E-Mail-Adresse').attributes('autocomplete')).toBe('email')
    await fill(input('E-Mail-Adresse'), ' anna.huber@example.at ')
    await click(button(main(), 'Link anfordern'))

    expect(api.callsTo('POST', '/password-resets')[0]?.body).toEqual({
      email: 'anna.huber@example.at',
    })
    await vi.waitFor(() =>
      expect(mounted.router.currentRoute.value.name).toBe('forgot-password-check-email'),
    )
    // The e-mail inbox, not the app's postbox; the same words whether or not an account exists.
    expect(main().get('h1').text()).toBe('Bitte sehen Sie in Ihrem E-Mail-Posteingang nach')
    expect(main().text()).not.toContain('Postfach')
    expect(main().get('[data-testid="reset-sent-to"]').text()).toBe(
      'Falls zu anna.huber@example.at ein Konto besteht, haben wir einen Link an diese Adresse gesendet. Er ist 30 Minuten gültig.',
    )
    // The address stands out: a typo in it is the likeliest reason for no e-mail.
    expect(main().get('[data-testid="reset-sent-to"] strong').text()).toBe('anna.huber@example.at')
    expect(main().get('[data-testid="reset-sent-at"]').text()).toBe(
      'Gesendet am 17.05.2026, 10:32 Uhr.',
    )
    expect(main().text()).toContain('+43 662 2191 4920')
    expect(main().text()).toContain('ksc@mini.at')

    vi.setSystemTime(new Date('2026-05-17T08:35:00Z'))
    await click(button(main(), 'Link erneut senden'))
    expect(api.callsTo('POST', '/password-resets')).toHaveLength(2)
    expect(api.callsTo('POST', '/password-resets')[1]?.body).toEqual({
      email: 'anna.huber@example.at',
    })
    expect(announcements(main())).toContain(
      'Wir haben den Link am 17.05.2026, 10:35 Uhr erneut gesendet. Bitte verwenden Sie den Link aus dieser neuesten E-Mail. Frühere Links gelten nicht mehr.',
    )
    expect(main().get('[data-testid="reset-sent-at"]').text()).toBe(
      'Gesendet am 17.05.2026, 10:35 Uhr.',
    )
    vi.useRealTimers()
  })

  it('says how long to wait when the link was asked for too often, in English too', async () => {
    resetLocale('en')
    api.on('POST', '/password-resets', { status: 202, body: { status: 'accepted' } })
    mounted = await mountApp('/forgot-password', api)
    await fill(input('E-mail address'), 'anna.huber@example.at')
    await click(button(main(), 'Request link'))
    await vi.waitFor(() =>
      expect(mounted.router.currentRoute.value.name).toBe('forgot-password-check-email'),
    )
    expect(main().get('h1').text()).toBe('Please check your e-mail inbox')
    api.on(
      'POST',
      '/password-resets',
      apiError(429, 'rate_limited', undefined, { 'retry-after': '1500' }),
    )
    await click(button(main(), 'Send the link again'))
    expect(announcements(main())).toContain('Too many attempts. Please try again in 25 minutes.')
  })

  it('offers to correct the address, filled in', async () => {
    api.on('POST', '/password-resets', { status: 202, body: { status: 'accepted' } })
    mounted = await mountApp('/forgot-password', api)
    await fill(input('E-Mail-Adresse'), 'anna.hubre@example.at')
    await click(button(main(), 'Link anfordern'))
    await vi.waitFor(() =>
      expect(mounted.router.currentRoute.value.name).toBe('forgot-password-check-email'),
    )
    await click(link(main(), 'Andere Adresse eingeben'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('forgot-password'))
    expect(input('E-Mail-Adresse').element.value).toBe('anna.hubre@example.at')
  })

  it('after a reload (the address is never stored) leads back to the form', async () => {
    mounted = await mountApp('/forgot-password/check-email', api)
    expect(main().text()).toContain(
      'Falls ein Konto zu dieser Adresse besteht, haben wir Ihnen einen Link gesendet. Er ist 30 Minuten gültig.',
    )
    expect(main().find('[data-testid="reset-sent-to"]').exists()).toBe(false)
    expect(link(main(), 'Link erneut anfordern').attributes('href')).toBe('/forgot-password')
  })

  it('sets the new password from the link, then signs in with it', async () => {
    api.on('POST', '/password-resets/confirm', {
      status: 200,
      body: { status: 'password_changed', email: 'anna.huber@example.at' },
    })
    api.on('POST', '/sessions', { status: 201, body: { customer: ANNA } })
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    expect(input('Neues Passwort').attributes('autocomplete')).toBe('new-password')
    expect(input('Neues Passwort wiederholen').attributes('autocomplete')).toBe('new-password')

    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), NEW_PASSWORD)
    await click(button(main(), 'Passwort speichern'))

    expect(api.callsTo('POST', '/password-resets/confirm')[0]?.body).toEqual({
      token: TOKEN,
      newPassword: NEW_PASSWORD,
    })
    expect(api.callsTo('POST', '/sessions')[0]?.body).toEqual({
      email: 'anna.huber@example.at',
      password: NEW_PASSWORD,
      staySignedIn: false,
    })
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('activation'))
    expect(announcements(main())).toContain(
      'Ihr Passwort wurde geändert. Sie sind jetzt angemeldet.',
    )
    expect(mounted.wrapper.get('header').text()).toContain('Anna Huber')
  })

  it('wants the new password twice, the same', async () => {
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), `${NEW_PASSWORD}x`)
    expect(errorOf(input('Neues Passwort wiederholen'))).toBe(
      'Die Passwörter stimmen nicht überein. Bitte geben Sie das neue Passwort noch einmal gleich ein.',
    )
    await click(button(main(), 'Passwort speichern'))
    expect(document.activeElement).toBe(input('Neues Passwort wiederholen').element)
    expect(api.callsTo('POST', '/password-resets/confirm')).toHaveLength(0)

    await input('Neues Passwort wiederholen').setValue(NEW_PASSWORD)
    expect(errorOf(input('Neues Passwort wiederholen'))).toBe('')
  })

  it('shows the live hints and the server’s verdict on the new password', async () => {
    api.on(
      'POST',
      '/password-resets/confirm',
      apiError(400, 'validation_failed', { newPassword: 'contains_personal_data' }),
    )
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await input('Neues Passwort').setValue('kurz')
    expect(main().get('[data-hint="minLength"]').attributes('data-state')).toBe('unmet')
    // Whose link it is is unknown here: the name rule is only information.
    expect(main().get('[data-hint="personal"]').attributes('data-state')).toBe('info')

    await fill(input('Neues Passwort'), 'anna-huber-im-sommer')
    await fill(input('Neues Passwort wiederholen'), 'anna-huber-im-sommer')
    await click(button(main(), 'Passwort speichern'))
    expect(errorOf(input('Neues Passwort'))).toContain(
      'Das Passwort darf weder Ihren Namen noch den Teil Ihrer E-Mail-Adresse vor dem @ enthalten.',
    )
  })

  it('checks the link when the page opens and asks for the password of its address', async () => {
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    expect(api.callsTo('POST', '/password-resets/check')[0]?.body).toEqual({ token: TOKEN })
    expect(main().get('[data-testid="reset-for"]').text()).toBe(
      'Bitte wählen Sie ein neues Passwort für anna.huber@example.at. Danach melden wir Sie automatisch an.',
    )
    expect(main().get('[data-testid="reset-for"] strong').text()).toBe('anna.huber@example.at')
    // Checking used nothing up: nothing was confirmed.
    expect(api.callsTo('POST', '/password-resets/confirm')).toHaveLength(0)
  })

  it('shows an expired link at once, and "Neuen Link anfordern" fills in its address', async () => {
    api.on('POST', '/password-resets/check', {
      status: 410,
      body: { error: { code: 'link_expired', message: 'x', email: 'anna.huber@example.at' } },
    })
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    expect(main().find('form').exists()).toBe(false)
    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist abgelaufen')
    await click(link(main(), 'Neuen Link anfordern'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('forgot-password'))
    expect(input('E-Mail-Adresse').element.value).toBe('anna.huber@example.at')
  })

  it('shows a used link at once as invalid', async () => {
    api.on('POST', '/password-resets/check', apiError(400, 'link_invalid'))
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    expect(main().find('form').exists()).toBe(false)
    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist ungültig')
    expect(link(main(), 'Neuen Link anfordern').attributes('href')).toBe('/forgot-password')
  })

  it('says when the link expired while the password was typed, and offers a new one', async () => {
    api.on('POST', '/password-resets/confirm', apiError(410, 'link_expired'))
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), NEW_PASSWORD)
    await click(button(main(), 'Passwort speichern'))

    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist abgelaufen')
    await click(link(main(), 'Neuen Link anfordern'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('forgot-password'))
    expect(input('E-Mail-Adresse').element.value).toBe('anna.huber@example.at')
    expect(api.callsTo('POST', '/sessions')).toHaveLength(0)
  })

  it('refuses the current password as the new one', async () => {
    api.on(
      'POST',
      '/password-resets/confirm',
      apiError(400, 'validation_failed', { newPassword: 'same_as_current' }),
    )
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), NEW_PASSWORD)
    await click(button(main(), 'Passwort speichern'))
    expect(errorOf(input('Neues Passwort'))).toBe(
      'Das ist Ihr bisheriges Passwort. Bitte wählen Sie ein anderes.',
    )
  })

  it('says when the link is invalid, used, or ill-formed', async () => {
    api.on('POST', '/password-resets/confirm', apiError(400, 'link_invalid'))
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), NEW_PASSWORD)
    await click(button(main(), 'Passwort speichern'))
    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist ungültig')
    mounted.wrapper.unmount()

    const checks = api.callsTo('POST', '/password-resets/check').length
    mounted = await mountApp('/reset?token=x', api)
    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist ungültig')
    expect(main().find('form').exists()).toBe(false)
    // An ill-formed link is not even sent.
    expect(api.callsTo('POST', '/password-resets/check')).toHaveLength(checks)
  })
})

describe('changing the password', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi().on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: ANNA },
    })
  })

  afterEach(() => mounted.wrapper.unmount())

  const main = () => mounted.wrapper.get('main')
  const input = (label: string) => field(main(), label)

  async function change(current: string, next: string): Promise<void> {
    await fill(input('Aktuelles Passwort'), current)
    await fill(input('Neues Passwort'), next)
    await fill(input('Neues Passwort wiederholen'), next)
    await click(button(main(), 'Passwort speichern'))
  }

  it('saves the new one and says so', async () => {
    api.on('PUT', '/me/password', { status: 204 })
    mounted = await mountApp('/settings/password', api)
    expect(input('Aktuelles Passwort').attributes('autocomplete')).toBe('current-password')
    await change('tulpe-wolke-fenster-regen', NEW_PASSWORD)

    expect(api.callsTo('PUT', '/me/password')[0]?.body).toEqual({
      currentPassword: 'tulpe-wolke-fenster-regen',
      newPassword: NEW_PASSWORD,
    })
    expect(announcements(main())).toContain('Ihr Passwort wurde geändert.')
    expect(input('Aktuelles Passwort').element.value).toBe('')
    expect(errorOf(input('Neues Passwort'))).toBe('')
  })

  it('says when the current password is wrong, and how many attempts are left', async () => {
    api.on('PUT', '/me/password', {
      status: 403,
      body: { error: { code: 'invalid_credentials', message: 'x', attemptsLeft: 1 } },
    })
    mounted = await mountApp('/settings/password', api)
    await change('wrong-current-password', NEW_PASSWORD)
    expect(errorOf(input('Aktuelles Passwort'))).toBe(
      'Das aktuelle Passwort ist nicht korrekt. Bitte prüfen Sie Ihre Eingabe. Noch 1 Versuch, danach wird Ihr Konto gesperrt.',
    )
    expect(document.activeElement).toBe(input('Aktuelles Passwort').element)
  })

  it('refuses the current password as the new one before anything is sent', async () => {
    mounted = await mountApp('/settings/password', api)
    await change('tulpe-wolke-fenster-regen', 'tulpe-wolke-fenster-regen')
    expect(errorOf(input('Neues Passwort'))).toBe(
      'Das ist Ihr bisheriges Passwort. Bitte wählen Sie ein anderes.',
    )
    expect(api.callsTo('PUT', '/me/password')).toHaveLength(0)
    // Correcting the current password's field is enough when that was the typo.
    await fill(input('Aktuelles Passwort'), 'tulpe-wolke-fenster-regen-alt')
    expect(errorOf(input('Neues Passwort'))).toBe('')
  })

  it("checks the new one against the customer's name", async () => {
    mounted = await mountApp('/settings/password', api)
    await input('Neues Passwort').setValue('urlaub-mit-huber-am-meer')
    expect(main().get('[data-hint="personal"]').attributes('data-state')).toBe('unmet')
    await change('tulpe-wolke-fenster-regen', 'urlaub-mit-huber-am-meer')
    expect(errorOf(input('Neues Passwort'))).toContain('weder Ihren Namen')
    expect(api.callsTo('PUT', '/me/password')).toHaveLength(0)
  })
})
