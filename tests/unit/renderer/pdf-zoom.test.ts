import { describe, expect, it } from 'vitest'
import {
  CSS_PIXELS_PER_POINT,
  fitWidthZoom,
  MAX_ZOOM,
  MIN_ZOOM,
  zoomIn,
  zoomOut,
  ZOOM_STEPS,
} from '../../../src/renderer/src/pdf/zoom.ts'

const A4_WIDTH = 595.28

describe('the preview’s zoom', () => {
  it('steps through its levels one at a time, both ways', () => {
    let level: number = MIN_ZOOM
    const up: number[] = [level]
    while (level < MAX_ZOOM) up.push((level = zoomIn(level)))
    expect(up).toEqual([...ZOOM_STEPS])
    const down: number[] = [level]
    while (level > MIN_ZOOM) down.push((level = zoomOut(level)))
    expect(down).toEqual([...ZOOM_STEPS].reverse())
  })

  it('goes from a fitted level to the next step in the direction asked', () => {
    expect(zoomIn(1.14)).toBe(1.25)
    expect(zoomOut(1.14)).toBe(1.1)
    // Within a hair of a step counts as that step: one click always changes the size.
    expect(zoomIn(0.999)).toBe(1.1)
    expect(zoomOut(1.004)).toBe(0.9)
  })

  it('stops at its smallest and largest level', () => {
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM)
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM)
    expect(zoomIn(9)).toBe(MAX_ZOOM)
    expect(zoomOut(0.1)).toBe(MIN_ZOOM)
  })

  it('fits an A4 page into the width available', () => {
    const level = fitWidthZoom(904, A4_WIDTH)
    expect(A4_WIDTH * CSS_PIXELS_PER_POINT * level).toBeCloseTo(904, 6)
    // A phone-narrow dialog still shows the page, small; a wide screen stops at 400 %.
    expect(fitWidthZoom(100, A4_WIDTH)).toBe(MIN_ZOOM / 2)
    expect(fitWidthZoom(20_000, A4_WIDTH)).toBe(MAX_ZOOM)
  })

  it('keeps 100 % while there is no width to fit (not laid out yet)', () => {
    expect(fitWidthZoom(0, A4_WIDTH)).toBe(1)
    expect(fitWidthZoom(Number.NaN, A4_WIDTH)).toBe(1)
    expect(fitWidthZoom(800, 0)).toBe(1)
  })
})
