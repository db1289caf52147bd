// @vitest-environment jsdom
/**
 * The web preview in kiosk mode (no window.mmf): the page runs the idle countdown
 * itself, shows "Sind Sie noch da?", and at zero signs out, empties the storages
 * and loads the start screen afresh.
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNA, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { PAGE_SESSION_MARK } from '../../../src/renderer/src/stores/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field } from './support/queries.ts'

const SETTINGS = {
  dealershipName: 'MINI Autohaus Salzburg',
  printingAvailable: true,
  idleTimeoutSeconds: 60,
  warningSeconds: 20,
}
/** When the warning starts: the idle timeout minus the countdown. */
const QUIET_MS = (SETTINGS.idleTimeoutSeconds - SETTINGS.warningSeconds) * 1000
const PAGE = 'http://localhost:3000/#/help'

/** window.location as far as the session end uses it; a hash-only replace stays in the page. */
function fakeLocation(href: string) {
  const location = {
    href,
    replace: vi.fn((url: string) => {
      if (url.split('#')[0] === location.href.split('#')[0]) location.href = url
    }),
    reload: vi.fn(),
  }
  return location
}

function kioskApi(signedIn: boolean): FakeApi {
  return installFakeApi()
    .on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk: true, keychain: 'memory', kioskSettings: SETTINGS },
    })
    .on('GET', '/session', {
      status: 200,
      body: signedIn ? { signedIn: true, customer: ANNA } : { signedIn: false },
    })
    .on('DELETE', '/sessions/current', { status: 204 })
}

