/**
 * The two upstreams: the embedded backend through Fastify's inject (a real
 * Fastify app here) and a remote backend over the network (a real node:http
 * server on loopback). Same contract: what goes in arrives, what comes back is
 * the backend's answer, streamed, and a redirect is never followed.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  injectUpstream,
  parseRemoteBaseUrl,
  remoteUpstream,
  type Upstream,
} from '../../../src/gateway/upstream.ts'

const FIVE_MB = 5 * 1024 * 1024
const CHUNK = 64 * 1024

/** Deterministic, non-repeating-looking bytes: a dropped or reordered chunk changes the hash. */
function chunkOf(index: number): Buffer {
  const chunk = Buffer.alloc(CHUNK)
  for (let i = 0; i < CHUNK; i += 4) chunk.writeUInt32LE((index * 2654435761 + i) >>> 0, i)
  return chunk
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

describe('inject upstream (embedded backend)', () => {
  let app: FastifyInstance
  let upstream: Upstream
  let openGate: () => void = () => undefined
  let bigHash = ''

  beforeAll(async () => {
    app = Fastify()
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'],
      url: '/api/v1/echo',
      handler: async (request, reply) =>
        reply
          .status(request.method === 'POST' ? 201 : 200)
          .header('x-backend', 'embedded')
          .header('cache-control', 'no-store')
          .send({
            method: request.method,
            url: request.url,
            query: request.query,
            contentType: request.headers['content-type'] ?? null,
            custom: request.headers['x-custom'] ?? null,
            body: request.body ?? null,
            ip: request.ip,
          }),
    })
    const whole = createHash('sha256')
    for (let i = 0; i < FIVE_MB / CHUNK; i++) whole.update(chunkOf(i))
    bigHash = whole.digest('hex')
    app.get('/api/v1/big', async (_request, reply) => {
      // A Readable that produces 5 MB piece by piece, as a document download would.
      let index = 0
      const body = new Readable({
        read() {
          this.push(index < FIVE_MB / CHUNK ? chunkOf(index++) : null)
        },
      })
      return reply.type('application/pdf').send(body)
    })
    app.get('/api/v1/gated', async (_request, reply) => {
      const body = new Readable({ read: () => undefined })
      body.push('first part;')
      openGate = () => {
        body.push('second part')
        body.push(null)
      }
      return reply.type('text/plain').send(body)
    })
    app.delete('/api/v1/no-content', async (_request, reply) => reply.status(204).send())
    app.get('/api/v1/not-modified', async (_request, reply) =>
      reply.status(304).header('etag', '"v1"').send(),
    )
    app.get('/api/v1/cookies', async (_request, reply) =>
      reply.header('set-cookie', ['a=1', 'b=2']).send({ ok: true }),
    )
    await app.ready()
    upstream = injectUpstream(app)
  })
  afterAll(() => app.close())

  it('delivers method, path with query, headers and JSON body, and returns status, headers and body', async () => {
    const response = await upstream(
      new Request('http://backend.invalid/api/v1/echo?page=2&sort=date', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-custom': 'from-gateway' },
        body: JSON.stringify({ phone: '+43 1 234', count: 2 }),
      }),
      { clientAddress: '10.1.2.3' },
    )
    expect(response.status).toBe(201)
    expect(response.headers.get('x-backend')).toBe('embedded')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({
      method: 'POST',
      url: '/api/v1/echo?page=2&sort=date',
      query: { page: '2', sort: 'date' },
      contentType: 'application/json',
      custom: 'from-gateway',
      body: { phone: '+43 1 234', count: 2 },
      // The backend's per-client rate limits see the customer's address, not the gateway's.
      ip: '10.1.2.3',
    })
  })

  it.each(['PUT', 'PATCH', 'DELETE'])('delivers a %s with its body', async (method) => {
    const response = await upstream(
      new Request('http://backend.invalid/api/v1/echo', {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ street: 'Hauptstraße 1' }),
      }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ method, body: { street: 'Hauptstraße 1' } })
  })

  it('delivers a GET without a body', async () => {
    const response = await upstream(new Request('http://backend.invalid/api/v1/echo'))
    expect(await response.json()).toMatchObject({ method: 'GET', body: null })
  })

  it('streams a 5 MB body from a Readable intact', async () => {
    const response = await upstream(new Request('http://backend.invalid/api/v1/big'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(bytes.byteLength).toBe(FIVE_MB)
    expect(sha256(bytes)).toBe(bigHash)
  })

  it('hands the first bytes on before the backend has produced the rest (no buffering)', async () => {
    const response = await withTimeout(
      upstream(new Request('http://backend.invalid/api/v1/gated')),
      5000,
      'the response head',
    )
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const first = await withTimeout(reader.read(), 5000, 'the first chunk')
    expect(new TextDecoder().decode(first.value)).toBe('first part;')
    openGate()
    let rest = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      rest += new TextDecoder().decode(value)
    }
    expect(rest).toBe('second part')
  })

  it('a body dropped before its first read ends the backend stream without an uncaught error', async () => {
    const uncaught: unknown[] = []
    const record = (error: unknown): void => {
      uncaught.push(error)
    }
    process.on('uncaughtException', record)
    try {
      const response = await upstream(new Request('http://backend.invalid/api/v1/big'))
      // A download that is refused or cancelled drops the body unread.
      await response.body?.cancel()
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(uncaught).toEqual([])
      // The embedded backend still answers afterwards.
      const again = await upstream(new Request('http://backend.invalid/api/v1/echo'))
      expect(again.status).toBe(200)
    } finally {
      process.off('uncaughtException', record)
    }
  })

  it.each([
    ['DELETE', '/api/v1/no-content', 204],
    ['GET', '/api/v1/not-modified', 304],
  ])('answers %s %s with %i and no body', async (method, path, status) => {
    const response = await upstream(new Request(`http://backend.invalid${path}`, { method }))
    expect(response.status).toBe(status)
    expect(response.body).toBeNull()
  })

  it('keeps the ETag of a 304', async () => {
    const response = await upstream(new Request('http://backend.invalid/api/v1/not-modified'))
    expect(response.headers.get('etag')).toBe('"v1"')
  })

  it('keeps repeated response headers apart', async () => {
    const response = await upstream(new Request('http://backend.invalid/api/v1/cookies'))
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
  })

  it('answers a HEAD without a body', async () => {
    const response = await upstream(
      new Request('http://backend.invalid/api/v1/echo', { method: 'HEAD' }),
    )
    expect(response.status).toBe(200)
    expect(response.body).toBeNull()
  })

  it('passes the backend’s own 404 through', async () => {
    const response = await upstream(new Request('http://backend.invalid/api/v1/missing'))
    expect(response.status).toBe(404)
  })
})

