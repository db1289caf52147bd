/**
 * A virtual list with rows of one height, scrolled by the page itself: the list
 * is as tall as all its rows, but only the rows in the window's view plus a few
 * above and below exist in the DOM, so 10,000 letters scroll like 20. The page's
 * own scroll bar shows how far the list goes, and nothing scrolls inside a box of
 * its own (which at 200 % zoom would leave a slot of a few rows). The row holding
 * the keyboard focus stays rendered even when it scrolls out of view, so the
 * focus is never lost to a removed element.
 */
import {
  computed,
  onBeforeUnmount,
  onMounted,
  ref,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
  toValue,
} from 'vue'

export interface VirtualListOptions {
  /** How many rows the list has (the loaded ones). */
  count: MaybeRefOrGetter<number>
  /** Height of every row in CSS pixels. */
  rowHeight: MaybeRefOrGetter<number>
  /** Rows rendered beyond each edge of the view. */
  overscan?: number
  /** How much of the view's bottom something of the list's own covers (a sticky bar), in CSS pixels. */
  coveredBelow?: MaybeRefOrGetter<number>
}

export interface VirtualList {
  /** The indexes to render, in order. */
  indexes: ComputedRef<number[]>
  /** First and one-past-last index in view (without overscan). */
  visible: ComputedRef<{ start: number; end: number }>
  /** Height of the whole list. */
  totalHeight: ComputedRef<number>
  /** Top of row `index` inside the list. */
  offsetOf(index: number): number
  /** Scrolls the page so that row `index` is in view. */
  scrollToIndex(index: number): void
  /** Scrolls the page back to the list's first row when it is above the view (a new filter). */
  scrollToTop(): void
  /** Reads the list's place in the window again (after its rows changed height). */
  measure(): void
}

function viewportHeight(): number {
  return window.innerHeight || document.documentElement.clientHeight || 800
}

/** Makes `list` (the element holding the rows) a virtual list; rows are positioned by offsetOf(). */
export function useVirtualList(
  list: Readonly<Ref<HTMLElement | null>>,
  options: VirtualListOptions,
): VirtualList {
  const overscan = options.overscan ?? 6
  /** How far the view's top is below the list's top (negative: the list starts lower down). */
  const viewTop = ref(0)
  const viewHeight = ref(0)
  /** The row that holds the keyboard focus, kept in the DOM. */
  const focused = ref<number | null>(null)

  const rowHeight = computed(() => Math.max(1, toValue(options.rowHeight)))
  const count = computed(() => Math.max(0, toValue(options.count)))
  const totalHeight = computed(() => count.value * rowHeight.value)

  const covered = computed(() => Math.max(0, toValue(options.coveredBelow ?? 0)))

  const visible = computed(() => {
    const height = (viewHeight.value || viewportHeight()) - covered.value
    const top = Math.max(0, viewTop.value)
    const bottom = Math.max(0, viewTop.value + height)
    const start = Math.min(count.value, Math.floor(top / rowHeight.value))
    const end = Math.min(count.value, Math.ceil(bottom / rowHeight.value))
    return { start, end }
  })

  const indexes = computed(() => {
    const start = Math.max(0, visible.value.start - overscan)
    const end = Math.min(count.value, visible.value.end + overscan)
    const rows: number[] = []
    const pinned = focused.value
    if (pinned !== null && pinned < start && pinned < count.value) rows.push(pinned)
    for (let i = start; i < end; i++) rows.push(i)
    if (pinned !== null && pinned >= end && pinned < count.value) rows.push(pinned)
    return rows
  })

  function measure(): void {
    const el = list.value
    if (!el) return
    viewTop.value = -el.getBoundingClientRect().top
    viewHeight.value = viewportHeight()
  }

  function indexOfEventTarget(target: EventTarget | null): number | null {
    if (!(target instanceof Element)) return null
    const row = target.closest<HTMLElement>('[data-index]')
    const index = Number(row?.dataset.index)
    return Number.isInteger(index) ? index : null
  }

  const onFocusIn = (event: FocusEvent) => {
    focused.value = indexOfEventTarget(event.target)
  }
  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget
    if (!(next instanceof Node) || !list.value?.contains(next)) focused.value = null
  }

  // Anything above the list that changes height (a filter's message, a save's progress) moves it.
  let resizeObserver: ResizeObserver | null = null

  watch(
    list,
    (el, previous) => {
      previous?.removeEventListener('focusin', onFocusIn)
      previous?.removeEventListener('focusout', onFocusOut)
      resizeObserver?.disconnect()
      if (!el) return
      el.addEventListener('focusin', onFocusIn)
      el.addEventListener('focusout', onFocusOut)
      if (typeof ResizeObserver !== 'undefined') {
        resizeObserver = new ResizeObserver(measure)
        resizeObserver.observe(document.body)
      }
      measure()
    },
    { immediate: true, flush: 'post' },
  )

  onMounted(() => {
    window.addEventListener('scroll', measure, { passive: true })
    window.addEventListener('resize', measure, { passive: true })
  })

  onBeforeUnmount(() => {
    window.removeEventListener('scroll', measure)
    window.removeEventListener('resize', measure)
    list.value?.removeEventListener('focusin', onFocusIn)
    list.value?.removeEventListener('focusout', onFocusOut)
    resizeObserver?.disconnect()
  })

  function offsetOf(index: number): number {
    return index * rowHeight.value
  }

  function scrollToIndex(index: number): void {
    const el = list.value
    if (!el) return
    const rowTop = el.getBoundingClientRect().top + offsetOf(index)
    const height = viewportHeight() - covered.value
    if (rowTop < 0) window.scrollBy(0, rowTop)
    else if (rowTop + rowHeight.value > height)
      window.scrollBy(0, rowTop + rowHeight.value - height)
    measure()
  }

  function scrollToTop(): void {
    const el = list.value
    focused.value = null
    if (!el) return
    const top = el.getBoundingClientRect().top
    if (top < 0) window.scrollBy(0, top)
    measure()
  }

  return { indexes, visible, totalHeight, offsetOf, scrollToIndex, scrollToTop, measure }
}
