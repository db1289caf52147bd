// @vitest-environment jsdom
/**
 * Confirming with the password in the signed-in area: the address dialog asks
 * for it like the e-mail and bank dialogs; every such dialog and the
 * change-password page say plainly when it is wrong (and how many more attempts
 * are left before the lock); on 423 the customer is signed out and sees the
 * locked-account text with "Neues Passwort anfordern".
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaProfile, changeButton, plain } from './support/profile.ts'
import { announcements, button, click, errorOf, field, fill, link } from './support/queries.ts'

const PASSWORD = 'Festungsberg-Regenschirm-2026'
const LOCK_WARNING = 'Nach drei falschen Eingaben hintereinander wird Ihr Konto gesperrt.'

/** 403 invalid_credentials as the backend answers it, with the attempts left before the lock. */
const wrongPassword = (attemptsLeft: number) => ({
  status: 403,
  body: { error: { code: 'invalid_credentials', message: 'x', attemptsLeft } },
})

let mounted: MountedApp
let api: FakeApi
let signedIn: boolean

beforeEach(() => {
  resetLocale()
  api = installFakeApi()
  signedIn = true
  api.on('GET', '/session', () => ({
    status: 200,
    body: signedIn
      ? { signedIn: true, customer: { ...ANNA, activated: true } }
      : { signedIn: false },
  }))
  api.on('DELETE', '/sessions/current', () => {
    signedIn = false
    return { status: 204 }
  })
  api.on('GET', '/me', {
    status: 200,
    body: { customer: annaProfile() },
    headers: { etag: '"v1"' },
  })
})

afterEach(() => {
  mounted.wrapper.unmount()
  vi.restoreAllMocks()
})

const main = () => mounted.wrapper.get('main')
const dialog = (name: string) => main().get(`[data-testid="${name}-dialog"]`)

async function openDialog(name: string): Promise<void> {
  mounted = await mountApp('/profile', api)
  await click(changeButton(name))
}

/** The three dialogs that confirm with the password: what to fill, the button, the call. */
const DIALOGS = {
  address: {
    opener: 'Ändern: Adresse',
    method: 'PATCH',
    path: '/me',
    submit: 'Speichern',
    async fill(): Promise<void> {
      await fill(field(dialog('address'), 'Straße'), 'Linzer Gasse')
    },
  },
  email: {
    opener: 'Ändern: E-Mail-Adresse',
    method: 'POST',
    path: '/me/email-change',
    submit: 'Link senden',
    async fill(): Promise<void> {
      await fill(field(dialog('email'), 'Neue E-Mail-Adresse'), 'anna@neu.example')
    },
  },
  bank: {
    opener: 'Ändern: Bankverbindung',
    method: 'PUT',
    path: '/me/bank-account',
    submit: 'Bankverbindung speichern',
    async fill(): Promise<void> {
      await fill(field(dialog('bank'), 'Neue IBAN'), 'AT61 1904 3002 3457 3201')
      await field(dialog('bank'), 'Ich erteile das SEPA-Lastschriftmandat.').setValue(true)
    },
  },
} as const

