/**
 * Names for saved letters. The name is built from the document's title and date
 * (never from a server path or Content-Disposition), and is made safe for
 * Windows, macOS and Linux alike: the title comes from the server and may be
 * hostile ("../../etc/passwd", "CON", a right-to-left override hiding ".exe").
 */
import { lstatSync } from 'node:fs'
import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/** ext4, APFS and NTFS all allow 255 (bytes or UTF-16 units); 255 UTF-8 bytes fits every one. */
export const MAX_NAME_BYTES = 255
/** Used when neither title nor date leaves anything. */
const FALLBACK_TITLE = 'Dokument'
const PART_SUFFIX = '.part'
const EXTENSION = /^(\.[A-Za-z0-9]{1,16})?$/
const DATE = /^(\d{4}-\d{2}-\d{2})/

/** Characters Windows refuses in a name, both separators, and look-alikes a "best fit" code page turns into them. */
const RESERVED_CHARACTERS =
  /[<>:"/\\|?*\uff1c\uff1e\uff1a\uff02\uff0f\uff3c\uff5c\uff1f\uff0a\u2215\u2044\u29f8\ufe68]/gu
/** Control characters and line breaks: they would split a log line or a shell command. */
const CONTROL_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}]/gu
/** Invisible format characters (bidi overrides U+202A–202E, U+2066–2069, zero widths, BOM) and lone surrogates. */
const INVISIBLE_CHARACTERS = /[\p{Cf}\p{Cs}]/gu
/** Windows device names, also with an extension ("nul.txt") and in any case; COM¹ counts too. */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/**
 * The longest start of `text` within `maxBytes` UTF-8 bytes, cut between whole
 * characters (grapheme clusters, so no emoji or accent is split; whole code
 * points when a single cluster is already too long).
 */
export function cutToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text
  let out = ''
  let used = 0
  for (const { segment } of graphemes.segment(text)) {
    const size = byteLength(segment)
    if (used + size > maxBytes) {
      if (out !== '') return out
      // One enormous cluster (a letter with hundreds of combining marks): whole code points.
      for (const codePoint of segment) {
        const cpSize = byteLength(codePoint)
        if (used + cpSize > maxBytes) return out
        out += codePoint
        used += cpSize
      }
      return out
    }
    out += segment
    used += size
  }
  return out
}

/** The title as plain visible text: no controls, invisible characters or separators, single spaces. */
function cleanTitle(title: string): string {
  return title
    .normalize('NFC')
    .replace(INVISIBLE_CHARACTERS, '')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/"/g, "'")
    .replace(RESERVED_CHARACTERS, '-')
    .replace(/\s+/gu, ' ')
    .replace(/-{2,}/g, '-')
    .trim()
}

/** Windows drops trailing dots and spaces (so "a." and "a" collide); a leading dot hides the file. */
function trimDotsAndSpaces(text: string): string {
  return text.replace(/^[. ]+/, '').replace(/[. ]+$/, '')
}

/** Also the dashes left where separators were: "../../etc" becomes "etc", not "-..-etc". */
function trimEdges(text: string): string {
  return text.replace(/^[. -]+/, '').replace(/[. -]+$/, '')
}

/** Whether Windows would take the name for a device ("CON", "nul.txt", "COM1 .pdf"). */
export function isReservedDeviceName(name: string): boolean {
  const stem = name.split('.')[0] ?? ''
  return DEVICE_NAME.test(stem.replace(/ +$/, ''))
}

/**
 * The file name for a letter: "2026-05-17 Ratenplan KR-2025-048211.pdf". Safe on
 * every platform, at most 255 UTF-8 bytes, never empty. `date` is YYYY-MM-DD
 * (an ISO timestamp's date part is taken; anything else is left out).
 */
export function documentFileName(title: string, date: string, ext = '.pdf'): string {
  if (!EXTENSION.test(ext)) throw new TypeError(`Not a file extension: ${JSON.stringify(ext)}`)
  const day = DATE.exec(date)?.[1] ?? ''
  let text = cleanTitle(title)
  // "Ratenplan.pdf" should not become "Ratenplan.pdf.pdf".
  if (ext !== '' && text.toLowerCase().endsWith(ext.toLowerCase())) {
    text = text.slice(0, -ext.length)
  }
  const prefix = day === '' ? '' : `${day} `
  // Without a date the name may start with the title; keep a byte for a "_" before a device name.
  const budget = MAX_NAME_BYTES - byteLength(prefix) - byteLength(ext) - (day === '' ? 1 : 0)
  text = trimEdges(cutToBytes(trimEdges(text), budget))
  if (text === '' && day === '') text = FALLBACK_TITLE
  const name = text === '' ? `${day}${ext}` : `${prefix}${text}${ext}`
  return isReservedDeviceName(name) ? `_${name}` : name
}

/** Splits "a.b.pdf" into "a.b" and ".pdf" (no extension for a name without a dot after its start). */
function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot)]
}

/**
 * `name`, or "name (2).pdf", "name (3).pdf" … : the first that `exists` does not
 * report in `folder`. Stays within 255 bytes by shortening the stem.
 */
export function uniqueName(
  folder: string,
  name: string,
  exists: (path: string) => boolean = pathExists,
): string {
  if (!exists(join(folder, name))) return name
  const [stem, ext] = splitExtension(name)
  for (let n = 2; n < 10_000; n++) {
    const suffix = ` (${n})${ext}`
    const candidate = `${trimDotsAndSpaces(cutToBytes(stem, MAX_NAME_BYTES - byteLength(suffix)))}${suffix}`
    if (!exists(join(folder, candidate))) return candidate
  }
  throw new Error(`No free name for ${name} in ${folder}`)
}

/** Whether anything (also a dangling symlink) is at `path`. */
export function pathExists(path: string): boolean {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

/**
 * The hidden part file a transfer writes before it is complete: ".<name>.<tag>.part".
 * The tag (per document) keeps two letters with the same title apart.
 */
export function partFileName(name: string, tag = ''): string {
  const tail = `${tag === '' ? '' : `.${tag}`}${PART_SUFFIX}`
  return `.${cutToBytes(name, MAX_NAME_BYTES - 1 - byteLength(tail))}${tail}`
}

/** A bare file name: no separator, not "." or "..", within the byte limit. */
export function isPlainName(name: string): boolean {
  return (
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\\0]/.test(name) &&
    basename(name) === name &&
    byteLength(name) <= MAX_NAME_BYTES
  )
}

/** The real path, or for a path that does not exist yet its nearest real parent plus the rest. */
async function realTarget(path: string): Promise<string | null> {
  try {
    return await realpath(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null
  }
  // A dangling symlink: where it would write is not known from here.
  try {
    await lstat(path)
    return null
  } catch {
    // Nothing there: resolve the parent.
  }
  const parent = dirname(path)
  if (parent === path) return null
  const realParent = await realTarget(parent)
  return realParent === null ? null : join(realParent, basename(path))
}

/**
 * Whether `path` (relative paths are taken from `folder`) really lies inside
 * `folder` once symlinks and ".." are resolved. The folder itself is not inside.
 */
export async function isInside(folder: string, path: string): Promise<boolean> {
  let root: string
  try {
    root = await realpath(folder)
  } catch {
    return false
  }
  const target = await realTarget(resolve(folder, path))
  if (target === null) return false
  const rel = relative(root, target)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}
