// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installFakeApi, type FakeApi } from './support/fake-api.ts'
import { KIOSK_SETTINGS, webClientInfo } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaSignedIn } from './support/postbox-view.ts'
import { annaProfile, changeButton, plain } from './support/profile.ts'
import { PAGE_SESSION_MARK } from '../../../src/renderer/src/stores/kiosk.ts'
import { button, click, field } from './support/queries.ts'

/** Anna's preferences as a backend with notifications answers them. */
const PREFERENCES = {
  ...annaProfile().preferences,
  notifications: { emailReminders: false, desktop: true },
}

describe('the notification settings in "Einstellungen"', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    sessionStorage.clear()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const value = (key: string) => plain(main().get(`dd[data-field="${key}"]`).text())
  const form = () => main().get('[data-testid="preferences-dialog"]')

  function serve(preferences: object): void {
    api.on('GET', '/me', {
      status: 200,
      body: { customer: { ...annaProfile(), preferences } },
      headers: { etag: '"v1"' },
    })
    api.on('PATCH', '/me', (request) => ({
      status: 200,
      body: {
        customer: {
          ...annaProfile(),
          preferences: { ...preferences, ...(request.body as { preferences: object }).preferences },
        },
      },
      headers: { etag: '"v2"' },
    }))
  }

  it('shows both, and sends the reminders switched on with the desktop setting kept', async () => {
    serve(PREFERENCES)
    mounted = await mountApp('/profile', api)
    expect(value('emailReminders')).toBe('Nein')
    expect(value('desktopNotifications')).toBe('Ja')

    await click(changeButton('Ändern: Einstellungen'))
    const reminders = field(form(), 'Erinnerung an Raten per E-Mail')
    expect(reminders.element.checked).toBe(false)
    expect(field(form(), 'Systembenachrichtigungen der Desktop-App').element.checked).toBe(true)
    await reminders.setValue(true)
    await click(button(form(), 'Speichern'))

    expect(api.callsTo('PATCH', '/me')[0]?.body).toEqual({
      preferences: { notifications: { emailReminders: true, desktop: true } },
    })
    expect(value('emailReminders')).toBe('Ja')
  })

  it('shows no switches where the backend has no such settings', async () => {
    serve(annaProfile().preferences)
    mounted = await mountApp('/profile', api)
    expect(main().find('dd[data-field="emailReminders"]').exists()).toBe(false)
    await click(changeButton('Ändern: Einstellungen'))
    expect(form().text()).not.toContain('Erinnerung an Raten per E-Mail')
  })

  it('offers no desktop notifications on a kiosk terminal', async () => {
    webClientInfo(api, KIOSK_SETTINGS)
    sessionStorage.setItem(PAGE_SESSION_MARK, '1')
    serve(PREFERENCES)
    mounted = await mountApp('/profile', api)
    await click(changeButton('Ändern: Einstellungen'))
    expect(form().text()).toContain('Erinnerung an Raten per E-Mail')
    expect(form().text()).not.toContain('Systembenachrichtigungen der Desktop-App')
  })
})
