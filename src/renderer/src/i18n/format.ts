/** Money, dates and numbers for the app's languages: the shared formatting (also used in PDF letters). */
import type { Locale } from '../../../shared/api/auth.ts'
import { intlLocale } from '../../../shared/format.ts'

export * from '../../../shared/format.ts'

const KIB = 1024
const MIB = 1024 * 1024

/**
 * A file's size as people read it: whole kilobytes below a megabyte (at least
 * 1 KB for a file that is not empty), megabytes with one decimal above.
 * 48 213 bytes → `48 KB`; 1 258 291 → `1,2 MB` (de), `1.2 MB` (en).
 */
export function formatFileSize(bytes: number, locale: Locale): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`Not a size: ${bytes}`)
  if (bytes < MIB) {
    const kb = bytes === 0 ? 0 : Math.max(1, Math.round(bytes / KIB))
    return `${kb} KB`
  }
  const mb = new Intl.NumberFormat(intlLocale(locale), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / MIB)
  return `${mb} MB`
}
