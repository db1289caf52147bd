/** The standalone server's edges: Host check (DNS rebinding), the request log, arguments. */
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { parseServerArgs } from '../../../src/server/args.ts'
import { allowedHosts, isAllowedHost } from '../../../src/server/host-check.ts'
import { startHttpServer, type RunningServer } from '../../../src/server/http-server.ts'
import { sendFetchResponse, toFetchRequest } from '../../../src/server/node-fetch-bridge.ts'
import { requestLogLine } from '../../../src/server/request-log.ts'

let running: RunningServer | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
})

function get(port: number, path: string, host: string, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      let data = ''
      res.on('data', (c: Buffer) => (data += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('Host check', () => {
  const allowed = allowedHosts('127.0.0.1', 4810)
  it.each(['127.0.0.1:4810', 'localhost:4810', '[::1]:4810', 'LOCALHOST:4810'])(
    'accepts %s',
    (host) => {
      expect(isAllowedHost(allowed, host)).toBe(true)
    },
  )
  it.each([
    'evil.example:4810',
    '127.0.0.1.evil.example:4810',
    '127.0.0.1:4811',
    'localhost',
    '',
    undefined,
  ])('refuses %s', (host) => {
    expect(isAllowedHost(allowed, host)).toBe(false)
  })
})

describe('the HTTP listener', () => {
  it('answers a foreign Host with 421 without calling the handler, and logs one line per request', async () => {
    const lines: string[] = []
    let handled = 0
    running = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      log: (line) => lines.push(line),
      handle: async (req, res) => {
        handled += 1
        const fetchRequest = toFetchRequest(req, 'http://127.0.0.1')
        const text = await fetchRequest.text()
        await sendFetchResponse(
          res,
          new Response(
            JSON.stringify({
              method: fetchRequest.method,
              path: new URL(fetchRequest.url).pathname,
              text,
            }),
            {
              headers: { 'content-type': 'application/json' },
            },
          ),
        )
      },
    })
    const port = running.port
    const refused = await get(port, '/api/v1/support', 'attacker.example')
    expect(refused.status).toBe(421)
    expect(handled).toBe(0)
    const ok = await get(
      port,
      '/api/v1/echo?token=secret-in-query',
      `127.0.0.1:${port}`,
      'POST',
      'hello',
    )
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body)).toEqual({ method: 'POST', path: '/api/v1/echo', text: 'hello' })
    await new Promise((r) => setTimeout(r, 20))
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/ POST \/api\/v1\/echo 200 [\d.]+ms$/)
    expect(lines.join('\n')).not.toContain('secret')
  })
})

describe('the request log', () => {
  it('never writes the query string (links carry tokens there)', () => {
    const line = requestLogLine({
      time: new Date('2026-05-17T08:30:00Z'),
      method: 'POST',
      url: '/api/v1/registrations/confirm?token=abcdef',
      status: 200,
      durationMs: 3.14159,
    })
    expect(line).toBe('2026-05-17T08:30:00.000Z POST /api/v1/registrations/confirm 200 3.1ms')
  })
})

describe('server arguments', () => {
  const defaults = { rendererDir: '/opt/app/renderer' }
  it('has safe defaults: loopback, port 4810, no demo, no web', () => {
    expect(parseServerArgs(['--data', '/tmp/x'], defaults)).toMatchObject({
      host: '127.0.0.1',
      port: 4810,
      demo: false,
      web: false,
      kiosk: false,
      dataDir: '/tmp/x',
    })
  })
  it.each([
    [['--data', '/tmp/x', '--port', '70000'], /--port/],
    [['--data', '/tmp/x', '--port', 'abc'], /--port/],
    [['--port', '1234'], /--data/],
    [['--data', '/tmp/x', '--kiosk'], /--kiosk/],
    [['--data', '/tmp/x', '--web', '--host', '0.0.0.0'], /this computer only/],
    [['--data', '/tmp/x', '--unknown'], /Unknown option|unknown/i],
  ])('refuses %o with a message naming the problem', (argv, message) => {
    expect(() => parseServerArgs(argv, defaults)).toThrow(message)
  })
})
