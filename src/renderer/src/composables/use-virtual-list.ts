/**
 * A virtual list with rows of one fixed height inside a scrolling box: only the
 * rows in view plus a few above and below exist in the DOM, so 10,000 letters
 * scroll like 20. The row holding the keyboard focus stays rendered even when it
 * scrolls out of view, so the focus is never lost to a removed element.
 */
import {
  computed,
  onBeforeUnmount,
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
}

export interface VirtualList {
  /** The indexes to render, in order. */
  indexes: ComputedRef<number[]>
  /** First and one-past-last index in view (without overscan). */
  visible: ComputedRef<{ start: number; end: number }>
  /** Height of the whole list (the scroll range). */
  totalHeight: ComputedRef<number>
  /** Top of row `index` inside the list. */
  offsetOf(index: number): number
  /** Scrolls so that row `index` is in view. */
  scrollToIndex(index: number): void
  /** Scrolls back to the first row (a new filter). */
  scrollToTop(): void
}

/** When the box has no size yet (no layout, e.g. before the first paint), assume a screen. */
function fallbackHeight(): number {
  return typeof window === 'undefined' ? 800 : window.innerHeight || 800
}

/** Makes `container` (the scrolling box) a virtual list; rows are positioned by offsetOf(). */
export function useVirtualList(
  container: Readonly<Ref<HTMLElement | null>>,
  options: VirtualListOptions,
): VirtualList {
  const overscan = options.overscan ?? 6
  const scrollTop = ref(0)
  const viewportHeight = ref(0)
  /** The row that holds the keyboard focus, kept in the DOM. */
  const focused = ref<number | null>(null)

  const rowHeight = computed(() => Math.max(1, toValue(options.rowHeight)))
  const count = computed(() => Math.max(0, toValue(options.count)))
  const totalHeight = computed(() => count.value * rowHeight.value)

  const visible = computed(() => {
    const height = viewportHeight.value || fallbackHeight()
    const start = Math.min(count.value, Math.floor(scrollTop.value / rowHeight.value))
    const end = Math.min(count.value, Math.ceil((scrollTop.value + height) / rowHeight.value))
    return { start, end }
  })

  const indexes = computed(() => {
    const start = Math.max(0, visible.value.start - overscan)
    const end = Math.min(count.value, visible.value.end + overscan)
    const list: number[] = []
    const pinned = focused.value
    if (pinned !== null && pinned < start && pinned < count.value) list.push(pinned)
    for (let i = start; i < end; i++) list.push(i)
    if (pinned !== null && pinned >= end && pinned < count.value) list.push(pinned)
    return list
  })

  function measure(): void {
    const el = container.value
    if (!el) return
    scrollTop.value = el.scrollTop
    viewportHeight.value = el.clientHeight
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
    if (!(next instanceof Node) || !container.value?.contains(next)) focused.value = null
  }

  let resizeObserver: ResizeObserver | null = null

  watch(
    container,
    (el, previous) => {
      previous?.removeEventListener('scroll', measure)
      previous?.removeEventListener('focusin', onFocusIn)
      previous?.removeEventListener('focusout', onFocusOut)
      resizeObserver?.disconnect()
      if (!el) return
      el.addEventListener('scroll', measure, { passive: true })
      el.addEventListener('focusin', onFocusIn)
      el.addEventListener('focusout', onFocusOut)
      if (typeof ResizeObserver !== 'undefined') {
        resizeObserver = new ResizeObserver(measure)
        resizeObserver.observe(el)
      }
      measure()
    },
    { immediate: true, flush: 'post' },
  )

  onBeforeUnmount(() => {
    const el = container.value
    el?.removeEventListener('scroll', measure)
    el?.removeEventListener('focusin', onFocusIn)
    el?.removeEventListener('focusout', onFocusOut)
    resizeObserver?.disconnect()
  })

  function offsetOf(index: number): number {
    return index * rowHeight.value
  }

  function scrollToIndex(index: number): void {
    const el = container.value
    if (!el) return
    const top = offsetOf(index)
    const height = el.clientHeight || fallbackHeight()
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + rowHeight.value > el.scrollTop + height)
      el.scrollTop = top + rowHeight.value - height
    measure()
  }

  function scrollToTop(): void {
    const el = container.value
    if (el) el.scrollTop = 0
    focused.value = null
    measure()
  }

  return { indexes, visible, totalHeight, offsetOf, scrollToIndex, scrollToTop }
}
