/**
 * One line per request, without secrets: no query string (links carry tokens
 * there), no headers, no bodies.
 */
export function requestLogLine(entry: {
  time: Date
  method: string
  url: string
  status: number
  durationMs: number
}): string {
  const path = entry.url.split('?')[0] ?? ''
  return `${entry.time.toISOString()} ${entry.method} ${path} ${entry.status} ${entry.durationMs.toFixed(1)}ms`
}
