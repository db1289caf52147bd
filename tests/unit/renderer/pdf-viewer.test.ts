// @vitest-environment jsdom
/**
 * The PdfViewer component with the real engine and real letters (the backend's
 * renderer). jsdom has no canvas: getContext hands out a real one of
 * @napi-rs/canvas (pdf.js's canvas on Node), so pages are really drawn and their
 * pixels can be looked at. Nothing else is faked.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import PdfViewer from '../../../src/renderer/src/components/documents/PdfViewer.vue'
import { setLocale } from '../../../src/renderer/src/i18n/index.ts'
import { i18n } from '../../../src/renderer/src/i18n/index.ts'
import * as engine from '../../../src/renderer/src/pdf/pdf-document.ts'
import { ink, installCanvas } from './support/pdf-canvas.ts'
import { installPdfjsWorker, letterPdf } from './support/pdf-letters.ts'

// Node 24 lacks Uint8Array.prototype.toHex, which pdf.js's modern build uses.
vi.mock('pdfjs-dist', () => import('pdfjs-dist/legacy/build/pdf.mjs'))

// The real engine, watched: each test can reach the documents the viewer opened.
vi.mock('../../../src/renderer/src/pdf/pdf-document.ts', async (importOriginal) =>
  (await import('./support/pdf-canvas.ts')).engineOnNode(await importOriginal()),
)

let onePage: ArrayBuffer
let threePages: ArrayBuffer
let wrapper: VueWrapper | null = null

beforeAll(async () => {
  await installPdfjsWorker()
  onePage = await letterPdf(3)
  threePages = await letterPdf(100)
})

beforeEach(() => {
  installCanvas()
  vi.mocked(engine.openPdf).mockClear()
  setLocale('de')
})

afterEach(async () => {
  wrapper?.unmount()
  wrapper = null
  await flushPromises()
  vi.restoreAllMocks()
})

function mountViewer(data: ArrayBuffer, title = 'Ratenplan MINI Cooper SE') {
  wrapper = mount(PdfViewer, {
    props: { data, title },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  return wrapper
}

/** Waits until the viewer has emitted `name` (pdf.js works through many microtasks and timers). */
async function until(view: VueWrapper, name: 'rendered' | 'failed'): Promise<unknown[]> {
  await vi.waitFor(
    () => {
      expect(view.emitted(name)).toBeTruthy()
    },
    { timeout: 15_000, interval: 20 },
  )
  return view.emitted(name)?.[0] ?? []
}

/** Waits until every page has its bitmap. */
async function allDrawn(view: VueWrapper, pages: number): Promise<HTMLCanvasElement[]> {
  await vi.waitFor(
    () => {
      expect(view.findAll('[data-testid="pdf-page"] canvas')).toHaveLength(pages)
    },
    { timeout: 15_000, interval: 20 },
  )
  return view.findAll('[data-testid="pdf-page"] canvas').map((c) => c.element as HTMLCanvasElement)
}

function button(view: VueWrapper, name: string) {
  const found = view
    .findAll('button')
    .find((b) => b.attributes('aria-label') === name || b.text() === name)
  if (!found) throw new Error(`No button "${name}"`)
  return found
}

