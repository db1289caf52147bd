// @vitest-environment jsdom
/**
 * Printing a letter on a kiosk terminal: the print view (pdf/print-view.ts) with
 * the real engine and real letters (the backend's renderer), drawn into real
 * bitmaps (@napi-rs/canvas behind jsdom's canvas, as in pdf-viewer.test.ts), and
 * the preview's "Drucken". Only window.print is a stub: there is no print dialog here.
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KioskSettings } from '../../../src/shared/kiosk.ts'
import * as engine from '../../../src/renderer/src/pdf/pdf-document.ts'
import {
  PRINT_PAGE_CLASS,
  PrintCancelledError,
  printPdf,
} from '../../../src/renderer/src/pdf/print-view.ts'
import { installFakeApi, type FakeApi } from './support/fake-api.ts'
import { installPostbox, letter } from './support/fake-documents.ts'
import { KIOSK_SETTINGS as SETTINGS, webClientInfo } from './support/kiosk.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { ink, installCanvas } from './support/pdf-canvas.ts'
import { installPdfjsWorker, letterPdf } from './support/pdf-letters.ts'
import { annaSignedIn, stubs } from './support/postbox-view.ts'
import { button, click, hasButton } from './support/queries.ts'

// Node 24 lacks Uint8Array.prototype.toHex, which pdf.js's modern build uses.
vi.mock('pdfjs-dist', () => import('pdfjs-dist/legacy/build/pdf.mjs'))

// The real engine, with pdf.js's files from node_modules (the build copies them for the app).
vi.mock('../../../src/renderer/src/pdf/pdf-document.ts', async (importOriginal) =>
  (await import('./support/pdf-canvas.ts')).engineOnNode(await importOriginal()),
)

const printView = () => document.querySelector<HTMLElement>('[data-testid="print-view"]')

/** What the print view held when window.print was called. */
interface Printed {
  pages: number
  inkPerPage: number[]
  bitmapWidths: number[]
}

function snapshot(): Printed {
  const sheets = [...(printView()?.querySelectorAll(`.${PRINT_PAGE_CLASS}`) ?? [])]
  const canvases = sheets.map((sheet) => sheet.querySelector('canvas'))
  return {
    pages: sheets.length,
    inkPerPage: canvases.map((canvas) => (canvas ? ink(canvas) : 0)),
    bitmapWidths: canvases.map((canvas) => canvas?.width ?? 0),
  }
}

let onePage: ArrayBuffer
let threePages: ArrayBuffer

beforeAll(async () => {
  await installPdfjsWorker()
  onePage = await letterPdf(3)
  threePages = await letterPdf(100)
}, 30_000)

beforeEach(() => {
  installCanvas()
})

afterEach(() => {
  vi.restoreAllMocks()
  printView()?.remove()
})

describe('the print view', () => {
  it('draws every page into its own sheet before the print dialog opens, and goes after printing', async () => {
    const printed: Printed[] = []
    const print = vi.fn(() => printed.push(snapshot()))
    const progress: string[] = []
    const job = printPdf(threePages, {
      print,
      onProgress: (page, pages) => progress.push(`${page}/${pages}`),
    })
    // At once a container at the end of <body>, hidden from screen readers (paper only).
    expect(printView()?.parentElement).toBe(document.body)
    expect(printView()?.getAttribute('aria-hidden')).toBe('true')
    await job.promise

    expect(print).toHaveBeenCalledTimes(1)
    expect(printed[0]?.pages).toBe(3)
    for (const dark of printed[0]?.inkPerPage ?? []) expect(dark).toBeGreaterThan(1000)
    // 150 dpi: an A4 page (595 pt) is about 1240 pixels wide.
    for (const width of printed[0]?.bitmapWidths ?? []) expect(width).toBeGreaterThan(1200)
    expect(progress).toEqual(['1/3', '2/3', '3/3'])

    // Still there while the dialog prints; gone after it, bitmaps and all.
    const canvases = [...(printView()?.querySelectorAll('canvas') ?? [])]
    expect(canvases).toHaveLength(3)
    window.dispatchEvent(new Event('afterprint'))
    expect(printView()).toBeNull()
    for (const canvas of canvases) expect(canvas.width).toBe(0)
  })

  it('goes at the next input when no afterprint comes (Electron does not send it)', async () => {
    const job = printPdf(onePage, { print: () => undefined })
    await job.promise
    expect(printView()?.querySelectorAll(`.${PRINT_PAGE_CLASS}`)).toHaveLength(1)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }))
    expect(printView()).toBeNull()
  })

  it('replaces an earlier print view: never two letters on paper', async () => {
    const first = printPdf(onePage, { print: () => undefined })
    await first.promise
    const second = printPdf(threePages, { print: () => undefined })
    await second.promise
    expect(document.querySelectorAll('[data-testid="print-view"]')).toHaveLength(1)
    expect(printView()?.querySelectorAll(`.${PRINT_PAGE_CLASS}`)).toHaveLength(3)
  })

  it('stops, leaves nothing behind and opens no dialog when cancelled while drawing', async () => {
    const print = vi.fn()
    const job = printPdf(threePages, {
      print,
      onProgress: (page) => {
        if (page === 2) job.cancel()
      },
    })
    await expect(job.promise).rejects.toBeInstanceOf(PrintCancelledError)
    expect(printView()).toBeNull()
    expect(print).not.toHaveBeenCalled()
  })

  it('fails, leaves nothing behind and opens no dialog for bytes that are no PDF', async () => {
    const print = vi.fn()
    const job = printPdf(new TextEncoder().encode('<html>Bitte anmelden</html>').buffer, {
      print,
    })
    await expect(job.promise).rejects.toBeInstanceOf(engine.PdfPreviewError)
    expect(printView()).toBeNull()
    expect(print).not.toHaveBeenCalled()
  })
})