describe('the address dialog', () => {
  it('asks for the password before anything is sent, and sends it with the address', async () => {
    api.on('PATCH', '/me', {
      status: 200,
      body: {
        customer: annaProfile({
          address: {
            street: 'Linzer Gasse',
            houseNumber: '9',
            postalCode: '5020',
            city: 'Salzburg',
            country: 'AT',
          },
        }),
      },
      headers: { etag: '"v2"' },
    })
    await openDialog('Ändern: Adresse')
    const form = dialog('address')
    expect(form.text()).toContain(
      'Zu Ihrer Sicherheit bestätigen Sie die Änderung mit Ihrem Passwort.',
    )
    expect(form.text()).toContain('wir schreiben Ihnen an die bisherige und an die neue Adresse')
    await fill(field(form, 'Straße'), 'Linzer Gasse')
    await click(button(form, 'Speichern'))
    expect(errorOf(field(form, 'Ihr Passwort'))).toBe('Bitte geben Sie Ihr Passwort ein.')
    expect(api.callsTo('PATCH', '/me')).toHaveLength(0)
    expect(document.activeElement).toBe(field(form, 'Ihr Passwort').element)

    const password = field<HTMLInputElement>(form, 'Ihr Passwort')
    expect(password.attributes('type')).toBe('password')
    expect(password.attributes('autocomplete')).toBe('current-password')
    await fill(password, PASSWORD)
    await click(button(form, 'Speichern'))
    expect(api.callsTo('PATCH', '/me')[0]?.body).toMatchObject({
      address: { street: 'Linzer Gasse' },
      password: PASSWORD,
    })
    expect(document.body.innerHTML).not.toContain(PASSWORD)
  })

  it('says how long to wait after five changes in a day, in both languages', async () => {
    api.on('PATCH', '/me', apiError(429, 'rate_limited', undefined, { 'retry-after': '64800' }))
    await openDialog('Ändern: Adresse')
    await fill(field(dialog('address'), 'Ihr Passwort'), PASSWORD)
    await click(button(dialog('address'), 'Speichern'))
    expect(announcements(dialog('address'))).toContain(
      'Sie haben Ihre Adresse in den letzten 24 Stunden bereits fünfmal geändert. Das ist höchstens fünfmal am Tag möglich. Bitte versuchen Sie es in 18 Stunden erneut.',
    )
    mounted.wrapper.unmount()

    resetLocale('en')

    api.customerSpeaks('en')
    api.on('PATCH', '/me', apiError(429, 'rate_limited', undefined, { 'retry-after': '1200' }))
    await openDialog('Change: Address')
    await fill(field(dialog('address'), 'Your password'), PASSWORD)
    await click(button(dialog('address'), 'Save'))
    expect(announcements(dialog('address'))).toContain(
      'You have already changed your address five times in the last 24 hours. This is possible at most five times a day. Please try again in one hour.',
    )
  })
})

describe.each(Object.keys(DIALOGS) as (keyof typeof DIALOGS)[])('the %s dialog', (name) => {
  const spec = DIALOGS[name]

  it('says at the password field that the password is wrong, and that three wrong ones lock', async () => {
    api.on(spec.method, spec.path, apiError(403, 'invalid_credentials'))
    await openDialog(spec.opener)
    await spec.fill()
    await fill(field(dialog(name), 'Ihr Passwort'), 'falsch geraten')
    await click(button(dialog(name), spec.submit))
    const password = field(dialog(name), 'Ihr Passwort')
    expect(errorOf(password)).toBe(
      `Das Passwort ist nicht korrekt. Bitte geben Sie das Passwort ein, mit dem Sie sich anmelden. ${LOCK_WARNING}`,
    )
    expect(document.activeElement).toBe(password.element)
    expect(useSessionStore(mounted.pinia).signedIn).toBe(true)
  })

  it('says how many attempts are left before the lock, as the API counts them', async () => {
    api.on(spec.method, spec.path, wrongPassword(2))
    await openDialog(spec.opener)
    await spec.fill()
    await fill(field(dialog(name), 'Ihr Passwort'), 'falsch geraten')
    await click(button(dialog(name), spec.submit))
    expect(errorOf(field(dialog(name), 'Ihr Passwort'))).toBe(
      'Das Passwort ist nicht korrekt. Bitte geben Sie das Passwort ein, mit dem Sie sich anmelden. Noch 2 Versuche, danach wird Ihr Konto gesperrt.',
    )
    api.on(spec.method, spec.path, wrongPassword(1))
    await fill(field(dialog(name), 'Ihr Passwort'), 'wieder falsch geraten')
    await click(button(dialog(name), spec.submit))
    expect(errorOf(field(dialog(name), 'Ihr Passwort'))).toBe(
      'Das Passwort ist nicht korrekt. Bitte geben Sie das Passwort ein, mit dem Sie sich anmelden. Noch 1 Versuch, danach wird Ihr Konto gesperrt.',
    )
  })

  it('on 423 signs out and shows the locked account with the way to a new password', async () => {
    api.on(spec.method, spec.path, apiError(423, 'account_locked'))
    await openDialog(spec.opener)
    await spec.fill()
    await fill(field(dialog(name), 'Ihr Passwort'), 'falsch geraten')
    await click(button(dialog(name), spec.submit))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('sign-in'))
    await flushPromises()

    // Signed out at the gateway too (it forgets the tokens and a kept sign-in).
    expect(api.callsTo('DELETE', '/sessions/current')).toHaveLength(1)
    expect(useSessionStore(mounted.pinia).signedIn).toBe(false)
    const locked = main().get('[data-testid="sign-in-locked"]')
    expect(locked.attributes('role')).toBe('alert')
    expect(locked.get('.message-box__title').text()).toBe('Ihr Konto ist gesperrt')
    expect(plain(locked.text())).toContain(
      'Ihr Passwort wurde dreimal hintereinander falsch eingegeben. Zu Ihrer Sicherheit haben wir Ihr Konto gesperrt und Sie auf allen Geräten abgemeldet. Bitte fordern Sie ein neues Passwort an, um Ihr Konto zu entsperren.',
    )
    await click(link(locked, 'Neues Passwort anfordern'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('forgot-password'))
    await flushPromises()
    // The address is filled in for the new password.
    expect(field<HTMLInputElement>(main(), 'E-Mail-Adresse').element.value).toBe(ANNA.email)
  })
})

