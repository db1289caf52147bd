/**
 * The backend's rate-limit headers reach the renderer through the gateway (its sign-in
 * answer too, whose body the gateway rewrites); CORS headers never do: the gateway is the
 * renderer's origin and signs every call it gets, so no backend may let another origin read.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { BackendConfig } from '../../../src/backend/config.ts'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { injectUpstream, type Upstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN } from '../../helpers/customers.ts'
import { appRequest } from './support/app-request.ts'

let backend: TestBackend | undefined
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
})

const gatewayWith = (upstream: Upstream): Gateway =>
  createGateway({ upstream, vault: createMemoryVault(), kiosk: false })

const post = (path: string, body: unknown): Request =>
  appRequest(`app://mmf${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('rate-limit headers through the gateway', () => {
  it('passes them on with the sign-in and every forwarded answer, 429 and Retry-After included', async () => {
    backend = await createTestBackend({
      config: {
        rateLimits: { requestsPerCustomer: { max: 2, windowSeconds: 60 } },
      } as Partial<BackendConfig>,
    })
    const clock = backend.clock
    // The gateway's idea of token expiry follows the backend's test clock.
    const gateway = createGateway({
      upstream: injectUpstream(backend.app),
      vault: createMemoryVault(),
      kiosk: false,
      now: () => clock.now().getTime(),
    })
    const signIn = await gateway.handle(post('/api/v1/sessions', ANNA_LOGIN))
    expect(signIn.status).toBe(201)
    expect(signIn.headers.get('ratelimit-policy')).toBe(
      '"client";q=30000;w=3600, "sign-in-client";q=60;w=60',
    )
    expect(signIn.headers.get('ratelimit')).toBe(
      '"client";r=29999;t=1800, "sign-in-client";r=59;t=60',
    )
    const first = await gateway.handle(appRequest('app://mmf/api/v1/me'))
    expect(first.status).toBe(200)
    expect(first.headers.get('ratelimit')).toBe('"client";r=29998;t=1800, "customer";r=1;t=60')
    await gateway.handle(appRequest('app://mmf/api/v1/me'))
    const refused = await gateway.handle(appRequest('app://mmf/api/v1/me'))
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    expect(refused.headers.get('ratelimit')).toContain('"customer";r=0;t=60')
  })
})

describe('CORS headers never pass the gateway', () => {
  it('drops the backend’s Access-Control-Allow-Origin, and a remote backend’s wildcard', async () => {
    backend = await createTestBackend()
    const embedded = await gatewayWith(injectUpstream(backend.app)).handle(
      appRequest('app://mmf/api/v1/support'),
    )
    expect(embedded.status).toBe(200)
    expect(embedded.headers.get('access-control-allow-origin')).toBeNull()
    const careless: Upstream = async () =>
      new Response('{"phone":"+43 1"}', {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers': 'ratelimit',
        },
      })
    const remote = await gatewayWith(careless).handle(appRequest('app://mmf/api/v1/support'))
    expect(remote.status).toBe(200)
    for (const name of [
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'access-control-expose-headers',
    ]) {
      expect(remote.headers.get(name), name).toBeNull()
    }
    expect(await remote.json()).toEqual({ phone: '+43 1' })
  })
})
