/**
 * A real HTTP server on 127.0.0.1 that serves documents like
 * `GET /api/v1/documents/{id}/content` (ETag, Repr-Digest, Range, If-Range) and
 * misbehaves on request: drops the connection, flips a byte, answers errors,
 * sends slowly. It records what it was asked and how many answers ran at once.
 * `GET /api/v1/documents` pages through `listed` (cursor = offset) like the API,
 * and `GET /api/v1/documents/{id}` answers one item of it (404 for any other id).
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DocumentSummary } from '../../../../src/shared/api/documents.ts'
import type { FetchLike } from '../../../../src/main/downloads/transfer.ts'

export interface ServedDoc {
  bytes: Buffer
  etag: string
  /** Destroy the socket after this many body bytes (for the next `dropTimes` answers). */
  dropAfter?: number
  dropTimes?: number
  /** Send this byte position inverted (the digest header still names the right file). */
  flipByteAt?: number
  /** Answer this status with a JSON error instead of the file. */
  status?: number
  /** Send in chunks of this size with a pause between them. */
  chunkSize?: number
  delayMs?: number
  /** Leave out Repr-Digest, or send this one instead. */
  reprDigest?: string | null
}

export interface SeenRequest {
  id: string
  range: string | undefined
  ifRange: string | undefined
  status: number
}

