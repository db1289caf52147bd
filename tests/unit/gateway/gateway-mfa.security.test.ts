/**
 * The sign-in's code step through the gateway (api.md "Second factor"): the
 * gateway keeps the backend's challenge as it keeps the tokens. The renderer
 * gets `{mfaRequired, expiresAt}` and then `{customer}`, never a challenge id or
 * a token; "stay signed in" is honoured after the code (never in kiosk mode);
 * without a kept challenge the code step is refused without asking the backend;
 * a new sign-in or a sign-out forgets the challenge. Against the real backend.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { REFRESH_TOKEN_ACCOUNT } from '../../../src/gateway/session-keeper.ts'
import { injectUpstream, type Upstream } from '../../../src/gateway/upstream.ts'
import type { Vault } from '../../../src/gateway/vault.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, signInAnna } from '../../helpers/customers.ts'
import { enrol, totpCode } from '../../helpers/mfa.ts'
import { appRequest } from './support/app-request.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

const send = (method: string, path: string, body?: unknown): Request =>
  appRequest(`app://mmf${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

/** Anna with the second factor on, and a gateway in front of the backend that counts its calls. */
async function setUp(options: { kiosk?: boolean } = {}) {
  const b = await createTestBackend()
  backend = b
  const { secret, recoveryCodes } = await enrol(b, await signInAnna(b), ANNA_LOGIN.password)
  b.clock.advance(30)
  const upstreamCalls: string[] = []
  const inner = injectUpstream(b.app)
  const upstream: Upstream = async (request, context) => {
    upstreamCalls.push(`${request.method} ${new URL(request.url).pathname}`)
    return inner(request, context)
  }
  const vault: Vault = createMemoryVault()
  const gateway: Gateway = createGateway({
    upstream,
    vault,
    kiosk: options.kiosk ?? false,
    now: () => b.clock.now().getTime(),
  })
  const code = (steps = 0) => totpCode(secret, b.clock.now(), steps)
  return { b, gateway, vault, upstreamCalls, code, recoveryCodes }
}

/** Everything the renderer got, as text: no challenge id, no token may be in it. */
async function text(response: Response): Promise<string> {
  return await response.clone().text()
}

describe('the code step through the gateway', () => {
  it('keeps the challenge and the tokens, and signs in with the code', async () => {
    const { b, gateway, vault, code } = await setUp()
    const password = await gateway.handle(
      send('POST', '/api/v1/sessions', { ...ANNA_LOGIN, staySignedIn: true }),
    )
    expect(password.status).toBe(200)
    const body = await password.json()
    expect(body).toEqual({ mfaRequired: true, expiresAt: expect.any(String) })
    expect(Date.parse(body.expiresAt) - b.clock.now().getTime()).toBe(5 * 60_000)
    expect(gateway.signedIn).toBe(false)

    const signedIn = await gateway.handle(send('POST', '/api/v1/sessions/mfa', { code: code() }))
    expect(signedIn.status).toBe(201)
    const answer = await text(signedIn)
    expect(JSON.parse(answer)).toEqual({
      customer: expect.objectContaining({ email: ANNA_LOGIN.email }),
    })
    expect(answer).not.toMatch(/token|challenge/i)
    expect(gateway.signedIn).toBe(true)
    // Stay signed in, chosen at the password step, is honoured.
    expect(await vault.get(REFRESH_TOKEN_ACCOUNT)).toEqual(expect.any(String))
    const status = await gateway.handle(send('GET', '/api/v1/me/mfa'))
    expect(await status.json()).toEqual({ enabled: true, recoveryCodesLeft: 10 })
  })

  it('leaves the step open after a wrong code, with the attempts left', async () => {
    const { gateway, code, recoveryCodes } = await setUp()
    await gateway.handle(send('POST', '/api/v1/sessions', ANNA_LOGIN))
    const wrong = await gateway.handle(
      send('POST', '/api/v1/sessions/mfa', { code: code() === '000000' ? '111111' : '000000' }),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_code', attemptsLeft: 2 } })
    const recovery = await gateway.handle(
      send('POST', '/api/v1/sessions/mfa', { code: recoveryCodes[0] }),
    )
    expect(recovery.status).toBe(201)
    expect(await text(recovery)).not.toMatch(/token|challenge/i)
  })

  it('refuses the code step without a kept challenge, without asking the backend', async () => {
    const { gateway, upstreamCalls, code } = await setUp()
    const none = await gateway.handle(send('POST', '/api/v1/sessions/mfa', { code: code() }))
    expect(none.status).toBe(401)
    expect((await none.json()).error.code).toBe('challenge_expired')
    expect(upstreamCalls).toEqual([])
    // A challenge id from the renderer is not taken either.
    const forged = await gateway.handle(
      send('POST', '/api/v1/sessions/mfa', { code: code(), challengeId: 'A'.repeat(43) }),
    )
    expect(forged.status).toBe(401)
    expect(upstreamCalls).toEqual([])
  })

  it('forgets the challenge at a new sign-in and at sign-out', async () => {
    const { gateway, upstreamCalls, code } = await setUp()
    await gateway.handle(send('POST', '/api/v1/sessions', ANNA_LOGIN))
    const wrong = await gateway.handle(
      send('POST', '/api/v1/sessions', { ...ANNA_LOGIN, password: 'Falsch-geraten-12345' }),
    )
    expect(wrong.status).toBe(401)
    const afterNewSignIn = await gateway.handle(
      send('POST', '/api/v1/sessions/mfa', { code: code() }),
    )
    expect((await afterNewSignIn.json()).error.code).toBe('challenge_expired')

    await gateway.handle(send('POST', '/api/v1/sessions', ANNA_LOGIN))
    await gateway.handle(send('DELETE', '/api/v1/sessions/current'))
    const calls = upstreamCalls.length
    const afterSignOut = await gateway.handle(
      send('POST', '/api/v1/sessions/mfa', { code: code() }),
    )
    expect((await afterSignOut.json()).error.code).toBe('challenge_expired')
    expect(upstreamCalls).toHaveLength(calls)
  })

  it('forgets the challenge after 5 minutes', async () => {
    const { b, gateway, upstreamCalls, code } = await setUp()
    await gateway.handle(send('POST', '/api/v1/sessions', ANNA_LOGIN))
    b.clock.advance(5 * 60)
    const calls = upstreamCalls.length
    const late = await gateway.handle(send('POST', '/api/v1/sessions/mfa', { code: code() }))
    expect((await late.json()).error.code).toBe('challenge_expired')
    expect(upstreamCalls).toHaveLength(calls)
  })

  it('keeps nothing in the keychain in kiosk mode, even with stay signed in', async () => {
    const { gateway, vault, code } = await setUp({ kiosk: true })
    await gateway.handle(send('POST', '/api/v1/sessions', { ...ANNA_LOGIN, staySignedIn: true }))
    const signedIn = await gateway.handle(send('POST', '/api/v1/sessions/mfa', { code: code() }))
    expect(signedIn.status).toBe(201)
    expect(gateway.signedIn).toBe(true)
    expect(await vault.get(REFRESH_TOKEN_ACCOUNT)).toBeNull()
  })

  it('refuses a code that is not a string with its own 400', async () => {
    const { gateway, upstreamCalls } = await setUp()
    await gateway.handle(send('POST', '/api/v1/sessions', ANNA_LOGIN))
    const calls = upstreamCalls.length
    const bad = await gateway.handle(send('POST', '/api/v1/sessions/mfa', { code: 123456 }))
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.fields).toEqual({ code: 'invalid_type' })
    expect(upstreamCalls).toHaveLength(calls)
  })
})
