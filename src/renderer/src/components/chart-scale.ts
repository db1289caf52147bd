/**
 * The arithmetic the inline SVG charts share (the balance over the term, the
 * kilometres over the term): dates along x, a value from 0 up along y, with
 * round grid lines. Kept apart from the charts so each draws only its own lines.
 */

/** The chart's size and the margins left for the axis labels, in SVG units. */
export interface ChartBox {
  readonly width: number
  readonly height: number
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

/** A horizontal grid line: where it is and the value it stands for. */
export interface ChartTick {
  readonly y: number
  readonly value: number
}

/** The scales of a date/value chart, as {@link dateValueScale} returns them. */
export interface DateValueScale {
  /** The x of an ISO date (yyyy-mm-dd) between the first and the last date. */
  readonly x: (isoDate: string) => number
  /** The y of a value between 0 and the round maximum. */
  readonly y: (value: number) => number
  /** The y of 0, where the areas end and the x-axis marks start. */
  readonly baseline: number
  /** The grid lines from 0 to the round maximum, about four steps apart. */
  readonly ticks: readonly ChartTick[]
}

/** Milliseconds of an ISO date at midnight UTC, so that time zones never shift a point. */
export const chartTime = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`)

/** A round step (1, 2, 2.5 or 5 times a power of ten) for about four grid lines up to `max`. */
export function niceStep(max: number): number {
  const rough = max / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  return [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? rough
}

/**
 * Scales that put `from` … `to` across the box's inner width and 0 … a round
 * maximum at or above `highest` up its inner height (SVG's y grows downwards).
 */
export function dateValueScale(
  box: ChartBox,
  from: string,
  to: string,
  highest: number,
): DateValueScale {
  const t0 = chartTime(from)
  const t1 = chartTime(to)
  const step = niceStep(highest)
  const max = Math.ceil(highest / step) * step
  const x = (isoDate: string) =>
    box.left +
    ((chartTime(isoDate) - t0) / Math.max(t1 - t0, 1)) * (box.width - box.left - box.right)
  const y = (value: number) => box.top + (1 - value / max) * (box.height - box.top - box.bottom)
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => ({
    y: y(i * step),
    value: i * step,
  }))
  return { x, y, baseline: y(0), ticks }
}
