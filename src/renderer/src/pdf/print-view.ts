/**
 * Printing a letter on a kiosk terminal, without saving it anywhere: every page
 * of the PDF is drawn with pdf.js into a canvas inside a print-only container at
 * the end of <body> (print-view.css hides the rest of the app on paper and the
 * container on screen), then `print` hands the page to the printer: in the
 * desktop app main prints it silently on the terminal's printer (`kiosk:print`),
 * never through the system print dialog, whose "Save as PDF" would write the
 * letter to disk. The container goes once that is done (or failed), or when the
 * caller cancels: nothing of the letter stays in the DOM.
 */
import { openPdf, type PdfLoading, type PdfRenderOptions } from './pdf-document.ts'
import './print-view.css'

/** Pixels per inch of the printed pages: sharp text, without a huge bitmap per page. */
export const PRINT_DPI = 150
/** pdf.js's scale for the print bitmaps: one CSS pixel per PDF point, PRINT_DPI/72 device pixels each. */
export const PRINT_RENDER_OPTIONS: Readonly<PdfRenderOptions> = Object.freeze({
  scale: 1,
  pixelRatio: PRINT_DPI / 72,
})

/** The class of the container (print-view.css styles it); one per page below it. */
export const PRINT_VIEW_CLASS = 'mmf-print-view'
export const PRINT_PAGE_CLASS = 'mmf-print-view__page'

/** Things the print view needs from outside. */
export interface PrintViewDeps {
  /** Opens the PDF (pdf-document.ts's openPdf). */
  open?: (data: ArrayBuffer) => PdfLoading
  /** Prints the page with the drawn sheets; settles once the printer has it (or failed). */
  print: () => Promise<void>
  /** The window whose document gets the container. */
  window?: Window
}

export interface PrintViewOptions extends PrintViewDeps {
  /** Called before each page is drawn (1-based): progress for long letters. */
  onProgress?: (page: number, pages: number) => void
}

/** A print in preparation; `promise` resolves once `print` handed the pages to the printer. */
export interface PrintJob {
  readonly promise: Promise<void>
  /** Stops preparing and removes the container (the dialog showing the letter closed). */
  cancel(): void
}

/** Thrown by a job that was cancelled before it was printed. */
export class PrintCancelledError extends Error {
  override readonly name = 'PrintCancelledError'
  constructor() {
    super('The print view was cancelled')
  }
}

/** The job whose container is in the DOM: a new print replaces it. */
let current: { end: () => void } | null = null

/**
 * Draws every page of `data` into a print-only container, then calls `print`.
 * Rejects (and removes the container) when the PDF cannot be opened, a page cannot
 * be drawn or `print` fails, with PrintCancelledError after `cancel()`.
 */
export function printPdf(data: ArrayBuffer, options: PrintViewOptions): PrintJob {
  current?.end()
  const doc = (options.window ?? window).document
  const open = options.open ?? ((bytes: ArrayBuffer) => openPdf(bytes))

  const container = doc.createElement('div')
  container.className = PRINT_VIEW_CLASS
  // Paper only: on screen (and for screen readers) the dialog shows the letter itself.
  container.setAttribute('aria-hidden', 'true')
  container.dataset.testid = 'print-view'

  let ended = false
  let cancelled = false
  let loading: PdfLoading | null = null
  const canvases: HTMLCanvasElement[] = []
  const job = {
    end(): void {
      if (ended) return
      ended = true
      for (const canvas of canvases) {
        // The bitmaps' memory back at once, not when they are collected.
        canvas.width = 0
        canvas.height = 0
      }
      container.remove()
      if (current === job) current = null
      void loading?.destroy().catch((error: unknown) => {
        console.warn('The printed document could not be closed cleanly:', error)
      })
    },
  }
  current = job

  const promise = (async (): Promise<void> => {
    try {
      doc.body.append(container)
      loading = open(data)
      const pdf = await loading.promise
      for (let page = 1; page <= pdf.pageCount; page++) {
        if (cancelled) throw new PrintCancelledError()
        options.onProgress?.(page, pdf.pageCount)
        const sheet = doc.createElement('div')
        sheet.className = PRINT_PAGE_CLASS
        const canvas = doc.createElement('canvas')
        canvases.push(canvas)
        await pdf.renderPage(page, canvas, PRINT_RENDER_OPTIONS).promise
        sheet.append(canvas)
        container.append(sheet)
      }
      if (cancelled) throw new PrintCancelledError()
      // The bitmaps are drawn: pdf.js and its worker are not needed for the paper.
      const ending = loading
      loading = null
      await ending.destroy()
      if (cancelled) throw new PrintCancelledError()
    } catch (error) {
      job.end()
      // Cancelled while a page was drawn: pdf.js then fails the drawing, which is no failure.
      throw cancelled ? new PrintCancelledError() : error
    }
    try {
      await options.print()
    } finally {
      // The printer has the pages (or will not get them): the letter leaves the DOM.
      job.end()
    }
  })()

  return {
    promise,
    cancel(): void {
      cancelled = true
      job.end()
    },
  }
}
