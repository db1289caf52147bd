// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { getSupport } from '../../../src/renderer/src/api/support.ts'
import { crash } from '../../../src/renderer/src/crash.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'

vi.mock('../../../src/renderer/src/api/support.ts', () => ({ getSupport: vi.fn() }))

describe('the app shell', () => {
  let mounted: MountedApp

  beforeEach(() => {
    resetLocale()
    vi.mocked(getSupport).mockResolvedValue({
      phone: '+43 662 2191 4920',
      email: 'ksc@mini.at',
      hours: 'Mo–Fr 8:00–17:00',
    })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    crash.value = null
    vi.restoreAllMocks()
  })

  it('offers the way to sign in and to register on the start page', async () => {
    mounted = await mountApp('/')
    const links = mounted.wrapper.get('main').findAll('a')
    const signIn = links.find((a) => a.text() === 'Anmelden')
    const register = links.find((a) => a.text() === 'Registrieren')
    expect(signIn?.attributes('href')).toBe('/sign-in')
    expect(register?.attributes('href')).toBe('/register')
    if (!register) throw new Error('no "Registrieren" link')

    await register.trigger('click')
    await vi.waitFor(() => expect(mounted.wrapper.get('h1').text()).toBe('Registrieren'))
    expect(mounted.wrapper.find('main form').exists()).toBe(true)
  })

  it('marks the current page in the main navigation', async () => {
    mounted = await mountApp('/help')
    const current = mounted.wrapper.get('nav [aria-current="page"]')
    expect(current.text()).toBe('Hilfe')
  })

  it('jumps to the content with the skip link without leaving the page', async () => {
    mounted = await mountApp('/help')
    const skip = mounted.wrapper.get('a.skip-link')
    expect(skip.text()).toBe('Zum Inhalt springen')
    await skip.trigger('click')
    expect(document.activeElement).toBe(mounted.wrapper.get('main#main').element)
    expect(mounted.router.currentRoute.value.name).toBe('help')
  })

  it('says when a page does not exist', async () => {
    mounted = await mountApp('/no/such/page')
    expect(mounted.wrapper.get('h1').text()).toBe('Seite nicht gefunden')
  })

  it('shows the crash screen after an unexpected error, keeping header and footer', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    mounted = await mountApp('/')
    mounted.router.addRoute({
      path: '/broken',
      component: defineComponent({
        setup() {
          throw new Error('bug')
        },
        render: () => null,
      }),
    })
    await mounted.router.push('/broken')
    await flushPromises()

    expect(mounted.wrapper.get('[role="alert"] h1').text()).toBe(
      'Es ist ein unerwarteter Fehler aufgetreten',
    )
    expect(mounted.wrapper.get('[role="alert"]').text()).toContain('App neu laden')
    expect(mounted.wrapper.get('[data-testid="support-contacts"]').text()).toContain('ksc@mini.at')
    expect(consoleError).toHaveBeenCalled()
  })
})
