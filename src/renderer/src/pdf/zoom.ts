/**
 * The preview's zoom: levels relative to a page's actual size (1 = 100 %, a PDF
 * point drawn as 96/72 CSS pixels, as pdf.js's own viewer does), the steps of the
 * zoom buttons and the level that fits the widest page into the width available.
 */

/** CSS pixels per PDF point at 100 %. */
export const CSS_PIXELS_PER_POINT = 96 / 72

export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const
export const MIN_ZOOM = ZOOM_STEPS[0]
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 4

// A level within 1 % of a step counts as that step (fit-width rarely lands exactly on one).
const CLOSE = 0.01

/** The next larger step, or the largest. */
export function zoomIn(level: number): number {
  return ZOOM_STEPS.find((step) => step > level * (1 + CLOSE)) ?? MAX_ZOOM
}

/** The next smaller step, or the smallest. */
export function zoomOut(level: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < level * (1 - CLOSE)) ?? MIN_ZOOM
}

/** The level at which a page `pageWidth` points wide fills `availableWidth` CSS pixels. */
export function fitWidthZoom(availableWidth: number, pageWidth: number): number {
  if (!(availableWidth > 0) || !(pageWidth > 0)) return 1
  const level = availableWidth / (pageWidth * CSS_PIXELS_PER_POINT)
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM / 2, level))
}
