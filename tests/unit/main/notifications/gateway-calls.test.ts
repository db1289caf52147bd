/**
 * Main reads the backend's answers for its desktop notifications defensively: an
 * answer that is not what the contract says is an error (never a notification),
 * a preference it does not find is "off", a kind it does not know is left out.
 */
import { describe, expect, it } from 'vitest'
import { notificationsThroughGateway } from '../../../../src/main/notifications/gateway-calls.ts'

/** A gateway that answers every call with `body` (JSON) and records the URLs asked. */
function answering(body: unknown, status = 200) {
  const asked: string[] = []
  const calls = notificationsThroughGateway({
    handle: async (request) => {
      asked.push(request.url)
      return new Response(JSON.stringify(body), { status })
    },
  })
  return { calls, asked }
}

describe('the poller’s calls through the gateway', () => {
  it('go to the app’s own gateway paths, the list with unread=true and a bounded limit', async () => {
    const { calls, asked } = answering({ items: [], nextCursor: null })
    await calls.newestUnread(500)
    await calls.newestUnread(0)
    expect(asked).toEqual([
      'app://mmf/api/v1/notifications?unread=true&limit=100',
      'app://mmf/api/v1/notifications?unread=true&limit=1',
    ])
  })

  it('take the preference "on" only when GET /me says so, and German without a known language', async () => {
    const on = { preferences: { locale: 'en', notifications: { desktop: true } } }
    expect(await answering({ customer: on }).calls.preference()).toEqual({
      desktop: true,
      locale: 'en',
    })
    const odd = { preferences: { locale: 'fr', notifications: { desktop: 'yes' } } }
    expect(await answering({ customer: odd }).calls.preference()).toEqual({
      desktop: false,
      locale: 'de',
    })
    await expect(answering({ customer: {} }).calls.preference()).rejects.toThrow(/preferences/)
  })

  it('refuse a count that is no count, and an answer that is not 200', async () => {
    for (const count of [-1, 1.5, '3', null]) {
      await expect(answering({ count }).calls.unreadCount()).rejects.toThrow(/no count/)
    }
    await expect(answering({ count: 3 }, 502).calls.unreadCount()).rejects.toThrow(/502/)
    expect(await answering({ count: 3 }).calls.unreadCount()).toBe(3)
  })

  it('leave out items of kinds it does not know, and targets it cannot open', async () => {
    const { calls } = answering({
      items: [
        { kind: 'document_new', target: { kind: 'document', id: 'd-1' } },
        { kind: 'lottery_win', target: { kind: 'document', id: 'd-2' } },
        { kind: 'instalment_due', target: { kind: 'elsewhere', id: 'x' } },
        'nonsense',
      ],
      nextCursor: null,
    })
    expect(await calls.newestUnread(5)).toEqual([
      { kind: 'document_new', target: { kind: 'document', id: 'd-1' } },
      { kind: 'instalment_due', target: null },
    ])
    await expect(answering({ items: 'none' }).calls.newestUnread(1)).rejects.toThrow(/no items/)
  })
})
