/**
 * The web preview over real HTTP, in front of the real backend: a program (curl,
 * another user's process) without the cookie of this start gets 401 from every API
 * and dev route; the one-time link lets one browser in, once; the gateway compares
 * Origin with the address the browser used; and a body over 1 MiB is refused
 * before it is read, the rest of a 50 MiB upload never reaching the server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../src/gateway/gateway.ts'
import { MAX_BODY_BYTES } from '../../../src/gateway/request-guard.ts'
import { createRendererFiles } from '../../../src/gateway/renderer-files.ts'
import { injectUpstream } from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/host/vault/memory-vault.ts'
import { startHttpServer, type RunningServer } from '../../../src/server/http-server.ts'
import {
  createPreviewAccess,
  ENTRY_PATH,
  type PreviewAccess,
} from '../../../src/server/preview-access.ts'
import { createWebPreviewHandler } from '../../../src/server/web-preview.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { ANNA_LOGIN } from '../../helpers/customers.ts'

const rendererDir = mkdtempSync(join(tmpdir(), 'mmf-preview-files-'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>My MINI Finance</title>')

let backend: TestBackend
let gateway: Gateway

beforeAll(async () => {
  backend = await createTestBackend()
  gateway = createGateway({
    upstream: injectUpstream(backend.app),
    vault: createMemoryVault(),
    kiosk: false,
    demo: true,
    now: () => backend.clock.now().getTime(),
  })
})
afterAll(async () => {
  await backend.dispose()
  rmSync(rendererDir, { recursive: true, force: true })
})

interface Preview {
  base: string
  port: number
  access: PreviewAccess
  log: string[]
  /** Every connection the server accepted (to see how much of an upload it read). */
  sockets: Socket[]
  running: RunningServer
}

const previews: Preview[] = []
afterEach(async () => {
  for (const preview of previews.splice(0)) await preview.running.close()
})

/** A fresh start of the preview (its own secrets) in front of the shared backend and gateway. */
async function startPreview(): Promise<Preview> {
  const access = createPreviewAccess()
  const log: string[] = []
  const running = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    handle: createWebPreviewHandler({
      gateway,
      files: createRendererFiles(rendererDir),
      access,
      log: (line) => log.push(line),
    }),
    log: (line) => log.push(line),
  })
  const sockets: Socket[] = []
  running.server.on('connection', (socket: Socket) => sockets.push(socket))
  const preview = {
    base: `http://127.0.0.1:${running.port}`,
    port: running.port,
    access,
    log,
    sockets,
    running,
  }
  previews.push(preview)
  return preview
}

/** Opens the one-time link like a browser; returns the cookie it set (`name=value`). */
async function enter(preview: Preview): Promise<string> {
  const response = await fetch(`${preview.base}${preview.access.entryPath}`, { redirect: 'manual' })
  expect(response.status).toBe(303)
  const cookie = response.headers.getSetCookie()[0] ?? ''
  return cookie.split(';')[0] ?? ''
}

/** What the app's own page sends with a state-changing call. */
const sameOrigin = (preview: Preview): Record<string, string> => ({
  origin: preview.base,
  'content-type': 'application/json',
})

async function expectCode(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code)
}