export interface DocServer {
  base: string
  fetch: FetchLike
  docs: Map<string, ServedDoc>
  seen: SeenRequest[]
  /** The most answers that were being sent at the same time (since the last resetStats). */
  maxActive: () => number
  resetStats: () => void
  /** The postbox list GET /api/v1/documents pages through (filtered by contractId and category). */
  listed: DocumentSummary[]
  /** The query of every list request. */
  listQueries: URLSearchParams[]
  /** Answers a list request instead of the pager (a broken server), when it returns something. */
  listOverride: ((query: URLSearchParams) => { status: number; body: unknown } | undefined) | null
  /** The ids of every GET /api/v1/documents/{id}, in order. */
  itemRequests: string[]
  /** Answers GET /api/v1/documents/{id} instead of the listed item, when it returns something. */
  itemOverride: ((id: string) => { status: number; body: unknown } | undefined) | null
  /** Adds a document and lists it, with its title and creation instant. */
  addListed: (
    id: string,
    size: number,
    meta: Partial<DocumentSummary> & { title: string; createdAt: string },
  ) => DocumentSummary
  /** Adds a document of random bytes and answers its id and SHA-256 (hex). */
  add: (id: string, size: number, extra?: Partial<ServedDoc>) => { id: string; sha256: string }
  close: () => Promise<void>
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function sendError(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify({ error: { code, message: code } }))
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export async function startDocServer(): Promise<DocServer> {
  const docs = new Map<string, ServedDoc>()
  const seen: SeenRequest[] = []
  let active = 0
  let maxActive = 0

  const listed: DocumentSummary[] = []
  const listQueries: URLSearchParams[] = []
  let listOverride: DocServer['listOverride'] = null

  function answerList(query: URLSearchParams, res: ServerResponse): void {
    listQueries.push(query)
    const override = listOverride?.(query)
    if (override !== undefined) {
      res.writeHead(override.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(override.body))
      return
    }
    const matching = listed.filter(
      (item) =>
        (!query.has('contractId') || item.contractId === query.get('contractId')) &&
        (!query.has('category') || item.category === query.get('category')),
    )
    const offset = Number(query.get('cursor') ?? 0)
    const limit = Number(query.get('limit') ?? 20)
    const next = offset + limit < matching.length ? String(offset + limit) : null
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(
      JSON.stringify({
        items: matching.slice(offset, offset + limit),
        nextCursor: next,
        unreadCount: matching.filter((item) => !item.read).length,
      }),
    )
  }

  const itemRequests: string[] = []
  let itemOverride: DocServer['itemOverride'] = null

  function answerItem(id: string, res: ServerResponse): void {
    itemRequests.push(id)
    const listedItem = listed.find((item) => item.id === id)
    const { status, body } =
      itemOverride?.(id) ??
      (listedItem
        ? { status: 200, body: listedItem }
        : { status: 404, body: { error: { code: 'not_found', message: 'not_found' } } })
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(JSON.stringify(body))
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/api/v1/documents') return answerList(url.searchParams, res)
    const item = /^\/api\/v1\/documents\/([^/]+)$/.exec(url.pathname)
    if (item?.[1] !== undefined) return answerItem(decodeURIComponent(item[1]), res)
    const match = /^\/api\/v1\/documents\/([^/]+)\/content$/.exec(req.url ?? '')
    const id = match?.[1] ?? ''
    const doc = docs.get(id)
    const range = req.headers.range
    const ifRange = req.headers['if-range'] as string | undefined
    const record = (status: number): void => {
      seen.push({ id, range, ifRange, status })
    }
    if (doc === undefined) {
      record(404)
      return sendError(res, 404, 'not_found')
    }
    if (doc.status !== undefined) {
      record(doc.status)
      return sendError(res, doc.status, doc.status >= 500 ? 'internal_error' : 'failed')
    }
    const size = doc.bytes.length
    const digest =
      doc.reprDigest === undefined
        ? `sha-256=:${createHash('sha256').update(doc.bytes).digest('base64')}:`
        : doc.reprDigest
    const headers: Record<string, string> = {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="../../evil.pdf"`,
      etag: doc.etag,
      'cache-control': 'private',
      'accept-ranges': 'bytes',
    }
    if (digest !== null) headers['repr-digest'] = digest
    let start = 0
    let status = 200
    const rangeMatch = range === undefined ? null : /^bytes=(\d+)-$/.exec(range)
    if (rangeMatch?.[1] !== undefined && (ifRange === undefined || ifRange === doc.etag)) {
      start = Number(rangeMatch[1])
      if (start >= size) {
        record(416)
        res.writeHead(416, { 'content-range': `bytes */${size}` })
        res.end()
        return
      }
      status = 206
      headers['content-range'] = `bytes ${start}-${size - 1}/${size}`
    }
    record(status)
    const body = Buffer.from(doc.bytes.subarray(start))
    if (doc.flipByteAt !== undefined && doc.flipByteAt >= start) {
      const at = doc.flipByteAt - start
      body[at] = (body[at] ?? 0) ^ 0xff
    }
    headers['content-length'] = String(body.length)
    res.writeHead(status, headers)
    let limit = body.length
    let chunkSize = doc.chunkSize ?? 64 * 1024
    let delayMs = doc.delayMs
    if (doc.dropAfter !== undefined && (doc.dropTimes ?? 1) > 0) {
      doc.dropTimes = (doc.dropTimes ?? 1) - 1
      limit = Math.min(limit, doc.dropAfter)
      // Paced, so that the client has read the bytes before the line is cut: a web
      // stream that errors throws away what it still had queued.
      chunkSize = doc.chunkSize ?? 16 * 1024
      delayMs ??= 5
    }
    for (let offset = 0; offset < limit; offset += chunkSize) {
      if (res.destroyed) return
      const chunk = body.subarray(offset, Math.min(limit, offset + chunkSize))
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve))
      if (delayMs !== undefined && offset + chunkSize < limit) await sleep(delayMs)
    }
    if (limit < body.length) {
      // Let the bytes so far reach the client, then cut the line.
      await sleep(20)
      res.socket?.destroy()
      return
    }
    res.end()
  }

  const server = createServer((req, res) => {
    active++
    maxActive = Math.max(maxActive, active)
    let counted = true
    const done = (): void => {
      if (counted) active--
      counted = false
    }
    // Until the answer is sent (finish) or broken off (close), whichever comes first.
    res.on('finish', done)
    res.on('close', done)
    answer(req, res).catch(() => res.destroy())
  })
  function add(id: string, size: number, extra: Partial<ServedDoc> = {}) {
    const bytes = randomBytes(size)
    docs.set(id, { bytes, etag: `"${sha256Hex(bytes).slice(0, 16)}"`, ...extra })
    return { id, sha256: sha256Hex(bytes) }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    fetch: (path, init) => fetch(base + path, init),
    docs,
    seen,
    maxActive: () => maxActive,
    resetStats: () => {
      maxActive = active
    },
    listed,
    listQueries,
    get listOverride() {
      return listOverride
    },
    set listOverride(value) {
      listOverride = value
    },
    itemRequests,
    get itemOverride() {
      return itemOverride
    },
    set itemOverride(value) {
      itemOverride = value
    },
    add,
    addListed(id, size, meta) {
      const { sha256 } = add(id, size)
      const item: DocumentSummary = {
        id,
        category: 'letter',
        contractId: null,
        sizeBytes: size,
        sha256,
        read: false,
        ...meta,
      }
      listed.push(item)
      return item
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
