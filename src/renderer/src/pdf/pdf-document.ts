/**
 * The engine of the in-app PDF preview: opens PDF bytes with pdf.js (loaded on
 * first use, in its own chunk), tells pages and their sizes, draws a page onto a
 * canvas, sharp on HiDPI screens, and lays its text out for selection and screen
 * readers. No Vue in here: components/documents/PdfViewer.vue builds on it.
 *
 * Everything pdf.js needs comes from the app's own origin (the renderer's CSP
 * allows nothing else): the worker, the standard fonts and the image decoders
 * are files of the build (electron.vite.config.ts copies the last two).
 */
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist'
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api'

type Pdfjs = typeof import('./pdfjs.ts')

/** Why a preview failed: pdf.js could not be loaded, the bytes are no readable PDF, … */
export type PdfFailure = 'unavailable' | 'invalid' | 'password' | 'render'

/** The error a preview fails with; `reason` chooses the text the customer sees. */
export class PdfPreviewError extends Error {
  override readonly name = 'PdfPreviewError'
  readonly reason: PdfFailure

  constructor(reason: PdfFailure, options?: ErrorOptions) {
    super(`PDF preview failed: ${reason}`, options)
    this.reason = reason
  }
}

/** A page's size in PDF points (1/72 inch), its rotation applied. */
export interface PdfPageSize {
  readonly width: number
  readonly height: number
}

/** Drawing one page; `cancel()` stops it (the promise then rejects). */
export interface PdfRenderTask {
  readonly promise: Promise<void>
  cancel(): void
}

/** Where and how sharp a page is drawn. */
export interface PdfRenderOptions {
  /** CSS pixels per PDF point (96/72 is "100 %"). */
  scale: number
  /** Device pixels per CSS pixel (window.devicePixelRatio). */
  pixelRatio: number
}

/** An open document. `destroy()` ends it and its worker; every call after that fails. */
export interface PdfDocument {
  readonly pageCount: number
  readonly pageSizes: readonly PdfPageSize[]
  /** Draws page `pageNumber` (1-based) onto `canvas`, sizing its bitmap for the pixel ratio. */
  renderPage(
    pageNumber: number,
    canvas: HTMLCanvasElement,
    options: PdfRenderOptions,
  ): PdfRenderTask
  /**
   * Lays the page's text out in `container` as transparent, selectable runs over the
   * canvas, measured at `scale`. Positions and sizes follow the container's
   * `--total-scale-factor` (CSS pixels per point), so zooming needs no new layout.
   */
  renderText(pageNumber: number, container: HTMLElement, scale: number): PdfRenderTask
  /** The page's text as pdf.js reads it (runs joined, a line break where the PDF has one). */
  pageText(pageNumber: number): Promise<string>
  destroy(): Promise<void>
}

/** A document being opened; `destroy()` also works before it has opened. */
export interface PdfLoading {
  readonly promise: Promise<PdfDocument>
  destroy(): Promise<void>
}

/** The URLs below which pdf.js finds the files the build copies for it. */
export interface PdfAssetUrls {
  standardFontDataUrl: string
  wasmUrl: string
}

/** A canvas of at most this many pixels (4096²): memory stays bounded when zooming in. */
export const MAX_CANVAS_PIXELS = 4096 * 4096

let pdfjsModule: Promise<Pdfjs> | null = null

/** Loads pdf.js once; a failed load (a network hiccup in the web preview) is tried again next time. */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsModule ??= import('./pdfjs.ts').catch((error: unknown) => {
    pdfjsModule = null
    throw error
  })
  return pdfjsModule
}

/** The folder the build copies pdf.js's files to (see electron.vite.config.ts), by pdf.js version. */
export function pdfAssetUrls(version: string, baseUrl: string): PdfAssetUrls {
  const root = new URL(`pdfjs-${version}/`, baseUrl)
  return {
    standardFontDataUrl: new URL('standard_fonts/', root).href,
    wasmUrl: new URL('wasm/', root).href,
  }
}

/** The parameters of pdf.js's getDocument: what makes the preview work under the app's CSP. */
export function documentParameters(data: Uint8Array, assets: PdfAssetUrls): DocumentInitParameters {
  return {
    data,
    // The letters use the PDF standard fonts (Helvetica), not embedded. With system
    // fonts pdf.js draws them with whatever the machine has (on a bare Linux that is
    // DejaVu Sans, a wider face squeezed into Helvetica's widths). Liberation Sans,
    // which pdf.js ships for this, has Helvetica's metrics and looks the same everywhere.
    useSystemFonts: false,
    standardFontDataUrl: assets.standardFontDataUrl,
    // WebAssembly needs 'wasm-unsafe-eval', which the CSP does not allow: pdf.js then
    // uses its JavaScript image decoders (JBIG2, JPX) from wasmUrl and interprets
    // PostScript functions (pdf.js 5.7 removed isEvalSupported with its eval compiler).
    useWasm: false,
    wasmUrl: assets.wasmUrl,
    // No cMapUrl: predefined CMaps serve only CJK fonts, which the letters never use.
    enableXfa: false,
    // Warnings (a font substitute, an odd object) are pdf.js's business, not the console's.
    verbosity: 0,
  }
}