describe('the change-password page', () => {
  async function change(current: string): Promise<void> {
    mounted = await mountApp('/settings/password', api)
    await fill(field(main(), 'Aktuelles Passwort'), current)
    await fill(field(main(), 'Neues Passwort'), 'Gaisberg-Nebel-Kaffeehaus-Sonne')
    await fill(field(main(), 'Neues Passwort wiederholen'), 'Gaisberg-Nebel-Kaffeehaus-Sonne')
    await click(button(main(), 'Passwort speichern'))
  }

  it('says that the current password is wrong and that three wrong ones lock', async () => {
    api.on('PUT', '/me/password', apiError(403, 'invalid_credentials'))
    await change('falsch geraten')
    expect(errorOf(field(main(), 'Aktuelles Passwort'))).toBe(
      `Das aktuelle Passwort ist nicht korrekt. Bitte prüfen Sie Ihre Eingabe. ${LOCK_WARNING}`,
    )
  })

  it('says in English how many attempts are left', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    api.on('PUT', '/me/password', wrongPassword(1))
    mounted = await mountApp('/settings/password', api)
    await fill(field(main(), 'Current password'), 'wrong guess')
    await fill(field(main(), 'New password'), 'Gaisberg-Nebel-Kaffeehaus-Sonne')
    await fill(field(main(), 'Repeat new password'), 'Gaisberg-Nebel-Kaffeehaus-Sonne')
    await click(button(main(), 'Save password'))
    expect(errorOf(field(main(), 'Current password'))).toBe(
      'The current password is not correct. Please check what you typed. You have 1 more attempt before your account is locked.',
    )
  })

  it('on 423 signs out and shows the locked account, in English too', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    api.on('PUT', '/me/password', apiError(423, 'account_locked'))
    mounted = await mountApp('/settings/password', api)
    await fill(field(main(), 'Current password'), 'wrong guess')
    await fill(field(main(), 'New password'), 'Gaisberg-Nebel-Kaffeehaus-Sonne')
    await fill(field(main(), 'Repeat new password'), 'Gaisberg-Nebel-Kaffeehaus-Sonne')
    await click(button(main(), 'Save password'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('sign-in'))
    await flushPromises()
    const locked = plain(main().get('[data-testid="sign-in-locked"]').text())
    expect(locked).toContain('Your password was entered wrongly three times in a row.')
    expect(locked).toContain('Request a new password')

    // The next sign-in attempt replaces the text with its own answer.
    api.on('POST', '/sessions', apiError(401, 'invalid_credentials'))
    await fill(field(main(), 'E-mail address'), ANNA.email)
    await fill(field(main(), 'Password'), 'another guess')
    await click(button(main(), 'Sign in'))
    expect(main().find('[data-testid="sign-in-locked"]').exists()).toBe(false)
  })
})
