// @vitest-environment jsdom
/**
 * The desktop kiosk (window.mmf present): main runs the countdown. The page passes
 * input on at most once a second, shows main's `kiosk:idle` events, answers
 * "Ich bin noch da" with `kiosk:continue`, and asks for the exit PIN after the
 * exit gesture (`kiosk:exitRequested` → `kiosk:exit`).
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { KioskExitResult } from '../../../src/shared/kiosk.ts'
import { ANNA, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { fakeMmf, type FakeMmf } from './support/fake-mmf.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field, hasButton } from './support/queries.ts'

const SETTINGS = {
  dealershipName: 'MINI Autohaus Salzburg',
  printingAvailable: false,
  idleTimeoutSeconds: 120,
  warningSeconds: 30,
}

describe('the desktop kiosk shell', () => {
  let mounted: MountedApp | undefined
  let mmf: FakeMmf
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    mmf = fakeMmf({ kiosk: true, kioskSettings: SETTINGS, keychain: 'memory' })
    vi.stubGlobal('mmf', mmf)
    api = installFakeApi()
      .on('GET', '/session', { status: 200, body: { signedIn: true, customer: ANNA } })
      .on('DELETE', '/sessions/current', { status: 204 })
  })

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  const text = (element: Element | null | undefined) =>
    (element?.textContent ?? '').replace(/\s+/g, ' ').trim()
  const notice = () => document.querySelector<HTMLElement>('[role="alertdialog"]')
  const exitDialog = () => document.querySelector<HTMLElement>('[data-testid="kiosk-exit-dialog"]')
  const pinField = () => document.querySelector<HTMLInputElement>('#kiosk-exit-pin')
  const app = () => {
    if (!mounted) throw new Error('mount the app first')
    return mounted.wrapper
  }

  async function emit(...args: Parameters<FakeMmf['emit']>): Promise<void> {
    mmf.emit(...args)
    await flushPromises()
  }

  describe('input and the idle notice', () => {
    it('passes input on to main at most once a second', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      mounted = await mountApp('/help', api)

      for (let i = 0; i < 20; i++) window.dispatchEvent(new Event('pointermove'))
      window.dispatchEvent(new Event('pointerdown'))
      expect(mmf.kiosk.activity).toHaveBeenCalledTimes(1)

      vi.advanceTimersByTime(999)
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }))
      expect(mmf.kiosk.activity).toHaveBeenCalledTimes(1)

      vi.advanceTimersByTime(1)
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }))
      expect(mmf.kiosk.activity).toHaveBeenCalledTimes(2)

      for (const type of ['wheel', 'touchstart', 'pointerdown']) {
        vi.advanceTimersByTime(1000)
        window.dispatchEvent(new Event(type))
      }
      expect(mmf.kiosk.activity).toHaveBeenCalledTimes(5)
      // Main runs the countdown: the page never signs out on its own.
      expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
    })

    it('tells main when a form field holds typed input (kiosk:formInput, at most once a second)', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      api.on('GET', '/session', { status: 200, body: { signedIn: false } })
      mounted = await mountApp('/register', api)
      window.dispatchEvent(new Event('pointerdown'))
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }))
      expect(mmf.kiosk.formInput).not.toHaveBeenCalled()

      const lastName = field(mounted.wrapper, 'Nachname')
      await lastName.setValue('H')
      await lastName.setValue('Hu')
      expect(mmf.kiosk.formInput).toHaveBeenCalledOnce()
      vi.advanceTimersByTime(1000)
      // Choosing counts too (a select says 'change').
      await field<HTMLSelectElement>(mounted.wrapper, 'Anrede').setValue('mr')
      expect(mmf.kiosk.formInput).toHaveBeenCalledTimes(2)
    })

    it("shows main's countdown to a visitor as deleting the input, not as a sign-out", async () => {
      api.on('GET', '/session', { status: 200, body: { signedIn: false } })
      const replace = vi.fn()
      vi.stubGlobal('location', {
        href: 'app://mmf/index.html#/register',
        replace,
        reload: vi.fn(),
      })
      mounted = await mountApp('/register', api)

      await emit('kiosk:idle', { phase: 'warning', secondsLeft: 30 })
      expect(text(notice())).toContain('Sind Sie noch da?')
      expect(text(notice())).toContain('löschen wir Ihre Eingaben in 30 Sekunden')
      await emit('kiosk:idle', { phase: 'tick', secondsLeft: 1 })
      expect(text(notice())).toContain('löschen wir Ihre Eingaben in 1 Sekunde')
      expect(text(notice())).not.toContain('abgemeldet')

      await emit('kiosk:idle', { phase: 'expired' })
      expect(text(notice())).toContain('Eingaben werden gelöscht')
      // Main empties the page and loads the start screen; the page itself calls nothing.
      expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
      expect(replace).not.toHaveBeenCalled()
    })

    it("shows main's countdown, counts it down and hides it when main clears it", async () => {
      mounted = await mountApp('/help', api)
      const heading = mounted.wrapper.get('h1').element as HTMLElement
      heading.tabIndex = -1
      heading.focus()
      expect(notice()).toBeNull()

      await emit('kiosk:idle', { phase: 'warning', secondsLeft: 30 })
      expect(text(notice())).toContain('Sind Sie noch da?')
      expect(text(notice())).toContain('in 30 Sekunden abgemeldet')
      expect(text(document.activeElement)).toBe('Ich bin noch da')

      await emit('kiosk:idle', { phase: 'tick', secondsLeft: 2 })
      expect(text(notice())).toContain('in 2 Sekunden abgemeldet')
      await emit('kiosk:idle', { phase: 'tick', secondsLeft: 1 })
      expect(text(notice())).toContain('in 1 Sekunde abgemeldet')

      await click(button(mounted.wrapper, 'Ich bin noch da'))
      expect(mmf.kiosk.continue).toHaveBeenCalledOnce()
      // Main answers with `cleared`; until then the notice stays.
      expect(notice()).not.toBeNull()
      await emit('kiosk:idle', { phase: 'cleared' })
      expect(notice()).toBeNull()
      expect(document.activeElement).toBe(heading)
    })

    it('shows that the session ends when main says it expired, and leaves the end to main', async () => {
      const replace = vi.fn()
      vi.stubGlobal('location', { href: 'app://mmf/index.html#/help', replace, reload: vi.fn() })
      mounted = await mountApp('/help', api)

      await emit('kiosk:idle', { phase: 'warning', secondsLeft: 30 })
      await emit('kiosk:idle', { phase: 'expired' })

      expect(text(notice())).toContain('Sitzung wird beendet')
      expect(hasButton(mounted.wrapper, 'Ich bin noch da')).toBe(false)
      expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(0)
      expect(replace).not.toHaveBeenCalled()
    })
  })

  describe('the exit dialog', () => {
    async function openExit(pinRequired = true): Promise<void> {
      mounted = await mountApp('/', api)
      await emit('kiosk:exitRequested', { pinRequired })
    }

    async function submitPin(pin: string): Promise<void> {
      const field = pinField()
      if (!field) throw new Error('no PIN field')
      field.value = pin
      field.dispatchEvent(new Event('input'))
      await nextTick()
      await click(button(app(), 'Kioskmodus beenden'))
    }

    function answer(...results: KioskExitResult[]): void {
      for (const result of results) {
        vi.mocked(mmf.kiosk.exit).mockResolvedValueOnce({ ok: true, value: result })
      }
    }

    it('asks for the PIN in a hidden numeric field with the focus', async () => {
      await openExit()
      const dialog = exitDialog()
      expect(dialog?.getAttribute('aria-modal')).toBe('true')
      expect(text(document.getElementById(dialog?.getAttribute('aria-labelledby') ?? ''))).toBe(
        'Kioskmodus beenden',
      )
      expect(text(dialog)).toContain('Ctrl+Alt+Shift+K')
      const field = pinField()
      expect(field?.type).toBe('password')
      expect(field?.getAttribute('inputmode')).toBe('numeric')
      expect(field?.getAttribute('autocomplete')).toBe('off')
      expect(document.activeElement).toBe(field)
    })

    it('refuses a PIN that is not 6 to 12 digits without asking main', async () => {
      await openExit()
      await submitPin('12345')
      expect(text(exitDialog())).toContain('Bitte geben Sie die PIN mit 6 bis 12 Ziffern ein.')
      await submitPin('12345a')
      expect(mmf.kiosk.exit).not.toHaveBeenCalled()
    })

    it('says how many attempts are left, then that it is locked, and clears the PIN each time', async () => {
      answer(
        { result: 'wrong', attemptsLeft: 4 },
        { result: 'wrong', attemptsLeft: 1 },
        { result: 'locked', retryAfterSeconds: 300 },
        { result: 'locked', retryAfterSeconds: 42 },
      )
      await openExit()

      await submitPin('111111')
      expect(mmf.kiosk.exit).toHaveBeenLastCalledWith({ pin: '111111' })
      expect(text(exitDialog())).toContain('Falsche PIN. Noch 4 Versuche.')
      expect(pinField()?.value).toBe('')
      expect(document.activeElement).toBe(pinField())

      await submitPin('222222')
      expect(text(exitDialog())).toContain('Falsche PIN. Noch 1 Versuch.')

      await submitPin('333333')
      expect(text(exitDialog())).toContain(
        'Zu viele falsche Eingaben. Bitte in 5 Minuten erneut versuchen.',
      )
      expect(pinField()?.value).toBe('')

      await submitPin('444444')
      expect(text(exitDialog())).toContain('Bitte in 1 Minute erneut versuchen.')
    })

    it('says that kiosk mode ends when main accepted the PIN', async () => {
      answer({ result: 'exiting' })
      await openExit()
      await submitPin('123456789012')

      expect(mmf.kiosk.exit).toHaveBeenCalledWith({ pin: '123456789012' })
      expect(text(exitDialog())).toContain('Der Kioskmodus wird beendet …')
      expect(hasButton(app(), 'Abbrechen')).toBe(false)
      expect(pinField()?.value ?? '').toBe('')
    })

    it('asks for the gesture again when main no longer accepts the PIN', async () => {
      vi.mocked(mmf.kiosk.exit).mockResolvedValueOnce({
        ok: false,
        error: { code: 'not_allowed' },
      })
      await openExit()
      await submitPin('123456')
      expect(text(exitDialog())).toContain('Die Anfrage ist abgelaufen.')
    })

    it('only asks for a confirmation on a terminal without a PIN, and sends an empty PIN', async () => {
      answer({ result: 'exiting' })
      await openExit(false)
      expect(pinField()).toBeNull()
      expect(text(exitDialog())).toContain('Möchten Sie den Kioskmodus beenden?')

      await click(button(app(), 'Kioskmodus beenden'))
      expect(mmf.kiosk.exit).toHaveBeenCalledExactlyOnceWith({ pin: '' })
      expect(text(exitDialog())).toContain('Der Kioskmodus wird beendet …')
    })

    it('closes on "Abbrechen" and keeps nothing of the PIN', async () => {
      await openExit()
      const field = pinField()
      if (!field) throw new Error('no PIN field')
      field.value = '987654'
      field.dispatchEvent(new Event('input'))
      await nextTick()

      await click(button(app(), 'Abbrechen'))
      expect(exitDialog()).toBeNull()
      expect(mmf.kiosk.exit).not.toHaveBeenCalled()

      await emit('kiosk:exitRequested', { pinRequired: true })
      expect(pinField()?.value).toBe('')
    })

    it('closes on Escape too', async () => {
      await openExit()
      exitDialog()?.dispatchEvent(new Event('cancel', { cancelable: true }))
      await flushPromises()
      expect(exitDialog()).toBeNull()
    })
  })
})
