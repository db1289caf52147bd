/**
 * The standalone server's listener and the Node ↔ Fetch bridge, on a real port:
 * requests arrive whole, a foreign Host is refused before any handler runs (but
 * the names a proxy sends, and the health probes), and a clean shutdown.
 */
import { createHash } from 'node:crypto'
import { Agent, request, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startHttpServer,
  type HttpServerOptions,
  type RunningServer,
} from '../../../src/server/http-server.ts'
import { sendFetchResponse, toFetchRequest } from '../../../src/server/node-fetch-bridge.ts'

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

function send(
  port: number,
  options: {
    path: string
    host?: string
    method?: string
    headers?: Record<string, string>
    body?: Buffer | string
    agent?: Agent
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: {
          host: options.host ?? `127.0.0.1:${port}`,
          // Node's client sends a DELETE body only with an explicit length.
          ...(options.body === undefined
            ? {}
            : { 'content-length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Sends raw bytes and returns the raw answer (for requests Node's client would not send). */
function sendRaw(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw))
    let data = ''
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()))
    socket.on('end', () => resolve(data))
    socket.on('error', reject)
  })
}

/** The echo handler: answers with what the Fetch Request it was converted to contains. */
const echo: HttpServerOptions['handle'] = async (req, res) => {
  const fetchRequest = toFetchRequest(req, 'http://127.0.0.1')
  const url = new URL(fetchRequest.url)
  if (url.pathname === '/raw') {
    // Streams the request body straight back.
    await sendFetchResponse(
      res,
      new Response(fetchRequest.body, { headers: { 'content-type': 'application/octet-stream' } }),
    )
    return
  }
  if (url.pathname === '/empty') {
    await sendFetchResponse(res, new Response(null, { status: 204, headers: { 'x-empty': 'yes' } }))
    return
  }
  await sendFetchResponse(
    res,
    new Response(
      JSON.stringify({
        method: fetchRequest.method,
        path: url.pathname,
        query: url.search,
        header: fetchRequest.headers.get('x-test'),
        body: await fetchRequest.text(),
      }),
      { status: 201, headers: { 'content-type': 'application/json', 'x-echo': 'yes' } },
    ),
  )
}

let running: RunningServer | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
})

async function start(
  handle: HttpServerOptions['handle'] = echo,
  extra: Pick<HttpServerOptions, 'serverNames' | 'openPaths' | 'drainMs'> = {},
) {
  const lines: string[] = []
  let handled = 0
  running = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    ...extra,
    log: (line) => lines.push(line),
    handle: (req, res) => {
      handled += 1
      return handle(req, res)
    },
  })
  return { port: running.port, lines, handled: () => handled }
}

