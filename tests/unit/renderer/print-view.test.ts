// @vitest-environment jsdom
/**
 * Printing a letter on a kiosk terminal: the print view (pdf/print-view.ts) with
 * the real engine and real letters (the backend's renderer), drawn into real
 * bitmaps (@napi-rs/canvas behind jsdom's canvas, as in pdf-viewer.test.ts), and
 * the preview's "Drucken", which has main print the page silently (`kiosk:print`
 * on the preload bridge, a fake here) and never opens the browser's print dialog
 * (window.print is watched for that).
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
import { fakeMmf, type FakeMmf } from './support/fake-mmf.ts'
import { later } from './support/later.ts'
import { installPostbox, letter, docId } from './support/fake-documents.ts'
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

/** What the print view held when the page was handed to the printer. */
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
  vi.unstubAllGlobals()
  printView()?.remove()
})

describe('the print view', () => {
  it('draws every page into its own sheet before it is printed, and goes once printed', async () => {
    const printed: Printed[] = []
    const print = vi.fn(async () => {
      printed.push(snapshot())
    })
    const progress: string[] = []
    const job = printPdf(threePages, {
      print,
      onProgress: (page, pages) => progress.push(`${page}/${pages}`),
    })
    // At once a container at the end of <body>, hidden from screen readers (paper only).
    expect(printView()?.parentElement).toBe(document.body)
    expect(printView()?.getAttribute('aria-hidden')).toBe('true')
    const canvases = await vi.waitFor(() => {
      expect(print).toHaveBeenCalledTimes(1)
      return [...(printView()?.querySelectorAll('canvas') ?? [])]
    })
    await job.promise

    expect(printed[0]?.pages).toBe(3)
    for (const dark of printed[0]?.inkPerPage ?? []) expect(dark).toBeGreaterThan(1000)
    // 150 dpi: an A4 page (595 pt) is about 1240 pixels wide.
    for (const width of printed[0]?.bitmapWidths ?? []) expect(width).toBeGreaterThan(1200)
    expect(progress).toEqual(['1/3', '2/3', '3/3'])
    // Gone once printed, bitmaps and all.
    expect(printView()).toBeNull()
    for (const canvas of canvases) expect(canvas.width).toBe(0)
  })

  it('stays while the printer takes the pages, and goes when it has them', async () => {
    const printer = later<undefined>()
    const job = printPdf(onePage, { print: () => printer.promise })
    await vi.waitFor(() =>
      expect(printView()?.querySelectorAll(`.${PRINT_PAGE_CLASS}`)).toHaveLength(1),
    )
    // Input while the job spools does not take the letter off the page being printed.
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }))
    window.dispatchEvent(new Event('afterprint'))
    expect(printView()).not.toBeNull()
    printer.settle(undefined)
    await job.promise
    expect(printView()).toBeNull()
  })

  it('goes when printing fails, and the job says so', async () => {
    const job = printPdf(onePage, { print: async () => Promise.reject(new Error('offline')) })
    await expect(job.promise).rejects.toThrow('offline')
    expect(printView()).toBeNull()
  })

  it('replaces an earlier print view: never two letters on paper', async () => {
    const hanging = later<undefined>()
    const first = printPdf(onePage, { print: () => hanging.promise })
    await vi.waitFor(() => expect(printView()?.querySelectorAll('canvas')).toHaveLength(1))
    const printed: Printed[] = []
    const second = printPdf(threePages, {
      print: async () => {
        printed.push(snapshot())
      },
    })
    expect(document.querySelectorAll('[data-testid="print-view"]')).toHaveLength(1)
    await second.promise
    expect(printed[0]?.pages).toBe(3)
    hanging.settle(undefined)
    await first.promise
    expect(printView()).toBeNull()
  })

  it('stops, leaves nothing behind and prints nothing when cancelled while drawing', async () => {
    const print = vi.fn(async () => undefined)
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

  it('fails, leaves nothing behind and prints nothing for bytes that are no PDF', async () => {
    const print = vi.fn(async () => undefined)
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
  /** The browser's print dialog: never opened on a kiosk. */
  let dialogPrint: ReturnType<typeof vi.spyOn>

  /** The desktop app on a kiosk terminal with `settings` (main answers over the bridge). */
  const desktopKiosk = (settings: KioskSettings): FakeMmf => {
    const mmf = fakeMmf({ kiosk: true, kioskSettings: settings })
    vi.stubGlobal('mmf', mmf)
    return mmf
  }

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    annaSignedIn(api)
    installPostbox(api, [letter(1, { title: 'Ratenplan MINI Cooper SE' }), letter(2)])
    api.on('GET', `/documents/${docId(1)}/content`, { status: 200, body: threePages.slice(0) })
    dialogPrint = vi.spyOn(window, 'print').mockImplementation(() => undefined)
  })

  afterEach(() => {
    mounted.wrapper.unmount()
    expect(dialogPrint).not.toHaveBeenCalled()
  })

  const main = () => mounted.wrapper.get('main')

  async function openPreview(id = docId(1)) {
    await click(main().find<HTMLElement>(`li[data-document-id="${id}"] [data-action="preview"]`))
    const dialog = main().get('[data-testid="preview"]')
    await vi.waitFor(() => expect(dialog.find('[data-testid="pdf-stub"]').exists()).toBe(true))
    return dialog
  }

  /** Every text the print status line shows from now on. */
  function watchStatus(dialog: Awaited<ReturnType<typeof openPreview>>) {
    const status = dialog.get('.print-status').element
    const seen = new Set<string>()
    const observer = new MutationObserver(() => seen.add(plain(status.textContent)))
    observer.observe(status, { childList: true, subtree: true, characterData: true })
    return { status, seen, stop: () => observer.disconnect() }
  }

  it('has main print every page of the letter, saying how far it is, then cleans up', async () => {
    const mmf = desktopKiosk(SETTINGS)
    const printer = later<{ ok: true; value: { printed: boolean } }>()
    const printed: Printed[] = []
    vi.mocked(mmf.kiosk.print).mockImplementation(() => {
      printed.push(snapshot())
      return printer.promise
    })
    mounted = await mountApp('/postbox', api, { stubs })
    const dialog = await openPreview()
    const { status, seen, stop } = watchStatus(dialog)

    await click(button(dialog, 'Drucken'))
    await vi.waitFor(() => expect(mmf.kiosk.print).toHaveBeenCalledTimes(1), { timeout: 15_000 })
    expect(printed[0]?.pages).toBe(3)
    for (const dark of printed[0]?.inkPerPage ?? []) expect(dark).toBeGreaterThan(1000)
    await flushPromises()
    expect(plain(status.textContent)).toBe('Das Dokument wird an den Drucker gesendet …')
    expect(button(dialog, 'Drucken').attributes('aria-disabled')).toBe('true')

    printer.settle({ ok: true, value: { printed: true } })
    await vi.waitFor(() =>
      expect(plain(status.textContent)).toBe(
        'Das Dokument wird gedruckt. Bitte nehmen Sie es am Drucker mit.',
      ),
    )
    stop()
    expect(seen).toContain('Druckansicht wird vorbereitet … Seite 1 von 3')
    expect(seen).toContain('Druckansicht wird vorbereitet … Seite 3 von 3')
    expect(status.getAttribute('role')).toBe('status')
    expect(printView()).toBeNull()
    // The letter was fetched once: the print view uses the preview's bytes.
    expect(api.callsTo('GET', `/documents/${docId(1)}/content`)).toHaveLength(1)
  })

  it.each([
    ['the printer did not take it', { ok: true as const, value: { printed: false } }],
    ['main refused (no printer)', { ok: false as const, error: { code: 'not_allowed' as const } }],
  ])('says so when %s, in German and English', async (_, answer) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const mmf = desktopKiosk(SETTINGS)
    vi.mocked(mmf.kiosk.print).mockResolvedValue(answer)
    mounted = await mountApp('/postbox', api, { stubs })
    let dialog = await openPreview()
    await click(button(dialog, 'Drucken'))
    let alert = await vi.waitFor(() => dialog.get('[role="alert"]'), { timeout: 15_000 })
    expect(plain(alert.text())).toBe(
      'Das Dokument konnte nicht gedruckt werden. Bitte fragen Sie im Autohaus nach oder senden Sie es an Ihre E-Mail-Adresse.',
    )
    expect(printView()).toBeNull()
    mounted.wrapper.unmount()

    resetLocale('en')
    api.customerSpeaks('en')
    mounted = await mountApp('/postbox', api, { stubs })
    dialog = await openPreview()
    await click(button(dialog, 'Print'))
    alert = await vi.waitFor(() => dialog.get('[role="alert"]'), { timeout: 15_000 })
    expect(plain(alert.text())).toBe(
      'The document could not be printed. Please ask the dealership staff, or send it to your e-mail address.',
    )
  })

  it('removes the print view when the preview closes while the letter prints', async () => {
    const mmf = desktopKiosk(SETTINGS)
    vi.mocked(mmf.kiosk.print).mockReturnValue(new Promise(() => undefined))
    mounted = await mountApp('/postbox', api, { stubs })
    const dialog = await openPreview()
    await click(button(dialog, 'Drucken'))
    await vi.waitFor(() => expect(mmf.kiosk.print).toHaveBeenCalled(), { timeout: 15_000 })
    expect(printView()).not.toBeNull()
    await click(button(dialog, 'Schließen'))
    expect(main().find('[data-testid="preview"]').exists()).toBe(false)
    expect(printView()).toBeNull()
  })

  it('says when the print view cannot be prepared, and prints nothing', async () => {
    const mmf = desktopKiosk(SETTINGS)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    mounted = await mountApp('/postbox', api, { stubs })
    // The fake postbox’s letter 2 is no real PDF.
    const dialog = await openPreview(docId(2))
    await click(button(dialog, 'Drucken'))
    const alert = await vi.waitFor(() => dialog.get('[role="alert"]'), { timeout: 15_000 })
    expect(plain(alert.text())).toBe(
      'Die Druckansicht konnte nicht vorbereitet werden. Bitte versuchen Sie es erneut.',
    )
    expect(mmf.kiosk.print).not.toHaveBeenCalled()
    expect(printView()).toBeNull()
  })

  it('is not offered on a terminal without a printer', async () => {
    desktopKiosk({ ...SETTINGS, printingAvailable: false })
    mounted = await mountApp('/postbox', api, { stubs })
    const dialog = await openPreview()
    expect(hasButton(dialog, 'Drucken')).toBe(false)
    expect(hasButton(dialog, 'An meine E-Mail senden')).toBe(true)
    expect(main().get('.lead').text()).not.toContain('drucken')
  })

  it('is not offered in the web preview (no printing without a dialog there), nor outside kiosk mode', async () => {
    // Even a gateway that says the terminal has a printer gets no "Drucken" in a browser.
    webClientInfo(api, SETTINGS)
    mounted = await mountApp('/postbox', api, { stubs })
    let dialog = await openPreview()
    expect(hasButton(dialog, 'Drucken')).toBe(false)
    expect(hasButton(dialog, 'An meine E-Mail senden')).toBe(true)
    expect(main().get('.lead').text()).not.toContain('drucken')
    mounted.wrapper.unmount()

    webClientInfo(api, null)
    mounted = await mountApp('/postbox', api, { stubs })
    dialog = await openPreview()
    expect(hasButton(dialog, 'Drucken')).toBe(false)
  })
})
