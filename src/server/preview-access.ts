/**
 * Binds the web preview to the person who started it. The preview's gateway holds
 * one customer's session; without this, any process or user on the computer could
 * call http://127.0.0.1:<port>/api/… and act as that customer. At start the server
 * makes a secret and prints a one-time link; opening it sets a cookie that only
 * this start of the server accepts. API and dev calls without it answer 401.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { errorResponse } from '../gateway/http.ts'

/** The path of the one-time link; its `key` parameter carries the secret. */
export const ENTRY_PATH = '/enter'

/** Starts the line the server prints the one-time link on (the e2e fixture reads it). */
export const PREVIEW_LINK_LABEL = 'Open the web preview with this link (it works once):'

export interface PreviewAccess {
  /** Path and query of the one-time link (`/enter?key=…`), to print with the server's address. */
  readonly entryPath: string
  /** Answers a request for the one-time link: the first opening lets the browser in. */
  enter(request: Request): Response
  /** Whether the request carries the cookie of this start of the server. */
  admits(request: Request): boolean
}

/** The answer to an API or dev call from a browser (or program) that was not let in. */
export function notAdmitted(): Response {
  return errorResponse(
    401,
    'preview_link_required',
    'Open the web preview through the one-time link it printed when it started.',
  )
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest()

/** Compares a presented secret with the expected one in constant time (both hashed: equal length). */
function matches(presented: string, expectedHash: Buffer): boolean {
  return timingSafeEqual(sha256(presented), expectedHash)
}

/**
 * One cookie per port: cookies do not tell ports apart, so two previews on one computer
 * (or a restart on another port) must not overwrite each other's.
 */
function cookieNameFor(url: URL): string {
  return `mmf-preview-${url.port || '80'}`
}

/** The values of every cookie called `name` in a Cookie header. */
function cookieValues(header: string | null, name: string): string[] {
  if (!header) return []
  const values: string[] = []
  for (const part of header.split(';')) {
    const separator = part.indexOf('=')
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      values.push(part.slice(separator + 1).trim())
    }
  }
  return values
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
}

/** The page for a link that was used already (or never was this start's), in both languages. */
const LINK_USED_PAGE = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>My MINI Finance – Web-Vorschau</title></head>
<body>
<main>
<h1>Dieser Link gilt nicht mehr</h1>
<p>Der Link der Web-Vorschau gilt nur einmal, in einem Browser, und nur bis die Vorschau neu startet.</p>
<p>Arbeiten Sie in dem Browser weiter, in dem Sie den Link zuerst geöffnet haben. Oder starten Sie die Vorschau neu (zum Beispiel mit <code>npm start</code>) und öffnen Sie den neuen Link, den sie dann ausgibt.</p>
<section lang="en">
<h2>This link is no longer valid</h2>
<p>The web preview's link works only once, in one browser, and only until the preview restarts.</p>
<p>Carry on in the browser where you first opened the link. Or restart the preview (for example with <code>npm start</code>) and open the new link it then prints.</p>
</section>
</main>
</body>
</html>
`

/** Creates this start's secrets: the link's key and the cookie's value (256 bits each). */
export function createPreviewAccess(options: { onEntered?: () => void } = {}): PreviewAccess {
  const key = randomBytes(32).toString('base64url')
  const keyHash = sha256(key)
  const cookieValue = randomBytes(32).toString('base64url')
  const cookieHash = sha256(cookieValue)
  let used = false

  function admits(request: Request): boolean {
    const name = cookieNameFor(new URL(request.url))
    return cookieValues(request.headers.get('cookie'), name).some((v) => matches(v, cookieHash))
  }

  return {
    entryPath: `${ENTRY_PATH}?key=${key}`,
    admits,
    enter(request) {
      if (request.method !== 'GET') {
        return errorResponse(404, 'not_found', 'There is nothing at this address.')
      }
      const url = new URL(request.url)
      // A browser that is already in (the link opened again, or prefetched) simply goes on.
      if (admits(request)) {
        return new Response(null, { status: 303, headers: { ...PAGE_HEADERS, location: '/' } })
      }
      const presented = url.searchParams.get('key') ?? ''
      if (used || !matches(presented, keyHash)) {
        return new Response(LINK_USED_PAGE, { status: 403, headers: PAGE_HEADERS })
      }
      used = true
      options.onEntered?.()
      const cookie = `${cookieNameFor(url)}=${cookieValue}; Path=/; HttpOnly; SameSite=Strict`
      return new Response(null, {
        status: 303,
        headers: { ...PAGE_HEADERS, location: '/', 'set-cookie': cookie },
      })
    },
  }
}
