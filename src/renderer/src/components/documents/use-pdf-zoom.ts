/**
 * The PdfViewer's zoom: a chosen level or "fit to width" (the widest page fills
 * the pages' area without its padding), the level as a percentage in the
 * language, and the keys + - 0 on the pages.
 */
import { computed, ref, type Ref } from 'vue'
import { intlLocale } from '../../../../shared/format.ts'
import type { PdfPageSize } from '../../pdf/pdf-document.ts'
import {
  CSS_PIXELS_PER_POINT,
  fitWidthZoom,
  MAX_ZOOM,
  MIN_ZOOM,
  zoomIn,
  zoomOut,
} from '../../pdf/zoom.ts'

/** What fitting to the width measures: the pages' area and the pages' sizes. */
export interface FitTarget {
  el: HTMLElement | null
  pageSizes: readonly PdfPageSize[]
}

export function usePdfZoom(locale: Ref<string>, fitTarget: () => FitTarget) {
  const fitting = ref(true)
  const chosenZoom = ref(1)
  const fitZoom = ref(1)

  const zoom = computed(() => (fitting.value ? fitZoom.value : chosenZoom.value))
  const scale = computed(() => zoom.value * CSS_PIXELS_PER_POINT)
  const zoomText = computed(() =>
    new Intl.NumberFormat(intlLocale(locale.value === 'en' ? 'en' : 'de'), {
      style: 'percent',
      maximumFractionDigits: 0,
    }).format(zoom.value),
  )

  /** Sets the level that fits the widest page into the pages' area. */
  function measureFit(): void {
    const { el, pageSizes } = fitTarget()
    const widest = Math.max(0, ...pageSizes.map((size) => size.width))
    if (!el || widest === 0) return
    const style = getComputedStyle(el)
    const available =
      el.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0)
    const next = Math.round(fitWidthZoom(available, widest) * 1000) / 1000
    if (next !== fitZoom.value) fitZoom.value = next
  }

  function zoomTo(level: number): void {
    chosenZoom.value = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, level))
    fitting.value = false
  }

  function fitWidth(): void {
    fitting.value = true
    measureFit()
  }

  /** The zoom keys on the pages, once the document is there (`ready`). */
  function onKeydown(event: KeyboardEvent, ready: boolean): void {
    if (!ready || event.ctrlKey || event.metaKey || event.altKey) return
    if (event.key === '+' || event.key === '=') zoomTo(zoomIn(zoom.value))
    else if (event.key === '-') zoomTo(zoomOut(zoom.value))
    else if (event.key === '0') fitWidth()
    else return
    event.preventDefault()
  }

  return { fitting, zoom, scale, zoomText, measureFit, zoomTo, fitWidth, onKeydown }
}
