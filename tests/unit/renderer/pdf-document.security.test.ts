/**
 * What the preview lets pdf.js do: it gets the bytes, never a URL to fetch, and
 * everything it loads by itself (worker, fonts, image decoders) comes from the
 * app's own origin, under the CSP (no WebAssembly, no system fonts).
 */
import { describe, expect, it, vi } from 'vitest'
import { GlobalWorkerOptions } from 'pdfjs-dist'
import pdfjsPackage from 'pdfjs-dist/package.json'
import {
  documentParameters,
  loadPdfjs,
  pdfAssetUrls,
} from '../../../src/renderer/src/pdf/pdf-document.ts'

// Node 24 lacks Uint8Array.prototype.toHex, which pdf.js's modern build uses.
vi.mock('pdfjs-dist', () => import('pdfjs-dist/legacy/build/pdf.mjs'))

const PAGES = [
  'app://mmf/index.html',
  'app://mmf/',
  'http://127.0.0.1:4899/#/postbox?contract=x',
  'http://127.0.0.1:4899/index.html?x=1#/postbox',
]

describe('the files pdf.js loads itself', () => {
  it('come from the page’s own origin, whatever page and hash the app is on', () => {
    // Scheme and host (URL.origin is "null" for a custom scheme such as app:).
    const originOf = (url: URL) => `${url.protocol}//${url.host}`
    for (const page of PAGES) {
      const origin = originOf(new URL(page))
      const assets = pdfAssetUrls('6.5.438', page)
      for (const url of Object.values(assets)) {
        const parsed = new URL(url)
        expect(originOf(parsed), `${page} → ${url}`).toBe(origin)
        expect(parsed.search + parsed.hash).toBe('')
        // pdf.js appends file names: the folder needs its slash.
        expect(url.endsWith('/')).toBe(true)
      }
      expect(assets.standardFontDataUrl).toBe(`${origin}/pdfjs-6.5.438/standard_fonts/`)
      expect(assets.wasmUrl).toBe(`${origin}/pdfjs-6.5.438/wasm/`)
    }
  })

  it('are looked for in the folder the build copies them to (named by pdf.js’s own version)', async () => {
    const pdfjs = await loadPdfjs()
    // electron.vite.config.ts names the folder from pdfjs-dist's package.json.
    expect(pdfjs.version).toBe(pdfjsPackage.version)
  })

  it('include the worker: a file of the build, not a blob: or data: URL or another host', async () => {
    await loadPdfjs()
    const src = GlobalWorkerOptions.workerSrc
    expect(src).toMatch(/pdf\.worker\.min[^/]*\.mjs$/)
    expect(src).not.toMatch(/^(blob|data|https?|file):/i)
  })
})

describe('the document parameters', () => {
  const parameters = documentParameters(
    new Uint8Array([37, 80, 68, 70]),
    pdfAssetUrls('6.5.438', 'app://mmf/'),
  )

  it('hand over bytes only: pdf.js fetches no document and sends no credentials', () => {
    expect(parameters.data).toBeInstanceOf(Uint8Array)
    for (const key of ['url', 'httpHeaders', 'withCredentials', 'docBaseUrl', 'range'] as const) {
      expect(parameters[key], key).toBeUndefined()
    }
  })

  it('load no CMaps or ICC profiles (nothing the app does not ship)', () => {
    expect(parameters.cMapUrl).toBeUndefined()
    expect(parameters.iccUrl).toBeUndefined()
  })

  it('never need WebAssembly (the CSP has no wasm-unsafe-eval), XFA forms or the machine’s fonts', () => {
    expect(parameters.useWasm).toBe(false)
    expect(parameters.enableXfa).toBe(false)
    expect(parameters.useSystemFonts).toBe(false)
  })
})