/** A log line can come just after the client has the answer. */
async function untilLines(lines: string[], count: number): Promise<void> {
  for (let i = 0; i < 100 && lines.length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('the HTTP listener', () => {
  it('binds a free port when asked for port 0, and answers to that port’s Host', async () => {
    const { port } = await start()
    expect(port).toBeGreaterThan(0)
    expect((await send(port, { path: '/x' })).status).toBe(201)
    expect((await send(port, { path: '/x', host: `localhost:${port}` })).status).toBe(201)
  })

  it('hands the handler method, path, query, headers and body, and returns its answer', async () => {
    const { port } = await start()
    const answer = await send(port, {
      path: '/api/v1/echo?lang=de',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'hello' },
      body: '{"email":"anna@example.at"}',
    })
    expect(answer.status).toBe(201)
    expect(answer.headers['x-echo']).toBe('yes')
    expect(JSON.parse(answer.body.toString())).toEqual({
      method: 'POST',
      path: '/api/v1/echo',
      query: '?lang=de',
      header: 'hello',
      body: '{"email":"anna@example.at"}',
    })
  })

  it.each(['PUT', 'PATCH', 'DELETE'])('echoes a %s with its body', async (method) => {
    const { port } = await start()
    const answer = await send(port, { path: '/api/v1/me', method, body: 'changed' })
    expect(JSON.parse(answer.body.toString())).toMatchObject({ method, body: 'changed' })
  })

  it('streams a 3 MB body in and out intact', async () => {
    const { port } = await start()
    const body = Buffer.alloc(3 * 1024 * 1024)
    for (let i = 0; i < body.length; i += 4) body.writeUInt32LE((i * 2654435761) >>> 0, i)
    const answer = await send(port, { path: '/raw', method: 'POST', body })
    expect(answer.status).toBe(200)
    expect(answer.body.length).toBe(body.length)
    expect(createHash('sha256').update(answer.body).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    )
  })

  it('sends a 204 without a body', async () => {
    const { port } = await start()
    const answer = await send(port, { path: '/empty' })
    expect(answer.status).toBe(204)
    expect(answer.headers['x-empty']).toBe('yes')
    expect(answer.body.length).toBe(0)
  })

  it.each(['evil.example', 'evil.example:4810', '127.0.0.1.evil.example', '127.0.0.1:1'])(
    'answers Host %s with 421 without calling the handler',
    async (host) => {
      const { port, handled } = await start()
      const answer = await send(port, { path: '/api/v1/me', host })
      expect(answer.status).toBe(421)
      expect(answer.headers['content-type']).toMatch(/^application\/json/)
      expect(JSON.parse(answer.body.toString())).toMatchObject({ error: { code: 'forbidden' } })
      expect(handled()).toBe(0)
    },
  )

  it('answers a request without a Host header with 421 without calling the handler', async () => {
    const { port, handled } = await start()
    const raw = await sendRaw(port, 'GET /api/v1/me HTTP/1.0\r\n\r\n')
    expect(raw).toMatch(/^HTTP\/1\.\d 421/)
    expect(handled()).toBe(0)
  })

  it('logs a refused Host, and no line per request (the backend’s logger writes those)', async () => {
    const { port, lines } = await start()
    await send(port, { path: '/api/v1/registrations/confirm?token=secret-link-token' })
    await send(port, { path: '/api/v1/me?token=secret-link-token', host: 'evil.example' })
    await untilLines(lines, 1)
    expect(lines).toEqual(['refused a request for a foreign host name (421)'])
  })

  it('answers to the names a reverse proxy sends (--server-name), and still to no other', async () => {
    const { port, handled } = await start(echo, { serverNames: ['portal.example.at'] })
    expect((await send(port, { path: '/x', host: 'portal.example.at' })).status).toBe(201)
    expect((await send(port, { path: '/x', host: 'PORTAL.example.at' })).status).toBe(201)
    expect((await send(port, { path: '/x', host: `127.0.0.1:${port}` })).status).toBe(201)
    expect((await send(port, { path: '/x', host: 'evil.example' })).status).toBe(421)
    expect((await send(port, { path: '/x', host: 'portal.example.at.evil' })).status).toBe(421)
    expect(handled()).toBe(3)
  })

  it('answers the open paths (health probes) whatever the Host, and nothing else', async () => {
    const { port } = await start(echo, { openPaths: ['/healthz'] })
    const byAddress = { host: '10.0.0.11:4810' }
    expect((await send(port, { path: '/healthz', ...byAddress })).status).toBe(201)
    expect((await send(port, { path: '/healthz?x=1', ...byAddress })).status).toBe(201)
    expect((await send(port, { path: '/healthz/../api/v1/me', ...byAddress })).status).toBe(421)
    expect((await send(port, { path: '/api/v1/me', ...byAddress })).status).toBe(421)
  })

  it('answers a failing handler with 500 in the error format, without the error’s message', async () => {
    const { port, lines } = await start(async () => {
      throw new Error('SQLITE_CORRUPT /home/anna/.config/db.sqlite')
    })
    const answer = await send(port, { path: '/api/v1/me' })
    expect(answer.status).toBe(500)
    const text = answer.body.toString()
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal_error' } })
    expect(text).not.toMatch(/SQLITE|anna/)
    await untilLines(lines, 2)
    expect(lines.some((line) => line.includes('request failed'))).toBe(true)
  })

  it('keeps an idle keep-alive connection open longer than a Node client does (5 s)', async () => {
    // A server that closes at the same moment as the client races it: the client's next
    // request on that socket fails with ECONNRESET.
    const server = await start()
    const socket = connect(server.port, '127.0.0.1')
    let closedByServer = false
    let received = ''
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
    socket.on('end', () => (closedByServer = true))
    const ask = `GET /x HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nconnection: keep-alive\r\n\r\n`
    try {
      await new Promise<void>((resolve) => socket.once('connect', resolve))
      socket.write(ask)
      await expect.poll(() => received.match(/HTTP\/1\.1 201/g)?.length ?? 0).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 7000))
      expect(closedByServer).toBe(false)
      socket.write(ask)
      await expect.poll(() => received.match(/HTTP\/1\.1 201/g)?.length ?? 0).toBe(2)
    } finally {
      socket.destroy()
    }
  }, 15_000)

  it('closes soon when a keep-alive request was still running, not after the idle timeout', async () => {
    let answer = (): void => undefined
    const server = await start((_req, res) => {
      answer = () => res.writeHead(200, { 'content-type': 'text/plain' }).end('late')
    })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const pending = send(server.port, { path: '/slow', agent })
      await expect.poll(() => answer.toString().includes('writeHead')).toBe(true)
      const closing = running?.close()
      running = undefined
      answer()
      expect((await pending).status).toBe(200)
      await expect(
        Promise.race([
          closing,
          new Promise((_resolve, reject) =>
            setTimeout(() => reject(new Error('close() did not resolve within 2 s')), 2000),
          ),
        ]),
      ).resolves.toBeUndefined()
    } finally {
      agent.destroy()
    }
  })

  it('closes, even with an idle keep-alive connection open, and then accepts no one', async () => {
    const server = await start()
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      expect((await send(server.port, { path: '/x', agent })).status).toBe(201)
      const closing = running?.close()
      running = undefined
      await expect(
        Promise.race([
          closing,
          new Promise((_resolve, reject) =>
            setTimeout(() => reject(new Error('close() did not resolve within 2 s')), 2000),
          ),
        ]),
      ).resolves.toBeUndefined()
      await expect(send(server.port, { path: '/x' })).rejects.toThrow(/ECONNREFUSED/)
    } finally {
      agent.destroy()
    }
  })
})
