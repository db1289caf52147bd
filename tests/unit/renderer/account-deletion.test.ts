// @vitest-environment jsdom
/**
 * "Konto löschen" on the profile page: what goes and what stays, the password,
 * a wrong one said at the field, then the start page with the notice, signed
 * out; on a kiosk terminal the page is wiped as at every session end.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PAGE_SESSION_MARK } from '../../../src/renderer/src/stores/kiosk.ts'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { KIOSK_SETTINGS, webClientInfo } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaProfile, plain } from './support/profile.ts'
import { button, click, errorOf, field, fill, hasButton } from './support/queries.ts'

const PASSWORD = 'Festungsberg-Regenschirm-2026'

describe('deleting the account', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true } },
    })
    api.on('GET', '/me', {
      status: 200,
      body: { customer: annaProfile() },
      headers: { etag: '"v1"' },
    })
    api.on('GET', '/contracts', { status: 200, body: { items: [] } })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    sessionStorage.clear()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const section = () => main().get('[data-section="delete"]')
  const dialog = () => main().get('[data-testid="delete-account-dialog"]')

  async function openDialog(): Promise<void> {
    mounted = await mountApp('/profile', api)
    const opener = button(section(), 'Konto löschen')
    opener.element.focus()
    await click(opener)
  }

  it('says on the profile page what deleting means, and asks for the password in a dialog', async () => {
    mounted = await mountApp('/profile', api)
    expect(plain(section().text())).toContain(
      'Sie möchten My MINI Finance nicht mehr nutzen? Dann können Sie Ihr Konto hier löschen. Ihre Verträge und Briefe bleiben bei uns gespeichert.',
    )
    await click(button(section(), 'Konto löschen'))
    const text = plain(dialog().text())
    expect(dialog().get('h2').text()).toBe('Konto löschen')
    expect(text).toContain('Sie werden auf allen Geräten abgemeldet.')
    expect(text).toContain('Ihre Verträge und Ihre Briefe bleiben bei uns gespeichert.')
    expect(text).toContain('auch mit derselben E-Mail-Adresse')
    expect(text).toContain('Zur Bestätigung geben Sie bitte Ihr Passwort ein.')
    expect(document.activeElement).toBe(field(dialog(), 'Ihr Passwort').element)
  })

  it('sends nothing without the password', async () => {
    await openDialog()
    await click(button(dialog(), 'Konto endgültig löschen'))
    expect(errorOf(field(dialog(), 'Ihr Passwort'))).toBe('Bitte geben Sie Ihr Passwort ein.')
    expect(api.callsTo('DELETE', '/me')).toHaveLength(0)
  })

  it('says at the field when the password is wrong, and stays signed in', async () => {
    api.on('DELETE', '/me', apiError(403, 'invalid_credentials'))
    await openDialog()
    await fill(field(dialog(), 'Ihr Passwort'), 'Falsch-geraten-1234567')
    await click(button(dialog(), 'Konto endgültig löschen'))
    expect(api.callsTo('DELETE', '/me')).toEqual([
      { method: 'DELETE', path: '/me', body: { password: 'Falsch-geraten-1234567' } },
    ])
    expect(errorOf(field(dialog(), 'Ihr Passwort'))).toContain('Das Passwort ist nicht korrekt.')
    expect(useSessionStore(mounted.pinia).signedIn).toBe(true)
    expect(mounted.router.currentRoute.value.name).toBe('profile')
  })

  it('deletes with the password, then shows the start page signed out, with the notice', async () => {
    api.on('DELETE', '/me', { status: 204 })
    await openDialog()
    await fill(field(dialog(), 'Ihr Passwort'), PASSWORD)
    await click(button(dialog(), 'Konto endgültig löschen'))
    expect(api.callsTo('DELETE', '/me')).toEqual([
      { method: 'DELETE', path: '/me', body: { password: PASSWORD } },
    ])
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('start'))
    expect(mounted.wrapper.get('[data-testid="notice"]').text()).toContain(
      'Ihr Konto wurde gelöscht. Ihre Verträge und Briefe bleiben bei uns gespeichert. Eine Bestätigung haben wir Ihnen per E-Mail geschickt.',
    )
    expect(useSessionStore(mounted.pinia).signedIn).toBe(false)
    expect(hasButton(mounted.wrapper, 'Abmelden')).toBe(false)
    // Nothing of the account is asked for any more.
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
  })

  it('speaks English when English is chosen', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    mounted = await mountApp('/profile', api)
    const deleteSection = main().get('[data-section="delete"]')
    expect(deleteSection.get('h2').text()).toBe('Delete account')
    await click(button(deleteSection, 'Delete account'))
    expect(plain(dialog().text())).toContain('Your contracts and letters stay with us.')
    expect(button(dialog(), 'Delete account for good').exists()).toBe(true)
    expect(main().text()).not.toContain('Konto')
  })

  it('on a kiosk terminal wipes the page as at every session end', async () => {
    webClientInfo(api, KIOSK_SETTINGS)
    api.on('DELETE', '/me', { status: 204 })
    api.on('DELETE', '/sessions/current', { status: 204 })
    // This tab signed in (the web preview's kiosk marks it).
    sessionStorage.setItem(PAGE_SESSION_MARK, '1')
    const location = {
      href: 'http://localhost:3000/#/profile',
      replace: vi.fn(),
      reload: vi.fn(),
    }
    vi.stubGlobal('location', location)
    await openDialog()
    await fill(field(dialog(), 'Ihr Passwort'), PASSWORD)
    await click(button(dialog(), 'Konto endgültig löschen'))
    await vi.waitFor(() =>
      expect(location.replace).toHaveBeenCalledWith('http://localhost:3000/#/?ended=sign-out'),
    )
    expect(sessionStorage.length).toBe(0)
  })
})
