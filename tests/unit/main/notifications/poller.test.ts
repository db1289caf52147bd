/**
 * Main's desktop notifications (issue 16, point 4), on the fake clock, against
 * the backend's answers as they reach main through the gateway: when it asks,
 * when it shows a notification, what it says and opens, and when it never asks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { vi } from 'vitest'
import type { Locale } from '../../../../src/shared/api/auth.ts'
import { notificationsThroughGateway } from '../../../../src/main/notifications/gateway-calls.ts'
import type { SystemNotice } from '../../../../src/main/notifications/notice.ts'
import {
  createNotificationPoller,
  POLL_INTERVAL_MS,
  POLL_JITTER_MS,
  type ShowResult,
} from '../../../../src/main/notifications/poller.ts'
import type { Notification } from '../../../../src/shared/api/notifications.ts'
import { fakeApi, notification } from './fake-api.ts'

const COUNT = '/api/v1/notifications/unread-count'
const ME = '/api/v1/me'
const MINUTE = 60_000

interface SetUp {
  kiosk?: boolean
  kept?: boolean
  /** What Math.random gives the jitter: 0 → −2 min, 0.5 → none, 1 → +2 min. */
  random?: number
  show?: ShowResult
  told?: boolean
}

function setUp(options: SetUp = {}, api = fakeApi()) {
  const session = { kept: options.kept ?? true }
  const shown: SystemNotice[] = []
  const told: Locale[] = []
  const flag = { told: options.told ?? false }
  const log: string[] = []
  const poller = createNotificationPoller({
    kiosk: options.kiosk ?? false,
    keptSession: () => session.kept,
    gateway: notificationsThroughGateway({ handle: api.handle }),
    notify: (notice) => {
      if ((options.show ?? 'shown') === 'shown') shown.push(notice)
      return options.show ?? 'shown'
    },
    fallback: {
      told: () => flag.told,
      tell: async (locale) => {
        flag.told = true
        told.push(locale)
      },
    },
    random: () => options.random ?? 0.5,
    log: (line) => log.push(line),
  })
  return { api, poller, session, shown, told, log }
}

/** Lets the poller's calls (promises) settle, then moves the fake clock on. */
const after = (ms: number) => vi.advanceTimersByTimeAsync(ms)
const settle = () => vi.advanceTimersByTimeAsync(0)

/** A poller whose kept session has had its first turn (the baseline). */
async function started(options: SetUp = {}, api = fakeApi()) {
  const wired = setUp(options, api)
  wired.poller.sessionStarted()
  await settle()
  return wired
}

