import { describe, expect, it } from 'vitest'
import {
  dateValueScale,
  niceStep,
  type ChartBox,
} from '../../../src/renderer/src/components/chart-scale.ts'

const BOX: ChartBox = { width: 120, height: 110, left: 10, right: 10, top: 5, bottom: 5 }

describe('the round grid step', () => {
  it('is 1, 2, 2.5 or 5 times a power of ten, for about four grid lines', () => {
    expect(niceStep(20_000_00)).toBe(5_000_00)
    expect(niceStep(45_000)).toBe(20_000)
    expect(niceStep(9)).toBe(2.5)
    expect(niceStep(30_000)).toBe(10_000)
  })
})

describe('the scales of a date/value chart', () => {
  const scale = dateValueScale(BOX, '2025-01-01', '2026-01-01', 30_000)

  it('puts the first and the last date at the inner edges', () => {
    expect(scale.x('2025-01-01')).toBe(10)
    expect(scale.x('2026-01-01')).toBe(110)
    expect(scale.x('2025-07-02')).toBeCloseTo(60, 0)
  })

  it('puts 0 at the baseline and the round maximum at the top', () => {
    expect(scale.baseline).toBe(105)
    expect(scale.y(0)).toBe(105)
    expect(scale.y(30_000)).toBe(5)
  })

  it('draws a grid line a step from 0 up to the round maximum', () => {
    expect(scale.ticks.map((tick) => tick.value)).toEqual([0, 10_000, 20_000, 30_000])
    const ys = scale.ticks.map((tick) => tick.y)
    ;[105, 71.67, 38.33, 5].forEach((y, i) => expect(ys[i]).toBeCloseTo(y, 2))
  })

  it('rounds the maximum up, and keeps a chart of a single day apart from dividing by zero', () => {
    const short = dateValueScale(BOX, '2025-01-01', '2025-01-01', 26_000)
    expect(short.ticks.at(-1)?.value).toBe(30_000)
    expect(short.x('2025-01-01')).toBe(10)
  })
})
