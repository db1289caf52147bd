// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { announcements, button, click, errorOf, field, fill } from './support/queries.ts'

const PASSWORD = 'tulpe-wolke-fenster-regen'
const MFA_REQUIRED = {
  status: 200,
  body: { mfaRequired: true, expiresAt: '2026-05-17T08:35:00Z' },
}

describe('signing in with the second factor on', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api.on('POST', '/sessions', MFA_REQUIRED)
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const input = (label: string) => field(main(), label)

  async function passwordStep(): Promise<void> {
    mounted = await mountApp('/sign-in', api)
    await fill(input('E-Mail-Adresse'), ANNA.email)
    await fill(input('Passwort'), PASSWORD)
    await click(button(main(), 'Anmelden'))
  }

  async function sendCode(label: string, code: string): Promise<void> {
    await fill(input(label), code)
    await click(button(main(), 'Bestätigen'))
  }

  it('asks for the 6 digits after the right password, and signs in with them', async () => {
    api.on('POST', '/sessions/mfa', { status: 201, body: { customer: ANNA } })
    await passwordStep()

    const code = input('Code aus der Authenticator-App')
    expect(code.attributes('inputmode')).toBe('numeric')
    expect(code.attributes('autocomplete')).toBe('one-time-code')
    expect(document.activeElement).toBe(code.element)
    expect(main().text()).not.toContain('Passwort vergessen?')

    await sendCode('Code aus der Authenticator-App', '123 456')
    expect(api.callsTo('POST', '/sessions/mfa').map((c) => c.body)).toEqual([{ code: '123456' }])
    // Signed in: Anna is not activated yet, so she lands on the activation page.
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('activation'))
  })

  it('checks the digits before sending', async () => {
    await passwordStep()
    await sendCode('Code aus der Authenticator-App', '12345')
    expect(errorOf(input('Code aus der Authenticator-App'))).toBe(
      'Der Code hat 6 Ziffern. Bitte prüfen Sie Ihre Eingabe.',
    )
    expect(api.callsTo('POST', '/sessions/mfa')).toHaveLength(0)
  })

  it('says a wrong code is wrong, with the attempts left before the lock', async () => {
    api.on('POST', '/sessions/mfa', {
      status: 401,
      body: { error: { code: 'invalid_code', message: 'x', attemptsLeft: 2 } },
    })
    await passwordStep()
    await sendCode('Code aus der Authenticator-App', '000000')

    const code = input('Code aus der Authenticator-App')
    expect(errorOf(code)).toBe(
      'Der Code ist nicht korrekt. Bitte geben Sie den aktuellen Code aus Ihrer App ein.',
    )
    expect(code.element.value).toBe('')
    expect(announcements(main())).toContain('Noch 2 Versuche, danach wird Ihr Konto gesperrt.')
    expect(mounted.router.currentRoute.value.name).toBe('sign-in')
  })

  it('takes a recovery code through "Ich habe keinen Zugriff auf meine App"', async () => {
    api.on('POST', '/sessions/mfa', { status: 201, body: { customer: ANNA } })
    await passwordStep()
    await click(button(main(), 'Ich habe keinen Zugriff auf meine App'))
    expect(document.activeElement).toBe(input('Wiederherstellungscode').element)

    expect(
      main()
        .findAll('label')
        .map((l) => l.text()),
    ).not.toContain('Code aus der Authenticator-App')
    await sendCode('Wiederherstellungscode', 'ABCD 2345')
    expect(api.callsTo('POST', '/sessions/mfa').map((c) => c.body)).toEqual([{ code: 'abcd-2345' }])
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('activation'))
  })

  it('goes back to the password step when the 5 minutes are over', async () => {
    api.on('POST', '/sessions/mfa', apiError(401, 'challenge_expired'))
    await passwordStep()
    await sendCode('Code aus der Authenticator-App', '123456')

    expect(announcements(main())).toContain(
      'Die Zeit für den Code ist abgelaufen. Bitte melden Sie sich erneut an.',
    )
    expect(input('Passwort').element.value).toBe('')
    expect(input('E-Mail-Adresse').element.value).toBe(ANNA.email)
    expect(
      main()
        .findAll('label')
        .map((l) => l.text()),
    ).not.toContain('Code aus der Authenticator-App')
  })

  it('says the account is locked after the third wrong code, as for passwords', async () => {
    api.on('POST', '/sessions/mfa', apiError(423, 'account_locked'))
    await passwordStep()
    await sendCode('Code aus der Authenticator-App', '123456')

    expect(main().get('[data-testid="sign-in-locked"]').text()).toContain('Ihr Konto ist gesperrt')
    expect(input('Passwort').exists()).toBe(true)
  })

  it('speaks English too', async () => {
    resetLocale('en')
    api.on('POST', '/sessions/mfa', apiError(401, 'challenge_expired'))
    mounted = await mountApp('/sign-in', api)
    await fill(input('E-mail address'), ANNA.email)
    await fill(input('Password'), PASSWORD)
    await click(button(main(), 'Sign in'))
    expect(button(main(), "I can't use my authenticator app").exists()).toBe(true)
    await fill(input('Code from your authenticator app'), '123456')
    await click(button(main(), 'Confirm'))
    expect(announcements(main())).toContain(
      'The time for entering the code has run out. Please sign in again.',
    )
  })
})
