/**
 * What the gateway checks before it acts on a request: that a state-changing
 * call comes from the app's own page (no other site can make the browser send
 * it), and that a body is JSON of at most 1 MiB, counted while it streams in.
 */
import { errorResponse } from './http.ts'

/** The largest request body the gateway reads (the backend's limit too). */
export const MAX_BODY_BYTES = 1_048_576

/** Methods that change nothing: any page may cause them, their answers stay unreadable to it. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether a request with this method needs proof that the app's own page sent it. */
export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase())
}

/**
 * Whether the browser says the request comes from the page's own origin: `Sec-Fetch-Site:
 * same-origin` when the browser sends fetch metadata, otherwise an `Origin` equal to the
 * origin the request was sent to (`app://mmf` in the desktop app, the preview's own
 * `http://127.0.0.1:<port>`). A request with neither is refused: every browser sends `Origin`
 * with a POST, PUT, PATCH or DELETE. Another port of 127.0.0.1 is the same *site* (its
 * cookies go along), but not the same origin. `request.url` must be the address the request
 * was really sent to (the web preview builds it from the checked Host header).
 */
export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site')
  if (site !== null) return site === 'same-origin'
  const origin = request.headers.get('origin')
  if (origin === null) return false
  const url = new URL(request.url)
  // URL.origin is "null" for app://; protocol and host give the browser's serialisation.
  return origin === `${url.protocol}//${url.host}`
}

/** The refusal of a state-changing request that another site's page may have sent. */
export function crossOriginRefused(): Response {
  return errorResponse(
    403,
    'origin_not_allowed',
    'This request did not come from the app itself and was refused.',
  )
}

function isJson(request: Request): boolean {
  const type = request.headers.get('content-type')
  return type !== null && type.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

const tooLarge = (): Response =>
  errorResponse(413, 'payload_too_large', 'The request is too large (at most 1 MiB).')
const notJson = (): Response =>
  errorResponse(415, 'unsupported_media_type', 'Send JSON (application/json).')

/** A request body as read by readJsonBody: its bytes (null when empty) or the refusal to send. */
export type BodyReading =
  { ok: true; bytes: Uint8Array<ArrayBuffer> | null } | { ok: false; response: Response }

/**
 * Reads a request body that must be JSON, without ever holding more than `limit` bytes: a
 * declared Content-Length over the limit is refused before a byte is read, a streamed body
 * is counted and cancelled once it passes the limit (413). A body that is not declared as
 * `application/json` is refused (415) rather than parsed; an empty one needs no type (a
 * browser labels an empty POST as a form).
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<BodyReading> {
  const refuse = async (response: Response): Promise<BodyReading> => {
    await request.body?.cancel()
    return { ok: false, response }
  }
  const declared = request.headers.get('content-length')
  const declaredBytes = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null
  if (declaredBytes !== null && declaredBytes > limit) return refuse(tooLarge())
  if (declaredBytes !== null && declaredBytes > 0 && !isJson(request)) return refuse(notJson())
  if (!request.body) return { ok: true, bytes: null }

  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      return { ok: false, response: tooLarge() }
    }
    chunks.push(value)
  }
  if (total === 0) return { ok: true, bytes: null }
  if (!isJson(request)) return { ok: false, response: notJson() }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { ok: true, bytes }
}

/**
 * The path as a lenient backend might route it (percent-decoded, case-folded, no empty
 * segments, ";params" or trailing slash), or null when it cannot be decoded. Another
 * spelling of a gateway path (`/api/v1/%73essions`) must not slip past the gateway.
 */
export function routedPath(path: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return null
  }
  return decoded
    .toLowerCase()
    .replace(/;[^/]*/g, '')
    .replace(/\/+/g, '/')
    .replace(/(.)\/$/, '$1')
}
