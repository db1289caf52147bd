/**
 * Notifications through the API (api.md "Notifications"): a new letter and a
 * request's change of status each record one, the demo's historic letters none;
 * the list newest first in keyset pages, the unread filter and count, "read" and
 * "read all"; a session is needed, an activation is not; preferences.notifications
 * in GET/PATCH /me. The helpers' clock starts on Sunday 2026-05-17 08:30 UTC.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA, registeredCustomer, signInAnna, type Auth } from '../../helpers/customers.ts'
import {
  allNotifications,
  fileLetter,
  listNotifications,
  notificationsOfKind,
  unreadCount,
  patchPreferences,
} from './notifications-fixtures.ts'
import { ANNA_BALLOON, contractOf, file } from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const read = (auth: Auth, id: string) =>
  backend.json('POST', `/api/v1/notifications/${id}/read`, undefined, auth)

describe('recording', () => {
  it('records a new letter with its title in both languages, opening the letter; the demo’s history records none', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    // The seeded letters of past years are history, not news.
    expect(await notificationsOfKind(backend, auth, 'document_new')).toEqual([])
    const id = await fileLetter(backend, ANNA)
    const [notification, ...more] = await notificationsOfKind(backend, auth, 'document_new')
    expect(more).toEqual([])
    expect(notification).toMatchObject({
      kind: 'document_new',
      read: false,
      createdAt: backend.clock.now().toISOString(),
      target: { kind: 'document', id },
    })
    // The title is the letter's, as the postbox names it in each language.
    const letter = (await backend.json('GET', `/api/v1/documents/${id}`, undefined, auth)).json()
    expect(notification?.title.de).toBe(`Neues Dokument: ${letter.title}`)
    expect(notification?.title.en).toMatch(/^New document: Annual account statement 2025 /)
  })

  it('records each change of a request’s status, opening the request', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const filed = await file(backend, auth, {
      type: 'travel_abroad_permission',
      contractId: balloon.id,
      details: { countries: ['CH'], from: '2026-07-01', to: '2026-07-21', purpose: 'Urlaub' },
    })
    // Filing is no change of status.
    expect(await notificationsOfKind(backend, auth, 'service_request_updated')).toEqual([])
    // The back office takes it up within the hour and answers it on Monday.
    backend.clock.advance(3600)
    await backend.app.services.backOffice?.run(backend.app.services)
    backend.clock.advance(2 * 86_400)
    await backend.app.services.backOffice?.run(backend.app.services)
    auth = await signInAnna(backend)
    const updates = await notificationsOfKind(backend, auth, 'service_request_updated')
    expect(updates.map((n) => n.title.de)).toEqual([
      `Ihre Anfrage ${filed.reference} ist erledigt`,
      `Ihre Anfrage ${filed.reference} ist in Bearbeitung`,
    ])
    expect(updates.map((n) => n.title.en)).toEqual([
      `Your request ${filed.reference} has been completed`,
      `Your request ${filed.reference} is in progress`,
    ])
    for (const n of updates) expect(n.target).toEqual({ kind: 'service_request', id: filed.id })
    // Its answer is a new letter too.
    expect(await notificationsOfKind(backend, auth, 'document_new')).toHaveLength(1)
    // Running the back office again changes nothing and records nothing.
    await backend.app.services.backOffice?.run(backend.app.services)
    expect(await notificationsOfKind(backend, auth, 'service_request_updated')).toHaveLength(2)
  })
})

describe('GET /notifications', () => {
  it('lists newest first in pages that neither skip nor repeat, and filters the unread ones', async () => {
    backend = await createTestBackend()
    const letters: string[] = []
    for (let i = 0; i < 25; i++) {
      letters.push(await fileLetter(backend, ANNA))
      // Two of them in the same second: the cursor still tells them apart.
      if (i !== 10) backend.clock.advance(1)
    }
    const auth = await signInAnna(backend)
    const pages = []
    let cursor: string | null = null
    do {
      const page = await listNotifications(
        backend,
        auth,
        `?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      pages.push(page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5])
    const items = pages.flat().filter((n) => n.kind === 'document_new')
    expect(new Set(items.map((n) => n.id)).size).toBe(25)
    // Newest first: the letters in reverse order of filing (the two of one second by id).
    const byTime = [...items].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    )
    expect(items).toEqual(byTime)
    expect(items.at(0)?.target?.id).toBe(letters.at(-1))
    expect(items.at(-1)?.target?.id).toBe(letters[0])

    // The default page is 20; read ones drop out of the unread filter.
    expect((await listNotifications(backend, auth)).items).toHaveLength(20)
    for (const n of items.slice(0, 3)) expect((await read(auth, n.id)).statusCode).toBe(204)
    const unread = await allNotifications(backend, auth, '&unread=true')
    expect(unread.map((n) => n.id)).toEqual(items.slice(3).map((n) => n.id))
    const done = await allNotifications(backend, auth, '&unread=false')
    expect(done.map((n) => n.id)).toEqual(items.slice(0, 3).map((n) => n.id))
    expect(done.every((n) => n.read)).toBe(true)
  })

  it('refuses a limit out of range and a cursor it did not make', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    for (const query of [
      '?limit=0',
      '?limit=101',
      '?limit=x',
      '?cursor=bm9uc2Vuc2U',
      '?unread=1',
    ]) {
      const response = await backend.json('GET', `/api/v1/notifications${query}`, undefined, auth)
      expect(response.statusCode, query).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
    }
  })

  it('needs a session but no activation: an account not activated yet sees its own (none here)', async () => {
    backend = await createTestBackend()
    for (const [method, url] of [
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/notifications/unread-count'],
      ['POST', '/api/v1/notifications/read-all'],
      ['POST', '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read'],
    ] as const) {
      expect((await backend.json(method, url)).statusCode, url).toBe(401)
    }
    const auth = await registeredCustomer(backend)
    expect(await listNotifications(backend, auth)).toEqual({ items: [], nextCursor: null })
    expect(await unreadCount(backend, auth)).toBe(0)
  })
})

describe('read, read all, the unread count', () => {
  it('counts the unread ones; read once stays read; read-all marks every one', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = await unreadCount(backend, auth)
    for (let i = 0; i < 3; i++) await fileLetter(backend, ANNA)
    expect(await unreadCount(backend, auth)).toBe(before + 3)
    const [newest] = await notificationsOfKind(backend, auth, 'document_new')
    if (!newest) throw new Error('no notification')
    expect((await read(auth, newest.id)).statusCode).toBe(204)
    // Twice is fine and counts once.
    expect((await read(auth, newest.id)).statusCode).toBe(204)
    expect(await unreadCount(backend, auth)).toBe(before + 2)
    expect((await notificationsOfKind(backend, auth, 'document_new'))[0]?.read).toBe(true)

    const all = await backend.json('POST', '/api/v1/notifications/read-all', undefined, auth)
    expect(all.statusCode).toBe(204)
    expect(await unreadCount(backend, auth)).toBe(0)
    expect((await allNotifications(backend, auth)).every((n) => n.read)).toBe(true)
    // What comes after is unread again.
    await fileLetter(backend, ANNA)
    expect(await unreadCount(backend, auth)).toBe(1)
  })

  it('answers 404 for an id that names nothing', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await read(auth, id)
      expect(response.statusCode, id).toBe(404)
      expect(response.json().error.code).toBe('not_found')
    }
  })
})

describe('preferences.notifications in GET/PATCH /me', () => {
  const me = async (auth: Auth) =>
    (await backend.json('GET', '/api/v1/me', undefined, auth)).json().customer.preferences

  it('defaults to no e-mail reminders and desktop notifications on; PATCH changes either alone', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    expect((await me(auth)).notifications).toEqual({ emailReminders: false, desktop: true })
    const on = await patchPreferences(backend, auth, { notifications: { emailReminders: true } })
    expect(on.statusCode, on.body).toBe(200)
    expect(on.json().customer.preferences.notifications).toEqual({
      emailReminders: true,
      desktop: true,
    })
    await patchPreferences(backend, auth, { notifications: { desktop: false } })
    expect(await me(auth)).toEqual({
      locale: 'de',
      paperless: false,
      marketingConsent: false,
      notifications: { emailReminders: true, desktop: false },
    })
    // The ETag follows the change.
    const etag = (await backend.json('GET', '/api/v1/me', undefined, auth)).headers.etag
    await patchPreferences(backend, auth, { notifications: { desktop: true } })
    expect((await backend.json('GET', '/api/v1/me', undefined, auth)).headers.etag).not.toBe(etag)
  })

  it('refuses an empty or unknown notification preference, and takes one before activation', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    for (const notifications of [{}, { sms: true }, { desktop: 'yes' }]) {
      const response = await patchPreferences(backend, auth, { notifications })
      expect(response.statusCode, JSON.stringify(notifications)).toBe(400)
    }
    const off = await patchPreferences(backend, auth, { notifications: { desktop: false } })
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json().customer.preferences.notifications).toEqual({
      emailReminders: false,
      desktop: false,
    })
  })
})
