// @vitest-environment jsdom
import { DOMWrapper, flushPromises } from '@vue/test-utils'
import { AxiosHeaders, type AxiosAdapter } from 'axios'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiClient } from '../../../src/renderer/src/api/client.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaProfile, changeButton, plain } from './support/profile.ts'
import { announcements, button, click, errorOf, field, fill, link } from './support/queries.ts'

const PROFILE = annaProfile({
  bankAccount: { ibanMasked: 'DE89 **** **** **** **** 3000', accountHolder: 'Anna Huber' },
})

/** A valid Austrian IBAN (the example of the brief) and its masked form. */
const IBAN = 'AT611904300234573201'
const MASKED = 'AT61 **** **** **** 3201'
const PASSWORD = 'Festungsberg-Regenschirm-2026'

describe('the bank details dialog', () => {
  let mounted: MountedApp
  let api: FakeApi
  let ifMatch: unknown[]

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api.on('GET', '/session', {
      status: 200,
      body: { signedIn: true, customer: { ...ANNA, activated: true } },
    })
    api.on('GET', '/me', { status: 200, body: { customer: PROFILE }, headers: { etag: '"v1"' } })
    const inner = apiClient.defaults.adapter as AxiosAdapter
    ifMatch = []
    apiClient.defaults.adapter = (config) => {
      if (config.method?.toUpperCase() === 'PUT')
        ifMatch.push(AxiosHeaders.from(config.headers).get('if-match'))
      return inner(config)
    }
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const dialog = () => main().get('[data-testid="bank-dialog"]')
  const ibanInput = () => field<HTMLInputElement>(dialog(), 'Neue IBAN')

  async function open(name = 'Ändern: Bankverbindung'): Promise<void> {
    mounted = await mountApp('/profile', api)
    const opener = changeButton(name)
    opener.element.focus()
    await click(opener)
  }

  /** Types as the browser does: the new raw value and caret, then `input`. */
  async function type(
    input: DOMWrapper<HTMLInputElement>,
    raw: string,
    caret = raw.length,
    inputType = 'insertText',
  ): Promise<void> {
    input.element.value = raw
    input.element.setSelectionRange(caret, caret)
    input.element.dispatchEvent(new InputEvent('input', { inputType, bubbles: true }))
    await flushPromises()
  }

  async function fillValid(): Promise<void> {
    await type(ibanInput(), IBAN.toLowerCase())
    await field(dialog(), 'Ich erteile das SEPA-Lastschriftmandat.').setValue(true)
    await fill(field(dialog(), 'Ihr Passwort'), PASSWORD)
  }

  it('groups the IBAN in fours as it is typed, and keeps the caret where the typing is', async () => {
    await open()
    const input = ibanInput()
    expect(document.activeElement).toBe(input.element)

    await type(input, 'at6119')
    expect(input.element.value).toBe('AT61 19')
    expect(input.element.selectionStart).toBe(7)

    // A character typed in the middle: the caret stays after it, not at the end.
    await type(input, 'AT61 1X9', 7)
    expect(input.element.value).toBe('AT61 1X9')
    await type(input, 'AT61 19043002', 13)
    expect(input.element.value).toBe('AT61 1904 3002')
    await type(input, 'AT61 1904 35002', 12)
    expect(input.element.value).toBe('AT61 1904 3500 2')
    expect(input.element.selectionStart).toBe(12)

    // Backspace just after a group's space takes the character before it.
    await type(input, 'AT61 19043500 2', 9, 'deleteContentBackward')
    expect(input.element.value).toBe('AT61 1903 5002')
    expect(input.element.selectionStart).toBe(8)

    // A pasted IBAN with spaces, dashes and lower case.
    await type(input, 'at61-1904-3002-3457-3201')
    expect(input.element.value).toBe('AT61 1904 3002 3457 3201')
  })

  it('checks the IBAN at once with clear texts: check digits, SEPA country, length', async () => {
    await open()
    const input = ibanInput()

    // The full length typed: the bank's check runs without leaving the field.
    await type(input, 'AT61 1904 3002 3457 3202')
    expect(errorOf(input)).toBe(
      'Die Prüfziffern passen nicht zu dieser IBAN: Wahrscheinlich ist ein Zeichen vertippt oder vertauscht. Bitte vergleichen Sie die IBAN Zeichen für Zeichen mit Ihrer Bankkarte oder Ihrem Online-Banking.',
    )

    await type(input, 'US12 3456')
    expect(errorOf(input)).toBe(
      'Diese IBAN gehört zu einem Konto außerhalb des SEPA-Raums. Für die Lastschrift brauchen wir ein Konto in einem SEPA-Land, zum Beispiel in Österreich oder Deutschland.',
    )

    await type(input, 'AT61 1904 3002 3457 320')
    await input.trigger('blur')
    expect(errorOf(input)).toBe(
      'Eine IBAN aus Österreich hat 20 Zeichen, Ihre Eingabe hat 19. Bitte prüfen Sie, ob ein Zeichen fehlt oder zu viel ist.',
    )

    await type(input, '12AT 6119')
    expect(errorOf(input)).toContain('Eine IBAN beginnt mit dem Ländercode (zwei Buchstaben)')

    await type(input, 'AT61 1904 3002 3457 3201')
    expect(errorOf(input)).toBe('')
    expect(plain(dialog().get('#bank-iban-status').text())).toBe(
      '✓ Die IBAN ist gültig (Österreich).',
    )
    expect(input.attributes('aria-describedby')).toContain('bank-iban-status')
    expect(api.callsTo('PUT', '/me/bank-account')).toHaveLength(0)
  })

  it('checks the IBAN in English too', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    await open('Change: Bank details')
    const input = field<HTMLInputElement>(dialog(), 'New IBAN')
    await type(input, 'DE89 3704 0044 0532 0130 001')
    expect(errorOf(input)).toBe(
      'An IBAN from Germany has 22 characters, yours has 23. Please check whether a character is missing or one too many.',
    )
    await type(input, 'DE88 3704 0044 0532 0130 00')
    expect(errorOf(input)).toContain('The check digits do not fit this IBAN')
    await type(input, 'GB82 WEST 1234 5698 7654 32')
    expect(errorOf(input)).toBe('')
    expect(plain(dialog().get('#bank-iban-status').text())).toBe(
      '✓ The IBAN is valid (United Kingdom).',
    )
  })

  it('needs the mandate and the password before anything is sent, in German and English', async () => {
    await open()
    await type(ibanInput(), IBAN)
    await click(button(dialog(), 'Bankverbindung speichern'))
    const mandate = field(dialog(), 'Ich erteile das SEPA-Lastschriftmandat.')
    expect(mandate.attributes('type')).toBe('checkbox')
    expect(errorOf(mandate)).toBe(
      'Bitte erteilen Sie das SEPA-Lastschriftmandat. Ohne Mandat können wir die Raten nicht von diesem Konto abbuchen.',
    )
    expect(errorOf(field(dialog(), 'Ihr Passwort'))).toBe('Bitte geben Sie Ihr Passwort ein.')
    expect(api.callsTo('PUT', '/me/bank-account')).toHaveLength(0)
    // The mandate text is there to read, naming who collects.
    expect(dialog().get('#bank-mandate-text').text()).toContain(
      'Ich ermächtige die BMW Austria Bank GmbH (MINI Financial Services)',
    )
    mounted.wrapper.unmount()

    resetLocale('en')

    api.customerSpeaks('en')
    await open('Change: Bank details')
    await fill(field(dialog(), 'Account holder'), 'Anna 2')
    await click(button(dialog(), 'Save bank details'))
    expect(errorOf(field(dialog(), 'New IBAN'))).toBe('Please enter the IBAN.')
    expect(errorOf(field(dialog(), 'Account holder'))).toBe(
      "The name may contain only letters, spaces, hyphens (-), apostrophes (') and full stops.",
    )
    expect(errorOf(field(dialog(), 'I give the SEPA direct debit mandate.'))).toBe(
      'Please give the SEPA direct debit mandate. Without it we cannot collect the instalments from this account.',
    )
    expect(errorOf(field(dialog(), 'Your password'))).toBe('Please enter your password.')
    expect(api.callsTo('PUT', '/me/bank-account')).toHaveLength(0)
  })

  it('points out a character no name may hold in the account holder while it is typed', async () => {
    await open()
    const holder = field(dialog(), 'Kontoinhaber/in')
    await holder.setValue('Anna Huber, Linzer Gasse 12')
    expect(errorOf(holder)).toBe(
      "Der Name darf nur Buchstaben, Leerzeichen, Bindestriche (-), Apostrophe (') und Punkte enthalten.",
    )
    await holder.setValue("Anna O'Brien-Huber")
    expect(errorOf(holder)).toBe('')
    await fill(holder, 'A'.repeat(61))
    expect(errorOf(holder)).toBe('Bitte kürzen Sie den Namen auf höchstens 60 Zeichen.')
  })

  it('changes the bank details and from then on shows only the masked IBAN', async () => {
    api.on('PUT', '/me/bank-account', {
      status: 200,
      body: {
        customer: { ...PROFILE, bankAccount: { ibanMasked: MASKED, accountHolder: 'Anna Huber' } },
      },
      headers: { etag: '"v2"' },
    })
    await open()
    expect(dialog().get('[data-testid="bank-current"]').text()).toBe(
      'DE89 **** **** **** **** 3000',
    )
    expect(field<HTMLInputElement>(dialog(), 'Kontoinhaber/in').element.value).toBe('Anna Huber')
    await fillValid()
    await click(button(dialog(), 'Bankverbindung speichern'))

    expect(api.callsTo('PUT', '/me/bank-account').map((c) => c.body)).toEqual([
      { iban: IBAN, accountHolder: 'Anna Huber', sepaMandateAccepted: true, password: PASSWORD },
    ])
    expect(ifMatch).toEqual(['"v1"'])
    expect(main().find('[data-testid="bank-dialog"]').exists()).toBe(false)
    const status = main().get('[data-section="bank"] [role="status"]')
    expect(plain(status.text())).toBe(
      `Ihre Bankverbindung wurde geändert. Die nächste Rate und alle weiteren buchen wir von ${MASKED} ab. Das SEPA-Lastschriftmandat finden Sie in Ihrem Postfach. Zum Postfach`,
    )
    expect(link(status, 'Zum Postfach').attributes('href')).toBe('/postbox')
    expect(main().get('dd[data-field="iban"]').text()).toBe(MASKED)
    // Neither the full IBAN nor the password is left anywhere on the page.
    expect(document.body.innerHTML).not.toContain('1904 3002')
    expect(document.body.innerHTML).not.toContain(IBAN)
    expect(document.body.innerHTML).not.toContain(PASSWORD)
  })

  it('says at the password field when the password is wrong', async () => {
    api.on('PUT', '/me/bank-account', apiError(403, 'invalid_credentials'))
    await open()
    await fillValid()
    await click(button(dialog(), 'Bankverbindung speichern'))
    const password = field(dialog(), 'Ihr Passwort')
    expect(errorOf(password)).toBe(
      'Das Passwort ist nicht korrekt. Bitte geben Sie das Passwort ein, mit dem Sie sich anmelden. Nach drei falschen Eingaben hintereinander wird Ihr Konto gesperrt.',
    )
    expect(document.activeElement).toBe(password.element)
    // The IBAN is kept for the next try.
    expect(ibanInput().element.value).toBe('AT61 1904 3002 3457 3201')
    await fill(password, 'another one')
    expect(errorOf(password)).toBe('')
  })

  it('says how long to wait when asked to (429)', async () => {
    api.on(
      'PUT',
      '/me/bank-account',
      apiError(429, 'rate_limited', undefined, { 'retry-after': '540' }),
    )
    await open()
    await fillValid()
    await click(button(dialog(), 'Bankverbindung speichern'))
    expect(announcements(dialog())).toContain(
      'Zu viele Versuche. Bitte versuchen Sie es in 9 Minuten erneut.',
    )
    expect(dialog().text()).not.toContain('rate_limited')
  })

  it('puts the backend’s IBAN reason on the IBAN field', async () => {
    api.on('PUT', '/me/bank-account', apiError(400, 'validation_failed', { iban: 'not_sepa' }))
    await open()
    await fillValid()
    await click(button(dialog(), 'Bankverbindung speichern'))
    expect(errorOf(ibanInput())).toBe(
      'Diese IBAN gehört zu einem Konto außerhalb des SEPA-Raums. Für die Lastschrift brauchen wir ein Konto in einem SEPA-Land, zum Beispiel in Österreich oder Deutschland.',
    )
    expect(document.activeElement).toBe(ibanInput().element)
  })

  it('on 412 shows the current bank details and asks for the mandate again', async () => {
    api.on('PUT', '/me/bank-account', apiError(412, 'precondition_failed'))
    await open()
    await fillValid()
    api.on('GET', '/me', {
      status: 200,
      body: {
        customer: {
          ...PROFILE,
          bankAccount: { ibanMasked: MASKED, accountHolder: 'Anna M. Huber' },
        },
      },
      headers: { etag: '"v5"' },
    })
    await click(button(dialog(), 'Bankverbindung speichern'))

    expect(dialog().get('[data-testid="profile-stale"]').text()).toBe(
      'Ihre Daten wurden inzwischen an anderer Stelle geändert. Wir zeigen Ihnen den aktuellen Stand.',
    )
    expect(dialog().get('[data-testid="bank-current"]').text()).toBe(MASKED)
    expect(field<HTMLInputElement>(dialog(), 'Kontoinhaber/in').element.value).toBe('Anna M. Huber')
    expect(
      field<HTMLInputElement>(dialog(), 'Ich erteile das SEPA-Lastschriftmandat.').element.checked,
    ).toBe(false)
    expect(main().get('dd[data-field="iban"]').text()).toBe(MASKED)
  })
})
