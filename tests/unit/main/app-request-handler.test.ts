/** The app:// handler: /api/ of app://mmf goes to the gateway, files come from the renderer folder, other hosts get nothing. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Gateway } from '../../../src/gateway/gateway.ts'
import { createRendererFiles, RENDERER_CSP } from '../../../src/gateway/renderer-files.ts'
import { createAppRequestHandler } from '../../../src/main/app-request-handler.ts'

const rendererDir = mkdtempSync(join(tmpdir(), 'mmf-app-scheme-'))
mkdirSync(join(rendererDir, 'assets'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>My MINI Finance</title>')
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }))

function setUp() {
  const seen: { method: string; url: string; body: string }[] = []
  const gateway: Gateway = {
    signedIn: false,
    keptSession: false,
    signOut: async () => undefined,
    forgetSession: () => undefined,
    handle: async (request) => {
      seen.push({ method: request.method, url: request.url, body: await request.text() })
      return new Response('{"from":"gateway"}', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    },
  }
  return {
    seen,
    handler: createAppRequestHandler({ files: createRendererFiles(rendererDir), gateway }),
  }
}

describe('the app:// handler', () => {
  it('hands app://mmf/api/… to the gateway with method, query and body', async () => {
    const { seen, handler } = setUp()
    const response = await handler(
      new Request('app://mmf/api/v1/registrations?lang=de', { method: 'POST', body: '{"a":1}' }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ from: 'gateway' })
    expect(seen).toEqual([
      { method: 'POST', url: 'app://mmf/api/v1/registrations?lang=de', body: '{"a":1}' },
    ])
  })

  it('serves the renderer’s page and scripts from its folder, with the CSP', async () => {
    const { seen, handler } = setUp()
    const page = await handler(new Request('app://mmf/'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(await page.text()).toContain('<title>My MINI Finance</title>')
    const script = await handler(new Request('app://mmf/assets/app.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log("app")')
    expect(seen).toEqual([])
  })

  it.each(['/apifoo', '/api', '/API/v1/support', '/assets/api/v1/x'])(
    'does not hand %s to the gateway',
    async (path) => {
      const { seen, handler } = setUp()
      expect((await handler(new Request(`app://mmf${path}`))).status).toBe(404)
      expect(seen).toEqual([])
    },
  )

  it.each([
    'app://evil/',
    'app://evil/index.html',
    'app://evil/api/v1/me',
    'app://mmf.evil/api/v1/me',
    'app://mmf:8080/api/v1/me',
    'app://evil.example/mmf/api/v1/me',
  ])('answers %s (another host) with 404 and neither gateway nor file', async (url) => {
    const { seen, handler } = setUp()
    const response = await handler(new Request(url))
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('My MINI Finance')
    expect(seen).toEqual([])
  })
})