/** News arrives, then the next turn comes. */
async function nextTurnWith(api: ReturnType<typeof fakeApi>, ...items: Notification[]) {
  api.arrive(...items)
  await after(15 * MINUTE)
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 7, 8) })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('desktop notifications: when main asks', () => {
  it('asks at once when a kept session starts, then every 15 minutes with up to ±2 minutes of jitter', async () => {
    for (const [random, interval] of [
      [0, POLL_INTERVAL_MS - POLL_JITTER_MS],
      [0.5, POLL_INTERVAL_MS],
      [1, POLL_INTERVAL_MS + POLL_JITTER_MS],
    ] as const) {
      const { api, poller } = setUp({ random })
      poller.sessionStarted()
      await settle()
      expect(api.callsTo(COUNT)).toBe(1)
      await after(interval - 1)
      expect(api.callsTo(COUNT)).toBe(1)
      await after(1)
      expect(api.callsTo(COUNT)).toBe(2)
      await after(interval)
      expect(api.callsTo(COUNT)).toBe(3)
      poller.sessionEnded()
    }
    expect(POLL_INTERVAL_MS).toBe(15 * MINUTE)
    expect(POLL_JITTER_MS).toBe(2 * MINUTE)
  })

  it('asks when the machine wakes up, and then again a full interval later', async () => {
    const { api, poller } = setUp()
    poller.sessionStarted()
    await after(5 * MINUTE)
    expect(api.callsTo(COUNT)).toBe(1)
    poller.resumed()
    await settle()
    expect(api.callsTo(COUNT)).toBe(2)
    // The wake-up's turn replaces the one that was due 10 minutes later.
    await after(15 * MINUTE - 1)
    expect(api.callsTo(COUNT)).toBe(2)
    await after(1)
    expect(api.callsTo(COUNT)).toBe(3)
  })

  it('never asks in kiosk mode, not even with a session and a wake-up', async () => {
    const { api, poller } = setUp({ kiosk: true })
    poller.sessionStarted()
    poller.resumed()
    await after(2 * 60 * MINUTE)
    expect(api.calls).toEqual([])
    expect(poller.running).toBe(false)
  })

  it('never asks without a kept session (signed in without "stay signed in")', async () => {
    const { api, poller } = setUp({ kept: false })
    poller.sessionStarted()
    poller.resumed()
    await after(2 * 60 * MINUTE)
    expect(api.calls).toEqual([])
  })

  it('stops when the session ends, also with a call under way, and shows nothing for it', async () => {
    const { api, poller, shown, session } = await started()
    api.arrive(notification('document_new', { kind: 'document', id: 'doc-1' }))
    // The next turn is under way (its answers held) when the customer signs out.
    const release = api.hold()
    await after(15 * MINUTE)
    expect(api.callsTo(ME)).toBe(2)
    session.kept = false
    poller.sessionEnded()
    release()
    await after(3 * 60 * MINUTE)
    poller.resumed()
    await settle()
    expect(shown).toEqual([])
    expect(api.callsTo(ME)).toBe(2)
    expect(poller.running).toBe(false)
  })

  it('a new customer’s session starts from their own count, not the one before', async () => {
    const { api, poller, shown } = await started()
    poller.sessionEnded()
    // The next customer has unread news from before: that is the bell's, not a notification.
    api.arrive(notification('document_new', { kind: 'document', id: 'doc-1' }))
    poller.sessionStarted()
    await after(15 * MINUTE)
    expect(shown).toEqual([])
    expect(poller.running).toBe(true)
  })

  it('a turn still under way when another customer signs in leaves one schedule, the new one’s', async () => {
    const { api, poller } = await started()
    const release = api.hold()
    await after(15 * MINUTE)
    poller.sessionEnded()
    poller.sessionStarted()
    release()
    await settle()
    expect(api.callsTo(ME)).toBe(3)
    await after(15 * MINUTE)
    expect(api.callsTo(ME)).toBe(4)
    await after(15 * MINUTE)
    expect(api.callsTo(ME)).toBe(5)
  })

  it('stops by itself when the session is no longer a kept one', async () => {
    const { api, poller, session } = await started()
    session.kept = false
    await after(60 * MINUTE)
    expect(api.callsTo(ME)).toBe(1)
    expect(poller.running).toBe(false)
  })

  it('with the preference off asks only for the preference, never the count, and shows nothing', async () => {
    const { api, shown } = await started({}, fakeApi({ desktop: false }))
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-1' }))
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-2' }))
    expect(api.callsTo(COUNT)).toBe(0)
    expect(shown).toEqual([])
    // Turned on: the count of then is the start, the letters before it are the bell's.
    api.state.desktop = true
    await after(15 * MINUTE)
    expect(shown).toEqual([])
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-3' }))
    expect(shown).toHaveLength(1)
  })

  it('a backend that does not know the preference yet counts as off', async () => {
    const { api, shown } = await started({}, fakeApi({ desktop: undefined }))
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-1' }))
    expect(api.callsTo(COUNT)).toBe(0)
    expect(shown).toEqual([])
  })
})

