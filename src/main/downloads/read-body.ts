/**
 * Reading an answer's body: chunk by chunk (a large document, into its part file),
 * whole (a letter, checked before anything is written), or not at all.
 */
import { TransferFailure } from './part-file.ts'

/**
 * Drops an answer's body unread. It waits one turn of the event loop first: a body
 * made by Node's `Readable.toWeb` (the in-process upstream) that is cancelled
 * before its first scheduled read throws an uncaught ERR_INVALID_STATE.
 */
export async function discardBody(response: Response): Promise<void> {
  if (response.body === null) return
  await new Promise((resolve) => setImmediate(resolve))
  await response.body.cancel().catch(() => undefined)
}

/**
 * Hands the body's chunks to `take` one after another (its promise is awaited
 * before the next read). An abort of `signal` cancels the body and rejects with
 * the signal's reason; a failure of `take` cancels the body too.
 */
export async function readBody(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  take: (chunk: Buffer) => Promise<void>,
): Promise<void> {
  signal.throwIfAborted()
  const reader = body.getReader()
  const cancel = (): void => {
    reader.cancel(signal.reason).catch(() => undefined)
  }
  signal.addEventListener('abort', cancel, { once: true })
  let complete = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      signal.throwIfAborted()
      if (done) break
      await take(Buffer.from(value.buffer, value.byteOffset, value.byteLength))
    }
    complete = true
  } finally {
    signal.removeEventListener('abort', cancel)
    if (!complete && !signal.aborted) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/**
 * The body, whole: at most `total` bytes (more is refused before it is kept), and
 * exactly that many, or the connection counts as lost.
 */
export async function readWhole(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  total: number,
  onProgress: (bytes: number) => void,
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let bytes = 0
  onProgress(0)
  await readBody(body, signal, async (chunk) => {
    bytes += chunk.length
    if (bytes > total) throw new TransferFailure('digest_mismatch', 'More bytes than announced.')
    chunks.push(chunk)
    onProgress(bytes)
  })
  if (bytes !== total) {
    throw new TransferFailure('connection_lost', `Only ${bytes} of ${total} bytes arrived.`)
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, bytes)
}
