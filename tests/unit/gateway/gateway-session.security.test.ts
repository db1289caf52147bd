/**
 * The gateway keeps the tokens: the renderer never sees one, the refresh token
 * reaches the keychain only with "stay signed in" and never in kiosk mode, a
 * 401 triggers one refresh for any number of parallel calls.
 */
import { describe, expect, it } from 'vitest'
import { createGateway } from '../../../src/gateway/gateway.ts'
import { REFRESH_TOKEN_ACCOUNT } from '../../../src/gateway/session-keeper.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import type { Vault } from '../../../src/gateway/vault.ts'
import { KIOSK_DEFAULT_SETTINGS } from '../../../src/shared/kiosk.ts'
import { appRequest } from './support/app-request.ts'

const customer = {
  customerNumber: '100200300',
  salutation: 'ms',
  firstName: 'Anna',
  lastName: 'Huber',
  email: 'anna@example.at',
  locale: 'de',
  activated: true,
}

/** A fake backend: issues numbered tokens, rotates refresh tokens, answers /me with the bearer it got. */
function fakeBackend() {
  let serial = 0
  let validAccess = new Set<string>()
  const validRefresh = new Set<string>()
  const seen: Request[] = []
  let refreshCalls = 0
  const issue = () => {
    serial += 1
    const pair = {
      accessToken: `access-${serial}-${'a'.repeat(20)}`,
      accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString(),
      refreshToken: `refresh-${serial}-${'r'.repeat(20)}`,
      refreshTokenExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }
    validAccess.add(pair.accessToken)
    validRefresh.add(pair.refreshToken)
    return { ...pair, customer }
  }
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const upstream = async (request: Request): Promise<Response> => {
    seen.push(request.clone())
    const path = new URL(request.url).pathname
    if (path === '/api/v1/sessions' && request.method === 'POST') {
      const body = (await request.json()) as Record<string, unknown>
      if (body.password !== 'correct horse battery staple') {
        return json(401, { error: { code: 'invalid_credentials', message: 'x' } })
      }
      return json(201, issue())
    }
    if (path === '/api/v1/sessions/refresh') {
      refreshCalls += 1
      const { refreshToken } = (await request.json()) as { refreshToken: string }
      await new Promise((r) => setTimeout(r, 20))
      if (!validRefresh.delete(refreshToken)) {
        return json(401, { error: { code: 'session_revoked', message: 'x' } })
      }
      return json(200, issue())
    }
    const bearer = request.headers.get('authorization')?.replace('Bearer ', '') ?? ''
    if (!validAccess.has(bearer))
      return json(401, { error: { code: 'unauthenticated', message: 'x' } })
    if (path === '/api/v1/sessions/current' && request.method === 'DELETE') {
      validRefresh.clear()
      validAccess.clear()
      return new Response(null, { status: 204 })
    }
    return json(200, { customer, bearerSeen: bearer.length > 0 })
  }
  return {
    upstream,
    seen,
    refreshCalls: () => refreshCalls,
    expireAccessTokens: () => {
      validAccess = new Set()
    },
  }
}

function spyVault(inner: Vault = createMemoryVault()) {
  const calls: string[] = []
  const vault: Vault = {
    kind: 'os',
    get: (a) => (calls.push(`get ${a}`), inner.get(a)),
    set: (a, s) => (calls.push(`set ${a}`), inner.set(a, s)),
    delete: (a) => (calls.push(`delete ${a}`), inner.delete(a)),
  }
  return { vault, calls, inner }
}

const signIn = (staySignedIn: boolean, password = 'correct horse battery staple') =>
  appRequest('app://mmf/api/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'anna@example.at', password, staySignedIn }),
  })

