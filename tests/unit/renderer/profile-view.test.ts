// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { AxiosHeaders, type AxiosAdapter } from 'axios'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProfileCustomer } from '../../../src/shared/api/profile.ts'
import { apiClient } from '../../../src/renderer/src/api/client.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaProfile, changeButton, plain } from './support/profile.ts'
import { announcements, button, click, errorOf, field, fill, link } from './support/queries.ts'

const PROFILE = annaProfile()
const PASSWORD = 'Festungsberg-Regenschirm-2026'

function hasChangeButton(
  root: { find(selector: string): { exists(): boolean } },
  name: string,
): boolean {
  return root.find(`button[aria-label="${name}"]`).exists()
}

/** Every request's If-Match header, in order (the fake gateway does not record headers). */
function recordIfMatch(): { method: string; url: string; ifMatch: unknown }[] {
  const inner = apiClient.defaults.adapter as AxiosAdapter
  const seen: { method: string; url: string; ifMatch: unknown }[] = []
  apiClient.defaults.adapter = (config) => {
    seen.push({
      method: (config.method ?? '').toUpperCase(),
      url: config.url ?? '',
      ifMatch: AxiosHeaders.from(config.headers).get('if-match') ?? null,
    })
    return inner(config)
  }
  return seen
}

function signedIn(api: FakeApi, activated = true): void {
  api.on('GET', '/session', {
    status: 200,
    body: { signedIn: true, customer: { ...ANNA, activated } },
  })
}

function serveProfile(api: FakeApi, customer: ProfileCustomer, etag = '"v1"'): void {
  api.on('GET', '/me', { status: 200, body: { customer }, headers: { etag } })
}

