// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadWordList } from '../../../src/renderer/src/forms/passphrase.ts'
import { apiError, installFakeApi, type FakeApi, type FakeReply } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import {
  announcements,
  button,
  click,
  description,
  errorOf,
  field,
  fill,
  link,
} from './support/queries.ts'

describe('registering', () => {
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
  const input = (label: string) => field(main(), label)
  const hint = (id: string) => main().get(`[data-hint="${id}"]`)

  async function fillValidForm(): Promise<void> {
    await input('Anrede').setValue('ms')
    await fill(input('Vorname'), ' Anna ')
    await fill(input('Nachname'), 'Huber')
    await fill(input('Geburtsdatum'), '12.03.1984')
    await fill(input('Kundennummer'), '100482117')
    await fill(input('E-Mail-Adresse'), 'anna.huber@example.at ')
    await fill(input('Passwort'), 'tulpe-wolke-fenster-regen')
    await input('Ich habe die Nutzungsbedingungen gelesen und stimme ihnen zu.').setValue(true)
  }

  it('says what to do for every empty field and moves the focus to the first', async () => {
    mounted = await mountApp('/register', api)
    await click(button(main(), 'Registrieren'))

    expect(errorOf(input('Vorname'))).toBe('Bitte geben Sie Ihren Vornamen ein.')
    expect(errorOf(input('Nachname'))).toBe('Bitte geben Sie Ihren Nachnamen ein.')
    expect(errorOf(input('Geburtsdatum'))).toBe('Bitte geben Sie Ihr Geburtsdatum vollständig ein.')
    expect(errorOf(input('Kundennummer'))).toContain('Bitte geben Sie Ihre Kundennummer ein.')
    expect(errorOf(input('E-Mail-Adresse'))).toBe('Bitte geben Sie Ihre E-Mail-Adresse ein.')
    expect(errorOf(input('Passwort'))).toBe('Bitte geben Sie ein Passwort ein.')
    expect(errorOf(input('Ich habe die Nutzungsbedingungen gelesen und stimme ihnen zu.'))).toBe(
      'Bitte stimmen Sie den Nutzungsbedingungen zu, um sich zu registrieren.',
    )
    expect(document.activeElement).toBe(input('Vorname').element)
    expect(api.callsTo('POST', '/registrations')).toHaveLength(0)
    // A summary is announced at once; it goes once every field is right.
    expect(main().get('[role="alert"]').text()).toBe('Bitte prüfen Sie die markierten Felder.')
    await fillValidForm()
    expect(main().find('[role="alert"]').exists()).toBe(false)
  })

  it('checks a field when it is left and clears the message once it is right', async () => {
    mounted = await mountApp('/register', api)
    const email = input('E-Mail-Adresse')
    await fill(email, 'anna.huber@')
    expect(errorOf(email)).toBe(
      'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.at.',
    )
    await email.setValue('anna.huber@example.at')
    expect(errorOf(email)).toBe('')

    const birth = input('Geburtsdatum')
    await fill(birth, '01.01.2999')
    expect(errorOf(birth)).toContain('darf nicht in der Zukunft liegen')
    const fifteenYearsAgo = `01.01.${new Date().getFullYear() - 15}`
    await fill(birth, fifteenYearsAgo)
    expect(errorOf(birth)).toContain('mindestens 18 Jahre alt')
    await fill(birth, '12.03.1984')
    expect(errorOf(birth)).toBe('')

    const number = input('Kundennummer')
    await fill(number, '12/34')
    expect(errorOf(number)).toContain('Die Kundennummer hat genau 9 Ziffern')
    expect(description(number)).toContain('Sie hat 9 Ziffern und steht auf Ihrem Vertrag.')
    // Eight digits are not a customer number either; nine are, spaces or not.
    await fill(number, '10048211')
    expect(errorOf(number)).toContain('Die Kundennummer hat genau 9 Ziffern')
    await fill(number, '100 482 117')
    expect(errorOf(number)).toBe('')
  })

  it('points out a customer number that can no longer be right while it is typed', async () => {
    mounted = await mountApp('/register', api)
    const number = input('Kundennummer')
    // Typing, not yet leaving the field: eight digits may still become nine.
    await number.setValue('10051790')
    expect(errorOf(number)).toBe('')
    await number.setValue('10051790A')
    expect(errorOf(number)).toBe(
      'Die Kundennummer hat genau 9 Ziffern, ohne Buchstaben oder Zeichen. Bitte übernehmen Sie sie aus Ihrem Vertrag.',
    )
    await number.setValue('1005179033')
    expect(errorOf(number)).toContain('genau 9 Ziffern')
    await number.setValue('100517903')
    expect(errorOf(number)).toBe('')
    expect(number.attributes('inputmode')).toBe('numeric')

    await fillValidForm()
    await number.setValue('10051790A')
    await click(button(main(), 'Registrieren'))
    expect(api.callsTo('POST', '/registrations')).toHaveLength(0)
    mounted.wrapper.unmount()

    resetLocale('en')
    mounted = await mountApp('/register', api)
    await field(main(), 'Customer number').setValue('10051790A')
    expect(errorOf(field(main(), 'Customer number'))).toBe(
      'The customer number has exactly 9 digits, without letters or other characters. Please copy it from your contract.',
    )
  })

  it('sends the customer number without the spaces typed into it', async () => {
    api.on('POST', '/registrations', {
      status: 202,
      body: { status: 'confirmation_sent', expiresAt: '2026-05-18T08:30:00Z' },
    })
    mounted = await mountApp('/register', api)
    await fillValidForm()
    await input('Kundennummer').setValue(' 100 482 117 ')
    await click(button(main(), 'Registrieren'))
    expect(api.callsTo('POST', '/registrations')[0]?.body).toMatchObject({
      customerNumber: '100482117',
    })
  })

  it('points out a character no name may hold while it is typed, in German and English', async () => {
    mounted = await mountApp('/register', api)
    // Typing, not yet leaving the field.
    await input('Vorname').setValue('Anna2')
    expect(errorOf(input('Vorname'))).toBe(
      "Der Vorname darf nur Buchstaben, Leerzeichen, Bindestriche (-), Apostrophe (') und Punkte enthalten.",
    )
    await input('Vorname').setValue('Anna')
    expect(errorOf(input('Vorname'))).toBe('')
    // Names of any script, with apostrophes and hyphens, are fine.
    await fill(input('Nachname'), "O'Brien-Ἀλεξίου")
    expect(errorOf(input('Nachname'))).toBe('')
    await input('Nachname').setValue('Huber https://evil.example')
    expect(errorOf(input('Nachname'))).toBe(
      "Der Nachname darf nur Buchstaben, Leerzeichen, Bindestriche (-), Apostrophe (') und Punkte enthalten.",
    )
    await click(button(main(), 'Registrieren'))
    expect(api.callsTo('POST', '/registrations')).toHaveLength(0)
    mounted.wrapper.unmount()

    resetLocale('en')
    mounted = await mountApp('/register', api)
    await field(main(), 'First name').setValue('anna@evil.example')
    expect(errorOf(field(main(), 'First name'))).toBe(
      "The first name may contain only letters, spaces, hyphens (-), apostrophes (') and full stops.",
    )
    await fill(field(main(), 'Last name'), 'H'.repeat(61))
    expect(errorOf(field(main(), 'Last name'))).toBe(
      'The last name is too long. Please use at most 60 characters.',
    )
  })

  it('shows the server’s invalid_characters at the name', async () => {
    api.on(
      'POST',
      '/registrations',
      apiError(400, 'validation_failed', { lastName: 'invalid_characters' }),
    )
    mounted = await mountApp('/register', api)
    await fillValidForm()
    await click(button(main(), 'Registrieren'))
    expect(errorOf(input('Nachname'))).toBe(
      "Der Nachname darf nur Buchstaben, Leerzeichen, Bindestriche (-), Apostrophe (') und Punkte enthalten.",
    )
  })

  it('checks a field left by pressing a button only after the press (the button does not move away)', async () => {
    mounted = await mountApp('/register', api)
    const submit = button(main(), 'Registrieren')
    const press = (type: string) => submit.element.dispatchEvent(new Event(type, { bubbles: true }))

    press('pointerdown')
    await input('Vorname').trigger('blur')
    expect(errorOf(input('Vorname'))).toBe('')
    press('pointerup')
    await vi.waitFor(() =>
      expect(errorOf(input('Vorname'))).toBe('Bitte geben Sie Ihren Vornamen ein.'),
    )
  })

  it('ticks off the password rules while the customer types', async () => {
    mounted = await mountApp('/register', api)
    await fill(input('Vorname'), 'Anna')
    const password = input('Passwort')
    expect(description(password)).toContain('Häufig verwendete Passwörter werden abgelehnt.')

    await password.setValue('kurz')
    expect(hint('minLength').attributes('data-state')).toBe('unmet')
    expect(hint('minLength').text()).toContain('mindestens 15 Zeichen (bisher 4)')
    expect(hint('personal').attributes('data-state')).toBe('met')

    await password.setValue('sonnige-tage-mit-anna')
    expect(hint('minLength').attributes('data-state')).toBe('met')
    expect(hint('personal').attributes('data-state')).toBe('unmet')
    expect(hint('personal').text()).toContain('noch nicht erfüllt')

    // The e-mail's local part counts too.
    await password.setValue('sonnige-tage-am-see')
    expect(hint('personal').attributes('data-state')).toBe('met')
    await fill(input('E-Mail-Adresse'), 'sonnige@example.at')
    expect(hint('personal').attributes('data-state')).toBe('unmet')

    // Code points after NFC: 15 decomposed "é" are 15 characters, 14 emoji are 14.
    await password.setValue('e\u0301'.repeat(15))
    expect(hint('minLength').attributes('data-state')).toBe('met')
    await password.setValue('😀'.repeat(14))
    expect(hint('minLength').attributes('data-state')).toBe('unmet')
    expect(hint('maxLength').attributes('data-state')).toBe('met')
    await password.setValue('x'.repeat(129))
    expect(hint('maxLength').attributes('data-state')).toBe('unmet')
  })

  it('lets the customer see the password and paste one', async () => {
    mounted = await mountApp('/register', api)
    const password = input('Passwort')
    expect(password.attributes('type')).toBe('password')
    expect(password.attributes('autocomplete')).toBe('new-password')
    expect(password.attributes('onpaste')).toBeUndefined()
    await button(main(), 'Anzeigen: Passwort').trigger('click')
    expect(password.attributes('type')).toBe('text')
    await button(main(), 'Verbergen: Passwort').trigger('click')
    expect(password.attributes('type')).toBe('password')
  })

  it('suggests a passphrase of five German words in German', async () => {
    mounted = await mountApp('/register', api)
    const german = new Set(await loadWordList('de'))
    const english = new Set(await loadWordList('en'))
    await click(button(main(), 'Passphrase vorschlagen'))
    await vi.waitFor(() => expect(input('Passwort').element.value).not.toBe(''))

    const phrase = input('Passwort').element.value
    const parts = phrase.split('-')
    expect(parts).toHaveLength(5)
    for (const part of parts) expect(german.has(part) && !english.has(part), part).toBe(true)
    expect(input('Passwort').attributes('type')).toBe('text')
    expect(announcements(main()).join(' ')).toContain('Passphrase aus fünf zufälligen Wörtern')
  })

  it('suggests a passphrase of five English words in English', async () => {
    resetLocale('en')
    mounted = await mountApp('/register', api)
    const english = new Set(await loadWordList('en'))
    await click(button(main(), 'Suggest a passphrase'))
    await vi.waitFor(() => expect(field(main(), 'Password').element.value).not.toBe(''))

    const parts = field(main(), 'Password').element.value.split('-')
    expect(parts).toHaveLength(5)
    for (const part of parts) expect(english.has(part), part).toBe(true)
  })

  it('sends the registration and shows where the confirmation e-mail went', async () => {
    api.on('POST', '/registrations', {
      status: 202,
      body: { status: 'confirmation_sent', expiresAt: '2026-05-18T08:30:00Z' },
    })
    api.on('POST', '/registrations/resend', { status: 202, body: { status: 'accepted' } })
    mounted = await mountApp('/register', api)
    await fillValidForm()
    await click(button(main(), 'Registrieren'))

    expect(api.callsTo('POST', '/registrations')[0]?.body).toEqual({
      email: 'anna.huber@example.at',
      password: 'tulpe-wolke-fenster-regen',
      salutation: 'ms',
      firstName: 'Anna',
      lastName: 'Huber',
      dateOfBirth: '1984-03-12',
      customerNumber: '100482117',
      acceptTerms: true,
      locale: 'de',
    })
    await vi.waitFor(() =>
      expect(mounted.router.currentRoute.value.name).toBe('register-check-email'),
    )
    expect(main().text()).toContain(
      'Wir haben eine E-Mail an anna.huber@example.at gesendet. Der Link ist 24 Stunden gültig.',
    )
    // Nothing personal in web storage.
    expect(JSON.stringify({ ...localStorage })).not.toContain('anna')
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('anna')

    await click(button(main(), 'Bestätigungs-E-Mail erneut senden'))
    expect(api.callsTo('POST', '/registrations/resend')[0]?.body).toEqual({
      email: 'anna.huber@example.at',
    })
    expect(announcements(main()).join(' ')).toContain(
      'Falls eine Registrierung mit dieser Adresse auf ihre Bestätigung wartet',
    )
    // The FAQ: when it still does not come, customer service.
    expect(main().text()).toContain(
      'wenden Sie sich bitte an unsere Kundenbetreuung unter +43 662 2191 4920 oder ksc@mini.at.',
    )
    expect(link(main(), 'ksc@mini.at').attributes('href')).toBe('mailto:ksc@mini.at')
  })

  it("shows the server's field errors at their fields, with the same messages", async () => {
    api.on(
      'POST',
      '/registrations',
      apiError(400, 'validation_failed', {
        password: 'too_common',
        customerNumber: 'invalid_format',
      }),
    )
    mounted = await mountApp('/register', api)
    await fillValidForm()
    await click(button(main(), 'Registrieren'))

    expect(errorOf(input('Passwort'))).toBe(
      'Dieses Passwort wird zu häufig verwendet. Bitte wählen Sie ein anderes, zum Beispiel eine Passphrase aus mehreren Wörtern.',
    )
    expect(errorOf(input('Kundennummer'))).toContain('Die Kundennummer hat genau 9 Ziffern')
    expect(document.activeElement).toBe(input('Kundennummer').element)
    expect(mounted.router.currentRoute.value.name).toBe('register')

    // Correcting the field takes its message away.
    await input('Passwort').setValue('ein-ganz-anderes-passwort')
    expect(errorOf(input('Passwort'))).toBe('')
  })

  it('says how long to wait when registrations are throttled', async () => {
    api.on(
      'POST',
      '/registrations',
      apiError(429, 'rate_limited', undefined, { 'retry-after': '600' }),
    )
    mounted = await mountApp('/register', api)
    await fillValidForm()
    await click(button(main(), 'Registrieren'))
    expect(announcements(main())).toContain(
      'Zu viele Versuche. Bitte versuchen Sie es in 10 Minuten erneut.',
    )
  })

  it('shows progress and sends only once when clicked twice', async () => {
    let answer: (reply: FakeReply) => void = () => undefined
    api.on(
      'POST',
      '/registrations',
      () =>
        new Promise<FakeReply>((resolve) => {
          answer = resolve
        }),
    )
    mounted = await mountApp('/register', api)
    await fillValidForm()
    const submit = button(main(), 'Registrieren')
    await submit.trigger('click')
    await submit.trigger('click')
    await flushPromises()

    expect(api.callsTo('POST', '/registrations')).toHaveLength(1)
    expect(submit.attributes('aria-disabled')).toBe('true')
    expect(announcements(main())).toContain('Ihre Registrierung wird gesendet …')

    answer({
      status: 202,
      body: { status: 'confirmation_sent', expiresAt: '2026-05-18T08:30:00Z' },
    })
    await vi.waitFor(() =>
      expect(mounted.router.currentRoute.value.name).toBe('register-check-email'),
    )
  })

  it('turns autocomplete off in kiosk mode', async () => {
    api.on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk: true, keychain: 'memory' },
    })
    mounted = await mountApp('/register', api)
    for (const label of ['E-Mail-Adresse', 'Passwort', 'Vorname', 'Nachname', 'Geburtsdatum']) {
      expect(input(label).attributes('autocomplete'), label).toBe('off')
    }
  })
})
