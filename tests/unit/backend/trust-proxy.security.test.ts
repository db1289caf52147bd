/**
 * Behind a reverse proxy (`--trust-proxy`, MMF_TRUST_PROXY): X-Forwarded-For names
 * the client whose requests the rate limits count, but only on a connection from a
 * listed proxy. From anywhere else the header is ignored, so that nobody dodges a
 * limit by sending a new address with every request; the same holds for X-Request-Id.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  backendConfigFromEnv,
  defaultBackendConfig,
  validateBackendConfig,
} from '../../../src/backend/config.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'

const PROXY = '10.0.0.5'
const LIMIT = {
  ...defaultBackendConfig.rateLimits,
  requestsPerClient: { max: 2, windowSeconds: 3600 },
}

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

async function limitedBackend(trustProxy: string[]): Promise<TestBackend> {
  backend = await createTestBackend({ demo: false, config: { trustProxy, rateLimits: LIMIT } })
  return backend
}

/** GET /support from a connection's address, with the headers given. */
async function support(b: TestBackend, from: string, headers: Record<string, string> = {}) {
  const answer = await b.app.inject({
    method: 'GET',
    url: '/api/v1/support',
    remoteAddress: from,
    headers,
  })
  return { status: answer.statusCode, requestId: String(answer.headers['x-request-id']) }
}

describe('X-Forwarded-For and the rate limits', () => {
  it('from a listed proxy: each forwarded client has its own count', async () => {
    const b = await limitedBackend([PROXY])
    const first = { 'x-forwarded-for': '203.0.113.1' }
    expect((await support(b, PROXY, first)).status).toBe(200)
    expect((await support(b, PROXY, first)).status).toBe(200)
    expect((await support(b, PROXY, first)).status).toBe(429)
    // Another customer behind the same proxy is not limited by the first one.
    expect((await support(b, PROXY, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200)
  })

  it('from a listed range (CIDR), IPv4 on a dual-stack socket included', async () => {
    const b = await limitedBackend(['10.0.0.0/24'])
    const from = '::ffff:10.0.0.77'
    for (let i = 0; i < 2; i++) {
      expect((await support(b, from, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200)
    }
    expect((await support(b, from, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429)
    expect((await support(b, from, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200)
  })

  it('from an unlisted address: the header is ignored, a new one per request does not help', async () => {
    const b = await limitedBackend([PROXY])
    const attacker = '198.51.100.7'
    expect((await support(b, attacker, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200)
    expect((await support(b, attacker, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200)
    expect((await support(b, attacker, { 'x-forwarded-for': '203.0.113.3' })).status).toBe(429)
    expect((await support(b, attacker, { 'x-forwarded-for': PROXY })).status).toBe(429)
  })

  it('without a listed proxy (the default): ignored from every address, loopback too', async () => {
    const b = await limitedBackend([])
    for (const client of ['203.0.113.1', '203.0.113.2']) {
      expect((await support(b, '127.0.0.1', { 'x-forwarded-for': client })).status).toBe(200)
    }
    expect((await support(b, '127.0.0.1', { 'x-forwarded-for': '203.0.113.3' })).status).toBe(429)
  })

  it('through a listed proxy, an address the client put in front is not taken', async () => {
    // The proxy appends the address it saw: "<what the client sent>, <the client>".
    const b = await limitedBackend([PROXY])
    const attacker = '198.51.100.7'
    for (const forged of ['203.0.113.1', '203.0.113.2']) {
      const forwarded = { 'x-forwarded-for': `${forged}, ${attacker}` }
      expect((await support(b, PROXY, forwarded)).status).toBe(200)
    }
    const forwarded = { 'x-forwarded-for': `203.0.113.3, ${attacker}` }
    expect((await support(b, PROXY, forwarded)).status).toBe(429)
  })

  it('signs in against the forwarded client’s sign-in limit, not the proxy’s', async () => {
    backend = await createTestBackend({
      demo: false,
      config: {
        trustProxy: [PROXY],
        rateLimits: {
          ...defaultBackendConfig.rateLimits,
          signInPerClient: { max: 1, windowSeconds: 60 },
        },
      },
    })
    // A new address each time: the lockout's count per address stays out of it.
    let n = 0
    const signIn = (from: string, client: string) =>
      backend?.app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        remoteAddress: from,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        payload: JSON.stringify({
          email: `nobody${(n += 1)}@example.at`,
          password: 'x'.repeat(15),
        }),
      })
    expect((await signIn(PROXY, '203.0.113.1'))?.statusCode).toBe(401)
    expect((await signIn(PROXY, '203.0.113.1'))?.statusCode).toBe(429)
    expect((await signIn(PROXY, '203.0.113.2'))?.statusCode).toBe(401)
    expect((await signIn('198.51.100.7', '203.0.113.3'))?.statusCode).toBe(401)
    expect((await signIn('198.51.100.7', '203.0.113.4'))?.statusCode).toBe(429)
  })
})

describe('X-Request-Id', () => {
  it('is a new id for every request without one', async () => {
    const b = await limitedBackend([PROXY])
    const a = await support(b, '198.51.100.7')
    const c = await support(b, '198.51.100.7')
    expect(a.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(c.requestId).not.toBe(a.requestId)
  })

  it('is taken from a listed proxy, and from nobody else', async () => {
    const b = await limitedBackend([PROXY])
    const sent = { 'x-request-id': 'nginx-4f2a9c' }
    expect((await support(b, PROXY, sent)).requestId).toBe('nginx-4f2a9c')
    expect((await support(b, '198.51.100.7', sent)).requestId).not.toBe('nginx-4f2a9c')
  })

  it('is replaced when even a listed proxy sends one that could fake a log line', async () => {
    const b = await limitedBackend([PROXY])
    for (const bad of ['a"b', 'a b', 'x'.repeat(101), '{"level":60}']) {
      const answer = await support(b, PROXY, { 'x-request-id': bad })
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/)
    }
  })
})

describe('the trusted proxies setting', () => {
  it('reads MMF_TRUST_PROXY as a comma-separated list of addresses and ranges', () => {
    expect(
      backendConfigFromEnv({ MMF_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy,
    ).toEqual(['10.0.0.5', '10.1.0.0/16', '::1'])
  })

  it.each(['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x'])(
    'refuses %s with a message naming it',
    (entry) => {
      expect(() => validateBackendConfig({ trustProxy: [entry] })).toThrow(entry)
      expect(() => backendConfigFromEnv({ MMF_TRUST_PROXY: `10.0.0.5,${entry}` })).toThrow(entry)
    },
  )
})