describe('the profile page', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const section = (id: string) => main().get(`[data-section="${id}"]`)
  const value = (key: string) => plain(main().get(`dd[data-field="${key}"]`).text())
  const dialog = (name: string) => main().find(`[data-testid="${name}-dialog"]`)

  async function openDialog(name: string): Promise<void> {
    const opener = changeButton(name)
    opener.element.focus()
    await click(opener)
  }

  it('shows everything GET /me returns, in its sections, readably', async () => {
    signedIn(api)
    serveProfile(api, PROFILE)
    mounted = await mountApp('/profile', api)

    expect(main().get('h1').text()).toBe('Persönliche Daten')
    expect(document.title).toBe('Persönliche Daten · My MINI Finance')
    const headings = main()
      .findAll('h2')
      .map((h) => h.text())
    expect(headings).toEqual([
      'Angaben zur Person',
      'Kontakt',
      'Adresse',
      'Bankverbindung',
      'Einstellungen',
      'Zwei-Faktor-Anmeldung',
      'Konto löschen',
    ])
    expect(value('salutation')).toBe('Frau')
    expect(value('name')).toBe('Anna Huber')
    expect(value('dateOfBirth')).toBe('12.03.1984')
    expect(value('customerNumber')).toBe('100482117')
    expect(value('email')).toBe('anna.huber@example.at')
    // Stored as E.164, shown as people write it.
    expect(value('phone')).toBe('+43 664 1234567')
    expect(value('street')).toBe('Getreidegasse 9')
    expect(value('postalCodeCity')).toBe('5020 Salzburg')
    expect(value('country')).toBe('Österreich')
    expect(value('iban')).toBe('AT61 **** **** **** 3201')
    expect(value('accountHolder')).toBe('Anna Huber')
    expect(value('locale')).toBe('Deutsch')
    expect(value('paperless')).toBe('Nein')
    expect(value('marketingConsent')).toBe('Nein')

    // Name and date of birth are read only: customer service changes them.
    expect(hasChangeButton(section('person'), 'Ändern: Angaben zur Person')).toBe(false)
    const note = plain(section('person').text())
    expect(note).toContain('Name und Geburtsdatum ändert unsere Kundenbetreuung für Sie')
    expect(link(section('person'), '+43 662 2191 4920').attributes('href')).toBe(
      'tel:+4366221914920',
    )
    expect(link(section('person'), 'ksc@mini.at').attributes('href')).toBe('mailto:ksc@mini.at')
    for (const name of [
      'Ändern: E-Mail-Adresse',
      'Ändern: Telefonnummer',
      'Ändern: Adresse',
      'Ändern: Bankverbindung',
      'Ändern: Einstellungen',
    ]) {
      expect(hasChangeButton(main(), name), name).toBe(true)
    }
  })

  it('shows the same in English, and the navigation leads there', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    signedIn(api)
    serveProfile(api, { ...PROFILE, preferences: { ...PROFILE.preferences, paperless: true } })
    mounted = await mountApp('/contracts', api)
    await click(link(mounted.wrapper.get('nav'), 'Personal details'))
    await flushPromises()

    expect(mounted.router.currentRoute.value.name).toBe('profile')
    expect(main().get('h1').text()).toBe('Personal details')
    expect(value('salutation')).toBe('Ms')
    expect(value('dateOfBirth')).toBe('12/03/1984')
    expect(value('country')).toBe('Austria')
    expect(value('paperless')).toBe('Yes')
    expect(plain(section('person').text())).toContain(
      'Our customer service changes your name and date of birth for you',
    )
    expect(hasChangeButton(main(), 'Change: Address')).toBe(true)
  })

  it('says when the profile cannot be loaded, and tries again', async () => {
    signedIn(api)
    api.on('GET', '/me', apiError(500, 'internal_error'))
    mounted = await mountApp('/profile', api)
    const alert = main().get('[role="alert"]')
    expect(plain(alert.text())).toContain('Ihre Daten konnten nicht geladen werden.')
    expect(plain(alert.text())).toContain('Bei uns ist ein Fehler aufgetreten.')

    serveProfile(api, PROFILE)
    await click(button(alert, 'Erneut versuchen'))
    expect(value('name')).toBe('Anna Huber')
  })

  it('treats a profile of the wrong shape as an error, and shows nothing of it', async () => {
    signedIn(api)
    const broken = [
      // Not E.164: the page would show it, and a change would send it back.
      { customer: { ...PROFILE, phone: 'Hacked 0664' } },
      { customer: { ...PROFILE, firstName: 'Hacked', preferences: { locale: 'fr' } } },
      { customer: { ...PROFILE, firstName: 'Hacked', dateOfBirth: '12.03.1984' } },
      { ...PROFILE, firstName: 'Hacked' },
    ]
    for (const body of broken) {
      api.on('GET', '/me', { status: 200, body, headers: { etag: '"v1"' } })
      mounted = await mountApp('/profile', api)
      const alert = main().get('[role="alert"]')
      expect(plain(alert.text()), JSON.stringify(body)).toContain(
        'Ihre Daten konnten nicht geladen werden.',
      )
      expect(plain(alert.text())).toContain('unerwarteter Fehler')
      expect(main().text()).not.toContain('Hacked')
      expect(main().find('dd[data-field="name"]').exists()).toBe(false)
      mounted.wrapper.unmount()
    }
    mounted = await mountApp('/', api)
  })

  describe('before activation', () => {
    const early: ProfileCustomer = {
      ...PROFILE,
      phone: null,
      address: null,
      bankAccount: null,
      activated: false,
    }

    beforeEach(() => {
      signedIn(api, false)
      serveProfile(api, early)
    })

    it('shows phone, address and bank details closed, with the way to the activation code', async () => {
      mounted = await mountApp('/profile', api)
      // What the backend refuses before activation is not offered.
      expect(hasChangeButton(main(), 'Ändern: Telefonnummer')).toBe(false)
      expect(hasChangeButton(main(), 'Ändern: Adresse')).toBe(false)
      expect(hasChangeButton(main(), 'Ändern: Bankverbindung')).toBe(false)
      // What it allows is: the e-mail address and the language.
      expect(hasChangeButton(main(), 'Ändern: E-Mail-Adresse')).toBe(true)
      expect(hasChangeButton(main(), 'Ändern: Einstellungen')).toBe(true)

      for (const id of ['contact', 'address', 'bank', 'preferences']) {
        const note = section(id).get('[data-testid="activation-note"]')
        expect(note.text(), id).toContain('aktiviert')
        expect(link(note, 'Aktivierungscode eingeben').attributes('href')).toBe('/activation')
      }
      expect(plain(section('address').text())).toContain(
        'Ihre Adresse sehen und ändern Sie, sobald Ihr Konto mit dem Code aus unserem Brief aktiviert ist.',
      )
    })

    it('changes only the language, and the app speaks it at once', async () => {
      api.on('PATCH', '/me', (request) => ({
        status: 200,
        body: {
          customer: {
            ...early,
            preferences: {
              ...early.preferences,
              ...(request.body as { preferences: object }).preferences,
            },
          },
        },
        headers: { etag: '"v2"' },
      }))
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Einstellungen')
      const form = dialog('preferences')
      // Paperless and marketing consent wait for the activation.
      expect(form.find('#preferences-paperless').exists()).toBe(false)
      expect(form.get('[data-testid="preferences-activation-note"]').text()).toContain(
        'Die Sprache können Sie schon jetzt ändern.',
      )
      await field(form, 'Sprache').setValue('en')
      await click(button(form, 'Speichern'))

      expect(api.callsTo('PATCH', '/me')[0]?.body).toEqual({ preferences: { locale: 'en' } })
      expect(document.documentElement.lang).toBe('en')
      expect(main().get('h1').text()).toBe('Personal details')
      expect(plain(section('preferences').get('[role="status"]').text())).toBe(
        'Your language was changed. The app, e-mails and letters are in English from now on.',
      )
      expect(value('locale')).toBe('English')
    })
  })

  describe('the edit dialogs', () => {
    let headers: ReturnType<typeof recordIfMatch>

    beforeEach(() => {
      signedIn(api)
      serveProfile(api, PROFILE)
      headers = recordIfMatch()
    })

    it('open as a labelled modal dialog with the first field focused; Escape closes and returns the focus', async () => {
      mounted = await mountApp('/profile', api)
      const opener = changeButton('Ändern: Adresse')
      await openDialog('Ändern: Adresse')

      const el = dialog('address')
      expect(el.element.tagName).toBe('DIALOG')
      expect(el.attributes('open')).toBeDefined()
      const title = el.get('h2')
      expect(title.text()).toBe('Adresse ändern')
      expect(el.attributes('aria-labelledby')).toBe(title.attributes('id'))
      // The country first: the postal code's rule and example follow it.
      expect(el.findAll('label').map((label) => label.text().trim())).toEqual([
        'Land',
        'Straße',
        'Hausnummer',
        'Postleitzahl',
        'Ort',
        'Ihr Passwort',
      ])
      expect(document.activeElement).toBe(field(el, 'Land').element)
      expect(field<HTMLInputElement>(el, 'Straße').element.value).toBe('Getreidegasse')
      expect(field<HTMLSelectElement>(el, 'Land').element.value).toBe('AT')

      await el.trigger('keydown', { key: 'Escape' })
      await flushPromises()
      expect(dialog('address').exists()).toBe(false)
      expect(document.activeElement).toBe(opener.element)
      expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
    })

    it('offers the supported countries by name, in the app’s language', async () => {
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Adresse')
      const options = field<HTMLSelectElement>(dialog('address'), 'Land')
        .findAll('option')
        .map((o) => [o.attributes('value'), o.text()])
      expect(options).toHaveLength(14)
      expect(options).toContainEqual(['AT', 'Österreich'])
      expect(options).toContainEqual(['DE', 'Deutschland'])
      expect(options).toContainEqual(['CZ', 'Tschechien'])
      expect(options[0]).toEqual(['BE', 'Belgien'])
    })

    it('checks the postal code per country before sending, in German', async () => {
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Adresse')
      const form = dialog('address')
      const postalCode = field(form, 'Postleitzahl')

      await fill(postalCode, '502')
      expect(errorOf(postalCode)).toBe(
        'Bitte prüfen Sie die Postleitzahl. Im gewählten Land (Österreich) hat sie diese Form: 5020.',
      )
      // Another country re-checks it: 4 digits are not a German postal code.
      await fill(postalCode, '5020')
      expect(errorOf(postalCode)).toBe('')
      await field(form, 'Land').setValue('DE')
      expect(errorOf(postalCode)).toBe(
        'Bitte prüfen Sie die Postleitzahl. Im gewählten Land (Deutschland) hat sie diese Form: 80331.',
      )
      await fill(field(form, 'Straße'), '  ')
      await click(button(form, 'Speichern'))
      expect(errorOf(field(form, 'Straße'))).toBe('Bitte geben Sie die Straße ein.')
      expect(announcements(form)).toContain('Bitte prüfen Sie die markierten Felder.')
      expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
      expect(document.activeElement).toBe(field(form, 'Straße').element)
    })

    it('checks the postal code per country before sending, in English', async () => {
      resetLocale('en')
      api.customerSpeaks('en')
      mounted = await mountApp('/profile', api)
      await openDialog('Change: Address')
      const form = dialog('address')
      await field(form, 'Country').setValue('NL')
      const postalCode = field(form, 'Postal code')
      await fill(postalCode, '1012')
      expect(errorOf(postalCode)).toBe(
        'Please check the postal code. In the country you chose (Netherlands) it looks like this: 1012 AB.',
      )
      // Written as typed, the Dutch code is accepted (and sent in its normal form).
      await fill(postalCode, '1012ab')
      expect(errorOf(postalCode)).toBe('')
      await fill(field(form, 'House number'), 'x'.repeat(21))
      expect(errorOf(field(form, 'House number'))).toBe(
        'Please shorten the house number to at most 20 characters.',
      )
      expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
    })

    it('changes the address with If-Match and says where the confirmation is', async () => {
      const moved = {
        street: 'Linzer Gasse',
        houseNumber: '12/3',
        postalCode: '5020',
        city: 'Salzburg',
        country: 'AT',
      }
      api.on('PATCH', '/me', {
        status: 200,
        body: { customer: { ...PROFILE, address: moved } },
        headers: { etag: '"v2"' },
      })
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Adresse')
      const form = dialog('address')
      await fill(field(form, 'Straße'), ' Linzer Gasse ')
      await fill(field(form, 'Hausnummer'), '12/3')
      await fill(field(form, 'Ihr Passwort'), PASSWORD)
      const documentCalls = api.callsTo('GET', '/documents').length
      await click(button(form, 'Speichern'))

      expect(api.callsTo('PATCH', '/me').map((c) => c.body)).toEqual([
        { address: moved, password: PASSWORD },
      ])
      expect(headers.find((h) => h.method === 'PATCH')?.ifMatch).toBe('"v1"')
      expect(dialog('address').exists()).toBe(false)
      expect(document.activeElement).toBe(changeButton('Ändern: Adresse').element)
      const status = section('address').get('[role="status"]')
      expect(plain(status.text())).toBe(
        'Ihre Adresse wurde geändert. Eine Bestätigung finden Sie in Ihrem Postfach. Außerdem schreiben wir Ihnen an die bisherige und an die neue Adresse. Zum Postfach',
      )
      expect(link(status, 'Zum Postfach').attributes('href')).toBe('/postbox')
      expect(value('street')).toBe('Linzer Gasse 12/3')
      // The letter filed: the navigation's unread count is asked for again.
      expect(api.callsTo('GET', '/documents').length).toBeGreaterThan(documentCalls)

      expect(document.body.innerHTML).not.toContain(PASSWORD)

      // The next change names the new state, and asks for the password again.
      await openDialog('Ändern: Adresse')
      expect(field<HTMLInputElement>(dialog('address'), 'Ihr Passwort').element.value).toBe('')
      await fill(field(dialog('address'), 'Ihr Passwort'), PASSWORD)
      await click(button(dialog('address'), 'Speichern'))
      expect(headers.filter((h) => h.method === 'PATCH').map((h) => h.ifMatch)).toEqual([
        '"v1"',
        '"v2"',
      ])
    })

    it('puts the backend’s field errors on their fields', async () => {
      api.on(
        'PATCH',
        '/me',
        apiError(400, 'validation_failed', {
          'address.postalCode': 'invalid_format',
          'address.city': 'too_long',
        }),
      )
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Adresse')
      const form = dialog('address')
      await fill(field(form, 'Ihr Passwort'), PASSWORD)
      await click(button(form, 'Speichern'))

      expect(errorOf(field(form, 'Postleitzahl'))).toBe(
        'Bitte prüfen Sie die Postleitzahl. Im gewählten Land (Österreich) hat sie diese Form: 5020.',
      )
      expect(errorOf(field(form, 'Ort'))).toBe('Bitte kürzen Sie den Ort auf höchstens 80 Zeichen.')
      expect(errorOf(field(form, 'Straße'))).toBe('')
      expect(document.activeElement).toBe(field(form, 'Postleitzahl').element)
      // Correcting the field takes the server's message away.
      await fill(field(form, 'Postleitzahl'), '5020')
      expect(errorOf(field(form, 'Postleitzahl'))).toBe('')
    })

    it('on 412 says the data changed elsewhere and shows the current state', async () => {
      api.on('PATCH', '/me', apiError(412, 'precondition_failed'))
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Adresse')
      const form = dialog('address')
      await fill(field(form, 'Straße'), 'Mirabellplatz')
      await fill(field(form, 'Ihr Passwort'), PASSWORD)
      // Meanwhile someone else moved the customer to Vienna.
      const vienna = {
        street: 'Stephansplatz',
        houseNumber: '1',
        postalCode: '1010',
        city: 'Wien',
        country: 'AT',
      }
      serveProfile(api, { ...PROFILE, address: vienna }, '"v7"')
      await click(button(form, 'Speichern'))

      expect(form.get('[data-testid="profile-stale"]').text()).toBe(
        'Ihre Daten wurden inzwischen an anderer Stelle geändert. Wir zeigen Ihnen den aktuellen Stand.',
      )
      expect(field<HTMLInputElement>(form, 'Straße').element.value).toBe('Stephansplatz')
      expect(field<HTMLInputElement>(form, 'Ort').element.value).toBe('Wien')
      expect(value('postalCodeCity')).toBe('1010 Wien')

      // Sending again names the state now shown.
      api.on('PATCH', '/me', {
        status: 200,
        body: { customer: { ...PROFILE, address: vienna } },
        headers: { etag: '"v7"' },
      })
      await click(button(form, 'Speichern'))
      expect(headers.filter((h) => h.method === 'PATCH').map((h) => h.ifMatch)).toEqual([
        '"v1"',
        '"v7"',
      ])
      // Nothing changed on this second try: no promise of a letter.
      expect(plain(section('address').get('[role="status"]').text())).toBe(
        'Sie haben nichts geändert. Ihre Daten bleiben, wie sie sind.',
      )
    })

    it('reads a phone number as people type it and shows how it is stored', async () => {
      api.on('PATCH', '/me', {
        status: 200,
        body: { customer: { ...PROFILE, phone: '+436649876543' } },
        headers: { etag: '"v2"' },
      })
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Telefonnummer')
      const form = dialog('phone')
      const phone = field<HTMLInputElement>(form, 'Telefonnummer')
      expect(phone.element.value).toBe('+43 664 1234567')
      expect(phone.attributes('autocomplete')).toBe('tel')

      await fill(phone, '0664 / 987 65 43')
      expect(errorOf(phone)).toBe('')
      expect(form.get('[data-testid="phone-stored"]').text()).toBe('Wir speichern: +43 664 9876543')
      await click(button(form, 'Speichern'))

      expect(api.callsTo('PATCH', '/me')[0]?.body).toEqual({ phone: '0664 / 987 65 43' })
      expect(value('phone')).toBe('+43 664 9876543')
      expect(plain(section('contact').get('[role="status"]').text())).toBe(
        'Ihre Telefonnummer wurde geändert.',
      )
    })

    /**
     * Opens the phone dialog (in English on a page mounted afresh, as a customer who
     * chose English finds it), types `input` and answers the field's error.
     */
    async function phoneError(input: string, locale: 'de' | 'en' = 'de'): Promise<string> {
      if (locale === 'en') {
        mounted.wrapper.unmount()
        resetLocale('en')
        // The app takes the signed-in customer's language: this one speaks English.
        api.customerSpeaks('en')
      }
      mounted = await mountApp('/profile', api)
      await openDialog(locale === 'de' ? 'Ändern: Telefonnummer' : 'Change: Phone number')
      const phone = field(dialog('phone'), locale === 'de' ? 'Telefonnummer' : 'Phone number')
      await fill(phone, input)
      return errorOf(phone)
    }

    it('says in German and English when a phone number cannot be read', async () => {
      // Without the trunk prefix a national number is no Austrian number.
      expect(await phoneError('664 1234567')).toBe(
        'Diese Telefonnummer gibt es so nicht. Bitte geben Sie sie nur mit Ziffern und mit Vorwahl ein, zum Beispiel 0664 1234567 oder +43 664 1234567.',
      )
      expect(dialog('phone').find('[data-testid="phone-stored"]').text()).toBe('')
      expect(await phoneError('0664 12a4567', 'en')).toBe(
        'This phone number does not exist in this form. Please enter it in digits, with its area or mobile code, for example 0664 1234567 or +43 664 1234567.',
      )
      await click(button(dialog('phone'), 'Save'))
      expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
    })

    it('refuses the incomplete "0664 12" at the field and saves nothing, in German and English', async () => {
      expect(await phoneError('0664 12')).toBe(
        'Diese Telefonnummer ist zu kurz: Es fehlen Ziffern. Bitte prüfen Sie Ihre Eingabe.',
      )
      // No "Wir speichern: +43 66412": nothing is promised that would not be stored.
      expect(dialog('phone').find('[data-testid="phone-stored"]').text()).toBe('')
      await click(button(dialog('phone'), 'Speichern'))
      expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
      expect(section('contact').find('[role="status"]').exists()).toBe(false)
      await click(button(dialog('phone'), 'Abbrechen'))
      expect(value('phone')).toBe('+43 664 1234567')

      expect(await phoneError('+43 664 12', 'en')).toBe(
        'This phone number is too short: digits are missing. Please check it.',
      )
      await click(button(dialog('phone'), 'Save'))
      expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
    })

    it('names a number with digits too many, and a service number', async () => {
      expect(await phoneError('0664 123456789012')).toBe(
        'Diese Telefonnummer hat zu viele Ziffern. Bitte prüfen Sie Ihre Eingabe.',
      )
      const phone = field(dialog('phone'), 'Telefonnummer')
      await fill(phone, '+41 79 123 45 678')
      expect(errorOf(phone)).toBe(
        'Diese Telefonnummer hat zu viele Ziffern. Bitte prüfen Sie Ihre Eingabe.',
      )
      await fill(phone, '0800 123456')
      expect(errorOf(phone)).toBe(
        'Das ist eine Service- oder Mehrwertnummer (zum Beispiel 0800 oder 0900). Unter dieser Nummer erreichen wir Sie nicht. Bitte geben Sie Ihre Mobil- oder Festnetznummer ein.',
      )
      await click(button(dialog('phone'), 'Speichern'))
      expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
    })

    it("shows the server's reason at the field when the backend refuses the number", async () => {
      // The backend reads it by the plan of an address changed meanwhile on another device.
      api.on('PATCH', '/me', apiError(400, 'validation_failed', { phone: 'too_short' }))
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Telefonnummer')
      const phone = field(dialog('phone'), 'Telefonnummer')
      await fill(phone, '0664 9876543')
      await click(button(dialog('phone'), 'Speichern'))
      expect(api.callsTo('PATCH', '/me')).toHaveLength(1)
      expect(errorOf(phone)).toBe(
        'Diese Telefonnummer ist zu kurz: Es fehlen Ziffern. Bitte prüfen Sie Ihre Eingabe.',
      )
      expect(value('phone')).toBe('+43 664 1234567')
    })

    it('shows a number the same way on the page, in the dialog and as it will be stored', async () => {
      serveProfile(api, { ...PROFILE, phone: '+41446681800' })
      mounted = await mountApp('/profile', api)
      expect(value('phone')).toBe('+41 44 668 18 00')
      await openDialog('Ändern: Telefonnummer')
      const phone = field<HTMLInputElement>(dialog('phone'), 'Telefonnummer')
      expect(phone.element.value).toBe('+41 44 668 18 00')
      expect(dialog('phone').get('[data-testid="phone-stored"]').text()).toBe(
        'Wir speichern: +41 44 668 18 00',
      )
      await fill(phone, '0041 (0)79 123 45 67')
      expect(dialog('phone').get('[data-testid="phone-stored"]').text()).toBe(
        'Wir speichern: +41 79 123 45 67',
      )
    })

    it('removes the number when the field is left empty', async () => {
      api.on('PATCH', '/me', {
        status: 200,
        body: { customer: { ...PROFILE, phone: null } },
        headers: { etag: '"v2"' },
      })
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Telefonnummer')
      const form = dialog('phone')
      expect(form.text()).toContain('Lassen Sie das Feld leer, um die Nummer zu entfernen.')
      await fill(field(form, 'Telefonnummer'), '')
      await click(button(form, 'Speichern'))
      expect(api.callsTo('PATCH', '/me')[0]?.body).toEqual({ phone: null })
      expect(value('phone')).toBe('Keine Angabe')
      expect(plain(section('contact').get('[role="status"]').text())).toBe(
        'Ihre Telefonnummer wurde entfernt.',
      )
    })

    it('changes "Dokumente nur im Postfach" and marketing consent', async () => {
      api.on('PATCH', '/me', (request) => ({
        status: 200,
        body: {
          customer: {
            ...PROFILE,
            preferences: {
              ...PROFILE.preferences,
              ...(request.body as { preferences: object }).preferences,
            },
          },
        },
        headers: { etag: '"v2"' },
      }))
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Einstellungen')
      const form = dialog('preferences')
      await field(form, 'Dokumente nur im Postfach').setValue(true)
      await click(button(form, 'Speichern'))

      // Only what changed is sent; the language stays.
      expect(api.callsTo('PATCH', '/me')[0]?.body).toEqual({ preferences: { paperless: true } })
      expect(value('paperless')).toBe('Ja')
      expect(document.documentElement.lang).toBe('de')
      expect(plain(section('preferences').get('[role="status"]').text())).toBe(
        'Ihre Einstellungen wurden gespeichert.',
      )
    })

    it('never shows an error code, whatever the backend answers', async () => {
      api.on('PATCH', '/me', apiError(403, 'activation_required'))
      mounted = await mountApp('/profile', api)
      await openDialog('Ändern: Adresse')
      await fill(field(dialog('address'), 'Ihr Passwort'), PASSWORD)
      await click(button(dialog('address'), 'Speichern'))
      const alerts = announcements(dialog('address'))
      expect(alerts).toContain('Bitte identifizieren Sie sich zuerst mit Ihrem Aktivierungscode.')

      api.on(
        'PATCH',
        '/me',
        apiError(400, 'validation_failed', { 'address.street': 'weird_new_reason' }),
      )
      await click(button(dialog('address'), 'Speichern'))
      expect(errorOf(field(dialog('address'), 'Straße'))).toBe('Dieser Wert ist nicht zulässig.')
      expect(main().text()).not.toMatch(/\b[a-z]+_[a-z_]+\b/)
    })
  })
})
