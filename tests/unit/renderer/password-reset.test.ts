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
    api = installFakeApi()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const input = (label: string) => field(main(), label)

  it('asks for a link and answers the same for every address', async () => {
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
    expect(main().text()).toContain(
      'Falls ein Konto zu dieser Adresse besteht, haben wir Ihnen einen Link gesendet. Er ist 30 Minuten gültig.',
    )
    expect(main().text()).toContain('+43 662 2191 4920')
    expect(main().text()).toContain('ksc@mini.at')
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

  it('says when the link has expired and offers a new one', async () => {
    api.on('POST', '/password-resets/confirm', apiError(410, 'link_expired'))
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), NEW_PASSWORD)
    await click(button(main(), 'Passwort speichern'))

    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist abgelaufen')
    expect(link(main(), 'Neuen Link anfordern').attributes('href')).toBe('/forgot-password')
    expect(api.callsTo('POST', '/sessions')).toHaveLength(0)
  })

  it('says when the link is invalid, used, or ill-formed', async () => {
    api.on('POST', '/password-resets/confirm', apiError(400, 'link_invalid'))
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), NEW_PASSWORD)
    await click(button(main(), 'Passwort speichern'))
    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist ungültig')
    mounted.wrapper.unmount()

    mounted = await mountApp('/reset?token=x', api)
    expect(main().get('[role="alert"]').text()).toContain('Dieser Link ist ungültig')
    expect(main().find('form').exists()).toBe(false)
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

  it('says when the current password is wrong', async () => {
    api.on('PUT', '/me/password', apiError(403, 'invalid_credentials'))
    mounted = await mountApp('/settings/password', api)
    await change('wrong-current-password', NEW_PASSWORD)
    expect(errorOf(input('Aktuelles Passwort'))).toBe(
      'Das aktuelle Passwort ist nicht korrekt. Bitte prüfen Sie Ihre Eingabe. Nach drei falschen Eingaben hintereinander wird Ihr Konto gesperrt.',
    )
    expect(document.activeElement).toBe(input('Aktuelles Passwort').element)
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