const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

describe('"Drucken" in the preview', () => {
  let mounted: MountedApp
  let api: FakeApi

  const kiosk = (settings: KioskSettings | null): void => webClientInfo(api, settings)

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    installPostbox(api, [letter(1, { title: 'Ratenplan MINI Cooper SE' }), letter(2)])
    api.on('GET', '/documents/doc-1/content', { status: 200, body: threePages.slice(0) })
  })

  afterEach(() => {
    mounted.wrapper.unmount()
  })

  const main = () => mounted.wrapper.get('main')

  async function openPreview(id = 'doc-1') {
    await click(main().find<HTMLElement>(`li[data-document-id="${id}"] [data-action="preview"]`))
    const dialog = main().get('[data-testid="preview"]')
    await vi.waitFor(() => expect(dialog.find('[data-testid="pdf-stub"]').exists()).toBe(true))
    return dialog
  }

  it('prints every page of the letter, saying how far it is, and cleans up after', async () => {
    kiosk(SETTINGS)
    const printed: Printed[] = []
    const print = vi.spyOn(window, 'print').mockImplementation(() => printed.push(snapshot()))
    mounted = await mountApp('/postbox', api, { stubs })
    const dialog = await openPreview()

    // Every text the progress line showed while the pages were drawn.
    const status = dialog.get('.print-status').element
    const seen = new Set<string>()
    const observer = new MutationObserver(() => seen.add(plain(status.textContent)))
    observer.observe(status, { childList: true, subtree: true, characterData: true })

    await click(button(dialog, 'Drucken'))
    await vi.waitFor(() => expect(print).toHaveBeenCalledTimes(1), { timeout: 15_000 })
    observer.disconnect()
    expect(printed[0]?.pages).toBe(3)
    for (const dark of printed[0]?.inkPerPage ?? []) expect(dark).toBeGreaterThan(1000)
    expect(seen).toContain('Druckansicht wird vorbereitet … Seite 1 von 3')
    expect(seen).toContain('Druckansicht wird vorbereitet … Seite 3 von 3')
    expect(status.getAttribute('role')).toBe('status')
    // The letter was fetched once: the print view uses the preview's bytes.
    expect(api.callsTo('GET', '/documents/doc-1/content')).toHaveLength(1)

    await flushPromises()
    expect(plain(status.textContent)).toBe('')
    window.dispatchEvent(new Event('afterprint'))
    expect(printView()).toBeNull()
  })

  it('removes the print view when the preview closes before the dialog is done', async () => {
    kiosk(SETTINGS)
    vi.spyOn(window, 'print').mockImplementation(() => undefined)
    mounted = await mountApp('/postbox', api, { stubs })
    const dialog = await openPreview()
    await click(button(dialog, 'Drucken'))
    await vi.waitFor(() => expect(window.print).toHaveBeenCalled(), { timeout: 15_000 })
    expect(printView()).not.toBeNull()
    await click(button(dialog, 'Schließen'))
    expect(main().find('[data-testid="preview"]').exists()).toBe(false)
    expect(printView()).toBeNull()
  })

  it('says when the print view cannot be prepared, and opens no dialog', async () => {
    kiosk(SETTINGS)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined)
    mounted = await mountApp('/postbox', api, { stubs })
    // The fake postbox's doc-2 is no real PDF.
    const dialog = await openPreview('doc-2')
    await click(button(dialog, 'Drucken'))
    const alert = await vi.waitFor(() => dialog.get('[role="alert"]'), { timeout: 15_000 })
    expect(plain(alert.text())).toBe(
      'Die Druckansicht konnte nicht vorbereitet werden. Bitte versuchen Sie es erneut.',
    )
    expect(print).not.toHaveBeenCalled()
    expect(printView()).toBeNull()
  })

  it('is not offered where the terminal does not allow printing, nor outside kiosk mode', async () => {
    kiosk({ ...SETTINGS, printingAllowed: false })
    mounted = await mountApp('/postbox', api, { stubs })
    let dialog = await openPreview()
    expect(hasButton(dialog, 'Drucken')).toBe(false)
    expect(hasButton(dialog, 'An meine E-Mail senden')).toBe(true)
    expect(main().get('.lead').text()).not.toContain('drucken')
    mounted.wrapper.unmount()

    kiosk(null)
    mounted = await mountApp('/postbox', api, { stubs })
    dialog = await openPreview()
    expect(hasButton(dialog, 'Drucken')).toBe(false)
  })
})