describe('the PDF viewer', () => {
  it('says it is loading until the document is there', async () => {
    const view = mountViewer(onePage)
    expect(view.get('[role="region"] [role="status"]').text()).toBe('Das Dokument wird geladen …')
    expect(view.attributes('aria-busy')).toBe('true')
    expect(button(view, 'Vergrößern').attributes('disabled')).toBeDefined()
    await until(view, 'rendered')
    expect(view.text()).not.toContain('Das Dokument wird geladen')
    expect(view.attributes('aria-busy')).toBe('false')
  })

  it('draws every page, named for screen readers, and reports the page count', async () => {
    const view = mountViewer(threePages)
    const [count] = await until(view, 'rendered')
    expect(count).toBe(3)
    const canvases = await allDrawn(view, 3)
    for (const canvas of canvases) expect(ink(canvas)).toBeGreaterThan(1000)
    const names = view.findAll('[role="img"]').map((img) => img.attributes('aria-label'))
    expect(names).toEqual([
      'Seite 1 von 3 – Ratenplan MINI Cooper SE',
      'Seite 2 von 3 – Ratenplan MINI Cooper SE',
      'Seite 3 von 3 – Ratenplan MINI Cooper SE',
    ])
    expect(view.get('[data-testid="pdf-page-number"]').text()).toBe('Seite 1 von 3')
  })

  it('draws sharp for the screen: two device pixels per CSS pixel on a HiDPI screen', async () => {
    vi.spyOn(window, 'devicePixelRatio', 'get').mockReturnValue(2)
    const view = mountViewer(onePage)
    const [canvas] = await allDrawn(view, 1)
    const page = view.get('[data-testid="pdf-page"]').element as HTMLElement
    const cssWidth = parseInt(page.style.width, 10)
    expect(cssWidth).toBeGreaterThan(500)
    expect(canvas?.width).toBe(cssWidth * 2)
  })

  it('lays the text of the pages over them, to select and to read aloud', async () => {
    const view = mountViewer(onePage)
    await until(view, 'rendered')
    await vi.waitFor(() => {
      expect(view.get('.pdf-viewer__text').text()).toContain('Grüße aus Österreich')
    })
    const text = view.get('.pdf-viewer__text').text()
    expect(text).toContain('€ 1.234,56')
    expect(text).toContain('Sehr geehrte Frau Huber,')
  })

  it('zooms with its buttons and the keyboard, and fits the width again', async () => {
    const view = mountViewer(onePage)
    await allDrawn(view, 1)
    const page = () =>
      parseInt((view.get('[data-testid="pdf-page"]').element as HTMLElement).style.width, 10)
    const fitted = page()
    expect(button(view, 'An Breite anpassen').attributes('aria-pressed')).toBe('true')

    await button(view, 'Vergrößern').trigger('click')
    expect(page()).toBeGreaterThan(fitted)
    expect(button(view, 'An Breite anpassen').attributes('aria-pressed')).toBe('false')
    // The bitmap follows the new size.
    await vi.waitFor(() => {
      const canvas = view.get('[data-testid="pdf-page"] canvas').element as HTMLCanvasElement
      expect(canvas.width).toBe(page())
    })

    const region = view.get('[role="region"]')
    await region.trigger('keydown', { key: '-' })
    await region.trigger('keydown', { key: '-' })
    expect(page()).toBeLessThan(fitted)
    await region.trigger('keydown', { key: '0' })
    expect(page()).toBe(fitted)
    // Ctrl with a key is the browser's zoom, not the viewer's.
    await region.trigger('keydown', { key: '+', ctrlKey: true })
    expect(page()).toBe(fitted)
  })

  it('labels its controls in English too', async () => {
    setLocale('en')
    const view = mountViewer(threePages)
    await until(view, 'rendered')
    expect(button(view, 'Zoom in').exists()).toBe(true)
    expect(button(view, 'Zoom out').exists()).toBe(true)
    expect(button(view, 'Fit to width').exists()).toBe(true)
    expect(view.get('[data-testid="pdf-page-number"]').text()).toBe('Page 1 of 3')
    expect(view.get('[role="img"]').attributes('aria-label')).toBe(
      'Page 1 of 3 – Ratenplan MINI Cooper SE',
    )
    expect(view.get('[role="region"]').attributes('aria-label')).toBe(
      'Preview: Ratenplan MINI Cooper SE',
    )
  })

  it('fails visibly, and tells its host, for bytes that are no PDF', async () => {
    const html = new TextEncoder().encode('<!doctype html><p>Bitte melden Sie sich an.</p>')
    const view = mountViewer(html.buffer)
    const [error] = await until(view, 'failed')
    expect(error).toBeInstanceOf(engine.PdfPreviewError)
    expect((error as engine.PdfPreviewError).reason).toBe('invalid')
    expect(view.get('[role="alert"]').text()).toContain(
      'Dieses Dokument lässt sich nicht anzeigen.',
    )
    expect(view.findAll('[data-testid="pdf-page"]')).toHaveLength(0)
    // Nothing to zoom: the toolbar is gone.
    expect(view.findAll('button')).toHaveLength(0)
    expect(view.emitted('rendered')).toBeUndefined()
  })

  it('leaves the caller’s buffer intact', async () => {
    const copy = threePages.slice(0)
    const view = mountViewer(copy)
    await until(view, 'rendered')
    expect(copy.byteLength).toBe(threePages.byteLength)
    expect(new Uint8Array(copy)).toEqual(new Uint8Array(threePages))
  })

  it('closes the document when it is unmounted', async () => {
    const view = mountViewer(threePages)
    await until(view, 'rendered')
    const doc = await vi.mocked(engine.openPdf).mock.results[0]?.value.promise
    await expect(doc.pageText(1)).resolves.toContain('Ratenplan')
    view.unmount()
    wrapper = null
    // pdf.js ends the document and its worker asynchronously.
    await vi.waitFor(() => expect(doc.pageText(1)).rejects.toThrow())
  })

  it('closes the old document and shows the new one when the bytes change', async () => {
    const view = mountViewer(threePages)
    await until(view, 'rendered')
    const first = await vi.mocked(engine.openPdf).mock.results[0]?.value.promise
    await view.setProps({ data: onePage })
    await allDrawn(view, 1)
    expect(view.findAll('[data-testid="pdf-page"]')).toHaveLength(1)
    expect(view.get('[role="img"]').attributes('aria-label')).toBe(
      'Seite 1 von 1 – Ratenplan MINI Cooper SE',
    )
    await vi.waitFor(() => expect(first.pageText(1)).rejects.toThrow())
  })
})