describe('the kiosk idle countdown in the web preview', () => {
  let mounted: MountedApp | undefined
  let location: ReturnType<typeof fakeLocation>

  beforeEach(() => {
    resetLocale()
    // This tab signed in before (the mark survives a reload; the session end empties it).
    sessionStorage.setItem(PAGE_SESSION_MARK, '1')
    // Date and timeouts only: flushPromises needs the real setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    location = fakeLocation(PAGE)
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    sessionStorage.clear()
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    resetLocale()
  })

  const notice = () => document.querySelector<HTMLElement>('[role="alertdialog"]')
  const noticeText = () => (notice()?.textContent ?? '').replace(/\s+/g, ' ').trim()

  async function advance(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms)
    await flushPromises()
  }

  it('warns after the quiet time, counts down, and input does not cancel the countdown', async () => {
    mounted = await mountApp('/help', kioskApi(true))
    document.body.querySelector<HTMLElement>('main')?.focus()

    await advance(QUIET_MS - 1)
    expect(notice()).toBeNull()
    await advance(1)

    const dialog = notice()
    expect(dialog).not.toBeNull()
    expect(dialog?.getAttribute('aria-modal')).toBe('true')
    expect(
      document.getElementById(dialog?.getAttribute('aria-labelledby') ?? '')?.textContent?.trim(),
    ).toBe('Sind Sie noch da?')
    expect(noticeText()).toContain(
      'Aus Sicherheitsgründen werden Sie in 20 Sekunden abgemeldet. Ihre Daten werden dann von diesem Terminal entfernt.',
    )
    expect(document.activeElement?.textContent?.trim()).toBe('Ich bin noch da')

    await advance(1000)
    expect(noticeText()).toContain('in 19 Sekunden abgemeldet')

    // A stray touch, a key, the wheel: the countdown goes on.
    window.dispatchEvent(new Event('pointerdown'))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    await advance(1100)
    window.dispatchEvent(new Event('wheel'))
    window.dispatchEvent(new Event('touchstart'))
    await advance(1000)
    expect(noticeText()).toContain('in 17 Sekunden abgemeldet')

    await advance(16_000)
    expect(noticeText()).toContain('in 1 Sekunde abgemeldet')
  })

  it('announces the countdown to screen readers at ten seconds, not every second', async () => {
    mounted = await mountApp('/help', kioskApi(true))
    await advance(QUIET_MS)
    const live = () => notice()?.querySelector('[aria-live]')?.textContent?.trim() ?? ''

    expect(live()).toBe('')
    await advance(9000) // 11 s left
    expect(live()).toBe('')
    await advance(1000) // 10 s left
    const atTen = live()
    expect(atTen).toContain('in 10 Sekunden abgemeldet')
    await advance(3000)
    expect(live()).toBe(atTen)
  })

  it('"Ich bin noch da" ends the countdown and starts the quiet time anew', async () => {
    const api = kioskApi(true)
    mounted = await mountApp('/help', api)
    const help = mounted.wrapper.get('h1').element as HTMLElement
    help.tabIndex = -1
    help.focus()

    await advance(QUIET_MS + 5000)
    expect(notice()).not.toBeNull()
    await click(button(mounted.wrapper, 'Ich bin noch da'))

    expect(notice()).toBeNull()
    expect(document.activeElement).toBe(help)
    await advance(QUIET_MS - 1)
    expect(notice()).toBeNull()
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
    await advance(1)
    expect(noticeText()).toContain('in 20 Sekunden abgemeldet')
  })

  it('at zero signs out, empties both storages and loads the start screen with ?ended=idle', async () => {
    const api = kioskApi(true)
    mounted = await mountApp('/help', api)
    vi.stubGlobal('location', location)
    localStorage.setItem('mmf.locale', 'en')
    sessionStorage.setItem('draft', 'Anna Huber, Linzer Gasse 12')

    await advance(QUIET_MS + 19_000)
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
    expect(location.replace).not.toHaveBeenCalled()
    await advance(1000)

    expect(noticeText()).toContain('Sitzung wird beendet')
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
    expect(localStorage.length).toBe(0)
    expect(sessionStorage.length).toBe(0)
    expect(location.replace).toHaveBeenCalledExactlyOnceWith('http://localhost:3000/#/?ended=idle')
    // Only the hash changed: that alone would keep the page (and its Pinia state); it is loaded.
    expect(location.reload).toHaveBeenCalledOnce()
  })

  it('ends a session that a fresh tab finds but did not sign in to (a browser closed while signed in)', async () => {
    sessionStorage.clear()
    const api = kioskApi(true)
    vi.stubGlobal('location', location)
    mounted = await mountApp('/help', api)
    await flushPromises()

    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
    expect(location.replace).toHaveBeenCalledExactlyOnceWith(
      'http://localhost:3000/#/?ended=sign-out',
    )
  })

  it('keeps the session of a tab that signed in before its reload', async () => {
    const api = kioskApi(true)
    vi.stubGlobal('location', location)
    mounted = await mountApp('/help', api)
    await advance(1000)

    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
    expect(location.replace).not.toHaveBeenCalled()
  })

  describe('nobody signed in', () => {
    /** Types into the registration form's field as a visitor does (the key events aside). */
    async function typeInto(label: string, value: string): Promise<void> {
      if (!mounted) throw new Error('mount the app first')
      await field(mounted.wrapper, label).setValue(value)
    }

    it('counts nothing while no field holds typed input, whatever the pointer and keys do', async () => {
      mounted = await mountApp('/register', kioskApi(false))

      for (let minute = 0; minute < 10; minute++) {
        window.dispatchEvent(new Event('pointermove'))
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }))
        await advance(60_000)
      }
      expect(notice()).toBeNull()
    })

    it('counts down once a form holds typed input, and says the input goes, not a sign-out', async () => {
      mounted = await mountApp('/register', kioskApi(false))
      // A pasted or dictated name comes without a key: the field's change itself counts.
      await typeInto('Nachname', 'Huber')

      await advance(QUIET_MS - 1)
      expect(notice()).toBeNull()
      await advance(1)
      expect(document.getElementById('kiosk-idle-title')?.textContent?.trim()).toBe(
        'Sind Sie noch da?',
      )
      expect(noticeText()).toContain(
        'Aus Sicherheitsgründen löschen wir Ihre Eingaben in 20 Sekunden und zeigen wieder die Startseite.',
      )
      expect(noticeText()).not.toContain('abgemeldet')
    })

    it('"Ich bin noch da" keeps the form as it is and waits a full quiet time again', async () => {
      mounted = await mountApp('/register', kioskApi(false))
      await typeInto('Nachname', 'Huber')
      await advance(QUIET_MS + 5000)
      await click(button(mounted.wrapper, 'Ich bin noch da'))

      expect(notice()).toBeNull()
      expect(field(mounted.wrapper, 'Nachname').element.value).toBe('Huber')
      await advance(QUIET_MS - 1)
      expect(notice()).toBeNull()
      await advance(1)
      expect(notice()).not.toBeNull()
    })

    it('at zero empties the page and loads the bare start screen: no sign-out, no ?ended', async () => {
      const api = kioskApi(false)
      mounted = await mountApp('/register', api)
      vi.stubGlobal('location', location)
      await typeInto('Nachname', 'Huber')
      await typeInto('Kundennummer', '100517903')
      sessionStorage.setItem('draft', 'Lukas Gruber, 100517903')
      localStorage.setItem('mmf.locale', 'en')

      await advance(QUIET_MS + 20_000)

      expect(noticeText()).toContain('Eingaben werden gelöscht')
      expect(noticeText()).not.toMatch(/abgemeldet|Sitzung/)
      expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
      expect(localStorage.length).toBe(0)
      expect(sessionStorage.length).toBe(0)
      expect(location.replace).toHaveBeenCalledExactlyOnceWith('http://localhost:3000/#/')
      // A full load: no field, no Pinia state of the form survives.
      expect(location.reload).toHaveBeenCalledOnce()
    })
  })

  it('restarts the quiet time on input before the warning', async () => {
    mounted = await mountApp('/help', kioskApi(true))

    await advance(QUIET_MS - 5000)
    window.dispatchEvent(new Event('pointermove'))
    await advance(QUIET_MS - 1)
    expect(notice()).toBeNull()
    await advance(1)
    expect(notice()).not.toBeNull()
  })
})
