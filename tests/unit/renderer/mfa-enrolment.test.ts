// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PAGE_SESSION_MARK } from '../../../src/renderer/src/stores/kiosk.ts'
import { apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { KIOSK_SETTINGS, webClientInfo } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaSignedIn } from './support/postbox-view.ts'
import { annaProfile, plain } from './support/profile.ts'
import { button, click, errorOf, field, fill, hasButton } from './support/queries.ts'

const PASSWORD = 'Festungsberg-Regenschirm-2026'
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const ENROLMENT = {
  enrolmentId: 'enrolment-0123456789abcdef',
  secret: SECRET,
  otpauthUri: `otpauth://totp/My%20MINI%20Finance:anna.huber%40example.at?secret=${SECRET}&issuer=My%20MINI%20Finance`,
}
const CODES = [
  'abcd-efgh',
  'jkmn-pqrs',
  'tuvw-xyz2',
  '3456-789a',
  'bcde-fghj',
  'kmnp-qrst',
  'uvwx-yz23',
  '4567-89ab',
  'cdef-ghjk',
  'mnpq-rstu',
]

function attemptsLeft(status: number, code: string, left: number) {
  return { status, body: { error: { code, message: code, attemptsLeft: left } } }
}

describe('the second factor on the profile page', () => {
  let mounted: MountedApp
  let api: FakeApi
  let writeText: ReturnType<typeof vi.fn>

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    api.on('GET', '/me', {
      status: 200,
      body: { customer: annaProfile() },
      headers: { etag: '"v1"' },
    })
    writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    sessionStorage.clear()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const section = () => main().get('[data-section="mfa"]')
  const value = (key: string) => plain(section().get(`dd[data-field="${key}"]`).text())
  const dialog = (name: string) => main().get(`[data-testid="${name}-dialog"]`)

  async function enable(): Promise<void> {
    mounted = await mountApp('/profile', api)
    await click(button(section(), 'Einschalten'))
  }

  it('says it is off, and turns it on: password, QR code and key, first code, codes once', async () => {
    api
      .on('POST', '/me/mfa/totp', (request) =>
        (request.body as { password: string }).password === PASSWORD
          ? { status: 201, body: ENROLMENT }
          : attemptsLeft(403, 'invalid_credentials', 2),
      )
      .on('POST', '/me/mfa/totp/confirm', (request) =>
        (request.body as { code: string }).code === '654321'
          ? { status: 200, body: { enabled: true, recoveryCodes: CODES } }
          : attemptsLeft(403, 'invalid_code', 1),
      )
    await enable()
    expect(value('mfa')).toBe('Ausgeschaltet')

    // The password first: a wrong one says so, with the attempts left.
    const enrol = dialog('mfa-enable')
    await fill(field(enrol, 'Ihr Passwort'), 'not-the-password-at-all')
    await click(button(enrol, 'Weiter'))
    expect(errorOf(field(enrol, 'Ihr Passwort'))).toContain(
      'Noch 2 Versuche, danach wird Ihr Konto gesperrt.',
    )
    expect(enrol.find('[data-testid="mfa-qr-code"]').exists()).toBe(false)

    await fill(field(enrol, 'Ihr Passwort'), PASSWORD)
    await click(button(enrol, 'Weiter'))

    // The QR code, drawn here, and the key in groups of four.
    const qr = enrol.get('[data-testid="mfa-qr-code"]')
    expect(qr.element.tagName.toLowerCase()).toBe('svg')
    expect(qr.attributes('aria-label')).toBe('QR-Code für Ihre Authenticator-App')
    expect(qr.get('path').attributes('d')?.length).toBeGreaterThan(1000)
    expect(plain(enrol.get('[data-testid="mfa-secret"]').text())).toBe(
      'Schlüssel: JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    )
    expect(document.activeElement?.id).toBe('mfa-enable-code')

    // The first code: its format is checked, a wrong one is said.
    await fill(field(enrol, 'Code'), '12 34')
    await click(button(enrol, 'Einschalten'))
    expect(errorOf(field(enrol, 'Code'))).toBe(
      'Bitte geben Sie die 6 Ziffern aus Ihrer App oder einen Wiederherstellungscode (xxxx-xxxx) ein.',
    )
    expect(api.callsTo('POST', '/me/mfa/totp/confirm')).toHaveLength(0)
    await fill(field(enrol, 'Code'), '111111')
    await click(button(enrol, 'Einschalten'))
    expect(errorOf(field(enrol, 'Code'))).toBe(
      'Der Code ist nicht korrekt. Bitte geben Sie den aktuellen Code aus Ihrer App ein. Noch 1 Versuch, danach wird Ihr Konto gesperrt.',
    )
    await fill(field(enrol, 'Code'), '654 321')
    await click(button(enrol, 'Einschalten'))
    expect(api.callsTo('POST', '/me/mfa/totp/confirm').at(-1)?.body).toEqual({
      enrolmentId: ENROLMENT.enrolmentId,
      code: '654321',
    })

    // The ten recovery codes, with copy and print.
    const codes = dialog('mfa-codes')
    expect(codes.findAll('[data-testid="mfa-recovery-codes"] li').map((li) => li.text())).toEqual(
      CODES,
    )
    await click(button(codes, 'Kopieren'))
    expect(writeText).toHaveBeenCalledWith(CODES.join('\n'))
    expect(codes.text()).toContain('Die Codes sind in der Zwischenablage.')

    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      // What goes to paper: the codes alone, while the print dialog is open.
      const sheet = document.querySelector('body > .mmf-print-view')
      expect(sheet?.querySelectorAll('li')).toHaveLength(10)
      expect(sheet?.textContent).toContain('abcd-efgh')
    })
    await click(button(codes, 'Drucken'))
    expect(print).toHaveBeenCalledTimes(1)
    expect(document.querySelector('.mmf-print-view')).toBeNull()

    // Shown once: closed, they are gone; the section says it is on, with 10 codes left.
    await click(button(codes, 'Ich habe die Codes gespeichert'))
    expect(main().find('[data-testid="mfa-codes-dialog"]').exists()).toBe(false)
    expect(document.body.textContent).not.toContain('abcd-efgh')
    expect(value('mfa')).toBe('Eingeschaltet')
    expect(value('recoveryCodesLeft')).toBe('10')
    expect(section().text()).toContain('Die Zwei-Faktor-Anmeldung ist eingeschaltet.')
    // "Einschalten" is gone: the focus is on the section's first action.
    expect(document.activeElement?.textContent?.trim()).toBe('Neue Wiederherstellungscodes')
  })

  it('starts again at the password when the enrolment ran out', async () => {
    api
      .on('POST', '/me/mfa/totp', { status: 201, body: ENROLMENT })
      .on('POST', '/me/mfa/totp/confirm', apiError(404, 'enrolment_not_found'))
    await enable()
    const enrol = dialog('mfa-enable')
    await fill(field(enrol, 'Ihr Passwort'), PASSWORD)
    await click(button(enrol, 'Weiter'))
    await fill(field(enrol, 'Code'), '123456')
    await click(button(enrol, 'Einschalten'))

    expect(enrol.text()).toContain(
      'Die Einrichtung ist abgelaufen. Bitte bestätigen Sie Ihr Passwort und beginnen Sie erneut.',
    )
    expect(field(enrol, 'Ihr Passwort').exists()).toBe(true)
    expect(enrol.find('[data-testid="mfa-qr-code"]').exists()).toBe(false)
  })

  it('offers no "Drucken" on a kiosk terminal', async () => {
    webClientInfo(api, KIOSK_SETTINGS)
    // This tab signed in (the web preview's kiosk marks it): the session is the visitor's.
    sessionStorage.setItem(PAGE_SESSION_MARK, '1')
    api
      .on('POST', '/me/mfa/totp', { status: 201, body: ENROLMENT })
      .on('POST', '/me/mfa/totp/confirm', {
        status: 200,
        body: { enabled: true, recoveryCodes: CODES },
      })
    await enable()
    const enrol = dialog('mfa-enable')
    await fill(field(enrol, 'Ihr Passwort'), PASSWORD)
    await click(button(enrol, 'Weiter'))
    expect(field(enrol, 'Code').attributes('autocomplete')).toBe('off')
    await fill(field(enrol, 'Code'), '123456')
    await click(button(enrol, 'Einschalten'))

    const codes = dialog('mfa-codes')
    expect(codes.findAll('[data-testid="mfa-recovery-codes"] li')).toHaveLength(10)
    expect(hasButton(codes, 'Kopieren')).toBe(true)
    expect(hasButton(codes, 'Drucken')).toBe(false)
  })

  it('turns it off with the password and a code', async () => {
    api
      .on('GET', '/me/mfa', { status: 200, body: { enabled: true, recoveryCodesLeft: 7 } })
      .on('DELETE', '/me/mfa', (request) =>
        (request.body as { code: string }).code === 'abcd-efgh'
          ? { status: 204 }
          : attemptsLeft(403, 'invalid_code', 2),
      )
    mounted = await mountApp('/profile', api)
    expect(value('mfa')).toBe('Eingeschaltet')
    expect(value('recoveryCodesLeft')).toBe('7')

    await click(button(section(), 'Ausschalten'))
    const off = dialog('mfa-disable')
    await fill(field(off, 'Ihr Passwort'), PASSWORD)
    await fill(field(off, 'Code'), '000000')
    await click(button(off, 'Ausschalten'))
    expect(errorOf(field(off, 'Code'))).toContain('Noch 2 Versuche')

    await fill(field(off, 'Code'), 'ABCD EFGH')
    await click(button(off, 'Ausschalten'))
    expect(api.callsTo('DELETE', '/me/mfa').at(-1)?.body).toEqual({
      password: PASSWORD,
      code: 'abcd-efgh',
    })
    expect(value('mfa')).toBe('Ausgeschaltet')
    expect(section().text()).toContain('Die Zwei-Faktor-Anmeldung ist ausgeschaltet.')
  })

  it('makes a new set of recovery codes and shows it once', async () => {
    api
      .on('GET', '/me/mfa', { status: 200, body: { enabled: true, recoveryCodesLeft: 2 } })
      .on('POST', '/me/mfa/recovery-codes', { status: 200, body: { recoveryCodes: CODES } })
    mounted = await mountApp('/profile', api)
    expect(section().text()).toContain('Sie haben nur noch wenige Wiederherstellungscodes.')

    await click(button(section(), 'Neue Wiederherstellungscodes'))
    const renew = dialog('mfa-renew')
    await click(button(renew, 'Neue Codes erstellen'))
    expect(errorOf(field(renew, 'Ihr Passwort'))).not.toBe('')
    expect(errorOf(field(renew, 'Code'))).toBe(
      'Bitte geben Sie den Code aus Ihrer Authenticator-App ein.',
    )
    await fill(field(renew, 'Ihr Passwort'), PASSWORD)
    await fill(field(renew, 'Code'), '123456')
    await click(button(renew, 'Neue Codes erstellen'))

    const codes = dialog('mfa-codes')
    expect(codes.findAll('[data-testid="mfa-recovery-codes"] li')).toHaveLength(10)
    await click(button(codes, 'Ich habe die Codes gespeichert'))
    await flushPromises()
    expect(value('recoveryCodesLeft')).toBe('10')
  })

  it('speaks English too', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    api.on('POST', '/me/mfa/totp', apiError(409, 'mfa_already_enabled'))
    mounted = await mountApp('/profile', api)
    expect(section().get('h2').text()).toBe('Two-factor sign-in')
    await click(button(section(), 'Turn on'))
    const enrol = dialog('mfa-enable')
    await fill(field(enrol, 'Your password'), PASSWORD)
    await click(button(enrol, 'Next'))
    expect(enrol.text()).toContain('Two-factor sign-in is already on.')
  })
})
