/** When the customer's session ends, main hears of it (to stop that customer's downloads). */
import { describe, expect, it } from 'vitest'
import type { Gateway } from '../../../src/gateway/gateway.ts'
import { watchSessionEnd } from '../../../src/main/session-end.ts'

/** A gateway whose session state the test sets; answers `status` to every request. */
function fakeGateway() {
  const state = { signedIn: false, status: 200 }
  const gateway: Gateway = {
    get signedIn() {
      return state.signedIn
    },
    keptSession: false,
    signOut: async () => {
      state.signedIn = false
    },
    forgetSession: () => {
      state.signedIn = false
    },
    handle: async () => new Response(null, { status: state.status }),
  }
  return { state, gateway }
}

const request = (path: string, method = 'GET') => new Request(`app://mmf${path}`, { method })

describe('watchSessionEnd', () => {
  it('reports the end when a call leaves the customer signed out (sign-out, refused refresh)', async () => {
    const { state, gateway } = fakeGateway()
    let ended = 0
    const watched = watchSessionEnd(gateway, { onEnded: () => ended++ })
    state.signedIn = true
    await watched.handle(request('/api/v1/session'))
    await watched.handle(request('/api/v1/documents'))
    expect(ended).toBe(0)
    state.signedIn = false
    state.status = 401
    await watched.handle(request('/api/v1/documents'))
    expect(ended).toBe(1)
    // Signed out stays signed out: no second report.
    await watched.handle(request('/api/v1/documents'))
    expect(ended).toBe(1)
  })

  it('reports the end on signOut() (the kiosk’s session end)', async () => {
    const { state, gateway } = fakeGateway()
    let ended = 0
    const watched = watchSessionEnd(gateway, { onEnded: () => ended++ })
    state.signedIn = true
    await watched.signOut()
    expect(ended).toBe(1)
    expect(watched.signedIn).toBe(false)
  })

  it('reports a replaced session and a start when a sign-in succeeds, nothing when one fails', async () => {
    const { state, gateway } = fakeGateway()
    const causes: string[] = []
    let started = 0
    const watched = watchSessionEnd(gateway, {
      onEnded: (cause) => causes.push(cause),
      onStarted: () => started++,
    })
    state.signedIn = true
    state.status = 401
    await watched.handle(request('/api/v1/sessions', 'POST'))
    expect(causes).toEqual([])
    expect(started).toBe(0)
    state.status = 201
    await watched.handle(request('/api/v1/sessions', 'POST'))
    expect(causes).toEqual(['replaced'])
    expect(started).toBe(1)
    // The renderer's own sign-out afterwards is an ordinary end.
    state.signedIn = false
    state.status = 204
    await watched.handle(request('/api/v1/sessions/current', 'DELETE'))
    expect(causes).toEqual(['replaced', 'signed-out'])
  })

  it('with the second factor on, the code step is the sign-in: the kiosk’s idle watch starts there', async () => {
    const { state, gateway } = fakeGateway()
    const causes: string[] = []
    let started = 0
    let restored = 0
    const watched = watchSessionEnd(gateway, {
      onEnded: (cause) => causes.push(cause),
      onStarted: () => started++,
      onRestored: () => restored++,
    })
    // The password step: 200 mfaRequired, nobody signed in yet.
    state.status = 200
    await watched.handle(request('/api/v1/sessions', 'POST'))
    expect([started, restored, causes.length]).toEqual([0, 0, 0])
    // A wrong code: still nobody.
    state.status = 401
    await watched.handle(request('/api/v1/sessions/mfa', 'POST'))
    expect(started).toBe(0)
    state.signedIn = true
    state.status = 201
    await watched.handle(request('/api/v1/sessions/mfa', 'POST'))
    expect([started, restored]).toEqual([1, 0])
    expect(causes).toEqual(['replaced'])
  })

  it('reports the end once on forgetSession() (tokens dropped without the backend)', async () => {
    const { state, gateway } = fakeGateway()
    const causes: string[] = []
    const watched = watchSessionEnd(gateway, { onEnded: (cause) => causes.push(cause) })
    state.signedIn = true
    await watched.handle(request('/api/v1/session'))
    watched.forgetSession()
    watched.forgetSession()
    expect(watched.signedIn).toBe(false)
    expect(causes).toEqual(['signed-out'])
  })

  it('answers the gateway’s response even when the listener throws, and logs it', async () => {
    const { state, gateway } = fakeGateway()
    const lines: string[] = []
    const watched = watchSessionEnd(gateway, {
      onEnded: () => {
        throw new Error('boom')
      },
      log: (line) => lines.push(line),
    })
    state.signedIn = true
    await watched.handle(request('/api/v1/session'))
    state.signedIn = false
    state.status = 204
    const response = await watched.handle(request('/api/v1/sessions/current', 'DELETE'))
    expect(response.status).toBe(204)
    expect(lines.join('\n')).toContain('boom')
  })

  it('reports a kept session that comes back without a sign-in (restored from the keychain)', async () => {
    const { state, gateway } = fakeGateway()
    let restored = 0
    let started = 0
    const watched = watchSessionEnd(gateway, {
      onEnded: () => undefined,
      onStarted: () => started++,
      onRestored: () => restored++,
    })
    await watched.handle(request('/api/v1/session'))
    expect(restored).toBe(0)
    // GET /session restored the kept session: signed in without POST /sessions.
    state.signedIn = true
    await watched.handle(request('/api/v1/session'))
    await watched.handle(request('/api/v1/documents'))
    expect(restored).toBe(1)
    expect(started).toBe(0)
    // A sign-in is a start, not a restore.
    state.status = 201
    await watched.handle(request('/api/v1/sessions', 'POST'))
    expect([started, restored]).toEqual([1, 1])
  })
})
