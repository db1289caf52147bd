import '../fastify-types.ts'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import {
  contentDisposition,
  ifRangeMatches,
  noneMatch,
  parseRange,
} from '../documents/http-range.ts'
import { emailDocument } from '../services/document-email.ts'
import {
  documentContent,
  documentSummary,
  listDocuments,
  markDocumentRead,
} from '../services/documents.ts'
import { handle } from './define.ts'
import { requirePrincipal } from './sessions.ts'

/** Answers up to this size are sent as one buffer, larger ones streamed part by part. */
const ONE_BUFFER_BYTES = 256 * 1024

/** The postbox: the list, one letter, the PDF bytes (with conditional and range requests) and "read". */
export function registerDocumentRoutes(api: FastifyInstance): void {
  const ctx = api.services
  handle(api, 'GET /documents', async (request) => {
    const q = request.query
    return listDocuments(ctx, await requirePrincipal(api, request), {
      ...(q.contractId !== undefined ? { contractId: q.contractId } : {}),
      ...(q.category !== undefined ? { category: q.category } : {}),
      ...(q.unread !== undefined ? { unread: q.unread === 'true' } : {}),
      ...(q.year !== undefined ? { year: Number(q.year) } : {}),
      ...(q.q !== undefined ? { q: q.q } : {}),
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      ...(q.limit !== undefined ? { limit: Number(q.limit) } : {}),
    })
  })

  handle(api, 'GET /documents/{id}', async (request) =>
    documentSummary(ctx, await requirePrincipal(api, request), request.params.id),
  )

  handle(api, 'GET /documents/{id}/content', async (request, reply) => {
    const stored = await documentContent(
      ctx,
      await requirePrincipal(api, request),
      request.params.id,
    )
    const { sha256, sizeBytes: size } = stored
    const etag = `"${sha256}"`
    const digest = Buffer.from(sha256, 'hex').toString('base64')
    reply.headers({
      etag,
      'repr-digest': `sha-256=:${digest}:`,
      'cache-control': 'private',
      'accept-ranges': 'bytes',
    })
    if (noneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send()
    const range = ifRangeMatches(header(request.headers['if-range']), etag)
      ? parseRange(header(request.headers.range), size)
      : null
    if (range === 'unsatisfiable') {
      return reply
        .status(416)
        .headers({ 'content-range': `bytes */${size}`, 'content-type': 'application/json' })
        .send({
          error: {
            code: 'range_not_satisfiable',
            message: 'The range lies beyond the document.',
          },
        })
    }
    reply.headers({
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(stored.fileName),
    })
    // The bytes stream from the database one stored part at a time: memory stays flat
    // in the document's size (a Buffer would be held whole until sent).
    const { start, end } = range ?? { start: 0, end: size - 1 }
    reply.header('content-length', String(end - start + 1))
    if (range) {
      // The digest of this part's content (Content-Digest); Repr-Digest stays the whole file's.
      // A header comes before the body: the part is read twice rather than held.
      const partDigest = createHash('sha256')
      for await (const piece of stored.read(start, end)) partDigest.update(piece)
      reply.status(206).headers({
        'content-range': `bytes ${start}-${end}/${size}`,
        'content-digest': `sha-256=:${partDigest.digest('base64')}:`,
      })
    }
    // A letter (up to one stored part) goes as one buffer: a stream costs more than its bytes.
    if (end - start + 1 <= ONE_BUFFER_BYTES) {
      const pieces: Uint8Array[] = []
      for await (const piece of stored.read(start, end)) pieces.push(piece)
      return reply.send(Buffer.concat(pieces))
    }
    return reply.send(Readable.from(stored.read(start, end), { objectMode: false }))
  })

  handle(api, 'POST /documents/{id}/read', async (request, reply) => {
    await markDocumentRead(ctx, await requirePrincipal(api, request), request.params.id)
    return reply.status(204).send()
  })

  handle(
    api,
    'POST /documents/{id}/email',
    async (request, reply) =>
      reply
        .status(202)
        .send(await emailDocument(ctx, await requirePrincipal(api, request), request.params.id)),
    {
      // No body at all is the usual request: validated as the empty object it means.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {}
      },
    },
  )
}

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value
