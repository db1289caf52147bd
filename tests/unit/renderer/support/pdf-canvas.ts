/**
 * The real PDF engine on Node for the viewer's and the print view's tests:
 * pdf.js's assets from node_modules (the build copies them for the app), and a
 * real 2D canvas of @napi-rs/canvas (pdf.js's canvas on Node) behind jsdom's
 * canvas element, so that pages are really drawn and their pixels can be looked at.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas'
import { vi } from 'vitest'
import type * as Engine from '../../../../src/renderer/src/pdf/pdf-document.ts'

/**
 * The real engine module whose openPdf is watched (a vi.fn) and reads pdf.js's
 * fonts and wasm from node_modules. For a vi.mock factory:
 * `async (importOriginal) => (await import('./support/pdf-canvas.ts')).engineOnNode(await importOriginal())`.
 */
export function engineOnNode(real: typeof Engine): typeof Engine {
  const PDFJS = decodeURIComponent(
    new URL('../../../../node_modules/pdfjs-dist/', import.meta.url).pathname,
  )
  const assets = { standardFontDataUrl: `${PDFJS}standard_fonts/`, wasmUrl: `${PDFJS}wasm/` }
  return { ...real, openPdf: vi.fn((data: ArrayBuffer) => real.openPdf(data, { assets })) }
}

const bitmaps = new WeakMap<HTMLCanvasElement, Canvas>()

/** A real 2D context, drawn into a @napi-rs/canvas bitmap of the element's size. */
function contextFor(element: HTMLCanvasElement): CanvasRenderingContext2D {
  const bitmap = createCanvas(Math.max(1, element.width), Math.max(1, element.height))
  bitmaps.set(element, bitmap)
  const context = bitmap.getContext('2d')
  // As in a browser, the context's canvas is the element (pdf.js removes it from the page).
  return new Proxy(context, {
    get(target, key) {
      if (key === 'canvas') return element
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
    set: (target, key, value) => Reflect.set(target, key, value, target),
  }) as unknown as CanvasRenderingContext2D
}

/** Every canvas's 2D context is a real one; undone by vi.restoreAllMocks(). */
export function installCanvas(): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    return contextFor(this)
  } as unknown as typeof HTMLCanvasElement.prototype.getContext)
}

/** Dark pixels of a drawn canvas (0 when it was never drawn). */
export function ink(canvas: HTMLCanvasElement): number {
  const bitmap = bitmaps.get(canvas)
  if (!bitmap) return 0
  const { data } = bitmap.getContext('2d').getImageData(0, 0, bitmap.width, bitmap.height)
  let dark = 0
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++
  return dark
}