describe('a program without the cookie of this start', () => {
  it.each([
    ['GET', '/api/v1/session'],
    ['GET', '/api/v1/me'],
    ['GET', '/api/v1/client-info'],
    ['GET', '/api/v1/dev/outbox'],
    ['GET', '/api/v1/dev/customers'],
    ['GET', '/dev/outbox'],
    ['DELETE', '/api/v1/sessions/current'],
    ['POST', '/api/v1/dev/clock'],
  ])('gets 401 preview_link_required for %s %s', async (method, path) => {
    const preview = await startPreview()
    const response = await fetch(`${preview.base}${path}`, {
      method,
      headers: sameOrigin(preview),
      ...(method === 'POST' ? { body: JSON.stringify({ advanceSeconds: 3600 }) } : {}),
    })
    await expectCode(response, 401, 'preview_link_required')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('cannot sign in as the customer, even with the right password', async () => {
    const preview = await startPreview()
    const response = await fetch(`${preview.base}/api/v1/sessions`, {
      method: 'POST',
      headers: sameOrigin(preview),
      body: JSON.stringify(ANNA_LOGIN),
    })
    await expectCode(response, 401, 'preview_link_required')
    expect(gateway.signedIn).toBe(false)
  })

  it.each([
    ['a made-up value', (_: string, port: number) => `mmf-preview-${port}=made-up`],
    [
      'the right value under another port’s name',
      (cookie: string) => cookie.replace(/-\d+=/, '-1='),
    ],
    ['the value in another cookie', (cookie: string) => `other=${cookie.split('=')[1] ?? ''}`],
  ])('gets 401 with %s', async (_, forge) => {
    const preview = await startPreview()
    const cookie = await enter(preview)
    const response = await fetch(`${preview.base}/api/v1/session`, {
      headers: { cookie: forge(cookie, preview.port) },
    })
    await expectCode(response, 401, 'preview_link_required')
  })

  it('gets 401 with the cookie of the previous start (the preview restarted)', async () => {
    const before = await startPreview()
    const cookie = await enter(before)
    const after = await startPreview()
    // Same name as the new start's cookie (a restart on the same port), the old value.
    const response = await fetch(`${after.base}/api/v1/session`, {
      headers: { cookie: cookie.replace(/-\d+=/, `-${after.port}=`) },
    })
    await expectCode(response, 401, 'preview_link_required')
  })

  it('still gets the app’s files (nothing personal in them)', async () => {
    const preview = await startPreview()
    const page = await fetch(`${preview.base}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('My MINI Finance')
  })
})

describe('the one-time link', () => {
  it('lets the first browser in: an HttpOnly, SameSite=Strict session cookie and on to /', async () => {
    const preview = await startPreview()
    const response = await fetch(`${preview.base}${preview.access.entryPath}`, {
      redirect: 'manual',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    const [setCookie, ...more] = response.headers.getSetCookie()
    expect(more).toEqual([])
    const attributes = (setCookie ?? '').split(';').map((part) => part.trim())
    expect(attributes[0]).toMatch(new RegExp(`^mmf-preview-${preview.port}=[\\w-]{43}$`))
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict'])

    const cookie = attributes[0] ?? ''
    const session = await fetch(`${preview.base}/api/v1/session`, { headers: { cookie } })
    expect(session.status).toBe(200)
    const customers = await fetch(`${preview.base}/api/v1/dev/customers`, { headers: { cookie } })
    expect(customers.status).toBe(200)
  })

  it('works once: a second opening gets a page saying so, and no cookie', async () => {
    const preview = await startPreview()
    const cookie = await enter(preview)
    const again = await fetch(`${preview.base}${preview.access.entryPath}`, { redirect: 'manual' })
    expect(again.status).toBe(403)
    expect(again.headers.getSetCookie()).toEqual([])
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const page = await again.text()
    expect(page).toContain('Dieser Link gilt nicht mehr')
    expect(page).toContain('This link is no longer valid')
    // The browser that is in already simply goes on to the app.
    const inside = await fetch(`${preview.base}${preview.access.entryPath}`, {
      redirect: 'manual',
      headers: { cookie },
    })
    expect(inside.status).toBe(303)
    expect(inside.headers.getSetCookie()).toEqual([])
  })

  it('lets nobody in with a wrong key, and a HEAD or POST does not use it up', async () => {
    const preview = await startPreview()
    for (const path of [ENTRY_PATH, `${ENTRY_PATH}?key=`, `${ENTRY_PATH}?key=guess`]) {
      const response = await fetch(`${preview.base}${path}`, { redirect: 'manual' })
      expect(response.status).toBe(403)
      expect(response.headers.getSetCookie()).toEqual([])
    }
    const url = `${preview.base}${preview.access.entryPath}`
    expect((await fetch(url, { method: 'HEAD', redirect: 'manual' })).status).not.toBe(303)
    expect(
      (await fetch(url, { method: 'POST', headers: sameOrigin(preview), redirect: 'manual' }))
        .status,
    ).not.toBe(303)
    expect((await enter(preview)).length).toBeGreaterThan(0)
  })

  it('carries 256 random bits, new on every start, and never shows up in the log', async () => {
    const first = await startPreview()
    const second = await startPreview()
    const keyOf = (preview: Preview): string =>
      new URL(preview.access.entryPath, preview.base).searchParams.get('key') ?? ''
    expect(Buffer.from(keyOf(first), 'base64url')).toHaveLength(32)
    expect(keyOf(first)).not.toBe(keyOf(second))
    await enter(first)
    // The preview writes no request lines (the API server's come from its backend's logger).
    expect(first.log.join('\n')).not.toContain('/enter')
    expect(first.log.join('\n')).not.toContain(keyOf(first))
  })
})

describe('the origin the browser used', () => {
  it('is the one Origin must name: another port of 127.0.0.1 is refused, with the cookie', async () => {
    const preview = await startPreview()
    const cookie = await enter(preview)
    const advance = (origin: string, host?: string): Promise<Response> =>
      new Promise((resolve, reject) => {
        // node:http, not fetch: fetch will not set the Host header.
        const req = httpRequest(
          `${preview.base}/api/v1/dev/clock`,
          {
            method: 'POST',
            headers: {
              cookie,
              origin,
              'content-type': 'application/json',
              ...(host ? { host } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () =>
              resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })),
            )
          },
        )
        req.on('error', reject)
        req.end(JSON.stringify({ advanceSeconds: 60 }))
      })
    await expectCode(
      await advance(`http://127.0.0.1:${preview.port + 1}`),
      403,
      'origin_not_allowed',
    )
    await expectCode(await advance(`http://localhost:${preview.port}`), 403, 'origin_not_allowed')
    expect((await advance(preview.base)).status).toBe(200)
    // Opened as http://localhost:<port>, the page's Origin is that one.
    const local = `localhost:${preview.port}`
    expect((await advance(`http://${local}`, local)).status).toBe(200)
    // Each refusal is in the log (what another site's page tried), the two allowed calls not.
    expect(preview.log.filter((line) => line.startsWith('refused '))).toEqual([
      'refused POST /api/v1/dev/clock 403',
      'refused POST /api/v1/dev/clock 403',
    ])
  })

  it('logs a refused call by method and path only, never its query', async () => {
    const preview = await startPreview()
    const response = await fetch(`${preview.base}/api/v1/me?token=secret-in-the-query`)
    expect(response.status).toBe(401)
    expect(preview.log).toContain('refused GET /api/v1/me 401')
    expect(preview.log.join('\n')).not.toContain('secret-in-the-query')
  })
})

interface Upload {
  status: number | null
  body: string
  /** Bytes handed to the connection before it ended. */
  sent: number
}

/** POSTs `total` bytes (chunked, or with Content-Length when `declare`), as fast as it can. */
function upload(
  preview: Preview,
  cookie: string,
  total: number,
  declare: boolean,
): Promise<Upload> {
  return new Promise((resolve) => {
    const result: Upload = { status: null, body: '', sent: 0 }
    const headers: IncomingHttpHeaders = { cookie, ...sameOrigin(preview) }
    if (declare) headers['content-length'] = String(total)
    const req = httpRequest(
      `${preview.base}/api/v1/sessions`,
      { method: 'POST', headers },
      (res) => {
        result.status = res.statusCode ?? null
        res.setEncoding('utf8')
        res.on('data', (text: string) => (result.body += text))
      },
    )
    // The server closing the connection mid-upload is the expected end: EPIPE or ECONNRESET.
    req.on('error', () => undefined)
    req.on('close', () => resolve(result))
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const write = (): void => {
      while (result.sent < total) {
        if (req.destroyed) return
        result.sent += chunk.byteLength
        if (!req.write(chunk)) {
          req.once('drain', write)
          return
        }
      }
      req.end()
    }
    write()
  })
}

describe('a body over 1 MiB', () => {
  const FIFTY_MIB = 50 * 1024 * 1024
  // The limit, what sockets and buffers hold, and the bounded read after the answer.
  const READ_AT_MOST = 8 * 1024 * 1024

  it.each([
    ['streamed (chunked): counted and cut at the limit', false],
    ['declared in Content-Length: refused before it is read', true],
  ])('of 50 MiB, %s; the server reads a few MiB at most', async (_, declare) => {
    const preview = await startPreview()
    const cookie = await enter(preview)
    const result = await upload(preview, cookie, FIFTY_MIB, declare)
    expect(result.status).toBe(413)
    expect((JSON.parse(result.body) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    )
    // The connection was closed under the upload: the client could not send it all.
    expect(result.sent).toBeLessThan(FIFTY_MIB)
    const read = preview.sockets.reduce((sum, socket) => sum + socket.bytesRead, 0)
    expect(read).toBeGreaterThan(declare ? 0 : MAX_BODY_BYTES)
    expect(read).toBeLessThan(READ_AT_MOST)
    expect(gateway.signedIn).toBe(false)
    // The server goes on answering.
    const session = await fetch(`${preview.base}/api/v1/session`, { headers: { cookie } })
    expect(session.status).toBe(200)
  })
})
