/** Conditional and range requests for document content (RFC 9110 §13, §14). */

export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null

/**
 * One byte range of `Range: bytes=…` against a representation of `size` bytes:
 * `a-b`, `a-` and the suffix `-n`. Null when the header is absent, not about
 * bytes, malformed or asks for several ranges (then the whole representation is
 * sent, as RFC 9110 allows); 'unsatisfiable' when it starts beyond the end.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return null
  const [, first, last] = match
  if (first === '' && last === '') return null
  if (first === '') {
    const suffix = Number(last)
    if (!Number.isSafeInteger(suffix)) return null
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Number(last)
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end: Math.min(end, size - 1) }
}

/** The entity tags of an If-None-Match header (weak prefixes kept), or '*'. */
function tagsOf(header: string): string[] | '*' {
  if (header.trim() === '*') return '*'
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean)
}

/** If-None-Match uses the weak comparison: W/"x" matches "x". */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const tags = tagsOf(header)
  if (tags === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return tags.some((tag) => tag.replace(/^W\//, '') === opaque)
}

/** If-Range: the range applies only when the strong validator matches exactly (never a date). */
export function ifRangeMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true
  const value = header.trim()
  return !value.startsWith('W/') && value === etag
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII fallback in
 * `filename` and the real name in `filename*` (RFC 8187).
 */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'document.pdf'
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
