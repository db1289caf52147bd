/**
 * The PdfViewer's pages: opens the document, draws the pages near the visible
 * part (sharp at the screen's pixel ratio) and lets go of those far from it,
 * lays out every page's text, keeps track of the page being read and keeps the
 * spot being read in place when the zoom changes. One document at a time: a
 * new one (or the end: the component unmounted) stops everything of the last.
 */
import {
  computed,
  nextTick,
  onBeforeUnmount,
  onMounted,
  ref,
  shallowRef,
  watch,
  type Ref,
} from 'vue'
import {
  openPdf,
  PdfPreviewError,
  type PdfDocument,
  type PdfFailure,
  type PdfLoading,
  type PdfRenderOptions,
  type PdfRenderTask,
} from '../../pdf/pdf-document.ts'

export type PdfViewerStatus = 'loading' | 'ready' | 'failed'

export interface PdfPagesOptions {
  /** The scrolling element that holds the pages. */
  pagesEl: Ref<HTMLElement | null>
  /** CSS pixels per PDF point. */
  scale: Ref<number>
  /** Whether the zoom fits the width; a new document starts fitted. */
  fitting: Ref<boolean>
  /** Measures the level that fits the width (again). */
  measureFit: () => void
  /** The first page is on screen; the document has this many pages. */
  onRendered: (pageCount: number) => void
  onFailed: (error: PdfPreviewError) => void
}

/** What the viewer knows about one page's drawing (not reactive: it changes often). */
interface PageSlot {
  page: HTMLElement | null
  /** The element the intersection observer watches (Vue re-binds refs on every update). */
  observed: HTMLElement | null
  canvasHost: HTMLElement | null
  textHost: HTMLElement | null
  /** Near the visible part of the viewer (within one height above or below). */
  near: boolean
  drawn: PdfRenderOptions | null
  drawing: PdfRenderTask | null
}

/** Gives a canvas's memory back at once (rather than when it is collected). */
function freeCanvas(canvas: Element | null | undefined): void {
  if (canvas instanceof HTMLCanvasElement) {
    canvas.width = 0
    canvas.height = 0
  }
}

function stopDrawing(slot: PageSlot): void {
  const task = slot.drawing
  slot.drawing = null
  task?.cancel()
}

function release(slot: PageSlot): void {
  stopDrawing(slot)
  freeCanvas(slot.canvasHost?.firstElementChild)
  slot.canvasHost?.replaceChildren()
  slot.drawn = null
}

