// @vitest-environment jsdom
/**
 * Answers of sign-in, password reset and activation are checked against the
 * contract (src/shared/api/auth.ts, activation.ts, and the gateway's own in
 * gateway.ts) before anything relies on them: one of another shape is an
 * unexpected error the customer is told about, never data the app acts on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field, fill } from './support/queries.ts'

const UNEXPECTED = 'Es ist ein unerwarteter Fehler aufgetreten.'
const TOKEN = 'cmVzZXRfbGlua190b2tlbl8xMjhiaXQ'
const NEW_PASSWORD = 'kaffee-berg-lampe-sommer'

describe('answers of another shape than the contract says', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const input = (label: string) => field(main(), label)

  it('a sign-in whose customer has no valid address (the gateway’s answer) signs nobody in', async () => {
    api.on('POST', '/sessions', {
      status: 201,
      body: { customer: { ...ANNA, email: 'anna.huber' } },
    })
    mounted = await mountApp('/sign-in', api)
    await fill(input('E-Mail-Adresse'), 'anna.huber@example.at')
    await fill(input('Passwort'), 'kaffee-berg-lampe-sommer')
    await click(button(main(), 'Anmelden'))

    await vi.waitFor(() => expect(main().text()).toContain(UNEXPECTED))
    expect(mounted.router.currentRoute.value.name).toBe('sign-in')
    expect(mounted.wrapper.get('header').text()).not.toContain('Anna Huber')
  })

  it('a customer with an international address (max@müller.at) is signed in: answers carry what registration accepts', async () => {
    api.on('POST', '/sessions', {
      status: 201,
      body: { customer: { ...ANNA, email: 'max@müller.at' } },
    })
    mounted = await mountApp('/sign-in', api)
    await fill(input('E-Mail-Adresse'), 'max@müller.at')
    await fill(input('Passwort'), 'kaffee-berg-lampe-sommer')
    await click(button(main(), 'Anmelden'))

    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).not.toBe('sign-in'))
    expect(main().text()).not.toContain(UNEXPECTED)
    expect(mounted.wrapper.get('header').text()).toContain('Anna Huber')
  })

  it('a new password answered with something that is no address signs in with nothing', async () => {
    api
      .on('POST', '/password-resets/check', {
        status: 200,
        body: {
          status: 'valid',
          email: 'anna.huber@example.at',
          expiresAt: '2026-05-17T09:00:00Z',
        },
      })
      .on('POST', '/password-resets/confirm', {
        status: 200,
        body: { status: 'password_changed', email: 'evil' },
      })
    mounted = await mountApp(`/reset?token=${TOKEN}`, api)
    await fill(input('Neues Passwort'), NEW_PASSWORD)
    await fill(input('Neues Passwort wiederholen'), NEW_PASSWORD)
    await click(button(main(), 'Passwort speichern'))

    await vi.waitFor(() => expect(main().text()).toContain(UNEXPECTED))
    expect(api.callsTo('POST', '/sessions')).toHaveLength(0)
  })

  it('an activation state with an impossible day and more tries than there are is not shown', async () => {
    api
      .on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
      .on('GET', '/me/activation', {
        status: 200,
        body: {
          state: 'letter_sent',
          letterSentOn: '2026-05-17',
          letterExpectedBy: '2026-13-45',
          codeValidUntil: '2026-06-16',
          attemptsLeft: 9,
        },
      })
    mounted = await mountApp('/activation', api)

    // As when the state cannot be loaded: the code can still be entered, nothing of the answer shows.
    expect(main().get('[data-testid="state-unknown"]').text()).toContain(
      'Den Code können Sie trotzdem eingeben.',
    )
    expect(main().text()).not.toContain('45')
    expect(main().text()).not.toContain('9 Versuche')
  })
})
