import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createRendererFiles, RENDERER_CSP } from '../../../src/gateway/renderer-files.ts'

const parent = mkdtempSync(join(tmpdir(), 'mmf-files-'))
const root = join(parent, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(
  join(root, 'index.html'),
  '<!doctype html><script type="module" src="./assets/a.js"></script>',
)
writeFileSync(join(root, 'assets/a.js'), 'console.log(1)')
writeFileSync(join(root, 'assets/a.css'), 'body{}')
writeFileSync(join(root, 'assets/notes.txt'), 'x')
writeFileSync(join(parent, 'secret.json'), '{"secret":true}')
afterAll(() => rmSync(parent, { recursive: true, force: true }))

const files = createRendererFiles(root)
const get = (path: string, method = 'GET') => files(new Request(`app://mmf${path}`, { method }))

describe('renderer files', () => {
  it('serves the page with the strict CSP and the right types', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(RENDERER_CSP).toContain("script-src 'self'")
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await get('/assets/a.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    )
    expect((await get('/assets/a.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it.each([
    '/../secret.json',
    '/%2e%2e/secret.json',
    '/assets/%2e%2e/%2e%2e/secret.json',
    '/assets%5c..%5c..%5csecret.json',
    '/index.html%00.js',
    '/assets/notes.txt',
    '/assets',
    '/missing.js',
    '/%E0%A4%A',
  ])('never serves %s', async (path) => {
    const response = await get(path)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('secret')
  })

  it('serves nothing to other methods', async () => {
    expect((await get('/index.html', 'POST')).status).toBe(404)
  })
})
