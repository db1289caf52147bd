/**
 * The backend as main's poller meets it through the gateway's `handle`: GET /me
 * with the customer's preferences, the unread count and the newest unread
 * notifications, as the contract answers them (titles in both languages with the
 * letter's subject, which a notification must never show). The test sets the
 * state, makes a call fail, and reads which calls were made.
 */
import type { Locale } from '../../../../src/shared/api/auth.ts'
import type { Notification } from '../../../../src/shared/api/notifications.ts'

export interface FakeApiState {
  /** preferences.notifications.desktop; undefined: a backend that does not know it yet. */
  desktop: boolean | undefined
  locale: Locale
  /** The customer's notifications, newest first. */
  notifications: Notification[]
  /** Paths (without query) that answer this status instead; 'throw' fails the call itself. */
  failing: Map<string, number | 'throw'>
}

let serial = 0

/** A notification as the backend lists it; the title carries the letter's subject. */
export function notification(
  kind: Notification['kind'],
  target: Notification['target'],
  read = false,
): Notification {
  serial += 1
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    kind,
    createdAt: new Date(Date.UTC(2026, 11, 1, 9, serial)).toISOString(),
    read,
    title: {
      de: `Ablöseangebot zu Vertrag 4711-${serial}: 12.345,67 €`,
      en: `Payoff quote for contract 4711-${serial}: €12,345.67`,
    },
    target,
  }
}

export function fakeApi(initial: Partial<FakeApiState> = {}) {
  const state: FakeApiState = {
    desktop: true,
    locale: 'de',
    notifications: [],
    failing: new Map(),
    ...initial,
  }
  const calls: string[] = []
  /** While set, every answer waits for it (a call under way). */
  let held: Promise<void> | null = null
  const json = (body: unknown): Response =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    calls.push(`${request.method} ${url.pathname}${url.search}`)
    if (held) await held
    const failure = state.failing.get(url.pathname)
    if (failure === 'throw') throw new Error('connection refused')
    if (failure !== undefined) {
      return new Response(JSON.stringify({ error: { code: 'upstream_unavailable' } }), {
        status: failure,
      })
    }
    const unread = state.notifications.filter((item) => !item.read)
    switch (url.pathname) {
      case '/api/v1/me':
        return json({
          customer: {
            firstName: 'Anna',
            preferences: {
              locale: state.locale,
              paperless: true,
              marketingConsent: false,
              ...(state.desktop === undefined
                ? {}
                : { notifications: { emailReminders: true, desktop: state.desktop } }),
            },
          },
        })
      case '/api/v1/notifications/unread-count':
        return json({ count: unread.length })
      case '/api/v1/notifications': {
        const only = url.searchParams.get('unread') === 'true'
        const limit = Number(url.searchParams.get('limit') ?? '20')
        const items = (only ? unread : state.notifications).slice(0, limit)
        return json({ items, nextCursor: null })
      }
      default:
        return new Response(null, { status: 404 })
    }
  }

  /** A new notification arrives (newest first). */
  function arrive(...items: Notification[]): void {
    state.notifications.unshift(...items.reverse())
  }

  /** Holds every answer until the returned function is called. */
  function hold(): () => void {
    let release = (): void => undefined
    held = new Promise((resolve) => {
      release = () => {
        held = null
        resolve()
      }
    })
    return release
  }

  /** The calls to one path, e.g. '/api/v1/notifications/unread-count'. */
  const callsTo = (path: string): number =>
    calls.filter((call) => call.split(' ')[1]?.split('?')[0] === path).length

  return { state, calls, callsTo, handle, arrive, hold }
}