describe('desktop notifications: what main shows', () => {
  it('shows one notification per rise of the count, not one per turn', async () => {
    const { api, poller, shown } = setUp()
    api.arrive(notification('instalment_due', { kind: 'contract', id: 'c-1' }))
    poller.sessionStarted()
    await settle()
    // The first answer is the baseline: what was unread before shows in the bell only.
    expect(shown).toEqual([])
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-1' }))
    expect(shown).toHaveLength(1)
    await after(15 * MINUTE)
    await after(15 * MINUTE)
    expect(shown).toHaveLength(1)
    // Read in the app: the count falls; a new letter afterwards is a rise again.
    for (const item of api.state.notifications) item.read = true
    await after(15 * MINUTE)
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-2' }))
    expect(shown).toHaveLength(2)
  })

  it('says "Neues Dokument in Ihrem Postfach" and nothing of the letter, and opens it in the postbox', async () => {
    const { api, shown } = await started()
    const letter = notification('document_new', { kind: 'document', id: 'doc-7' })
    await nextTurnWith(api, letter)
    expect(shown).toEqual([
      {
        title: 'My MINI Finance',
        body: 'Neues Dokument in Ihrem Postfach',
        route: '/postbox?open=doc-7',
      },
    ])
    const text = `${shown[0]?.title} ${shown[0]?.body}`
    expect(text).not.toContain('4711')
    expect(text).not.toContain(letter.title.de)
    expect(text).not.toMatch(/\d/)
  })

  it('speaks the customer’s language', async () => {
    const { api, shown } = await started({}, fakeApi({ locale: 'en' }))
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-1' }))
    await nextTurnWith(
      api,
      notification('service_request_updated', { kind: 'service_request', id: 'r-1' }),
      notification('document_new', { kind: 'document', id: 'doc-2' }),
    )
    expect(shown.map((notice) => notice.body)).toEqual([
      'New document in your postbox',
      'New notifications',
    ])
  })

  it('names other news "Neue Benachrichtigungen": one opens its target, several the notifications page', async () => {
    const { api, shown } = await started()
    await nextTurnWith(api, notification('instalment_due', { kind: 'contract', id: 'c/1' }))
    await nextTurnWith(
      api,
      notification('service_request_updated', { kind: 'service_request', id: 'r-1' }),
    )
    await nextTurnWith(
      api,
      notification('document_new', { kind: 'document', id: 'doc-1' }),
      notification('document_new', { kind: 'document', id: 'doc-2' }),
    )
    await nextTurnWith(
      api,
      notification('document_new', { kind: 'document', id: 'doc-3' }),
      notification('co_borrower_joined', { kind: 'contract', id: 'c-2' }),
    )
    expect(shown.map(({ body, route }) => ({ body, route }))).toEqual([
      { body: 'Neue Benachrichtigungen', route: '/contracts/c%2F1' },
      { body: 'Neue Benachrichtigungen', route: '/services#my-requests' },
      { body: 'Neue Dokumente in Ihrem Postfach', route: '/notifications' },
      { body: 'Neue Benachrichtigungen', route: '/notifications' },
    ])
  })

  it('survives a failing backend: no crash, no notification, and the next turn still comes', async () => {
    const { api, poller, shown, log } = await started()
    api.arrive(notification('document_new', { kind: 'document', id: 'doc-1' }))
    api.state.failing.set(COUNT, 502)
    await after(15 * MINUTE)
    api.state.failing.set(COUNT, 'throw')
    await after(15 * MINUTE)
    api.state.failing.clear()
    api.state.failing.set(ME, 401)
    await after(15 * MINUTE)
    expect(shown).toEqual([])
    expect(log.join('\n')).toMatch(/502/)
    // The list failing after the count rose: nothing now, the rise is shown at the next turn.
    api.state.failing.clear()
    api.state.failing.set('/api/v1/notifications', 500)
    await after(15 * MINUTE)
    expect(shown).toEqual([])
    api.state.failing.clear()
    await after(15 * MINUTE)
    expect(shown).toHaveLength(1)
    expect(poller.running).toBe(true)
  })
})

describe('desktop notifications: a system that shows none', () => {
  it('falls back to the bell: tells the customer once, in their language, and stops asking', async () => {
    const { api, poller, told } = await started({ show: 'unavailable' }, fakeApi({ locale: 'en' }))
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-1' }))
    expect(told).toEqual(['en'])
    const calls = api.calls.length
    poller.sessionStarted()
    poller.resumed()
    await after(60 * MINUTE)
    expect(api.calls.length).toBe(calls)
  })

  it('does not tell a customer who was told before (the flag in main’s settings)', async () => {
    const { api, told } = await started({ show: 'unavailable', told: true })
    await nextTurnWith(api, notification('document_new', { kind: 'document', id: 'doc-1' }))
    expect(told).toEqual([])
  })

  it('falls back when the system refuses a notification it took (Windows’ "failed")', async () => {
    const { api, poller, told, log } = await started()
    poller.systemFailed('notifications are turned off')
    poller.systemFailed('notifications are turned off')
    expect(told).toEqual(['de'])
    expect(poller.running).toBe(false)
    expect(log.join('\n')).toContain('turned off')
    await after(60 * MINUTE)
    expect(api.callsTo(ME)).toBe(1)
  })
})
