/**
 * A kiosk terminal on the embedded demo backend never reaches the demo mailbox:
 * its routes (`/api/v1/dev/…`: every e-mail and letter the demo "sent", with reset
 * and confirmation links and PDFs, the demo customers, the demo clock) answer 404
 * through a kiosk gateway, however the path is spelled. The backend is the real
 * demo backend; outside kiosk mode the same routes answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { injectUpstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { readClockOffset } from '../../../src/backend/demo/seed.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { appRequest } from './support/app-request.ts'

let backend: TestBackend
let kiosk: Gateway
let desktop: Gateway

beforeAll(async () => {
  backend = await createTestBackend({ demo: true })
  const gateway = (isKiosk: boolean): Gateway =>
    createGateway({
      upstream: injectUpstream(backend.app),
      vault: createMemoryVault(),
      kiosk: isKiosk,
      demo: true,
    })
  kiosk = gateway(true)
  desktop = gateway(false)
})
afterAll(async () => {
  await backend.dispose()
})

const call = (gateway: Gateway, path: string, init?: RequestInit) =>
  gateway.handle(appRequest(`app://mmf${path}`, init))

describe('the demo mailbox on a kiosk terminal', () => {
  it.each([
    ['the outbox', '/api/v1/dev/outbox'],
    ['the outbox of one address', '/api/v1/dev/outbox?to=anna.huber%40demo.mini.at'],
    ['the demo customers', '/api/v1/dev/customers'],
  ])('answers 404 for %s, which answers outside kiosk mode', async (_, path) => {
    expect((await call(desktop, path)).status).toBe(200)
    const response = await call(kiosk, path)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toMatch(/anna|outbox|customerNumber/i)
  })

  it('answers 404 for an encoded spelling', async () => {
    const response = await call(kiosk, '/api/v1/%64ev/outbox')
    expect(response.status).toBe(404)
    expect(await response.text()).not.toMatch(/anna|outbox/i)
  })

  it.each([
    ['an upper-case spelling', '/api/v1/DEV/outbox'],
    ['a doubled slash', '/api/v1//dev/outbox'],
    ['a path parameter', '/api/v1/dev;x=1/outbox'],
    ['a trailing slash', '/api/v1/dev/'],
    ['the bare prefix', '/api/v1/dev'],
    ['an attachment', '/api/v1/dev/outbox/1/attachments/0'],
  ])('answers 404 for %s, also with a remote backend that would route it', async (_, path) => {
    // A lenient server behind the gateway: any spelling that reads as /api/v1/dev is its mailbox.
    const lenient = createGateway({
      upstream: async (request) => {
        const routed = decodeURIComponent(new URL(request.url).pathname)
          .toLowerCase()
          .replace(/;[^/]*/g, '')
          .replace(/\/+/g, '/')
        return routed.startsWith('/api/v1/dev')
          ? Response.json({ items: [{ to: 'anna.huber@demo.mini.at' }] })
          : Response.json({ error: { code: 'not_found' } }, { status: 404 })
      },
      vault: createMemoryVault(),
      kiosk: true,
    })
    const response = await call(lenient, path)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toMatch(/anna/i)
  })

  it('does not let the demo clock be moved (outside kiosk mode it moves)', async () => {
    const advance = (gateway: Gateway) =>
      call(gateway, '/api/v1/dev/clock', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: 3600 }),
      })
    const before = await readClockOffset(backend.db)
    expect((await advance(kiosk)).status).toBe(404)
    expect(await readClockOffset(backend.db)).toBe(before)
    expect((await advance(desktop)).status).toBe(200)
    expect(await readClockOffset(backend.db)).toBe(before + 3600)
  })
})