describe('gateway sessions', () => {
  it('signs in, answers only {customer}, and sends the bearer token upstream afterwards', async () => {
    const backend = fakeBackend()
    const gateway = createGateway({
      upstream: backend.upstream,
      vault: createMemoryVault(),
      kiosk: false,
    })
    const response = await gateway.handle(signIn(false))
    expect(response.status).toBe(201)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({ customer })
    expect(text).not.toMatch(/access-|refresh-|Token/)
    // The upstream never saw staySignedIn: the gateway takes it out.
    const forwarded = backend.seen.find((r) => new URL(r.url).pathname === '/api/v1/sessions')
    expect(await forwarded?.json()).toEqual({
      email: 'anna@example.at',
      password: 'correct horse battery staple',
    })

    const me = await gateway.handle(appRequest('app://mmf/api/v1/me'))
    expect(me.status).toBe(200)
    expect(backend.seen.at(-1)?.headers.get('authorization')).toMatch(/^Bearer access-1-/)
  })

  it('passes a wrong password through and keeps nothing', async () => {
    const backend = fakeBackend()
    const { vault, calls } = spyVault()
    const gateway = createGateway({ upstream: backend.upstream, vault, kiosk: false })
    const response = await gateway.handle(signIn(true, 'wrong'))
    expect(response.status).toBe(401)
    expect(gateway.signedIn).toBe(false)
    expect(calls.filter((c) => c.startsWith('set'))).toEqual([])
  })

  it('keeps the refresh token in the keychain only with "stay signed in"', async () => {
    const backend = fakeBackend()
    const withStay = spyVault()
    const g1 = createGateway({ upstream: backend.upstream, vault: withStay.vault, kiosk: false })
    await g1.handle(signIn(true))
    expect(await withStay.inner.get(REFRESH_TOKEN_ACCOUNT)).toMatch(/^refresh-/)

    const withoutStay = spyVault()
    const g2 = createGateway({ upstream: backend.upstream, vault: withoutStay.vault, kiosk: false })
    await g2.handle(signIn(false))
    expect(await withoutStay.inner.get(REFRESH_TOKEN_ACCOUNT)).toBeNull()
    expect(withoutStay.calls.some((c) => c.startsWith('set'))).toBe(false)
  })

  it('never touches the vault in kiosk mode, whatever the renderer asks', async () => {
    const backend = fakeBackend()
    const { vault, calls } = spyVault()
    const gateway = createGateway({ upstream: backend.upstream, vault, kiosk: true })
    await gateway.handle(appRequest('app://mmf/api/v1/session'))
    await gateway.handle(signIn(true))
    backend.expireAccessTokens()
    await gateway.handle(appRequest('app://mmf/api/v1/me'))
    await gateway.handle(appRequest('app://mmf/api/v1/sessions/current', { method: 'DELETE' }))
    expect(calls).toEqual([])
  })

  it('refreshes once for many parallel calls after the access token was refused', async () => {
    const backend = fakeBackend()
    const gateway = createGateway({
      upstream: backend.upstream,
      vault: createMemoryVault(),
      kiosk: false,
    })
    await gateway.handle(signIn(false))
    backend.expireAccessTokens()
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => gateway.handle(appRequest('app://mmf/api/v1/me'))),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(backend.refreshCalls()).toBe(1)
  })

  it('restores a kept session at start and forgets a revoked one', async () => {
    const backend = fakeBackend()
    const shared = createMemoryVault()
    const first = createGateway({
      upstream: backend.upstream,
      vault: { ...shared, kind: 'os' },
      kiosk: false,
    })
    await first.handle(signIn(true))

    // A new process: same keychain, no tokens in memory.
    const second = createGateway({
      upstream: backend.upstream,
      vault: { ...shared, kind: 'os' },
      kiosk: false,
    })
    const state = await second.handle(appRequest('app://mmf/api/v1/session'))
    expect(await state.json()).toEqual({ signedIn: true, customer })

    // The first process's refresh token was rotated away: presenting it fails and clears the entry.
    await shared.set(REFRESH_TOKEN_ACCOUNT, 'refresh-stale-rrrrrrrrrrrrrrrrrrrr')
    const third = createGateway({
      upstream: backend.upstream,
      vault: { ...shared, kind: 'os' },
      kiosk: false,
    })
    const gone = await third.handle(appRequest('app://mmf/api/v1/session'))
    expect(await gone.json()).toEqual({ signedIn: false })
    expect(await shared.get(REFRESH_TOKEN_ACCOUNT)).toBeNull()
  })

  it('signs out: revokes upstream, clears the keychain entry, and later calls carry no token', async () => {
    const backend = fakeBackend()
    const { vault, inner } = spyVault()
    const gateway = createGateway({ upstream: backend.upstream, vault, kiosk: false })
    await gateway.handle(signIn(true))
    const out = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions/current', { method: 'DELETE' }),
    )
    expect(out.status).toBe(204)
    expect(backend.seen.at(-1)?.method).toBe('DELETE')
    expect(await inner.get(REFRESH_TOKEN_ACCOUNT)).toBeNull()
    await gateway.handle(appRequest('app://mmf/api/v1/me'))
    expect(backend.seen.at(-1)?.headers.get('authorization')).toBeNull()
    const state = await gateway.handle(appRequest('app://mmf/api/v1/session'))
    expect(await state.json()).toEqual({ signedIn: false })
  })

  it('tells main whether the session is kept: only with "stay signed in", never in kiosk mode', async () => {
    const backend = fakeBackend()
    const shared = createMemoryVault()
    const desktop = createGateway({
      upstream: backend.upstream,
      vault: { ...shared, kind: 'os' },
      kiosk: false,
    })
    expect(desktop.keptSession).toBe(false)
    await desktop.handle(signIn(false))
    expect([desktop.signedIn, desktop.keptSession]).toEqual([true, false])
    await desktop.handle(signIn(true))
    expect(desktop.keptSession).toBe(true)

    // Restored from the keychain in a new process, it is a kept one again.
    const restarted = createGateway({
      upstream: backend.upstream,
      vault: { ...shared, kind: 'os' },
      kiosk: false,
    })
    expect(restarted.keptSession).toBe(false)
    await restarted.handle(appRequest('app://mmf/api/v1/session'))
    expect(restarted.keptSession).toBe(true)
    await restarted.handle(appRequest('app://mmf/api/v1/sessions/current', { method: 'DELETE' }))
    expect(restarted.keptSession).toBe(false)

    const kiosk = createGateway({ upstream: backend.upstream, vault: shared, kiosk: true })
    await kiosk.handle(signIn(true))
    expect([kiosk.signedIn, kiosk.keptSession]).toEqual([true, false])
  })

  it('refuses the refresh path and strips a bearer token the renderer tries to set', async () => {
    const backend = fakeBackend()
    const gateway = createGateway({
      upstream: backend.upstream,
      vault: createMemoryVault(),
      kiosk: false,
    })
    const refresh = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions/refresh', { method: 'POST', body: '{}' }),
    )
    expect(refresh.status).toBe(404)
    await gateway.handle(
      appRequest('app://mmf/api/v1/me', { headers: { authorization: 'Bearer forged' } }),
    )
    expect(backend.seen.at(-1)?.headers.get('authorization')).toBeNull()
  })

  it('rejects a non-boolean staySignedIn', async () => {
    const backend = fakeBackend()
    const gateway = createGateway({
      upstream: backend.upstream,
      vault: createMemoryVault(),
      kiosk: false,
    })
    const response = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions', {
        method: 'POST',
        body: JSON.stringify({ email: 'a@b.at', password: 'x', staySignedIn: 'yes' }),
      }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { fields: { staySignedIn: 'invalid_type' } },
    })
  })
})

describe('client info', () => {
  it('tells the web preview’s renderer demo, kiosk and where a sign-in would be kept', async () => {
    const gateway = createGateway({
      upstream: async () => new Response(null, { status: 500 }),
      vault: { ...createMemoryVault(), kind: 'os' },
      kiosk: false,
      demo: true,
    })
    const info = await gateway.handle(appRequest('app://mmf/api/v1/client-info'))
    expect(await info.json()).toEqual({
      demo: true,
      kiosk: false,
      kioskSettings: null,
      keychain: 'os',
    })
    const kiosk = createGateway({
      upstream: async () => new Response(null, { status: 500 }),
      vault: { ...createMemoryVault(), kind: 'os' },
      kiosk: true,
    })
    expect(await (await kiosk.handle(appRequest('app://mmf/api/v1/client-info'))).json()).toEqual({
      demo: false,
      kiosk: true,
      kioskSettings: KIOSK_DEFAULT_SETTINGS,
      keychain: 'memory',
    })
  })
})
