/**
 * Printing a letter on a kiosk terminal, without saving it anywhere: every page
 * of the PDF is drawn with pdf.js into a canvas inside a print-only container at
 * the end of <body> (print-view.css hides the rest of the app on paper and the
 * container on screen), then `window.print()` opens the system's print dialog.
 * The container goes again after `afterprint` (or, where that event never comes,
 * as Electron's is known not to, at the first sign that the dialog is closed), or
 * when the caller cancels: nothing of the letter stays in the DOM.
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

/** Things the print view needs from outside: replaceable in tests (no print dialog there). */
export interface PrintViewDeps {
  /** Opens the PDF (pdf-document.ts's openPdf). */
  open?: (data: ArrayBuffer) => PdfLoading
  /** Opens the print dialog (window.print). */
  print?: () => void
  /** The window whose print events and input are watched. */
  window?: Window
}

export interface PrintViewOptions extends PrintViewDeps {
  /** Called before each page is drawn (1-based): progress for long letters. */
  onProgress?: (page: number, pages: number) => void
}

/** A print in preparation; `promise` resolves once the print dialog was handed the pages. */
export interface PrintJob {
  readonly promise: Promise<void>
  /** Stops preparing and removes the container (the dialog showing the letter closed). */
  cancel(): void
}

/** Thrown by a job that was cancelled before the dialog opened. */
export class PrintCancelledError extends Error {
  override readonly name = 'PrintCancelledError'
  constructor() {
    super('The print view was cancelled')
  }
}

/** The job whose container is in the DOM: a new print replaces it. */
let current: { end: () => void } | null = null

/** Input, focus or the print event: any of them means the print dialog is no longer open. */
const AFTER_PRINT_EVENTS = ['pointerdown', 'keydown', 'focus'] as const

/**
 * Draws every page of `data` into a print-only container, then opens the print
 * dialog. Rejects (and removes the container) when the PDF cannot be opened or a
 * page cannot be drawn, with PrintCancelledError after `cancel()`.
 */
export function printPdf(data: ArrayBuffer, options: PrintViewOptions = {}): PrintJob {
  current?.end()
  const win = options.window ?? window
  const doc = win.document
  const open = options.open ?? ((bytes: ArrayBuffer) => openPdf(bytes))
  const print = options.print ?? (() => win.print())

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
      win.removeEventListener('afterprint', job.end)
      for (const name of AFTER_PRINT_EVENTS) win.removeEventListener(name, job.end, true)
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
    win.addEventListener('afterprint', job.end)
    print()
    // window.print() returns once the dialog has the pages (in Chromium it blocks until
    // then). Where no afterprint follows, the next focus or input ends the view.
    if (!ended) for (const name of AFTER_PRINT_EVENTS) win.addEventListener(name, job.end, true)
  })()

  return {
    promise,
    cancel(): void {
      cancelled = true
      job.end()
    },
  }
}
