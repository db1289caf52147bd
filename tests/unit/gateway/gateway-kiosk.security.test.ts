/**
 * The gateway on a kiosk terminal: nothing of one customer may reach the next.
 * The vault (OS keychain) is never used, whatever the renderer asks or the
 * backend answers; forgetSession() drops customer and tokens at once; a sign-out
 * still waiting for the backend leaves alone whoever signs in next; client-info
 * tells the renderer the terminal's settings.
 */
import { describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import type { Upstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import type { Vault } from '../../../src/gateway/vault.ts'
import type { SessionCustomer } from '../../../src/shared/api/auth.ts'
import { KIOSK_DEFAULT_SETTINGS, type KioskSettings } from '../../../src/shared/kiosk.ts'
import { appRequest } from './support/app-request.ts'

const PASSWORD = 'correct horse battery staple'
const ANNA: SessionCustomer = {
  customerNumber: '100482117',
  salutation: 'ms',
  firstName: 'Anna',
  lastName: 'Huber',
  email: 'anna@example.at',
  locale: 'de',
  activated: true,
}
const LUKAS: SessionCustomer = {
  customerNumber: '100517903',
  salutation: 'mr',
  firstName: 'Lukas',
  lastName: 'Gruber',
  email: 'lukas@example.at',
  locale: 'de',
  activated: true,
}
const SHOWROOM: KioskSettings = {
  dealershipName: 'MINI Wien Donaustadt',
  printingAvailable: false,
  idleTimeoutSeconds: 300,
  warningSeconds: 45,
}

interface Seen {
  method: string
  path: string
  authorization: string | null
}

/** A promise the test resolves; the fake backend waits for it before it answers. */
function gate() {
  let open = (): void => undefined
  const closed = new Promise<void>((resolve) => (open = resolve))
  return { closed, open: () => open() }
}

/** A held route: `reached` resolves when the call arrived, `open()` lets the backend answer it. */
interface Hold {
  reached: Promise<void>
  open(): void
}

/**
 * A fake backend with sessions per sign-in: numbered tokens that name their
 * customer, rotating refresh tokens, DELETE revoking the bearer's session, and
 * /me answering whose token it got. `hold(route)` makes the next call on a route
 * wait for the returned gate (checked after waiting, as a slow backend would).
 */
function fakeBackend() {
  const customers = new Map([ANNA, LUKAS].map((c) => [c.email, c]))
  let serial = 0
  /** token → the session (sign-in) it belongs to and its customer. */
  const access = new Map<string, { session: number; customer: SessionCustomer }>()
  const refresh = new Map<string, { session: number; customer: SessionCustomer }>()
  const seen: Seen[] = []
  const holds = new Map<string, { arrived(): void; closed: Promise<void> }>()

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  const unauthenticated = () => json(401, { error: { code: 'unauthenticated', message: 'x' } })
  const issue = (session: number, customer: SessionCustomer) => {
    serial += 1
    const name = customer.firstName.toLowerCase()
    const pair = {
      accessToken: `access-${name}-${serial}-${'a'.repeat(20)}`,
      accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString(),
      refreshToken: `refresh-${name}-${serial}-${'r'.repeat(20)}`,
      refreshTokenExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }
    access.set(pair.accessToken, { session, customer })
    refresh.set(pair.refreshToken, { session, customer })
    return { ...pair, customer }
  }
  const revoke = (session: number) => {
    for (const tokens of [access, refresh])
      for (const [token, held] of tokens) if (held.session === session) tokens.delete(token)
  }

  const upstream: Upstream = async (request) => {
    const path = new URL(request.url).pathname
    const authorization = request.headers.get('authorization')
    seen.push({ method: request.method, path, authorization })
    const route = `${request.method} ${path}`
    const held = holds.get(route)
    if (held) {
      holds.delete(route)
      held.arrived()
      await held.closed
    }
    if (route === 'POST /api/v1/sessions') {
      const { email, password } = (await request.json()) as { email: string; password: string }
      const customer = customers.get(email)
      if (!customer || password !== PASSWORD) {
        return json(401, { error: { code: 'invalid_credentials', message: 'x' } })
      }
      serial += 1
      return json(201, issue(serial, customer))
    }
    if (route === 'POST /api/v1/sessions/refresh') {
      const { refreshToken } = (await request.json()) as { refreshToken: string }
      const session = refresh.get(refreshToken)
      if (!session) return json(401, { error: { code: 'session_revoked', message: 'x' } })
      refresh.delete(refreshToken)
      return json(200, issue(session.session, session.customer))
    }
    const bearer = authorization?.replace(/^Bearer /, '') ?? ''
    const session = access.get(bearer)
    if (!session) return unauthenticated()
    if (route === 'DELETE /api/v1/sessions/current') {
      revoke(session.session)
      return new Response(null, { status: 204 })
    }
    return json(200, { customer: session.customer })
  }

  return {
    upstream,
    seen,
    /** The next call on `route` ("METHOD /path") waits until the test opens it. */
    hold(route: string): Hold {
      const answer = gate()
      const arrival = gate()
      holds.set(route, { arrived: arrival.open, closed: answer.closed })
      return { reached: arrival.closed, open: answer.open }
    },
    /** The backend no longer accepts the access tokens it issued so far (they expired). */
    expireAccessTokens(customer?: SessionCustomer) {
      for (const [token, held] of access)
        if (!customer || held.customer === customer) access.delete(token)
    },
    /** The backend revoked every session (the refresh tokens too). */
    revokeAll() {
      access.clear()
      refresh.clear()
    },
    /** Whether `customer` still holds a session the backend accepts. */
    hasSession: (customer: SessionCustomer) =>
      [...refresh.values()].some((held) => held.customer === customer),
    /** The calls that reached the backend from `from` on, as "METHOD /path". */
    routes: (from = 0) => seen.slice(from).map((s) => `${s.method} ${s.path}`),
  }
}

/** A vault whose every use is recorded and fails: any use in kiosk mode shows up. */
function throwingVault() {
  const calls: string[] = []
  const fail = (what: string): never => {
    calls.push(what)
    throw new Error(`the vault was used: ${what}`)
  }
  const vault: Vault = {
    get kind(): 'os' {
      calls.push('kind')
      return 'os'
    },
    get: async (account) => fail(`get ${account}`),
    set: async (account) => fail(`set ${account}`),
    delete: async (account) => fail(`delete ${account}`),
  }
  return { vault, calls }
}

const api = (path: string, init?: RequestInit) => appRequest(`app://mmf/api/v1${path}`, init)
const signIn = (customer: SessionCustomer, staySignedIn = true) =>
  api('/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: customer.email, password: PASSWORD, staySignedIn }),
  })
const signOutRequest = () => api('/sessions/current', { method: 'DELETE' })

async function sessionState(gateway: Gateway): Promise<unknown> {
  const response = await gateway.handle(api('/session'))
  expect(response.status).toBe(200)
  return response.json()
}
async function clientInfo(gateway: Gateway): Promise<unknown> {
  const response = await gateway.handle(api('/client-info'))
  expect(response.status).toBe(200)
  return response.json()
}
/** Signs in through the renderer's route, expecting success. */
async function signInOk(gateway: Gateway, customer: SessionCustomer): Promise<void> {
  const response = await gateway.handle(signIn(customer))
  expect(response.status).toBe(201)
  expect(await response.json()).toEqual({ customer })
}
/** Whose data the backend hands out for the gateway's next call: the bearer it saw, and /me. */
async function nextCallAs(
  gateway: Gateway,
  backend: ReturnType<typeof fakeBackend>,
): Promise<{ status: number; bearer: string | null; customer?: string }> {
  const response = await gateway.handle(api('/me'))
  const body = (await response.json()) as { customer?: SessionCustomer }
  const bearer = backend.seen.findLast((s) => s.path === '/api/v1/me')?.authorization ?? null
  return { status: response.status, bearer, customer: body.customer?.customerNumber }
}

const REVOCATION = 'DELETE /api/v1/sessions/current'
const REFRESH = 'POST /api/v1/sessions/refresh'

/** A kiosk gateway in front of `backend`, with a memory vault. */
const kioskGateway = (backend: ReturnType<typeof fakeBackend>) =>
  createGateway({ upstream: backend.upstream, vault: createMemoryVault(), kiosk: true })

/**
 * Starts `call` with the backend holding the next call on `route`, and resolves
 * once that call waits there: `pending` is the started call, `open()` lets the
 * backend answer.
 */
async function whileHeld<T>(
  backend: ReturnType<typeof fakeBackend>,
  route: string,
  call: () => Promise<T>,
): Promise<{ pending: Promise<T>; open(): void }> {
  const hold = backend.hold(route)
  const pending = call()
  await hold.reached
  return { pending, open: hold.open }
}

/** The kiosk's session end for Anna (forgetSession), then Lukas signs in. */
async function lukasTakesOver(gateway: Gateway): Promise<void> {
  gateway.forgetSession()
  await signInOk(gateway, LUKAS)
}

/** Lukas is the one signed in, and the backend sees his bearer on the next call. */
async function expectLukasSignedIn(
  gateway: Gateway,
  backend: ReturnType<typeof fakeBackend>,
): Promise<void> {
  expect(await sessionState(gateway)).toEqual({ signedIn: true, customer: LUKAS })
  expect((await nextCallAs(gateway, backend)).bearer).toMatch(/^Bearer access-lukas-/)
}

describe('kiosk gateway: the vault is never used', () => {
  it('through sign-in with "stay signed in", session, refresh, sign-out, a refused refresh, forget and restore', async () => {
    const backend = fakeBackend()
    const { vault, calls } = throwingVault()
    const gateway = createGateway({
      upstream: backend.upstream,
      vault,
      kiosk: true,
      kioskSettings: SHOWROOM,
    })

    expect(await sessionState(gateway)).toEqual({ signedIn: false })
    await signInOk(gateway, ANNA)
    expect(await sessionState(gateway)).toEqual({ signedIn: true, customer: ANNA })

    // A 401 sets off a refresh, which rotates the refresh token.
    backend.expireAccessTokens()
    expect(await nextCallAs(gateway, backend)).toMatchObject({
      status: 200,
      customer: ANNA.customerNumber,
    })
    expect(backend.routes()).toContain('POST /api/v1/sessions/refresh')

    // The renderer's sign-out.
    expect((await gateway.handle(signOutRequest())).status).toBe(204)
    expect(gateway.signedIn).toBe(false)

    // A refresh the backend refuses ends the session.
    await signInOk(gateway, LUKAS)
    backend.revokeAll()
    expect((await gateway.handle(api('/me'))).status).toBe(401)
    expect(gateway.signedIn).toBe(false)

    // The kiosk's session end: revoke, then forget.
    await signInOk(gateway, ANNA)
    await gateway.signOut()
    await signInOk(gateway, LUKAS)
    gateway.forgetSession()
    expect(await sessionState(gateway)).toEqual({ signedIn: false })

    // The next start of the app: nothing to restore.
    const restarted = createGateway({ upstream: backend.upstream, vault, kiosk: true })
    const before = backend.seen.length
    expect(await sessionState(restarted)).toEqual({ signedIn: false })
    expect(backend.routes(before)).toEqual([])

    expect(await clientInfo(gateway)).toEqual({
      demo: false,
      kiosk: true,
      kioskSettings: SHOWROOM,
      keychain: 'memory',
    })
    expect(await clientInfo(restarted)).toEqual({
      demo: false,
      kiosk: true,
      kioskSettings: KIOSK_DEFAULT_SETTINGS,
      keychain: 'memory',
    })
    expect(calls).toEqual([])
  })

  it('(the same vault outside kiosk mode is used, and its failure shows)', async () => {
    const backend = fakeBackend()
    const { vault, calls } = throwingVault()
    const gateway = createGateway({ upstream: backend.upstream, vault, kiosk: false })
    expect((await gateway.handle(signIn(ANNA))).status).toBe(502)
    expect(calls).toContain('set refresh-token')
  })
})

describe('kiosk gateway: forgetSession', () => {
  it('drops customer and tokens at once, without asking the backend', async () => {
    const backend = fakeBackend()
    const gateway = kioskGateway(backend)
    await signInOk(gateway, ANNA)
    const before = backend.seen.length
    gateway.forgetSession()
    expect(gateway.signedIn).toBe(false)
    expect(backend.routes(before)).toEqual([])
    expect(await sessionState(gateway)).toEqual({ signedIn: false })

    // A data call goes upstream without a token, and the 401 sets off no refresh with the old one.
    const contracts = await gateway.handle(api('/contracts'))
    expect(contracts.status).toBe(401)
    expect(backend.seen.at(-1)).toEqual({
      method: 'GET',
      path: '/api/v1/contracts',
      authorization: null,
    })
    expect(backend.routes(before)).toEqual(['GET /api/v1/contracts'])
    expect(await sessionState(gateway)).toEqual({ signedIn: false })
  })

  it('leaves the next customer alone when the revocation answers after they signed in', async () => {
    const backend = fakeBackend()
    const gateway = kioskGateway(backend)
    await signInOk(gateway, ANNA)
    // The DELETE waits at the backend; the session end's step times out, the next drops the tokens.
    const signingOut = await whileHeld(backend, REVOCATION, () => gateway.signOut())
    await lukasTakesOver(gateway)

    signingOut.open()
    await signingOut.pending
    expect(gateway.signedIn).toBe(true)
    expect(await sessionState(gateway)).toEqual({ signedIn: true, customer: LUKAS })
    const next = await nextCallAs(gateway, backend)
    expect(next).toMatchObject({ status: 200, customer: LUKAS.customerNumber })
    expect(next.bearer).toMatch(/^Bearer access-lukas-/)
    // The late DELETE revoked Anna's session only.
    expect(backend.hasSession(ANNA)).toBe(false)
    expect(backend.hasSession(LUKAS)).toBe(true)
  })

  it('leaves the next customer alone when the renderer’s own sign-out answers late', async () => {
    const backend = fakeBackend()
    const gateway = kioskGateway(backend)
    await signInOk(gateway, ANNA)
    const signingOut = await whileHeld(backend, REVOCATION, () => gateway.handle(signOutRequest()))
    await lukasTakesOver(gateway)
    signingOut.open()
    expect((await signingOut.pending).status).toBe(204)
    await expectLukasSignedIn(gateway, backend)
  })
})

describe('kiosk gateway: a new sign-in while a sign-out waits', () => {
  it('keeps the new customer when the old sign-out answers after their sign-in', async () => {
    const backend = fakeBackend()
    const gateway = kioskGateway(backend)
    await signInOk(gateway, ANNA)
    const signingOut = await whileHeld(backend, REVOCATION, () => gateway.signOut())
    await signInOk(gateway, LUKAS)
    signingOut.open()
    await signingOut.pending
    await expectLukasSignedIn(gateway, backend)
  })
})

describe('client info outside kiosk mode', () => {
  it('gives no kiosk settings, even when some were passed in', async () => {
    for (const kioskSettings of [undefined, null, SHOWROOM]) {
      const gateway = createGateway({
        upstream: async () => new Response(null, { status: 500 }),
        vault: { ...createMemoryVault(), kind: 'os' },
        kiosk: false,
        kioskSettings,
      })
      expect(await clientInfo(gateway)).toEqual({
        demo: false,
        kiosk: false,
        kioskSettings: null,
        keychain: 'os',
      })
    }
  })
})

describe('kiosk gateway: a late answer for the previous customer never reaches the next', () => {
  it('a refresh of Anna’s that answers after forgetSession and Lukas’s sign-in must not become Lukas’s session', async () => {
    const backend = fakeBackend()
    const gateway = kioskGateway(backend)
    await signInOk(gateway, ANNA)
    backend.expireAccessTokens(ANNA)
    // 401 → refresh, held
    const annasCall = await whileHeld(backend, REFRESH, () => gateway.handle(api('/contracts')))
    await lukasTakesOver(gateway)
    annasCall.open()
    await annasCall.pending
    await expectLukasSignedIn(gateway, backend)
  })

  it('a sign-out waiting on a refresh must not put Anna’s tokens in place of Lukas’s', async () => {
    const backend = fakeBackend()
    const gateway = kioskGateway(backend)
    await signInOk(gateway, ANNA)
    backend.expireAccessTokens(ANNA)
    // DELETE → 401 → refresh, held
    const signingOut = await whileHeld(backend, REFRESH, () => gateway.signOut())
    await lukasTakesOver(gateway)
    signingOut.open()
    await signingOut.pending
    expect(await nextCallAs(gateway, backend)).toMatchObject({
      status: 200,
      customer: LUKAS.customerNumber,
    })
  })

  it('a late 401 to Anna’s DELETE must not refresh and revoke Lukas’s session', async () => {
    const backend = fakeBackend()
    const gateway = kioskGateway(backend)
    await signInOk(gateway, ANNA)
    const signingOut = await whileHeld(backend, REVOCATION, () => gateway.signOut())
    await lukasTakesOver(gateway)
    backend.expireAccessTokens(ANNA) // Anna's token ran out while the DELETE waited
    signingOut.open()
    await signingOut.pending
    expect(backend.hasSession(LUKAS)).toBe(true)
    expect(await nextCallAs(gateway, backend)).toMatchObject({
      status: 200,
      customer: LUKAS.customerNumber,
    })
  })
})
