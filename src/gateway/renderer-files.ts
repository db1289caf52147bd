/**
 * Serves the built renderer (out/renderer) to the app window (app://mmf) and to
 * the web preview, with the strict Content-Security-Policy on every page.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import { errorResponse } from './http.ts'

/** The renderer's CSP: only its own scripts, styles and connections; nothing remote. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  // pdf.js's standard fonts (the letters use the PDF standard 14, not embedded).
  '.ttf': 'font/ttf',
  '.pfb': 'application/x-font-type1',
  '.map': 'application/json; charset=utf-8',
}

/** Security headers for every renderer file. */
export function rendererHeaders(contentType: string): Headers {
  return new Headers({
    'content-type': contentType,
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    // index.html must be re-read after an update; hashed assets could be cached.
    'cache-control': contentType.startsWith('text/html')
      ? 'no-cache'
      : 'public, max-age=31536000, immutable',
  })
}

/** Returns a handler for a URL path below the renderer's root, or null for a path outside it. */
export function resolveRendererPath(rootDir: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const root = resolve(rootDir)
  const full = resolve(root, relative)
  if (full !== root && !full.startsWith(root + sep)) return null
  return full
}

/** Creates the static handler: GET/HEAD of files below rootDir, 404 for anything else. */
export function createRendererFiles(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse(404, 'not_found', 'There is nothing at this address.')
    }
    const url = new URL(request.url)
    const file = resolveRendererPath(rootDir, url.pathname)
    const type = file ? MIME_TYPES[extname(file).toLowerCase()] : undefined
    if (!file || !type) return errorResponse(404, 'not_found', 'There is nothing at this address.')
    try {
      const info = await stat(file)
      if (!info.isFile())
        return errorResponse(404, 'not_found', 'There is nothing at this address.')
      const headers = rendererHeaders(type)
      headers.set('content-length', String(info.size))
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers })
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>
      return new Response(body, { status: 200, headers })
    } catch {
      return errorResponse(404, 'not_found', 'There is nothing at this address.')
    }
  }
}
