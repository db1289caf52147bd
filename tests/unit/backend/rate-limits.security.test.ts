/**
 * Rate limits (api.md "Conventions"): every request counts against the general limits per
 * client address and per signed-in customer; every answer says where the caller stands in the
 * standard headers (draft-ietf-httpapi-ratelimit-headers: RateLimit-Policy, RateLimit); over a
 * limit the answer is 429 rate_limited with Retry-After, and nothing else happens.
 */
import type { LightMyRequestResponse } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackendConfig } from '../../../src/backend/config.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN, registeredCustomer, signInAnna, type Auth } from '../../helpers/customers.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

type Items = Record<string, Record<string, number>>

/** The items of a RateLimit or RateLimit-Policy header by policy: `"client";r=29;t=60, …`. */
function itemsOf(header: unknown): Items {
  const items: Items = {}
  for (const item of String(header ?? '').split(', ')) {
    const [name, ...parameters] = item.split(';')
    if (!name) continue
    items[JSON.parse(name) as string] = Object.fromEntries(
      parameters.map((p) => {
        const [key, value] = p.split('=')
        return [key, Number(value)]
      }),
    )
  }
  return items
}

const limits = (response: LightMyRequestResponse) => ({
  policy: itemsOf(response.headers['ratelimit-policy']),
  left: itemsOf(response.headers['ratelimit']),
})

/** A request from a given client address (the test backend's inject). */
function from(
  b: TestBackend,
  address: string,
  method: 'GET' | 'POST',
  url: string,
  headers: Auth = {},
): Promise<LightMyRequestResponse> {
  return b.app.inject({ method, url, headers, remoteAddress: address })
}

/** A backend whose general limits are small enough to reach. */
function withLimits(rateLimits: Partial<BackendConfig['rateLimits']>): Promise<TestBackend> {
  return createTestBackend({ config: { rateLimits } as Partial<BackendConfig> })
}

describe('the general limits and their headers', () => {
  it('every answer names the per-client limit and counts it down, per client address', async () => {
    backend = await createTestBackend()
    const first = await from(backend, '192.0.2.1', 'GET', '/api/v1/support')
    // The test clock stands at 08:30:00: the hour's window ends in 1800 seconds.
    expect(limits(first)).toEqual({
      policy: { client: { q: 30_000, w: 3600 } },
      left: { client: { r: 29_999, t: 1800 } },
    })
    const second = await from(backend, '192.0.2.1', 'GET', '/api/v1/nothing-here')
    expect(second.statusCode).toBe(404)
    expect(limits(second).left.client).toEqual({ r: 29_998, t: 1800 })
    // Another address has its own count.
    const elsewhere = await from(backend, '192.0.2.2', 'GET', '/api/v1/support')
    expect(limits(elsewhere).left.client?.r).toBe(29_999)
    // And every answer names the only origin that may read it.
    expect(second.headers['access-control-allow-origin']).toBe('app://mmf')
  })

  it('over the per-client limit: 429 with Retry-After until the window ends, nothing done, then served again', async () => {
    backend = await withLimits({ requestsPerClient: { max: 3, windowSeconds: 60 } })
    for (const r of [2, 1, 0]) {
      const answer = await from(backend, '192.0.2.1', 'GET', '/api/v1/support')
      expect(answer.statusCode).toBe(200)
      expect(limits(answer).left.client).toEqual({ r, t: 60 })
    }
    const refused = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/registrations/resend',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'anna.huber@demo.mini.at' }),
      remoteAddress: '192.0.2.1',
    })
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('rate_limited')
    expect(refused.headers['retry-after']).toBe('60')
    expect(limits(refused).left.client).toEqual({ r: 0, t: 60 })
    expect(await backend.lastMessage('anna.huber@demo.mini.at')).toBeUndefined()
    // Others are served meanwhile; once the window has passed, so is this address.
    expect((await from(backend, '192.0.2.2', 'GET', '/api/v1/support')).statusCode).toBe(200)
    backend.clock.advance(59)
    expect((await from(backend, '192.0.2.1', 'GET', '/api/v1/support')).statusCode).toBe(429)
    backend.clock.advance(1)
    const again = await from(backend, '192.0.2.1', 'GET', '/api/v1/support')
    expect(again.statusCode).toBe(200)
    expect(limits(again).left.client).toEqual({ r: 2, t: 60 })
  })

  it('counts a signed-in customer’s requests whatever the address, and only with a valid token', async () => {
    backend = await withLimits({ requestsPerCustomer: { max: 3, windowSeconds: 60 } })
    const anna = await signInAnna(backend)
    const lukas = await registeredCustomer(backend)
    for (const [address, r] of [
      ['192.0.2.1', 2],
      ['192.0.2.2', 1],
      ['192.0.2.3', 0],
    ] as const) {
      const answer = await from(backend, address, 'GET', '/api/v1/me', anna)
      expect(answer.statusCode).toBe(200)
      expect(limits(answer).policy.customer).toEqual({ q: 3, w: 60 })
      expect(limits(answer).left.customer).toEqual({ r, t: 60 })
    }
    const refused = await from(backend, '192.0.2.4', 'GET', '/api/v1/support', anna)
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['retry-after']).toBe('60')
    // Another customer, and the public without a token, are served.
    const other = await from(backend, '192.0.2.4', 'GET', '/api/v1/me', lukas)
    expect(other.statusCode).toBe(200)
    expect(limits(other).left.customer?.r).toBe(2)
    const anonymous = await from(backend, '192.0.2.4', 'GET', '/api/v1/support')
    expect(anonymous.statusCode).toBe(200)
    expect(Object.keys(limits(anonymous).left)).toEqual(['client'])
    // A token that is not valid counts for nobody (and is the route's 401).
    const forged = await from(backend, '192.0.2.4', 'GET', '/api/v1/me', {
      authorization: `Bearer ${'A'.repeat(43)}`,
    })
    expect(forged.statusCode).toBe(401)
    expect(Object.keys(limits(forged).left)).toEqual(['client'])
  })
})

