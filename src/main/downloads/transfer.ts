/**
 * One safe transfer of a document's PDF into a folder. The bytes go to a hidden
 * part file in the target folder (same file system, so the final step is a
 * rename), are hashed while they stream, and only a complete file whose SHA-256
 * matches both the list's digest and the server's `Repr-Digest` is synced and
 * linked under its final name. Any failure leaves nothing under the final name;
 * a lost connection keeps the part file so that a retry resumes with
 * `Range` + `If-Range`. A letter (up to 64 KiB) is read whole and checked
 * before anything is written, and the file worker writes, syncs and links it.
 */
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { SHA256_PATTERN } from '../../shared/api/documents.ts'
import type { TransferErrorCode } from '../../shared/downloads.ts'
import { saveWhole } from './file-worker.ts'
import { discardBody, readBody, readWhole } from './read-body.ts'
import { isPlainName, partFileName } from './file-names.ts'
import {
  createPartFile,
  errnoCode,
  NOFOLLOW,
  finishDurably,
  hashExisting,
  partFileAppender,
  placeFile,
  removeFile,
  TransferFailure,
  type WriteAt,
} from './part-file.ts'

export type { TransferErrorCode }

/** The gateway as the downloads see it: an API path in, a WHATWG Response out. */
export type FetchLike = (
  path: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<Response>

/** What a retry needs to resume: the part file's length when it was left, and the validator it belongs to. */
export interface ResumeState {
  bytes: number
  etag: string
}

/** File-system operations a test may replace (a disk that fills up, a folder that refuses). */
export interface TransferFs {
  open?: (path: string, flags: number, mode: number) => Promise<FileHandle>
  /** Writes chunks of the body to `file` at a position (as `writev`); answers the bytes it took. */
  write?: WriteAt
}

export interface TransferOptions {
  fetch: FetchLike
  /** The API path, e.g. /api/v1/documents/{id}/content. */
  path: string
  /** The SHA-256 (hex) the document list promised. */
  sha256: string
  folder: string
  /**
   * Create `folder` (and its parents) when it is missing: for the default folder,
   * never for one the customer chose (an unplugged drive's path must not reappear
   * on the system disk).
   */
  createFolder?: boolean
  /** The final name (from documentFileName); a unique variant is taken if it exists by then. */
  fileName: string
  /** The part file's name in the folder; defaults to partFileName(fileName). */
  partName?: string
  /** From a failed try: resume instead of starting over. */
  resume?: ResumeState | null
  /** The size the list promised: used when the server sends no length. */
  sizeBytes?: number
  signal?: AbortSignal
  onProgress?: (bytes: number, total: number | null) => void
  /** A connection that delivers nothing for this long counts as lost. */
  idleTimeoutMs?: number
  fs?: TransferFs
  /** Called once the file is under its final name, before the folder sync that makes the name durable. */
  onLinked?: () => void
  /** The largest answer read whole and saved by the file worker (WHOLE_MAX_BYTES); tests of resuming set 0. */
  wholeMaxBytes?: number
}

export type TransferResult =
  | { ok: true; path: string; fileName: string; bytes: number }
  | { ok: false; error: TransferErrorCode; message: string; resume: ResumeState | null }

const DEFAULT_IDLE_TIMEOUT_MS = 60_000
/**
 * An answer of at most this size with a known length (a letter: a few KiB) is read
 * whole and saved by the file worker; larger ones stream into the part file and
 * can resume after a lost connection (for a letter, asking again is as quick).
 */
export const WHOLE_MAX_BYTES = 64 * 1024
const SHA256_HEX = new RegExp(SHA256_PATTERN)
const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/
const FULL_DISK = new Set(['ENOSPC', 'EDQUOT'])
/** ENOENT: the folder itself has gone (an unplugged drive). */
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR'])
/** Failures after which the part file's bytes are still good for a resume. */
const KEEP_PART_ON = new Set<TransferErrorCode>([
  'connection_lost',
  'server_error',
  'unauthenticated',
  'failed',
])

/** The SHA-256 of `Repr-Digest: sha-256=:<base64>:` as hex, or null when the header names none. */
export function reprDigestSha256(header: string | null): string | null {
  if (header === null) return null
  for (const member of header.split(',')) {
    const match = /^\s*sha-256\s*=\s*:([A-Za-z0-9+/]+=*):\s*$/i.exec(member)
    if (match?.[1] !== undefined) return Buffer.from(match[1], 'base64').toString('hex')
  }
  return null
}

/** A strong validator usable in If-Range; weak ones (W/"…") may not be (RFC 9110, 13.1.5). */
function strongEtag(header: string | null): string | null {
  return header !== null && /^"[^"]*"$/.test(header) ? header : null
}

