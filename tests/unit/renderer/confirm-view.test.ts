// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, link } from './support/queries.ts'

const TOKEN = 'q3JvbWlzZV9vZl9hX3Rva2VuXzEyOA'

describe('the confirmation link', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
  })

  afterEach(() => mounted.wrapper.unmount())

  const main = () => mounted.wrapper.get('main')

  it('confirms the address on opening and offers to sign in', async () => {
    api.on('POST', '/registrations/confirm', { status: 200, body: { status: 'confirmed' } })
    mounted = await mountApp(`/confirm?token=${TOKEN}`, api)

    expect(api.callsTo('POST', '/registrations/confirm')[0]?.body).toEqual({ token: TOKEN })
    expect(main().text()).toContain('Vielen Dank! Ihre E-Mail-Adresse ist bestätigt.')
    expect(main().text()).toContain('Aktivierungscode')
    const signIn = link(main(), 'Jetzt anmelden')
    await click(signIn)
    // The sign-in page is a lazy chunk: on a loaded machine it arrives after more than one tick.
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('sign-in'))
  })

  it('says so when the address was confirmed before', async () => {
    api.on('POST', '/registrations/confirm', {
      status: 200,
      body: { status: 'already_confirmed' },
    })
    mounted = await mountApp(`/confirm?token=${TOKEN}`, api)
    expect(main().text()).toContain('Ihre E-Mail-Adresse ist bereits bestätigt.')
    expect(link(main(), 'Jetzt anmelden').attributes('href')).toBe('/sign-in')
  })

  it('explains an expired link as the FAQ does: data deleted, register again', async () => {
    api.on('POST', '/registrations/confirm', apiError(410, 'link_expired'))
    mounted = await mountApp(`/confirm?token=${TOKEN}`, api)
    const text = main().get('[role="alert"]').text()
    expect(text).toContain('Dieser Link ist abgelaufen')
    expect(text).toContain('Ihre Daten wurden deshalb aus Sicherheitsgründen gelöscht.')
    expect(text).toContain('Bitte registrieren Sie sich erneut.')
    expect(link(main(), 'Erneut registrieren').attributes('href')).toBe('/register')
  })

  it('says when the link is invalid', async () => {
    api.on('POST', '/registrations/confirm', apiError(400, 'link_invalid'))
    mounted = await mountApp(`/confirm?token=${TOKEN}`, api)
    expect(main().get('[role="alert"]').text()).toContain('ungültig oder unvollständig')
  })

  it('does not even ask when the token is missing or ill-formed', async () => {
    for (const path of ['/confirm', '/confirm?token=short', '/confirm?token=%3Cscript%3E']) {
      mounted = await mountApp(path, api)
      expect(main().get('[role="alert"]').text(), path).toContain('ungültig oder unvollständig')
      mounted.wrapper.unmount()
    }
    mounted = await mountApp('/confirm?token=', api)
    expect(api.callsTo('POST', '/registrations/confirm')).toHaveLength(0)
  })

  it('offers to try again when the service cannot be reached', async () => {
    api.on('POST', '/registrations/confirm', 'network')
    mounted = await mountApp(`/confirm?token=${TOKEN}`, api)
    expect(main().get('[role="alert"]').text()).toContain('Es besteht keine Verbindung.')

    api.on('POST', '/registrations/confirm', { status: 200, body: { status: 'confirmed' } })
    await click(button(main(), 'Erneut versuchen'))
    expect(main().text()).toContain('Ihre E-Mail-Adresse ist bestätigt.')
  })
})
