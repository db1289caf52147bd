// @vitest-environment jsdom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Notification } from '../../../src/shared/api/notifications.ts'
import { UNREAD_POLL_MS } from '../../../src/renderer/src/stores/notifications.ts'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { docId, installPostbox, letter } from './support/fake-documents.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { annaSignedIn, stubs } from './support/postbox-view.ts'
import { button, click } from './support/queries.ts'

// The first visit of a page loads its view: slow on a busy machine.
const VIEW_LOADED = { timeout: 15_000 }
const id = (n: number): string => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`

function notification(n: number, patch: Partial<Notification> = {}): Notification {
  return {
    id: id(n),
    kind: 'document_new',
    createdAt: new Date(Date.UTC(2026, 4, 17, 8) - n * 86_400_000).toISOString(),
    read: false,
    title: { de: `Neues Dokument ${n}`, en: `New document ${n}` },
    target: { kind: 'document', id: docId(n) },
    ...patch,
  }
}

describe('the bell', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  const bell = () => mounted.wrapper.find('[data-testid="notification-bell"]')
  const counts = () => api.callsTo('GET', '/notifications/unread-count').length

  it('is not there signed out, and asks nothing', async () => {
    mounted = await mountApp('/', api)
    expect(bell().exists()).toBe(false)
    expect(counts()).toBe(0)
  })

  it('shows the unread count and says it in its name', async () => {
    annaSignedIn(api)
    api.on('GET', '/notifications/unread-count', { status: 200, body: { count: 3 } })
    mounted = await mountApp('/contracts', api)
    expect(bell().get('[data-testid="bell-badge"]').text()).toBe('3')
    expect(bell().attributes('aria-label')).toBe('Benachrichtigungen, 3 ungelesen')
    expect(bell().attributes('href')).toBe('/notifications')
  })

  it('shows "99+" above 99, and no number when nothing is unread', async () => {
    annaSignedIn(api)
    let count = 250
    api.on('GET', '/notifications/unread-count', () => ({ status: 200, body: { count } }))
    mounted = await mountApp('/contracts', api)
    expect(bell().get('[data-testid="bell-badge"]').text()).toBe('99+')
    expect(bell().attributes('aria-label')).toBe('Benachrichtigungen, 99+ ungelesen')

    count = 0
    await mounted.router.push('/profile')
    await flushPromises()
    expect(bell().find('[data-testid="bell-badge"]').exists()).toBe(false)
    expect(bell().attributes('aria-label')).toBe('Benachrichtigungen')
  })

  it('asks again on every navigation and every minute, and stops at sign-out', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    annaSignedIn(api)
    api.on('DELETE', '/sessions/current', { status: 204 })
    mounted = await mountApp('/contracts', api)
    const atStart = counts()
    expect(atStart).toBeGreaterThan(0)

    await mounted.router.push('/profile')
    await flushPromises()
    expect(counts()).toBe(atStart + 1)

    vi.advanceTimersByTime(UNREAD_POLL_MS)
    await flushPromises()
    expect(counts()).toBe(atStart + 2)

    await useSessionStore(mounted.pinia).signOut()
    await flushPromises()
    const signedOut = counts()
    expect(bell().exists()).toBe(false)
    vi.advanceTimersByTime(3 * UNREAD_POLL_MS)
    await flushPromises()
    expect(counts()).toBe(signedOut)
  })
})

describe('the notifications page', () => {
  let mounted: MountedApp
  let api: FakeApi
  let items: Notification[]

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    items = [
      notification(1),
      notification(2, {
        kind: 'service_request_updated',
        read: true,
        title: { de: 'Ihre Anfrage wurde beantwortet', en: 'Your request was answered' },
        target: { kind: 'service_request', id: id(900) },
      }),
      notification(3, {
        kind: 'instalment_due',
        title: { de: 'Ihre Rate ist in 3 Tagen fällig', en: 'Your instalment is due in 3 days' },
        target: { kind: 'contract', id: id(901) },
      }),
    ]
    api
      .on('GET', '/notifications', (request) => {
        const start = request.query?.cursor === undefined ? 0 : Number(request.query.cursor)
        const size = Number(request.query?.limit ?? 20)
        const page = items.slice(start, start + size)
        return {
          status: 200,
          body: {
            items: page.map((item) => ({ ...item })),
            nextCursor: start + size < items.length ? String(start + size) : null,
          },
        }
      })
      .on('GET', '/notifications/unread-count', () => ({
        status: 200,
        body: { count: items.filter((item) => !item.read).length },
      }))
      .onMatch('POST', /^\/notifications\/[^/]+\/read$/, (request) => {
        const item = items.find((candidate) => candidate.id === request.path.split('/')[2])
        if (!item) return apiError(404, 'not_found')
        item.read = true
        return { status: 204 }
      })
      .on('POST', '/notifications/read-all', () => {
        for (const item of items) item.read = true
        return { status: 204 }
      })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const main = () => mounted.wrapper.get('main')
  const rows = () => main().findAll('[data-testid="notifications-list"] li button')
  const bellName = () =>
    mounted.wrapper.get('[data-testid="notification-bell"]').attributes('aria-label')

  it('lists them as the API gives them, newest first, the unread ones marked "Neu"', async () => {
    mounted = await mountApp('/notifications', api)
    expect(main().get('h1').text()).toBe('Benachrichtigungen')
    expect(rows().map((row) => row.find('.notification__title').text())).toEqual([
      'Neues Dokument 1',
      'Ihre Anfrage wurde beantwortet',
      'Ihre Rate ist in 3 Tagen fällig',
    ])
    // Marked by a word (in the button's name), not by colour alone.
    expect(rows().map((row) => row.text().startsWith('Neu '))).toEqual([true, false, true])
    expect(rows()[0]?.text()).toContain('16.05.2026')
    expect(bellName()).toBe('Benachrichtigungen, 2 ungelesen')
  })

  it('shows the titles in the language the app speaks', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    mounted = await mountApp('/notifications', api)
    expect(rows().map((row) => row.find('.notification__title').text())).toEqual([
      'New document 1',
      'Your request was answered',
      'Your instalment is due in 3 days',
    ])
    expect(rows()[0]?.text()).toMatch(/^New /)
  })

  it('opens a letter in the postbox and marks the notification read', async () => {
    const postbox = installPostbox(api, [letter(1, { read: false })])
    api.on('GET', `/documents/${docId(1)}`, { status: 200, body: postbox.docs[0] })
    api.on('GET', `/documents/${docId(1)}/content`, { status: 200, body: new ArrayBuffer(8) })
    mounted = await mountApp('/notifications', api, { stubs })

    await click(rows()[0] as never)
    await vi.waitFor(
      () => expect(mounted.router.currentRoute.value.name).toBe('postbox'),
      VIEW_LOADED,
    )
    await flushPromises()

    expect(api.callsTo('POST', `/notifications/${id(1)}/read`)).toHaveLength(1)
    const route = mounted.router.currentRoute.value
    expect(route.name).toBe('postbox')
    expect(route.query.open).toBe(docId(1))
    const dialog = mounted.wrapper.get('[data-testid="preview"]')
    expect(dialog.text()).toContain('Brief 1')
    // Opening the letter marked it read as well.
    expect(api.callsTo('POST', `/documents/${docId(1)}/read`)).toHaveLength(1)
    expect(bellName()).toBe('Benachrichtigungen, 1 ungelesen')
  })

  it('says so when the letter of a notification cannot be opened', async () => {
    installPostbox(api, [letter(1)])
    mounted = await mountApp(`/postbox?open=${docId(7)}`, api, { stubs })
    expect(api.callsTo('GET', `/documents/${docId(7)}`)).toHaveLength(1)
    expect(main().get('[data-testid="postbox-open-failed"]').text()).toContain(
      'Dieses Dokument konnte nicht geöffnet werden.',
    )
    expect(mounted.wrapper.find('[data-testid="preview"]').exists()).toBe(false)
  })

  it('opens a request on the services page and an instalment on its contract', async () => {
    mounted = await mountApp('/notifications', api)
    await click(rows()[1] as never)
    await vi.waitFor(
      () => expect(mounted.router.currentRoute.value.name).toBe('services'),
      VIEW_LOADED,
    )
    expect(mounted.router.currentRoute.value.name).toBe('services')
    // Read already: nothing to mark.
    expect(api.callsTo('POST', `/notifications/${id(2)}/read`)).toHaveLength(0)

    await mounted.router.push('/notifications')
    await flushPromises()
    await click(rows()[2] as never)
    await vi.waitFor(
      () => expect(mounted.router.currentRoute.value.name).toBe('contract'),
      VIEW_LOADED,
    )
    expect(mounted.router.currentRoute.value.name).toBe('contract')
    expect(mounted.router.currentRoute.value.params.id).toBe(id(901))
    expect(api.callsTo('POST', `/notifications/${id(3)}/read`)).toHaveLength(1)
  })

  it('marks all as read at once', async () => {
    mounted = await mountApp('/notifications', api)
    await click(button(main(), 'Alle als gelesen markieren'))

    expect(api.callsTo('POST', '/notifications/read-all')).toHaveLength(1)
    expect(rows().some((row) => row.text().startsWith('Neu '))).toBe(false)
    expect(bellName()).toBe('Benachrichtigungen')
    expect(main().text()).not.toContain('Alle als gelesen markieren')
    expect(main().text()).toContain('Alle Benachrichtigungen sind als gelesen markiert.')
    // Its button is gone: the focus is on the page's heading, not lost.
    expect(document.activeElement).toBe(main().get('h1').element)
  })

  it('loads older ones page by page', async () => {
    items = Array.from({ length: 25 }, (_, n) => notification(n + 1, { read: true }))
    mounted = await mountApp('/notifications', api)
    expect(rows()).toHaveLength(20)
    await click(button(main(), 'Ältere laden'))
    expect(rows()).toHaveLength(25)
    expect(api.callsTo('GET', '/notifications').at(-1)?.query?.cursor).toBe('20')
    expect(main().text()).not.toContain('Ältere laden')
  })

  it('says when there is nothing', async () => {
    items = []
    mounted = await mountApp('/notifications', api)
    expect(main().get('[data-testid="notifications-empty"]').text()).toContain(
      'Keine Benachrichtigungen',
    )
  })
})
