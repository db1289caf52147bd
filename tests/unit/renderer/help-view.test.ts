// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getSupport } from '../../../src/renderer/src/api/support.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'

vi.mock('../../../src/renderer/src/api/support.ts', () => ({ getSupport: vi.fn() }))

const CONTACTS = { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: 'Mo–Fr 8:00–17:00' }

const QUESTION = {
  whyRegister: 'Warum soll ich mich für My MINI Finance registrieren?',
  noEmail:
    'Ich habe keine E-Mail bekommen, um meine Registrierung zu bestätigen. Was kann ich tun?',
  notActivated: 'Mein Konto für My MINI Finance wurde noch nicht aktiviert. Was kann ich tun?',
  signIn: 'Wie melde ich mich bei My MINI Finance an?',
  cannotOpen:
    'Ich kann My MINI Finance nicht auf meinem Smartphone/Laptop/Tablet aufrufen. Was kann ich tun?',
  locked: 'Mein Konto für My MINI Finance wurde gesperrt. Was kann ich tun?',
  forgotPassword: 'Ich habe mein Passwort vergessen. Was kann ich tun?',
  paymentDifficulties: 'Ich kann eine Rate nicht zahlen. Was kann ich tun?',
}
const GERMAN_QUESTIONS = Object.values(QUESTION)

describe('the help page', () => {
  let mounted: MountedApp

  beforeEach(() => {
    resetLocale()
    vi.mocked(getSupport).mockReset()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    resetLocale()
  })

  const main = () => mounted.wrapper.get('main')
  const answerTo = (question: string) => {
    const item = main()
      .findAll('details')
      .find((d) => d.get('summary').text() === question)
    if (!item) throw new Error(`no question "${question}"`)
    return item
  }

  it('shows the whole FAQ in German, every question a disclosure in its section', async () => {
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    mounted = await mountApp('/help')

    expect(main().get('h1').text()).toBe('Hilfe & FAQ')
    expect(
      main()
        .findAll('h2')
        .map((h) => h.text()),
    ).toEqual([
      'Registrierung für My MINI Finance',
      'Nutzung von My MINI Finance',
      'Sie haben eine andere Frage?',
    ])
    expect(
      main()
        .findAll('summary')
        .map((s) => s.text()),
    ).toEqual(GERMAN_QUESTIONS)
    expect(answerTo(QUESTION.locked).text()).toContain(
      'Nach drei falschen Passwörtern hintereinander sperren wir Ihr Konto aus Sicherheitsgründen.',
    )
    expect(answerTo(QUESTION.notActivated).text()).toContain(
      'Aktiviert ist Ihr Konto, sobald Sie den Aktivierungscode aus unserem Brief eingegeben haben.',
    )
    expect(answerTo(QUESTION.notActivated).text()).toContain(
      'Ist er abgelaufen, wurden Ihre Daten aus Sicherheitsgründen gelöscht.',
    )
    expect(document.title).toBe('Hilfe & FAQ · My MINI Finance')
  })

  it('names the customer-service contacts inside the answer about the missing e-mail', async () => {
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    mounted = await mountApp('/help')

    const answer = answerTo(QUESTION.noEmail)
    expect(answer.text()).toContain(
      'wenden Sie sich bitte an unsere Kundenbetreuung unter +43 662 2191 4920 oder ksc@mini.at.',
    )
    expect(answer.get('a[href="tel:+4366221914920"]').text()).toBe('+43 662 2191 4920')
    expect(answer.get('a[href="mailto:ksc@mini.at"]').text()).toBe('ksc@mini.at')
  })

  it('still answers without contact details when they cannot be loaded', async () => {
    vi.mocked(getSupport).mockRejectedValue(new Error('offline'))
    mounted = await mountApp('/help')

    expect(answerTo(QUESTION.noEmail).text()).toContain(
      'wenden Sie sich bitte an unsere Kundenbetreuung.',
    )
  })

  it('names the supported systems instead of Internet Explorer 7', async () => {
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    mounted = await mountApp('/help')

    const answer = answerTo(QUESTION.cannotOpen).text()
    for (const system of ['Windows 10', 'macOS 12', 'Ubuntu 22.04', 'Debian 12', 'Chromium']) {
      expect(answer).toContain(system)
    }
    expect(main().text()).not.toContain('Internet Explorer')
  })

  it('links the forgotten-password answer to the page that sends a new one', async () => {
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    mounted = await mountApp('/help')

    const link = answerTo(QUESTION.forgotPassword).get('a')
    expect(link.text()).toBe('diesen Link')
    await link.trigger('click')
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('forgot-password'))
    expect(main().get('h1').text()).toBe('Passwort vergessen')
  })

  it('shows the whole FAQ in English', async () => {
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    resetLocale('en')
    mounted = await mountApp('/help')

    expect(main().get('h1').text()).toBe('Help & FAQ')
    const questions = main()
      .findAll('summary')
      .map((s) => s.text())
    expect(questions).toHaveLength(GERMAN_QUESTIONS.length)
    expect(questions).toContain('I have forgotten my password. What can I do?')
    expect(main().text()).toContain('three wrong passwords in a row')
    expect(main().text()).toContain(
      'please contact our customer service at +43 662 2191 4920 or ksc@mini.at.',
    )
  })

  it('answers payment difficulties: asking early helps, the customer-service contacts, the deferral in the app', async () => {
    vi.mocked(getSupport).mockResolvedValue(CONTACTS)
    mounted = await mountApp('/help')
    const answer = answerTo(QUESTION.paymentDifficulties).text()
    expect(answer).toContain('Je früher Sie sich melden, desto mehr Möglichkeiten haben wir')
    expect(answer).toContain(CONTACTS.phone)
    expect(answer).toContain('Stundung')
  })
})