describe('a route’s own limits are announced with the general ones', () => {
  it('sign-in: the per-client sign-in limit, counted down', async () => {
    backend = await createTestBackend()
    const wrong = await backend.json('POST', '/api/v1/sessions', {
      email: ANNA_LOGIN.email,
      password: 'not-the-right-password',
    })
    expect(wrong.statusCode).toBe(401)
    expect(limits(wrong).policy).toEqual({
      client: { q: 30_000, w: 3600 },
      'sign-in-client': { q: 60, w: 60 },
    })
    expect(limits(wrong).left['sign-in-client']).toEqual({ r: 59, t: 60 })
  })

  it('e-mails: the per-client limit, never what is left for an address', async () => {
    backend = await createTestBackend()
    const answer = await backend.json('POST', '/api/v1/registrations/resend', {
      email: 'someone@example.at',
    })
    expect(answer.statusCode).toBe(202)
    expect(Object.keys(limits(answer).policy)).toEqual(['client', 'mail-client'])
    expect(limits(answer).left['mail-client']).toEqual({ r: 19, t: 600 })
  })

  it('activation letters: three in 24 hours, and Retry-After names when the oldest leaves the window', async () => {
    const b = (backend = await createTestBackend())
    // The confirmation sent the first letter at 08:30:00.
    const auth = await registeredCustomer(b)
    const letters = (): Promise<LightMyRequestResponse> =>
      b.json('POST', '/api/v1/me/activation/letters', undefined, auth)
    const second = await letters()
    expect(second.statusCode).toBe(202)
    expect(limits(second).policy['activation-letters']).toEqual({ q: 3, w: 86_400 })
    expect(limits(second).left['activation-letters']).toEqual({ r: 1, t: 86_400 })
    b.clock.advance(300)
    const third = await letters()
    expect(limits(third).left['activation-letters']).toEqual({ r: 0, t: 86_100 })
    const refused = await letters()
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['retry-after']).toBe('86100')
    expect(limits(refused).left['activation-letters']).toEqual({ r: 0, t: 86_100 })
  })
})
