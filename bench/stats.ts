/** Small helpers for the benchmarks: percentiles and a printed table row. */

/** The p-th percentile (0–100) of the values, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

/** Prints "name  value unit  (baseline b unit, ratio r×)". */
export function report(name: string, value: number, unit: string, baseline?: number): void {
  const v = value.toFixed(value < 10 ? 3 : 1)
  const base =
    baseline === undefined
      ? ''
      : `   baseline ${baseline.toFixed(baseline < 10 ? 3 : 1)} ${unit}, ratio ${(value / baseline).toFixed(2)}×`
  console.log(`${name.padEnd(52)} ${v.padStart(10)} ${unit}${base}`)
}
