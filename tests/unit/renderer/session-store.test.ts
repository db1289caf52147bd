// @vitest-environment jsdom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '../../../src/renderer/src/router/index.ts'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { announcements, button, click, field, fill, hasButton, link } from './support/queries.ts'

describe('the session store', () => {
  let api: FakeApi

  beforeEach(() => {
    api = installFakeApi()
    setActivePinia(createPinia())
  })

  afterEach(() => vi.restoreAllMocks())

  it('restores a kept session from GET /session, once', async () => {
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true } },
    })
    const session = useSessionStore()
    await Promise.all([session.restore(), session.restore()])
    await session.restore()

    expect(session.signedIn).toBe(true)
    expect(session.activated).toBe(true)
    expect(session.customer?.email).toBe('anna.huber@example.at')
    expect(session.displayName).toBe('Anna Huber')
    expect(session.homeRoute).toBe('contracts')
    expect(api.callsTo('GET', '/session')).toHaveLength(1)
  })

  it('starts signed out when the gateway cannot tell', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    api.on('GET', '/session', 'network')
    const session = useSessionStore()
    await session.restore()
    expect(session.signedIn).toBe(false)
    expect(session.restored).toBe(true)
  })

  it('holds no token and no password after signing in', async () => {
    api.on('POST', '/sessions', { status: 201, body: { customer: ANNA } })
    const session = useSessionStore()
    await session.signIn({
      email: ANNA.email,
      password: 'tulpe-wolke-fenster-regen',
      staySignedIn: false,
    })
    expect(session.signedIn).toBe(true)
    expect(session.activated).toBe(false)
    expect(JSON.stringify(session.$state)).not.toContain('tulpe')
    expect(JSON.stringify(session.$state)).not.toMatch(/token/i)
  })

  it('signs out at the gateway, then forgets the customer', async () => {
    api.on('POST', '/sessions', { status: 201, body: { customer: ANNA } })
    api.on('DELETE', '/sessions/current', { status: 204 })
    const session = useSessionStore()
    await session.signIn({ email: ANNA.email, password: 'x'.repeat(15) })
    await session.signOut()
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
    expect(session.signedIn).toBe(false)
    expect(session.customer).toBeNull()
  })

  it('stays signed in when signing out failed', async () => {
    api.on('POST', '/sessions', { status: 201, body: { customer: ANNA } })
    api.on('DELETE', '/sessions/current', 'network')
    const session = useSessionStore()
    await session.signIn({ email: ANNA.email, password: 'x'.repeat(15) })
    await expect(session.signOut()).rejects.toThrow()
    expect(session.signedIn).toBe(true)
  })

  it('lets the guard decide only after the session was restored', async () => {
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true } },
    })
    const router = createAppRouter(createMemoryHistory())
    // The very first navigation goes straight to contract data: allowed once restored.
    await router.push('/contracts')
    expect(router.currentRoute.value.name).toBe('contracts')
  })
})

describe('the session in the app', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
  })

  afterEach(() => mounted.wrapper.unmount())

  const header = () => mounted.wrapper.get('header')
  const main = () => mounted.wrapper.get('main')

  it('lets a restored, activated customer into their contracts at start', async () => {
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true } },
    })
    mounted = await mountApp('/contracts', api)
    expect(mounted.router.currentRoute.value.name).toBe('contracts')
    expect(header().text()).toContain('Anna Huber')
  })

  it('sends a restored customer who is not activated to the activation code', async () => {
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    mounted = await mountApp('/contracts', api)
    expect(mounted.router.currentRoute.value.name).toBe('activation')
    // The placeholder says who is signed in and offers to switch.
    expect(main().text()).toContain('Sie sind angemeldet als Anna Huber (anna.huber@example.at).')
    expect(button(main(), 'Mit einem anderen Konto anmelden').exists()).toBe(true)
  })

  it('signs out with "Abmelden" and says so on the start page', async () => {
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    api.on('DELETE', '/sessions/current', { status: 204 })
    mounted = await mountApp('/activation', api)

    await click(button(header(), 'Abmelden'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('start'))
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
    expect(announcements(main())).toContain('Sie wurden abgemeldet.')
    expect(header().text()).not.toContain('Anna Huber')
    expect(hasButton(header(), 'Abmelden')).toBe(false)

    // The message belongs to that page only.
    await mounted.router.push('/help')
    expect(main().text()).not.toContain('Sie wurden abgemeldet.')
  })

  it('switches accounts from the activation page: signed out, on to sign-in', async () => {
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    api.on('DELETE', '/sessions/current', { status: 204 })
    mounted = await mountApp('/activation', api)
    await click(button(main(), 'Mit einem anderen Konto anmelden'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('sign-in'))
    expect(announcements(main())).toContain('Sie wurden abgemeldet.')
  })

  it('goes to sign-in with a friendly message when a signed-in call answers 401', async () => {
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    api.on('PUT', '/me/password', apiError(401, 'unauthenticated'))
    mounted = await mountApp('/settings/password', api)

    await fill(field(main(), 'Aktuelles Passwort'), 'tulpe-wolke-fenster-regen')
    await fill(field(main(), 'Neues Passwort'), 'kaffee-berg-lampe-sommer')
    await fill(field(main(), 'Neues Passwort wiederholen'), 'kaffee-berg-lampe-sommer')
    await click(button(main(), 'Passwort speichern'))

    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('sign-in'))
    expect(mounted.router.currentRoute.value.query.redirect).toBe('/settings/password')
    expect(announcements(main())).toContain(
      'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    )
    expect(header().text()).not.toContain('Anna Huber')
  })

  it('stays on a public page, signed out and told so, when a call there answers 401', async () => {
    api.on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
    api.on('GET', '/notifications/unread-count', apiError(401, 'session_revoked'))
    mounted = await mountApp('/help', api)

    await vi.waitFor(() => expect(header().text()).not.toContain('Anna Huber'))
    expect(mounted.router.currentRoute.value.name).toBe('help')
    expect(announcements(main())).toContain(
      'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    )
  })

  it('does not take a wrong password at sign-in for an ended session', async () => {
    api.on('POST', '/sessions', apiError(401, 'invalid_credentials'))
    mounted = await mountApp('/sign-in', api)
    await fill(field(main(), 'E-Mail-Adresse'), 'anna.huber@example.at')
    await fill(field(main(), 'Passwort'), 'wrong-password-here')
    await click(button(main(), 'Anmelden'))
    expect(announcements(main())).toEqual(['E-Mail-Adresse oder Passwort ist falsch.'])
  })

  it('shows the signed-in navigation', async () => {
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true } },
    })
    mounted = await mountApp('/', api)
    expect(link(header(), 'Meine Verträge').attributes('href')).toBe('/contracts')
    expect(link(header(), 'Passwort ändern').attributes('href')).toBe('/settings/password')
    expect(link(main(), 'Weiter zu Ihrem Konto').attributes('href')).toBe('/contracts')
  })
})
