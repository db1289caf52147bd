// @vitest-environment jsdom
/**
 * The header's customer menu: the signed-in customer's name on one button that
 * opens "Passwort ändern", the demo mailbox and "Abmelden", so that the header
 * keeps to one row. A disclosure: its state is announced, Escape closes it and
 * returns the focus, so do a click elsewhere and another page.
 */
import { flushPromises, type DOMWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PAGE_SESSION_MARK } from '../../../src/renderer/src/stores/kiosk.ts'
import { ANNA, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { KIOSK_SETTINGS, webClientInfo } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { click, link } from './support/queries.ts'

const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

describe('the customer menu in the header', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
      .on('GET', '/session', {
        status: 200,
        body: { signedIn: true, customer: { ...ANNA, activated: true } },
      })
      .on('GET', '/client-info', {
        status: 200,
        body: { demo: true, kiosk: false, keychain: 'os' },
      })
      .on('DELETE', '/sessions/current', { status: 204 })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    sessionStorage.clear()
    vi.restoreAllMocks()
  })

  const header = () => mounted.wrapper.get('header')
  const toggle = (): DOMWrapper<HTMLButtonElement> =>
    header().get<HTMLButtonElement>(
      'button[aria-controls="account-menu-panel"]',
    ) as DOMWrapper<HTMLButtonElement>
  const panel = () => header().get<HTMLElement>('#account-menu-panel')
  /** What the panel offers, by name, when it is shown. */
  const offered = () =>
    panel()
      .findAll('a, button')
      .map((control) => plain(control.text()))

  it('names the customer on one button and opens password, demo mailbox and sign-out', async () => {
    mounted = await mountApp('/contracts', api)
    expect(plain(toggle().text())).toBe('Angemeldet als Anna Huber')
    expect(toggle().attributes('aria-expanded')).toBe('false')
    expect(panel().attributes('hidden')).toBeDefined()
    // The navigation keeps to the pages: no "Start" (the wordmark leads there), no demo mailbox.
    const nav = header()
      .get('nav')
      .findAll('a')
      .map((a) => plain(a.text()))
    expect(nav).toEqual(['Meine Verträge', 'Postfach', 'Persönliche Daten', 'Services', 'Hilfe'])

    await click(toggle())
    expect(toggle().attributes('aria-expanded')).toBe('true')
    expect(panel().attributes('hidden')).toBeUndefined()
    expect(offered()).toEqual(['Passwort ändern', 'Demo-Briefkasten', 'Abmelden'])

    await click(link(panel(), 'Passwort ändern'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('change-password'))
    // Another page: the menu has done its job.
    expect(toggle().attributes('aria-expanded')).toBe('false')
  })

  it('closes with Escape, back on its button, and with a click elsewhere', async () => {
    mounted = await mountApp('/contracts', api)
    await click(toggle())
    const item = panel().get<HTMLAnchorElement>('a')
    item.element.focus()
    await item.trigger('keydown', { key: 'Escape' })
    expect(toggle().attributes('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(toggle().element)

    await click(toggle())
    document.querySelector('main')?.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    await flushPromises()
    expect(toggle().attributes('aria-expanded')).toBe('false')
  })

  it('signs out from the menu', async () => {
    mounted = await mountApp('/contracts', api)
    await click(toggle())
    const signOut = panel()
      .findAll('button')
      .find((b) => plain(b.text()) === 'Abmelden')
    if (!signOut) throw new Error('no "Abmelden" in the menu')
    await click(signOut)
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('start'))
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
    expect(header().find('#account-menu-panel').exists()).toBe(false)
    // Signed out, the demo mailbox is in the navigation again.
    expect(link(header().get('nav'), 'Demo-Briefkasten').exists()).toBe(true)
  })

  it('speaks English', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    mounted = await mountApp('/contracts', api)
    expect(plain(toggle().text())).toBe('Signed in as Anna Huber')
    await click(toggle())
    expect(offered()).toEqual(['Change password', 'Demo mailbox', 'Sign out'])
  })

  it('has no "Abmelden" on a kiosk terminal, where the banner has the one', async () => {
    webClientInfo(api, KIOSK_SETTINGS)
    // This tab signed in before (else a terminal starts afresh, signed out).
    sessionStorage.setItem(PAGE_SESSION_MARK, '1')
    mounted = await mountApp('/contracts', api)
    await click(toggle())
    expect(offered()).toEqual(['Passwort ändern'])
  })
})
