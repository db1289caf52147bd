/**
 * What the gateway refuses before it acts, in front of the real backend: a
 * state-changing call that the browser does not mark as the app's own (another
 * site's page signing the victim into the attacker's account, burning activation
 * letters), a body that is not JSON (a form's text/plain), and a body over 1 MiB,
 * which is never read whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { MAX_BODY_BYTES } from '../../../src/gateway/request-guard.ts'
import { injectUpstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  type TestBackend,
} from '../../helpers/backend.ts'
import { ANNA_LOGIN } from '../../helpers/customers.ts'
import { appRequest } from './support/app-request.ts'

/** Where the web preview listens in these tests, and another port of the same host. */
const PREVIEW = 'http://127.0.0.1:4810'
const OTHER_PORT = 'http://127.0.0.1:4811'

let backend: TestBackend
let gateway: Gateway
let victimEmail: string
/** Every call the gateway passed on to the backend: `METHOD /path`. */
const forwarded: string[] = []

beforeAll(async () => {
  backend = await createTestBackend()
  const toBackend = injectUpstream(backend.app)
  gateway = createGateway({
    upstream: (request, context) => {
      forwarded.push(`${request.method} ${new URL(request.url).pathname}`)
      return toBackend(request, context)
    },
    vault: createMemoryVault(),
    kiosk: false,
    now: () => backend.clock.now().getTime(),
  })
  // The victim: Lukas, registered and confirmed, waiting for his activation letter.
  victimEmail = await registerAndConfirm(backend)
  const signedIn = await gateway.handle(
    appRequest(`${PREVIEW}/api/v1/sessions`, {
      method: 'POST',
      body: JSON.stringify({ email: victimEmail, password: GOOD_PASSWORD }),
    }),
  )
  expect(signedIn.status).toBe(201)
})
afterAll(async () => {
  await backend.dispose()
})

/** Who the gateway's session belongs to now. */
async function sessionEmail(): Promise<string | null> {
  const state = (await (await gateway.handle(appRequest(`${PREVIEW}/api/v1/session`))).json()) as {
    customer?: { email: string }
  }
  return state.customer?.email ?? null
}

/** Letters sent so far (only Lukas gets any in this file). */
const letters = async (): Promise<number> =>
  (await backend.app.services.repos.outbox.list({ kind: 'letter', limit: 1000 })).length

/** The attacker's sign-in with their own account's credentials. */
const attackerSignIn = JSON.stringify({ email: ANNA_LOGIN.email, password: ANNA_LOGIN.password })

async function expectCode(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status)
  const body = (await response.json()) as { error: { code: string } }
  expect(body.error.code).toBe(code)
}

