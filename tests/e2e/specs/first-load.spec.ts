import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { AppShell } from '../pages/app-shell.ts'
import { expect, test } from '../fixtures/test.ts'

/** Issue 14's budget for the JavaScript of the first screen, gzip-compressed. */
const INITIAL_JS_BUDGET = 125 * 1024

test.describe('the first load', () => {
  test('the German start screen does not load the English texts; the switch to English does', async ({
    page,
  }) => {
    const shell = new AppShell(page)
    const scripts: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
    })
    await shell.open('/')
    await expect(shell.supportContacts).toContainText('ksc@mini.at')

    // What the browser fetched for the German start screen, compressed as a server sends it.
    const renderer = join(import.meta.dirname, '../../../out/renderer')
    const bytes = scripts
      .filter((path) => path.startsWith('/assets/'))
      .reduce(
        (sum, path) => sum + gzipSync(readFileSync(join(renderer, path)), { level: 9 }).length,
        0,
      )
    console.log(`first screen: ${scripts.length} scripts, ${(bytes / 1024).toFixed(1)} KB gzip`)
    // The figure, for the record: the first screen also loads its own view and the
    // answer checker (with the support contacts' answer) after the initial JavaScript.
    expect(bytes).toBeGreaterThan(0)
    // English texts load only when asked for.
    expect(scripts.some((path) => /\/assets\/en-[\w-]+\.js$/.test(path))).toBe(false)

    await shell.chooseLanguage('English')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(shell.supportContacts).toBeVisible()
    expect(scripts.some((path) => /\/assets\/en-[\w-]+\.js$/.test(path))).toBe(true)
  })

  test('the initial JavaScript (index.html: the entry and its preloads) stays within 125 KB', () => {
    const renderer = join(import.meta.dirname, '../../../out/renderer')
    const html = readFileSync(join(renderer, 'index.html'), 'utf8')
    const files = [
      ...html.matchAll(
        /<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g,
      ),
    ].map((m) => m[1] as string)
    expect(files.length).toBeGreaterThan(0)
    const bytes = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(renderer, file)), { level: 9 }).length,
      0,
    )
    expect(bytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET)
  })
})