function failure(reason: PdfFailure, cause: unknown): PdfPreviewError {
  return cause instanceof PdfPreviewError ? cause : new PdfPreviewError(reason, { cause })
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException'
}

/**
 * Opens a PDF. The bytes are copied first: pdf.js hands its buffer over to the
 * worker (detaching it), and the caller keeps its own. `assets` defaults to the
 * folder next to the app's page.
 */
export function openPdf(data: ArrayBuffer, options: { assets?: PdfAssetUrls } = {}): PdfLoading {
  let destroyed = false
  let task: PDFDocumentLoadingTask | null = null
  let destroying: Promise<void> | null = null
  const bytes = copyBytes(data)

  const destroy = (): Promise<void> => {
    destroyed = true
    destroying ??= (async () => {
      await task?.destroy()
      // pdf.js keeps hidden canvases for measuring text; it drops them once no layer is pending.
      if (task) (await loadPdfjs()).TextLayer.cleanup()
    })()
    return destroying
  }

  const promise = (async (): Promise<PdfDocument> => {
    if (!bytes) throw new PdfPreviewError('invalid')
    const pdfjs = await loadPdfjs().catch((error: unknown) => {
      throw failure('unavailable', error)
    })
    if (destroyed) throw new PdfPreviewError('unavailable')
    const assets = options.assets ?? pdfAssetUrls(pdfjs.version, document.baseURI)
    task = pdfjs.getDocument(documentParameters(bytes, assets))
    try {
      const proxy = await task.promise
      const pages = await Promise.all(
        Array.from({ length: proxy.numPages }, (_, i) => proxy.getPage(i + 1)),
      )
      return documentOf(pdfjs, proxy, pages, destroy)
    } catch (error) {
      void destroy()
      throw failure(isPasswordError(error) ? 'password' : 'invalid', error)
    }
  })()

  return { promise, destroy }
}

/** A copy of the bytes, or null when there are none (no buffer, an empty or a detached one). */
function copyBytes(data: ArrayBuffer): Uint8Array | null {
  // Not instanceof: a buffer made in another realm (a frame, a test's Node) is as good.
  if (Object.prototype.toString.call(data) !== '[object ArrayBuffer]' || data.byteLength === 0)
    return null
  return new Uint8Array(data.slice(0))
}

function documentOf(
  pdfjs: Pdfjs,
  proxy: PDFDocumentProxy,
  pages: readonly PDFPageProxy[],
  destroy: () => Promise<void>,
): PdfDocument {
  const pageAt = (pageNumber: number): PDFPageProxy => {
    const page = pages[pageNumber - 1]
    if (!page) throw new RangeError(`No page ${pageNumber} in a document of ${pages.length}`)
    return page
  }
  const pageSizes = pages.map((page) => {
    const { width, height } = page.getViewport({ scale: 1 })
    return { width, height }
  })

  return {
    pageCount: proxy.numPages,
    pageSizes,

    renderPage(pageNumber, canvas, { scale, pixelRatio }) {
      const page = pageAt(pageNumber)
      const viewport = page.getViewport({ scale })
      const cssWidth = Math.max(1, Math.floor(viewport.width))
      const cssHeight = Math.max(1, Math.floor(viewport.height))
      const ratio = Math.min(pixelRatio, Math.sqrt(MAX_CANVAS_PIXELS / (cssWidth * cssHeight)))
      canvas.width = Math.max(1, Math.floor(cssWidth * ratio))
      canvas.height = Math.max(1, Math.floor(cssHeight * ratio))
      // Device pixels per viewport unit, so that the page fills the bitmap exactly.
      const transform = [canvas.width / viewport.width, 0, 0, canvas.height / viewport.height, 0, 0]
      const task = page.render({ canvas, viewport, transform })
      return {
        promise: task.promise.catch((error: unknown) => {
          throw failure('render', error)
        }),
        cancel: () => task.cancel(),
      }
    },

    renderText(pageNumber, container, scale) {
      const page = pageAt(pageNumber)
      const layer = new pdfjs.TextLayer({
        textContentSource: page.streamTextContent({ includeMarkedContent: true }),
        container,
        viewport: page.getViewport({ scale }),
      })
      return {
        promise: layer.render().then(
          () => undefined,
          (error: unknown) => {
            throw failure('render', error)
          },
        ),
        cancel: () => layer.cancel(),
      }
    },

    async pageText(pageNumber) {
      const content = await pageAt(pageNumber).getTextContent()
      return content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
    },

    destroy,
  }
}
