/**
 * The preview's PDF engine on Node, with real PDFs from the backend's letter
 * renderer (pdfkit). pdf.js runs its worker code in this thread (Node has no web
 * workers), and pages are drawn onto a real canvas (@napi-rs/canvas, pdf.js's
 * own canvas for Node), so what is checked is what the preview would show.
 */
import { createCanvas } from '@napi-rs/canvas'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  openPdf,
  PdfPreviewError,
  type PdfAssetUrls,
  type PdfDocument,
  type PdfLoading,
} from '../../../src/renderer/src/pdf/pdf-document.ts'
import { installPdfjsWorker, letterPdf } from './support/pdf-letters.ts'

// The same pdf.js in its build for older engines: Node 24 lacks Uint8Array.prototype.toHex,
// which the modern build (for current Chromium) uses.
vi.mock('pdfjs-dist', () => import('pdfjs-dist/legacy/build/pdf.mjs'))

// pdf.js's own files, where the build copies them from.
const PDFJS = decodeURIComponent(
  new URL('../../../node_modules/pdfjs-dist/', import.meta.url).pathname,
)
const ASSETS: PdfAssetUrls = {
  standardFontDataUrl: `${PDFJS}standard_fonts/`,
  wasmUrl: `${PDFJS}wasm/`,
}

const A4 = { width: 595.28, height: 841.89 }

let oneLetter: ArrayBuffer
let longPlan: ArrayBuffer
const open: PdfLoading[] = []

function load(data: ArrayBuffer): Promise<PdfDocument> {
  const loading = openPdf(data, { assets: ASSETS })
  open.push(loading)
  return loading.promise
}

beforeAll(async () => {
  await installPdfjsWorker()
  oneLetter = await letterPdf(3)
  longPlan = await letterPdf(120)
})

afterEach(async () => {
  await Promise.all(open.splice(0).map((loading) => loading.destroy()))
})

describe('the PDF engine', () => {
  it('opens a letter and reports its pages and their A4 size in points', async () => {
    const doc = await load(oneLetter)
    expect(doc.pageCount).toBe(1)
    expect(doc.pageSizes).toHaveLength(1)
    expect(doc.pageSizes[0]?.width).toBeCloseTo(A4.width, 1)
    expect(doc.pageSizes[0]?.height).toBeCloseTo(A4.height, 1)
  })

  it('reports every page of a plan whose table runs over several pages', async () => {
    const doc = await load(longPlan)
    expect(doc.pageCount).toBeGreaterThan(2)
    expect(doc.pageSizes).toHaveLength(doc.pageCount)
    const last = await doc.pageText(doc.pageCount)
    expect(last).toContain(`Seite ${doc.pageCount} von ${doc.pageCount}`)
  })

  it('reads umlauts, ß, the euro sign and dashes of the standard fonts right', async () => {
    const doc = await load(oneLetter)
    const text = await doc.pageText(1)
    expect(text).toContain('Ihr Ratenplan für Vertrag KR-2025-000815')
    expect(text).toContain('€ 1.234,56')
    expect(text).toContain('Grüße aus Österreich')
    expect(text).toContain('Mo–Fr 8:00–18:00')
  })

  it('leaves the caller’s bytes alone (pdf.js hands its copy to the worker)', async () => {
    const before = new Uint8Array(oneLetter).slice()
    await load(oneLetter)
    expect(oneLetter.byteLength).toBe(before.byteLength)
    expect(new Uint8Array(oneLetter)).toEqual(before)
    // The same buffer opens a second time.
    expect((await load(oneLetter)).pageCount).toBe(1)
  })

  it('draws a page sharp for the pixel ratio, with the letter’s ink where the text is', async () => {
    const doc = await load(oneLetter)
    const canvas = createCanvas(1, 1)
    const scale = 800 / A4.width
    await doc.renderPage(1, canvas as unknown as HTMLCanvasElement, { scale, pixelRatio: 2 })
      .promise
    // 800 CSS pixels wide at two device pixels per CSS pixel.
    expect(canvas.width).toBe(1600)
    expect(canvas.height).toBe(Math.floor(Math.floor(A4.height * scale) * 2))
    const ink = (x0: number, y0: number, x1: number, y1: number): number => {
      const { data } = canvas.getContext('2d').getImageData(x0, y0, x1 - x0, y1 - y0)
      let dark = 0
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++
      return dark
    }
    // The subject line (Helvetica-Bold 12 pt at 103 mm from the top) has ink; the
    // margin beside it has none.
    const mm = (value: number) => Math.round(((value * 72) / 25.4) * scale * 2)
    expect(ink(mm(25), mm(101), mm(120), mm(108))).toBeGreaterThan(500)
    expect(ink(mm(2), mm(101), mm(20), mm(108))).toBe(0)
  })

  it('keeps a zoomed-in page within the canvas size limit', async () => {
    const doc = await load(oneLetter)
    const canvas = createCanvas(1, 1)
    await doc.renderPage(1, canvas as unknown as HTMLCanvasElement, { scale: 8, pixelRatio: 2 })
      .promise
    expect(canvas.width * canvas.height).toBeLessThanOrEqual(4096 * 4096)
    // Still the page's shape.
    expect(canvas.height / canvas.width).toBeCloseTo(A4.height / A4.width, 2)
  })

  it('fails as "invalid" for bytes that are no PDF, and for none', async () => {
    const html = new TextEncoder().encode('<!doctype html><title>Anmeldung</title>').buffer
    for (const data of [html, new ArrayBuffer(0)]) {
      const error: unknown = await load(data).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PdfPreviewError)
      expect((error as PdfPreviewError).reason).toBe('invalid')
    }
  })

  it('fails as "invalid" for a letter cut off halfway', async () => {
    const half = oneLetter.slice(0, Math.floor(oneLetter.byteLength / 2))
    const error: unknown = await load(half).catch((e: unknown) => e)
    expect((error as PdfPreviewError).reason).toBe('invalid')
  })

  it('ends the document on destroy: its pages can no longer be read', async () => {
    const loading = openPdf(oneLetter, { assets: ASSETS })
    const doc = await loading.promise
    await loading.destroy()
    await expect(doc.pageText(1)).rejects.toThrow()
  })

  it('can be destroyed while it is still opening', async () => {
    const loading = openPdf(longPlan, { assets: ASSETS })
    await loading.destroy()
    await expect(loading.promise).rejects.toBeInstanceOf(PdfPreviewError)
  })
})
