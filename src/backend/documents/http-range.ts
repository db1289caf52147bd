/** Conditional and range requests for document content (RFC 9110 §13, §14). */

export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null

/**
 * One byte range of `Range: bytes=…` against a representation of `size` bytes:
 * `a-b`, `a-` and the suffix `-n`; a last position beyond the end means the end
 * (however many digits it has). Null when the header is absent, not about
 * bytes, malformed or asks for several ranges (then the whole representation is
 * sent, as RFC 9110 allows); 'unsatisfiable' when it starts beyond the end.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.trim())
  if (!match) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  // Digit strings always convert (very long ones to Infinity, which the comparisons handle).
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  // `a-b` with b < a is not a range at all (ignored); `a-` starting beyond the end is unsatisfiable.
  if (last !== '' && Number(last) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
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
      // No quote or backslash (quoted-string) and no % (some clients would decode it).
      .replace(/["\\%]/g, '_') || 'document.pdf'
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
