/**
 * The cursor of a list in keyset pages, newest first (GET /documents, GET
 * /notifications): the last item's instant and public id, base64url-encoded.
 * The next page is what sorts after it, so items filed meanwhile neither skip
 * nor repeat one.
 */
import { validationFailed } from '../errors.ts'

export interface KeysetPosition {
  createdAt: string
  publicId: string
}

const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)\|([0-9a-f-]{36})$/

export function encodeCursor(item: KeysetPosition): string {
  return Buffer.from(`${item.createdAt}|${item.publicId}`, 'utf8').toString('base64url')
}

/** The position a cursor names; a cursor the backend did not make → 400 validation_failed. */
export function decodeCursor(cursor: string): KeysetPosition {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match?.[1] || !match[2]) throw validationFailed({ cursor: 'invalid_value' })
  return { createdAt: match[1], publicId: match[2] }
}