function statusFailure(status: number): TransferFailure {
  if (status === 401) return new TransferFailure('unauthenticated', 'The session has ended.')
  if (status === 404) return new TransferFailure('not_found', 'The document does not exist.')
  if (status >= 500) return new TransferFailure('server_error', `The server answered ${status}.`)
  return new TransferFailure('failed', `Unexpected answer ${status}.`)
}

/** Aborts when nothing arrives for `ms`; `touch` on every chunk. */
function idleTimer(ms: number): { signal: AbortSignal; touch: () => void; stop: () => void } {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const touch = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => controller.abort(new Error('idle')), ms)
    timer.unref()
  }
  touch()
  return { signal: controller.signal, touch, stop: () => clearTimeout(timer) }
}

/** Downloads one document into `folder`; never throws for a failed transfer, answers a result. */
export async function transfer(options: TransferOptions): Promise<TransferResult> {
  const expected = options.sha256.toLowerCase()
  if (!SHA256_HEX.test(expected)) throw new TypeError('sha256 must be 64 hex digits')
  if (!isPlainName(options.fileName)) throw new TypeError('fileName must be a plain file name')
  const partName = options.partName ?? partFileName(options.fileName)
  if (!isPlainName(partName)) throw new TypeError('partName must be a plain file name')
  const partPath = join(options.folder, partName)
  const openFile = options.fs?.open ?? ((path, flags, mode) => open(path, flags, mode))
  const idle = idleTimer(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal

  let file: FileHandle | undefined
  let etag: string | null = null
  // Whether the part file holds bytes worth resuming from if this try fails.
  let resumable = false

  const request = async (from: number): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/pdf' }
    if (from > 0 && options.resume) {
      headers.range = `bytes=${from}-`
      headers['if-range'] = options.resume.etag
    }
    let response: Response
    try {
      response = await options.fetch(options.path, { headers, signal })
    } catch (error) {
      if (signal.aborted) throw error
      throw new TransferFailure('connection_lost', `The request failed: ${String(error)}`)
    }
    // Cancelled while the answer was on its way (an in-process upstream does not watch the signal).
    if (signal.aborted) {
      await discardBody(response)
      throw signal.reason
    }
    return response
  }

  try {
    let from = 0
    if (options.resume) {
      try {
        from = (await stat(partPath)).size
      } catch {
        from = 0
      }
    }
    let response = await request(from)
    let start = 0
    let total: number | null = null
    if (response.status === 206) {
      const match = CONTENT_RANGE.exec(response.headers.get('content-range') ?? '')
      start = Number(match?.[1] ?? -1)
      total = match?.[3] === undefined || match[3] === '*' ? null : Number(match[3])
      if (from === 0 || start !== from) {
        // Not the range asked for: start over with the whole file.
        await discardBody(response)
        from = 0
        response = await request(0)
        start = 0
      }
    } else if (response.status === 416) {
      // The part file is longer than the document (it changed): start over.
      await discardBody(response)
      from = 0
      response = await request(0)
    }
    if (response.status === 200) {
      start = 0
      const length = response.headers.get('content-length')
      total = length !== null && /^\d+$/.test(length) ? Number(length) : null
    } else if (response.status !== 206) {
      await discardBody(response)
      // An earlier try's part file is still good for the document unless it is gone.
      resumable = from > 0 && response.status !== 404
      etag = options.resume?.etag ?? null
      throw statusFailure(response.status)
    }
    total ??= options.sizeBytes ?? null
    etag =
      strongEtag(response.headers.get('etag')) ??
      (start > 0 ? (options.resume?.etag ?? null) : null)

    const announced = reprDigestSha256(response.headers.get('repr-digest'))
    if (announced !== null && announced !== expected) {
      await discardBody(response)
      throw new TransferFailure(
        'digest_mismatch',
        'The server announces another document than the list.',
      )
    }

    const hash = createHash('sha256')
    if (response.body === null) throw new TransferFailure('failed', 'The answer has no body.')
    const wholeMax = options.fs === undefined ? (options.wholeMaxBytes ?? WHOLE_MAX_BYTES) : 0
    if (start === 0 && total !== null && total <= wholeMax) {
      // A letter: read whole, checked, then written in one step off main's thread.
      resumable = false
      const body = await readWhole(response.body, signal, total, (bytes) => {
        idle.touch()
        options.onProgress?.(bytes, total)
      })
      idle.stop()
      const actual = hash.update(body).digest('hex')
      if (actual !== expected || (announced !== null && actual !== announced)) {
        throw new TransferFailure('digest_mismatch', 'The file does not match its digest.')
      }
      const fileName = await finishDurably(options.folder, async () => {
        const name = await saveWhole(body, partPath, options)
        options.onLinked?.()
        return name
      })
      return { ok: true, path: join(options.folder, fileName), fileName, bytes: body.length }
    }
    if (start > 0) {
      file = await openFile(partPath, constants.O_RDWR | NOFOLLOW, 0o600)
      await hashExisting(file, start, hash)
      await file.truncate(start)
    } else {
      file = await createPartFile(openFile, partPath, options)
    }
    resumable = etag !== null
    let bytes = start
    options.onProgress?.(bytes, total)
    const appender = partFileAppender(file, start, options.fs?.write)
    const reading = readBody(response.body, signal, async (chunk) => {
      bytes += chunk.length
      idle.touch()
      // A server that sends more than it announced does not get to fill the disk.
      if (total !== null && bytes > total) {
        throw new TransferFailure('digest_mismatch', 'More bytes than announced.')
      }
      hash.update(chunk)
      options.onProgress?.(bytes, total)
      await appender.push(chunk)
    })
    // A write still on its way settles before the file is closed.
    await reading.catch(async (error: unknown) => {
      await appender.end().catch(() => undefined)
      throw error
    })
    await appender.end()
    if (total !== null && bytes !== total) {
      throw new TransferFailure('connection_lost', `Only ${bytes} of ${total} bytes arrived.`)
    }
    idle.stop()
    const actual = hash.digest('hex')
    if (actual !== expected || (announced !== null && actual !== announced)) {
      resumable = false
      throw new TransferFailure('digest_mismatch', 'The file does not match its digest.')
    }
    const synced = file
    const fileName = await finishDurably(options.folder, async () => {
      await synced.sync()
      await synced.close()
      file = undefined
      const name = await placeFile(options.folder, partPath, options.fileName)
      options.onLinked?.()
      return name
    })
    return { ok: true, path: join(options.folder, fileName), fileName, bytes }
  } catch (error) {
    const failure = classify(error, options.signal, idle.signal)
    const keep = resumable && etag !== null && KEEP_PART_ON.has(failure.code)
    await file?.close().catch(() => undefined)
    let resume: ResumeState | null = null
    if (keep && etag !== null) {
      const size = await stat(partPath).then(
        (s) => s.size,
        () => 0,
      )
      if (size > 0) resume = { bytes: size, etag }
    }
    if (resume === null) await removeFile(partPath).catch(() => undefined)
    return { ok: false, error: failure.code, message: failure.message, resume }
  } finally {
    idle.stop()
  }
}

/** Maps whatever went wrong to the stable code the renderer shows a message for. */
function classify(
  error: unknown,
  cancel: AbortSignal | undefined,
  idle: AbortSignal,
): TransferFailure {
  if (error instanceof TransferFailure) return error
  if (cancel?.aborted) return new TransferFailure('cancelled', 'Cancelled.')
  if (idle.aborted) return new TransferFailure('connection_lost', 'The connection stalled.')
  const code = errnoCode(error)
  if (code !== undefined && FULL_DISK.has(code))
    return new TransferFailure('disk_full', 'The disk is full.')
  if (code !== undefined && NOT_WRITABLE.has(code)) {
    return new TransferFailure('folder_not_writable', 'The folder cannot be written to.')
  }
  if (code !== undefined && /^E[A-Z]+$/.test(code) && !code.startsWith('ECONN')) {
    return new TransferFailure('failed', String(error))
  }
  // What is left came from the response body: the connection broke.
  return new TransferFailure('connection_lost', String(error))
}
