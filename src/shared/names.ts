/**
 * The rule for people's names (first and last name, the account holder): they
 * land in the greeting of e-mails to any address someone registers, so they
 * hold letters and nothing else that could carry a link or a second line.
 * Letters of any script with their combining marks, spaces, hyphens,
 * apostrophes (also the typographic ’) and periods; 1–60 characters. The
 * backend checks with it, the renderer's forms ask the same before sending.
 */
import type { FieldReason } from './errors.ts'

/** At most this many characters (Unicode code points, after NFC). */
export const NAME_MAX_LENGTH = 60

/** What checkName can find wrong. */
export type NameProblem = Extract<FieldReason, 'required' | 'too_long' | 'invalid_characters'>

const ALLOWED = /^[\p{L}\p{M} '’.-]+$/u
const LETTER = /\p{L}/u

/** The name as stored: NFC, trimmed, runs of spaces as one. */
export function normaliseName(input: string): string {
  return input.normalize('NFC').trim().replace(/ {2,}/g, ' ')
}

/** Checks a name; the normalised name, or the reason (`required`, `too_long`, `invalid_characters`). */
export function checkName(
  input: string,
): { ok: true; name: string } | { ok: false; reason: NameProblem } {
  const name = normaliseName(input)
  if (name === '') return { ok: false, reason: 'required' }
  // A tab, a line break or a digit is refused, not quietly made a space.
  if (!ALLOWED.test(name) || !LETTER.test(name)) return { ok: false, reason: 'invalid_characters' }
  if ([...name].length > NAME_MAX_LENGTH) return { ok: false, reason: 'too_long' }
  return { ok: true, name }
}

/** false once the input holds a character no name may hold (what the forms point out while typing). */
export function onlyNameCharacters(input: string): boolean {
  const name = normaliseName(input)
  return name === '' || ALLOWED.test(name)
}

/** A name fit for a greeting whatever is stored: no control or format characters, one line. */
export function printableName(name: string): string {
  return name
    .replace(/[\p{C}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
