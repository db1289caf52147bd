/**
 * What the gateway forwards and what it keeps back: only /api/v1/ reaches the
 * backend, never the refresh call or another spelling of a token path, never
 * credentials the renderer made up, and never a cookie or a redirect back.
 */
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { injectUpstream, type Upstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { appRequest } from './support/app-request.ts'

interface Recorded {
  method: string
  path: string
  headers: Headers
  body: Uint8Array
}

/** A fake upstream that records every Request it gets and answers with `answer`. */
function recordingUpstream(answer: (request: Request) => Response | Promise<Response>): {
  upstream: Upstream
  seen: Recorded[]
} {
  const seen: Recorded[] = []
  const upstream: Upstream = async (request) => {
    const url = new URL(request.url)
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      headers: new Headers(request.headers),
      body: new Uint8Array(await request.clone().arrayBuffer()),
    })
    return answer(request)
  }
  return { upstream, seen }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

function gatewayWith(upstream: Upstream): Gateway {
  return createGateway({ upstream, vault: createMemoryVault(), kiosk: false })
}

async function expectNotFound(response: Response): Promise<void> {
  expect(response.status).toBe(404)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await response.json()) as { error: { code: string; message: string } }
  expect(body.error.code).toBe('not_found')
  expect(typeof body.error.message).toBe('string')
}

describe('what the gateway forwards', () => {
  it('forwards an /api/v1/ call with method, path, query and body, and returns the answer', async () => {
    const { upstream, seen } = recordingUpstream(() =>
      json(202, { status: 'confirmation_sent' }, { 'x-request-id': 'r-1' }),
    )
    const gateway = gatewayWith(upstream)
    const response = await gateway.handle(
      appRequest('app://mmf/api/v1/registrations?lang=de', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'anna@example.at', acceptTerms: true }),
      }),
    )
    expect(response.status).toBe(202)
    expect(response.headers.get('x-request-id')).toBe('r-1')
    expect(await response.json()).toEqual({ status: 'confirmation_sent' })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.method).toBe('POST')
    expect(seen[0]?.path).toBe('/api/v1/registrations?lang=de')
    expect(seen[0]?.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(new TextDecoder().decode(seen[0]?.body))).toEqual({
      email: 'anna@example.at',
      acceptTerms: true,
    })
  })

  it('forwards a large JSON body byte for byte', async () => {
    const { upstream, seen } = recordingUpstream(() => new Response(null, { status: 204 }))
    // Several streamed chunks, multi-byte characters across their edges: nothing re-encoded.
    const text = JSON.stringify({ note: 'Grüße aus Salzburg – ✓ '.repeat(10_000) })
    const bytes = new TextEncoder().encode(text)
    await gatewayWith(upstream).handle(
      appRequest('app://mmf/api/v1/me/notes', {
        method: 'PUT',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: bytes,
      }),
    )
    expect(seen[0]?.method).toBe('PUT')
    expect(seen[0]?.body).toEqual(bytes)
  })

  it.each([
    '/',
    '/index.html',
    '/api',
    '/api/',
    '/api/v1',
    '/api/v2/support',
    '/api/support',
    '/API/v1/support',
    '/apiv1/support',
    '/api/v10/support',
  ])('answers %s with 404 not_found and forwards nothing', async (path) => {
    const { upstream, seen } = recordingUpstream(() => json(200, { leaked: true }))
    await expectNotFound(await gatewayWith(upstream).handle(appRequest(`app://mmf${path}`)))
    expect(seen).toEqual([])
  })

  it('keeps dot segments from walking out of /api/v1/', async () => {
    const { upstream, seen } = recordingUpstream(() => json(200, {}))
    const gateway = gatewayWith(upstream)
    for (const path of ['/api/v1/../../admin', '/api/v1/%2e%2e/%2e%2e/admin']) {
      await expectNotFound(await gateway.handle(appRequest(`app://mmf${path}`)))
    }
    expect(seen).toEqual([])
  })

  it.each([
    '/api/v1/x\\..\\..\\..\\admin',
    '/api/v1/x%5c..%5c..%5cadmin',
    '/api/v1/x/..%2f..%2f..%2fadmin',
    '/api/v1/%E0%A4%A',
  ])('refuses %s, which a backend could read as outside /api/v1/', async (path) => {
    const { upstream, seen } = recordingUpstream(() => json(200, {}))
    await expectNotFound(await gatewayWith(upstream).handle(appRequest(`app://mmf${path}`)))
    expect(seen).toEqual([])
  })

  it('passes the backend’s errors through unchanged', async () => {
    const { upstream } = recordingUpstream(() =>
      json(400, { error: { code: 'validation_failed', message: 'x', fields: { email: 'x' } } }),
    )
    const response = await gatewayWith(upstream).handle(
      appRequest('app://mmf/api/v1/registrations', { method: 'POST', body: '{}' }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'validation_failed' } })
  })
})