export function usePdfPages({
  pagesEl,
  scale,
  fitting,
  measureFit,
  onRendered,
  onFailed,
}: PdfPagesOptions) {
  const status = ref<PdfViewerStatus>('loading')
  const failure = ref<PdfFailure | null>(null)
  const pdf = shallowRef<PdfDocument | null>(null)
  const pixelRatio = ref(1)
  const currentPage = ref(1)
  const pageCount = computed(() => pdf.value?.pageCount ?? 0)

  let slots = new Map<number, PageSlot>()
  let loading: PdfLoading | null = null
  let textTask: PdfRenderTask | null = null
  let generation = 0
  let renderedOnce = false
  let observer: IntersectionObserver | null = null
  let resizeObserver: ResizeObserver | null = null
  let ratioQuery: MediaQueryList | null = null
  let drawTimer: ReturnType<typeof setTimeout> | undefined
  let drawing = false
  let drawAgain = false
  let scrollFrame = 0

  function slotOf(number: number): PageSlot {
    let slot = slots.get(number)
    if (!slot) {
      slot = {
        page: null,
        observed: null,
        canvasHost: null,
        textHost: null,
        near: !observer,
        drawn: null,
        drawing: null,
      }
      slots.set(number, slot)
    }
    return slot
  }

  function bindPage(number: number, element: unknown): void {
    const slot = slotOf(number)
    const el = element instanceof HTMLElement ? element : null
    slot.page = el
    if (el && observer && slot.observed !== el) {
      if (slot.observed) observer.unobserve(slot.observed)
      observer.observe(el)
      slot.observed = el
    }
  }

  function bindHost(number: number, kind: 'canvasHost' | 'textHost', element: unknown): void {
    slotOf(number)[kind] = element instanceof HTMLElement ? element : null
  }

  function fail(error: unknown): void {
    const problem =
      error instanceof PdfPreviewError ? error : new PdfPreviewError('render', { cause: error })
    if (status.value === 'failed') return
    teardown()
    failure.value = problem.reason
    status.value = 'failed'
    onFailed(problem)
  }

  function isCurrent(slot: PageSlot): boolean {
    return slot.drawn?.scale === scale.value && slot.drawn.pixelRatio === pixelRatio.value
  }

  async function drawPage(number: number, slot: PageSlot, mine: number): Promise<void> {
    const doc = pdf.value
    if (!doc || !slot.canvasHost) return
    const canvas = document.createElement('canvas')
    const target: PdfRenderOptions = { scale: scale.value, pixelRatio: pixelRatio.value }
    const task = doc.renderPage(number, canvas, target)
    slot.drawing = task
    try {
      await task.promise
    } catch (error) {
      freeCanvas(canvas)
      // Cancelled on purpose (zoomed, scrolled away, closed): not a failure.
      if (slot.drawing === task && mine === generation) fail(error)
      return
    }
    if (slot.drawing !== task || mine !== generation || !slot.canvasHost) {
      freeCanvas(canvas)
      return
    }
    slot.drawing = null
    // The new bitmap replaces the old one in one step: zooming never shows a blank page.
    const old = slot.canvasHost.firstElementChild
    slot.canvasHost.replaceChildren(canvas)
    freeCanvas(old)
    slot.drawn = target
    if (!renderedOnce) {
      renderedOnce = true
      onRendered(doc.pageCount)
    }
  }

  /** Draws the pages near the visible part that are not drawn at the current size, one at a time. */
  async function drawNearPages(mine: number): Promise<void> {
    while (drawAgain && mine === generation) {
      drawAgain = false
      for (const [number, slot] of [...slots].sort(([a], [b]) => a - b)) {
        if (mine !== generation) return
        if (slot.near && !isCurrent(slot)) await drawPage(number, slot, mine)
      }
    }
  }

  /** Starts drawing, or makes the running round look again once it is through. */
  function draw(): void {
    drawAgain = true
    if (drawing) return
    drawing = true
    void drawNearPages(generation).finally(() => {
      drawing = false
      // Asked again after the last look (or for a new document): another round.
      if (drawAgain) draw()
    })
  }

  function scheduleDraw(delay = 0): void {
    clearTimeout(drawTimer)
    drawTimer = setTimeout(draw, delay)
  }

  /** Lays out the text of every page (also those far away: a screen reader reads them all). */
  async function layOutText(doc: PdfDocument, mine: number): Promise<void> {
    for (let number = 1; number <= doc.pageCount; number++) {
      const host = slots.get(number)?.textHost
      if (mine !== generation) return
      if (!host) continue
      textTask = doc.renderText(number, host, scale.value)
      try {
        await textTask.promise
      } catch (error) {
        if (mine !== generation) return
        // The page stays readable as an image with its name; only its text is missing.
        console.warn(`The text of page ${number} could not be laid out:`, error)
      }
    }
    textTask = null
  }

  function watchPixelRatio(): void {
    ratioQuery?.removeEventListener('change', watchPixelRatio)
    pixelRatio.value = window.devicePixelRatio || 1
    // Fires when the window moves to a screen with another density, or the browser zooms.
    ratioQuery = window.matchMedia?.(`(resolution: ${pixelRatio.value}dppx)`) ?? null
    ratioQuery?.addEventListener('change', watchPixelRatio)
  }

  function updateCurrentPage(): void {
    scrollFrame = 0
    const el = pagesEl.value
    if (!el) return
    const line = el.scrollTop + el.clientHeight / 3
    let current = 1
    for (const [number, slot] of slots) {
      if (slot.page && slot.page.offsetTop <= line) current = Math.max(current, number)
    }
    currentPage.value = Math.min(current, Math.max(1, pageCount.value))
  }

  function onScroll(): void {
    if (!scrollFrame) scrollFrame = requestAnimationFrame(updateCurrentPage)
  }

  function observePages(): void {
    const root = pagesEl.value
    if (!root) return
    if (typeof IntersectionObserver === 'function') {
      observer = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            const slot = [...slots.values()].find((s) => s.observed === entry.target)
            if (!slot) continue
            slot.near = entry.isIntersecting
            if (!slot.near) release(slot)
          }
          scheduleDraw()
        },
        { root, rootMargin: '100% 0px' },
      )
      for (const slot of slots.values()) {
        slot.near = false
        if (slot.page) observer.observe(slot.page)
        slot.observed = slot.page
      }
    }
    if (typeof ResizeObserver === 'function') {
      resizeObserver = new ResizeObserver(() => measureFit())
      resizeObserver.observe(root)
    }
  }

  /** Ends the current document: drawing, observers, bitmaps, pdf.js's document and worker. */
  function teardown(): void {
    generation++
    clearTimeout(drawTimer)
    if (scrollFrame) cancelAnimationFrame(scrollFrame)
    scrollFrame = 0
    textTask?.cancel()
    textTask = null
    observer?.disconnect()
    observer = null
    resizeObserver?.disconnect()
    resizeObserver = null
    for (const slot of slots.values()) release(slot)
    const ending = loading
    loading = null
    pdf.value = null
    ending?.destroy().catch((error: unknown) => {
      console.warn('The previous document could not be closed cleanly:', error)
    })
  }

  async function load(data: ArrayBuffer): Promise<void> {
    teardown()
    const mine = generation
    slots = new Map()
    renderedOnce = false
    status.value = 'loading'
    failure.value = null
    currentPage.value = 1
    fitting.value = true
    const current = openPdf(data)
    loading = current
    let doc: PdfDocument
    try {
      doc = await current.promise
    } catch (error) {
      if (mine === generation) fail(error)
      return
    }
    if (mine !== generation) return
    pdf.value = doc
    status.value = 'ready'
    await nextTick()
    if (mine !== generation) return
    measureFit()
    observePages()
    scheduleDraw()
    await layOutText(doc, mine)
  }

  // Zooming keeps the spot being read in place, and redraws once the size settles.
  watch(scale, () => {
    const el = pagesEl.value
    const slot = slots.get(currentPage.value)
    const page = slot?.page
    const anchor =
      el && page && page.offsetHeight > 0
        ? {
            y: (el.scrollTop - page.offsetTop) / page.offsetHeight,
            x: el.scrollWidth > 0 ? el.scrollLeft / el.scrollWidth : 0,
          }
        : null
    for (const s of slots.values()) if (s.drawing) stopDrawing(s)
    void nextTick(() => {
      if (el && page && anchor) {
        el.scrollTop = page.offsetTop + anchor.y * page.offsetHeight
        el.scrollLeft = anchor.x * el.scrollWidth
      }
      // While the size changes (a zoom click, a window being resized) the old bitmaps stretch.
      scheduleDraw(renderedOnce ? 100 : 0)
    })
  })
  watch(pixelRatio, () => scheduleDraw())

  // The pixel ratio is followed from the start; a document is loaded by the caller.
  onMounted(watchPixelRatio)
  onBeforeUnmount(() => {
    ratioQuery?.removeEventListener('change', watchPixelRatio)
    teardown()
  })

  return { status, failure, pdf, currentPage, pageCount, bindPage, bindHost, onScroll, load }
}
