/**
 * The renderer's files: served with the right types and the strict CSP, and
 * nothing outside the renderer's folder, however the path is spelled.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createRendererFiles, RENDERER_CSP } from '../../../src/gateway/renderer-files.ts'

// parent/ holds what must never be served; parent/renderer/ is the root.
const parent = mkdtempSync(join(tmpdir(), 'mmf-renderer-files-'))
const root = join(parent, 'renderer')
const SECRET = 'never-serve-this-secret'
const files: Record<string, string> = {
  'index.html': '<!doctype html><script type="module" src="./assets/app.js"></script>',
  'assets/app.js': 'console.log("app")',
  'assets/app.mjs': 'export {}',
  'assets/app.css': 'body { color: #1a1a1a }',
  'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/font.woff2': 'wOF2',
  'assets/LiberationSans-Regular.ttf': 'ttf',
  'assets/FoxitSans.pfb': 'pfb',
  'assets/manifest.json': '{"name":"My MINI Finance"}',
  'assets/notes.txt': 'plain text is not a renderer file',
  'assets/script.php': '<?php echo 1;',
  LICENSE: 'no extension',
  '.env': `TOKEN=${SECRET}`,
}
mkdirSync(join(root, 'assets'), { recursive: true })
for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content)
writeFileSync(join(parent, 'package.json'), `{"name":"${SECRET}"}`)
writeFileSync(join(parent, 'secret.json'), `{"secret":"${SECRET}"}`)
afterAll(() => rmSync(parent, { recursive: true, force: true }))

const serve = createRendererFiles(root)
const get = (path: string, method = 'GET'): Promise<Response> =>
  serve(new Request(`app://mmf${path}`, { method }))

describe('serving the renderer', () => {
  it.each([
    ['/', 'index.html', 'text/html; charset=utf-8'],
    ['/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['/assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.mjs', 'assets/app.mjs', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['/assets/font.woff2', 'assets/font.woff2', 'font/woff2'],
    // pdf.js's standard fonts for the letter preview.
    ['/assets/LiberationSans-Regular.ttf', 'assets/LiberationSans-Regular.ttf', 'font/ttf'],
    ['/assets/FoxitSans.pfb', 'assets/FoxitSans.pfb', 'application/x-font-type1'],
    ['/assets/manifest.json', 'assets/manifest.json', 'application/json; charset=utf-8'],
    ['/assets/app.js?v=123', 'assets/app.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s (%s) with the CSP and nosniff', async (path, file, type) => {
    const response = await get(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe(files[file])
  })

  it('has a CSP that allows only the app’s own scripts: no inline, no eval, nothing remote', () => {
    const directives = new Map(
      RENDERER_CSP.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe/)
    expect(RENDERER_CSP).not.toMatch(/\*|https?:|ws:|blob:/)
  })

  it('lets a browser re-read the page after an update but cache hashed assets', async () => {
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache')
    expect((await get('/assets/app.js')).headers.get('cache-control')).toMatch(/immutable/)
  })

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('/', 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(response.headers.get('content-length')).toBe(String(files['index.html']?.length))
    expect(response.body).toBeNull()
  })
})

describe('nothing outside the renderer’s folder, nothing that is not a renderer file', () => {
  const absoluteSecret = encodeURIComponent(join(parent, 'secret.json'))
  it.each([
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/%5c..%5cpackage.json',
    '/assets%5c..%5c..%5csecret.json',
    '/index.html%00.js',
    '/assets/app.js%00',
    '/%00',
    `/${absoluteSecret}`,
    `//${join(parent, 'secret.json').replace(/^\//, '')}`,
    '/%E0%A4%A',
  ])('answers %s with 404 and never the file', async (path) => {
    const response = await get(path)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const body = await response.text()
    expect(body).not.toContain(SECRET)
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'not_found' } })
  })

  it.each(['/assets/notes.txt', '/assets/script.php', '/LICENSE', '/.env', '/missing.js'])(
    'answers %s (unknown type or missing) with 404',
    async (path) => {
      const response = await get(path)
      expect(response.status).toBe(404)
      expect(await response.text()).not.toContain(SECRET)
    },
  )

  it('answers a folder with 404', async () => {
    expect((await get('/assets')).status).toBe(404)
    expect((await get('/assets/')).status).toBe(404)
  })

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s with 404', async (method) => {
    const response = await get('/index.html', method)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('<script')
  })
})