describe('the refresh call and the token paths are the gateway’s alone', () => {
  it.each(['POST', 'GET', 'PUT', 'DELETE'])(
    'never forwards %s /api/v1/sessions/refresh',
    async (method) => {
      const { upstream, seen } = recordingUpstream(() => json(200, {}))
      const response = await gatewayWith(upstream).handle(
        appRequest('app://mmf/api/v1/sessions/refresh?x=1', {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' ? null : JSON.stringify({ refreshToken: 'guessed' }),
        }),
      )
      await expectNotFound(response)
      expect(seen).toEqual([])
    },
  )

  it.each([
    '/api/v1/sessions/%72efresh',
    '/api/v1/sessions/Refresh',
    '/api/v1/sessions/refresh/',
    '/api/v1/sessions//refresh',
    '/api/v1/sessions%2Frefresh',
    '/api/v1/sessions/refresh;x',
    '/api/v1/%73essions',
    '/api/v1/Sessions',
    '/api/v1/sessions/',
    '/api/v1//sessions',
    '/api/v1/sessions/%63urrent',
    '/api/v1/Session',
  ])('never forwards another spelling of a token path: %s', async (path) => {
    const { upstream, seen } = recordingUpstream(() => json(200, {}))
    await expectNotFound(
      await gatewayWith(upstream).handle(
        appRequest(`app://mmf${path}`, { method: 'POST', body: '{"refreshToken":"x"}' }),
      ),
    )
    expect(seen).toEqual([])
  })

  it('never hands the renderer tokens, however it spells the sign-in (real Fastify backend)', async () => {
    const app = Fastify()
    const tokens = {
      accessToken: 'ACCESS-TOKEN-SECRET',
      accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString(),
      refreshToken: 'REFRESH-TOKEN-SECRET',
      refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      customer: { customerNumber: '100200300', firstName: 'Anna', activated: true },
    }
    app.post('/api/v1/sessions', async (_request, reply) => reply.status(201).send(tokens))
    app.post('/api/v1/sessions/refresh', async () => tokens)
    await app.ready()
    try {
      const gateway = gatewayWith(injectUpstream(app))
      for (const path of [
        '/api/v1/sessions',
        '/api/v1/%73essions',
        '/api/v1/sessio%6Es',
        '/api/v1/sessions/%72efresh',
      ]) {
        const response = await gateway.handle(
          appRequest(`app://mmf${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'anna@example.at', password: 'pw', refreshToken: 'x' }),
          }),
        )
        expect(await response.text(), path).not.toMatch(/TOKEN-SECRET/)
      }
    } finally {
      await app.close()
    }
  })
})

describe('credentials come from the gateway only', () => {
  const forged = {
    authorization: 'Bearer forged-by-the-renderer',
    cookie: 'session=forged-by-the-renderer',
    'x-forwarded-for': '203.0.113.9',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'http',
    forwarded: 'for=203.0.113.9',
    'x-real-ip': '203.0.113.9',
    'proxy-authorization': 'Basic Zm9yZ2Vk',
  }

  it('strips Authorization, Cookie and forwarding headers the renderer sets (signed out)', async () => {
    const { upstream, seen } = recordingUpstream(() => json(200, {}))
    await gatewayWith(upstream).handle(
      appRequest('app://mmf/api/v1/support', {
        headers: { ...forged, 'accept-language': 'de-AT' },
      }),
    )
    expect(seen).toHaveLength(1)
    const headers = seen[0]?.headers ?? new Headers()
    for (const name of Object.keys(forged)) expect(headers.get(name), name).toBeNull()
    // Ordinary headers still arrive.
    expect(headers.get('accept-language')).toBe('de-AT')
  })

  it('replaces a forged bearer token with the session’s own (signed in)', async () => {
    const customer = { customerNumber: '1', firstName: 'Anna', activated: true }
    const { upstream, seen } = recordingUpstream((request) =>
      new URL(request.url).pathname === '/api/v1/sessions'
        ? json(201, {
            accessToken: 'gateway-access-token',
            accessTokenExpiresAt: new Date(Date.now() + 600_000).toISOString(),
            refreshToken: 'gateway-refresh-token',
            refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            customer,
          })
        : json(200, { customer }),
    )
    const gateway = gatewayWith(upstream)
    const signIn = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions', {
        method: 'POST',
        body: JSON.stringify({ email: 'anna@example.at', password: 'pw' }),
      }),
    )
    expect(signIn.status).toBe(201)
    await gateway.handle(appRequest('app://mmf/api/v1/me', { headers: forged }))
    const last = seen.at(-1)?.headers ?? new Headers()
    expect(last.get('authorization')).toBe('Bearer gateway-access-token')
    expect(last.get('cookie')).toBeNull()
    expect(last.get('x-forwarded-for')).toBeNull()
  })

  it('never lets a cookie or hop-by-hop header from the backend reach the renderer', async () => {
    const { upstream } = recordingUpstream(() => {
      const headers = new Headers({ 'content-type': 'application/json', 'x-request-id': 'r-2' })
      headers.append('set-cookie', 'tracking=1; Path=/')
      headers.append('set-cookie', 'session=abc; HttpOnly')
      headers.set('set-cookie2', 'old=1')
      headers.set('keep-alive', 'timeout=5')
      return new Response('{"ok":true}', { status: 200, headers })
    })
    const response = await gatewayWith(upstream).handle(appRequest('app://mmf/api/v1/support'))
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie()).toEqual([])
    expect(response.headers.get('set-cookie2')).toBeNull()
    expect(response.headers.get('keep-alive')).toBeNull()
    expect(response.headers.get('x-request-id')).toBe('r-2')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.json()).toEqual({ ok: true })
  })

  it.each([301, 302, 303, 307, 308])(
    'never passes a %i redirect on to the renderer',
    async (status) => {
      const { upstream } = recordingUpstream(
        () => new Response(null, { status, headers: { location: 'https://evil.example/' } }),
      )
      const response = await gatewayWith(upstream).handle(appRequest('app://mmf/api/v1/me'))
      expect(response.status).toBe(502)
      expect(response.headers.get('location')).toBeNull()
      expect(await response.json()).toMatchObject({ error: { code: 'upstream_unavailable' } })
    },
  )

  it('passes a 304 on (it is no redirect)', async () => {
    const { upstream } = recordingUpstream(
      () => new Response(null, { status: 304, headers: { etag: '"v1"' } }),
    )
    const response = await gatewayWith(upstream).handle(appRequest('app://mmf/api/v1/support'))
    expect(response.status).toBe(304)
    expect(response.headers.get('etag')).toBe('"v1"')
  })
})

describe('when the backend fails', () => {
  it('answers 502 upstream_unavailable in the API error format, without the error’s details', async () => {
    const lines: string[] = []
    const gateway = createGateway({
      upstream: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (db password hunter2)')
      },
      vault: createMemoryVault(),
      kiosk: false,
      log: (line) => lines.push(line),
    })
    const response = await gateway.handle(appRequest('app://mmf/api/v1/support'))
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'upstream_unavailable' } })
    expect(text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5/)
    expect(lines.join('\n')).toContain('ECONNREFUSED')
  })
})

describe('the session state', () => {
  it('answers GET /api/v1/session with {signedIn:false} before any sign-in, without asking the backend', async () => {
    const { upstream, seen } = recordingUpstream(() => json(500, {}))
    const response = await gatewayWith(upstream).handle(appRequest('app://mmf/api/v1/session'))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ signedIn: false })
    expect(seen).toEqual([])
  })

  it('answers other methods on /api/v1/session with 404', async () => {
    const { upstream, seen } = recordingUpstream(() => json(200, {}))
    await expectNotFound(
      await gatewayWith(upstream).handle(
        appRequest('app://mmf/api/v1/session', { method: 'POST', body: '{}' }),
      ),
    )
    expect(seen).toEqual([])
  })
})
