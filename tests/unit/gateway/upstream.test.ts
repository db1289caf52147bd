import { createServer } from 'node:http'
import { Readable } from 'node:stream'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { createGateway } from '../../../src/gateway/gateway.ts'
import {
  injectUpstream,
  parseRemoteBaseUrl,
  remoteUpstream,
} from '../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../src/gateway/vault/memory-vault.ts'

describe('inject upstream', () => {
  it('forwards method, path, query, headers and body, and streams the answer', async () => {
    const app = Fastify()
    app.post('/api/v1/echo', async (request) => ({
      query: request.query,
      header: request.headers['x-test'],
      body: request.body,
      ip: request.ip,
    }))
    const big = Buffer.alloc(5 * 1024 * 1024, 7)
    app.get('/api/v1/big', async (_request, reply) =>
      reply.type('application/octet-stream').send(Readable.from([big])),
    )
    app.delete('/api/v1/nothing', async (_request, reply) => reply.status(204).send())
    await app.ready()
    const upstream = injectUpstream(app)
    const echo = await upstream(
      new Request('http://x/api/v1/echo?a=1', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test': 'yes' },
        body: JSON.stringify({ hello: 'world' }),
      }),
      { clientAddress: '10.1.2.3' },
    )
    expect(await echo.json()).toEqual({
      query: { a: '1' },
      header: 'yes',
      body: { hello: 'world' },
      ip: '10.1.2.3',
    })
    const bigResponse = await upstream(new Request('http://x/api/v1/big'))
    expect(Buffer.from(await bigResponse.arrayBuffer()).equals(big)).toBe(true)
    const empty = await upstream(new Request('http://x/api/v1/nothing', { method: 'DELETE' }))
    expect(empty.status).toBe(204)
    expect(empty.body).toBeNull()
    await app.close()
  })
})

describe('remote upstream', () => {
  it.each([
    ['https://api.example.at', 'https://api.example.at/'],
    ['https://api.example.at/prefix', 'https://api.example.at/prefix/'],
    ['http://127.0.0.1:4810', 'http://127.0.0.1:4810/'],
    ['http://localhost:4810/', 'http://localhost:4810/'],
  ])('accepts %s', (input, normalised) => {
    expect(parseRemoteBaseUrl(input).href).toBe(normalised)
  })
  it.each([
    'http://api.example.at/',
    'ftp://x/',
    'https://a:b@api.example.at/',
    'https://api.example.at/?x=1',
  ])('refuses %s', (input) => {
    expect(() => parseRemoteBaseUrl(input)).toThrow()
  })

  it('forwards under the base path, never follows a redirect, and the gateway passes it on', async () => {
    const seen: string[] = []
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`)
      if (req.url?.endsWith('/redirect')) {
        res.writeHead(302, { location: 'https://evil.example/steal' })
        res.end()
        return
      }
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'tracking=1' })
      res.end('{"ok":true}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    const gateway = createGateway({
      upstream: remoteUpstream(`http://127.0.0.1:${port}/backend`),
      vault: createMemoryVault(),
      kiosk: false,
    })
    const ok = await gateway.handle(new Request('app://mmf/api/v1/support?x=1'))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('set-cookie')).toBeNull()
    expect(seen[0]).toBe('GET /backend/api/v1/support?x=1 ')
    const redirect = await gateway.handle(new Request('app://mmf/api/v1/redirect'))
    expect(redirect.status).toBe(502)
    expect(redirect.headers.get('location')).toBeNull()
    expect(seen).toHaveLength(2)
    server.close()
  })

  it('answers 502 in the error format when the backend cannot be reached', async () => {
    const gateway = createGateway({
      upstream: remoteUpstream('http://127.0.0.1:9/'),
      vault: createMemoryVault(),
      kiosk: false,
    })
    const response = await gateway.handle(new Request('app://mmf/api/v1/support'))
    expect(response.status).toBe(502)
    expect((await response.json()).error.code).toBe('upstream_unavailable')
  })
})