describe('parseRemoteBaseUrl', () => {
  it.each([
    ['https://api.example.at', 'https://api.example.at/'],
    ['https://api.example.at/prefix', 'https://api.example.at/prefix/'],
    ['https://api.example.at/prefix/', 'https://api.example.at/prefix/'],
    ['https://api.example.at:8443/a/b', 'https://api.example.at:8443/a/b/'],
    ['http://127.0.0.1:4810', 'http://127.0.0.1:4810/'],
    ['http://localhost:4810/backend', 'http://localhost:4810/backend/'],
    ['http://[::1]:4810', 'http://[::1]:4810/'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(parseRemoteBaseUrl(input).href).toBe(normalised)
  })

  it.each([
    ['http://api.example.at/', /https/],
    ['http://127.0.0.2/', /https/],
    ['http://127.0.0.1.evil.example/', /https/],
    ['http://localhost.evil.example/', /https/],
    ['ftp://api.example.at/', /https/],
    ['file:///etc/passwd', /https/],
    ['javascript:alert(1)', /https/],
    ['https://user:secret@api.example.at/', /credentials/],
    ['https://user@api.example.at/', /credentials/],
    ['http://user:pw@127.0.0.1:4810/', /credentials/],
    ['https://api.example.at/?token=abc', /query or fragment/],
    ['https://api.example.at/#x', /query or fragment/],
    ['api.example.at', /not a valid URL/],
    ['', /not a valid URL/],
  ])('refuses %s', (input, message) => {
    expect(() => parseRemoteBaseUrl(input)).toThrow(message)
  })
})

describe('remote upstream (a real HTTP server on loopback)', () => {
  interface Seen {
    method: string
    url: string
    headers: IncomingMessage['headers']
    body: string
  }
  const servers: Server[] = []
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
    )
  })

  async function serve(
    answer: (req: IncomingMessage, res: ServerResponse) => void,
  ): Promise<{ port: number; seen: Seen[] }> {
    const seen: Seen[] = []
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        })
        answer(req, res)
      })
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return { port: (server.address() as AddressInfo).port, seen }
  }

  it('keeps a body readable when the fetch answer it came from is garbage-collected first', async () => {
    // The gateway re-wraps every answer and drops the original; Node's fetch cancels the
    // body of a collected answer unless the stream is already locked (read later: empty).
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const body = Buffer.alloc(256 * 1024, 7)
    const backend = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length })
      res.end(body)
    })
    const upstream = remoteUpstream(`http://127.0.0.1:${backend.port}/`)
    const wrapped = await (async () => {
      const response = await upstream(new Request('http://backend.invalid/api/v1/doc'))
      return new Response(response.body, { status: response.status })
    })()
    for (let i = 0; i < 5; i++) {
      gc()
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const received = Buffer.from(await wrapped.arrayBuffer())
    expect(received.length).toBe(body.length)
    expect(received.equals(body)).toBe(true)
  })

  it('forwards method, path and query under the base prefix, headers and body', async () => {
    const backend = await serve((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-backend': 'remote' })
      res.end('{"status":"confirmation_sent"}')
    })
    const upstream = remoteUpstream(`http://127.0.0.1:${backend.port}/backend`)
    const response = await upstream(
      new Request('app://mmf/api/v1/registrations?lang=de', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
        body: '{"email":"anna@example.at"}',
      }),
    )
    expect(response.status).toBe(201)
    expect(response.headers.get('x-backend')).toBe('remote')
    expect(await response.json()).toEqual({ status: 'confirmation_sent' })
    expect(backend.seen).toHaveLength(1)
    const [seen] = backend.seen
    expect(seen?.method).toBe('POST')
    expect(seen?.url).toBe('/backend/api/v1/registrations?lang=de')
    expect(seen?.headers['content-type']).toBe('application/json')
    expect(seen?.headers['x-custom']).toBe('yes')
    // The backend is addressed by its own name, not the app's.
    expect(seen?.headers.host).toBe(`127.0.0.1:${backend.port}`)
    expect(seen?.body).toBe('{"email":"anna@example.at"}')
  })

  it('keeps a path with a backslash under the base prefix', async () => {
    const backend = await serve((_req, res) => res.end('{}'))
    const upstream = remoteUpstream(`http://127.0.0.1:${backend.port}/backend/`)
    await upstream(new Request('app://mmf/api/v1/x\\..\\..\\..\\admin'))
    expect(backend.seen[0]?.url).toMatch(/^\/backend\/api\/v1\//)
  })

  it.each([301, 302, 303, 307, 308])(
    'does not follow a %i redirect: it comes back as is and its target is never asked',
    async (status) => {
      const elsewhere = await serve((_req, res) => res.end('stolen'))
      const backend = await serve((_req, res) => {
        res.writeHead(status, { location: `http://127.0.0.1:${elsewhere.port}/steal` })
        res.end()
      })
      const upstream = remoteUpstream(`http://127.0.0.1:${backend.port}/`)
      const response = await upstream(
        new Request('app://mmf/api/v1/me', { headers: { authorization: 'Bearer secret' } }),
      )
      expect(response.status).toBe(status)
      expect(response.headers.get('location')).toBe(`http://127.0.0.1:${elsewhere.port}/steal`)
      expect(elsewhere.seen).toEqual([])
    },
  )

  it('fails (for the gateway to report) when the backend cannot be reached', async () => {
    const backend = await serve((_req, res) => res.end())
    const port = backend.port
    await Promise.all(
      servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
    )
    const upstream = remoteUpstream(`http://127.0.0.1:${port}/`)
    await expect(upstream(new Request('app://mmf/api/v1/support'))).rejects.toThrow()
  })

  it('refuses an invalid base URL when it is created, not on the first call', () => {
    expect(() => remoteUpstream('http://api.example.at/')).toThrow(/https/)
  })
})
