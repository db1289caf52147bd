/**
 * CSV files that spreadsheets open correctly: German uses `;` between cells and
 * a decimal comma (as Excel in de-AT expects), English `,` and a decimal point.
 * A UTF-8 byte order mark lets Excel read umlauts; CRLF ends every line (RFC 4180).
 */

export interface CsvDialect {
  delimiter: ';' | ','
  decimal: ',' | '.'
}

export const CSV_DIALECTS = {
  de: { delimiter: ';', decimal: ',' },
  en: { delimiter: ',', decimal: '.' },
} as const satisfies Record<string, CsvDialect>

/**
 * One cell: quoted when it holds the delimiter, a quote or a line break. Text
 * starting with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by a
 * spreadsheet (CSV injection), so it gets a leading apostrophe.
 */
export function csvCell(value: string, dialect: CsvDialect): string {
  const isNumber = /^-?\d+([.,]\d+)?$/.test(value)
  const safe = !isNumber && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return safe.includes(dialect.delimiter) || /["\r\n]/.test(safe)
    ? `"${safe.replace(/"/g, '""')}"`
    : safe
}

/** Cents as a plain decimal number without grouping: 123456 → `1234,56` (de). */
export function csvAmount(cents: number, dialect: CsvDialect): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an amount in cents: ${cents}`)
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}${dialect.decimal}${String(abs % 100).padStart(2, '0')}`
}

/** The whole file: header and rows, with BOM and CRLF. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  dialect: CsvDialect,
): string {
  const line = (cells: readonly string[]) =>
    cells.map((c) => csvCell(c, dialect)).join(dialect.delimiter)
  return `\uFEFF${[header, ...rows].map(line).join('\r\n')}\r\n`
}

/** Hands a text file to the browser's (or Electron's) download, with a save dialog there. */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // After the download has taken the data.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * A file name that Windows, macOS and Linux all accept: no reserved characters
 * or control characters, no leading dot, no trailing dot or space, no Windows
 * device name (CON, NUL, COM1 …), at most 120 characters (whole characters).
 */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((char) => (char.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(char) ? '-' : char))
    .join('')
    .replace(/-{2,}/g, '-')
    .replace(/^\.+/, '')
  const short = [...cleaned]
    .slice(0, 120)
    .join('')
    .replace(/[. ]+$/, '')
  if (short === '') return 'export'
  return /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(short) ? `_${short}` : short
}
