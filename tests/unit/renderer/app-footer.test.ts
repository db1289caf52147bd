// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getSupport } from '../../../src/renderer/src/api/support.ts'
import { fakeMmf } from './support/fake-mmf.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'

vi.mock('../../../src/renderer/src/api/support.ts', () => ({ getSupport: vi.fn() }))

const CONTACTS = { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: 'Mo–Fr 8:00–17:00' }

describe('the footer with the customer-service contacts', () => {
  let mounted: MountedApp | undefined

  beforeEach(() => {
    resetLocale()
    vi.mocked(getSupport).mockReset()
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    vi.unstubAllGlobals()
  })

  const block = () => {
    if (!mounted) throw new Error('mount the app first')
    return mounted.wrapper.get('footer [data-testid="support-contacts"]')
  }

  it('shows phone, e-mail and hours from GET /support as links', async () => {
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    mounted = await mountApp('/')

    expect(block().text()).toContain('Kundenbetreuung')
    const phone = block().get('a[href^="tel:"]')
    expect(phone.text()).toBe('+43 662 2191 4920')
    expect(phone.attributes('href')).toBe('tel:+4366221914920')
    const email = block().get('a[href^="mailto:"]')
    expect(email.text()).toBe('ksc@mini.at')
    expect(email.attributes('href')).toBe('mailto:ksc@mini.at')
    expect(block().text()).toContain('Mo–Fr 8:00–17:00')
  })

  it('hands the phone and e-mail links to the system instead of navigating', async () => {
    const mmf = fakeMmf({ demo: true })
    vi.stubGlobal('mmf', mmf)
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    mounted = await mountApp('/')

    const click = new MouseEvent('click', { bubbles: true, cancelable: true })
    block().get('a[href^="tel:"]').element.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    await block().get('a[href^="mailto:"]').trigger('click')

    expect(mmf.links.openExternal).toHaveBeenCalledWith({ url: 'tel:+4366221914920' })
    expect(mmf.links.openExternal).toHaveBeenCalledWith({ url: 'mailto:ksc@mini.at' })
    // The app info from the preload shows up too: the version in the footer, the demo badge.
    expect(mounted.wrapper.get('footer').text()).toContain('Version 0.1.0')
    expect(mounted.wrapper.get('header').text()).toContain('Demo')
  })

  it('says so when the contacts cannot be loaded, and loads them on request', async () => {
    vi.mocked(getSupport).mockRejectedValueOnce(new Error('offline'))
    mounted = await mountApp('/')

    expect(block().text()).toContain(
      'Die Kontaktdaten unserer Kundenbetreuung können gerade nicht angezeigt werden.',
    )
    expect(block().find('a').exists()).toBe(false)

    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    const retry = block()
      .findAll('button')
      .find((b) => b.text() === 'Erneut versuchen')
    if (!retry) throw new Error('no "Erneut versuchen" button')
    await retry.trigger('click')
    await flushPromises()

    expect(block().get('a[href^="tel:"]').text()).toBe('+43 662 2191 4920')
    expect(getSupport).toHaveBeenCalledTimes(2)
  })
})