describe('state-changing calls the browser does not mark as the app’s own', () => {
  it.each([
    ['no Origin and no fetch metadata (a program, or a browser that sends neither)', {}],
    ['an Origin of another port (same site, other origin)', { origin: OTHER_PORT }],
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['the opaque Origin "null" (a sandboxed frame, a data: page)', { origin: 'null' }],
    ['the desktop app’s Origin at the preview’s address', { origin: 'app://mmf' }],
    [
      'Sec-Fetch-Site: same-site, whatever Origin says',
      { 'sec-fetch-site': 'same-site', origin: PREVIEW },
    ],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: PREVIEW }],
    [
      'Sec-Fetch-Site: none (typed into the address bar)',
      { 'sec-fetch-site': 'none', origin: PREVIEW },
    ],
  ])('refuses a sign-in with %s: 403, the victim stays signed in', async (_, headers) => {
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: attackerSignIn,
      }),
    )
    await expectCode(response, 403, 'origin_not_allowed')
    expect(await sessionEmail()).toBe(victimEmail)
  })

  it('refuses a new activation letter asked for by another site: no letter is sent', async () => {
    const before = await letters()
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/me/activation/letters`, {
        method: 'POST',
        headers: { 'sec-fetch-site': 'same-site', origin: OTHER_PORT },
      }),
    )
    await expectCode(response, 403, 'origin_not_allowed')
    expect(await letters()).toBe(before)
  })

  it.each(['PUT', 'PATCH', 'DELETE'])('refuses %s from another origin as well', async (method) => {
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/sessions/current`, {
        method,
        headers: { origin: OTHER_PORT },
      }),
    )
    await expectCode(response, 403, 'origin_not_allowed')
    expect(await sessionEmail()).toBe(victimEmail)
  })

  it('lets the app’s own calls through (same-origin metadata, or the Origin of its address) and reads from anywhere', async () => {
    const before = await letters()
    const ask = (url: string, headers: Record<string, string>): Promise<Response> =>
      gateway.handle(new Request(url, { method: 'POST', headers }))
    expect(
      (await ask(`${PREVIEW}/api/v1/me/activation/letters`, { 'sec-fetch-site': 'same-origin' }))
        .status,
    ).toBe(202)
    // The desktop app: its page's origin is app://mmf, and so is the address it calls.
    expect(
      (await ask('app://mmf/api/v1/me/activation/letters', { origin: 'app://mmf' })).status,
    ).toBe(202)
    expect(
      (await ask(`${PREVIEW}/api/v1/me/activation/letters`, { origin: OTHER_PORT })).status,
    ).toBe(403)
    expect(await letters()).toBe(before + 2)
    // A read changes nothing, and the browser keeps its answer from another site's page.
    const read = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/support`, { headers: { origin: OTHER_PORT } }),
    )
    expect(read.status).toBe(200)
  })
})

describe('request bodies', () => {
  it('does not read a text/plain body as JSON (a form can send one): 415, nobody signed in', async () => {
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' },
        body: attackerSignIn,
      }),
    )
    await expectCode(response, 415, 'unsupported_media_type')
    expect(await sessionEmail()).toBe(victimEmail)
  })

  it.each([
    'text/plain;charset=UTF-8',
    'application/x-www-form-urlencoded',
    'application/jsonx',
    null,
  ])('refuses a forwarded body labelled %s with 415 and sends nothing', async (type) => {
    const email = `form-${String(type).length}@example.at`
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/registrations/resend`, {
        method: 'POST',
        headers: { origin: PREVIEW, ...(type ? { 'content-type': type } : {}) },
        // A Blob without a type: the request then carries no Content-Type at all.
        body: new Blob([JSON.stringify({ email })]),
      }),
    )
    await expectCode(response, 415, 'unsupported_media_type')
    expect(forwarded).not.toContain('POST /api/v1/registrations/resend')
    expect(await backend.lastMessage(email)).toBeUndefined()
  })

  it('takes an empty POST whatever it is labelled (a browser labels one as a form)', async () => {
    // A day later: the letters asked for above no longer count toward the limit of 3 a day.
    backend.clock.advance(25 * 3600)
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/me/activation/letters`, {
        method: 'POST',
        headers: { origin: PREVIEW, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      }),
    )
    expect(response.status).toBe(202)
  })
})

/** A body of `total` bytes in 64 KiB chunks, made only when read; counts what was read. */
function countedBody(total: number): {
  stream: ReadableStream<Uint8Array>
  read: () => number
  cancelled: () => boolean
} {
  let produced = 0
  let cancelled = false
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= total) {
          controller.close()
          return
        }
        produced += chunk.byteLength
        controller.enqueue(chunk.slice())
      },
      cancel() {
        cancelled = true
      },
    },
    // Nothing is made ahead of a read: `read` is exactly what the gateway asked for.
    { highWaterMark: 0 },
  )
  return { stream, read: () => produced, cancelled: () => cancelled }
}

describe('a body over 1 MiB', () => {
  it('is refused from its Content-Length alone, before a byte is read', async () => {
    const body = countedBody(50 * 1024 * 1024)
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/registrations`, {
        method: 'POST',
        headers: {
          origin: PREVIEW,
          'content-type': 'application/json',
          'content-length': String(50 * 1024 * 1024),
        },
        body: body.stream,
        duplex: 'half',
      } as RequestInit),
    )
    await expectCode(response, 413, 'payload_too_large')
    expect(body.read()).toBe(0)
  })

  it('is counted while it streams in and cut at the limit: the rest is never read', async () => {
    const body = countedBody(50 * 1024 * 1024)
    const response = await gateway.handle(
      new Request(`${PREVIEW}/api/v1/sessions`, {
        method: 'POST',
        headers: { origin: PREVIEW, 'content-type': 'application/json' },
        body: body.stream,
        duplex: 'half',
      } as RequestInit),
    )
    await expectCode(response, 413, 'payload_too_large')
    expect(body.read()).toBeGreaterThan(MAX_BODY_BYTES)
    expect(body.read()).toBeLessThanOrEqual(MAX_BODY_BYTES + 64 * 1024)
    expect(body.cancelled()).toBe(true)
    expect(await sessionEmail()).toBe(victimEmail)
  })

  it('is 1 MiB exactly, then it reaches the backend; one byte more does not', async () => {
    const padded = (bytes: number): string => {
      const json = JSON.stringify({ email: 'padded@example.at' })
      return json.slice(0, -1) + ' '.repeat(bytes - json.length) + '}'
    }
    expect(new TextEncoder().encode(padded(MAX_BODY_BYTES)).byteLength).toBe(MAX_BODY_BYTES)
    const send = (body: string): Promise<Response> =>
      gateway.handle(appRequest(`${PREVIEW}/api/v1/registrations/resend`, { method: 'POST', body }))
    forwarded.length = 0
    await expectCode(await send(padded(MAX_BODY_BYTES + 1)), 413, 'payload_too_large')
    expect(forwarded).toEqual([])
    // The backend's own answer (resend always says 202), not the gateway's 413.
    expect((await send(padded(MAX_BODY_BYTES))).status).toBe(202)
    expect(forwarded).toEqual(['POST /api/v1/registrations/resend'])
  })
})
