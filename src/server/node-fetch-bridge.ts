/** Converts between Node's http objects and Fetch's Request/Response (the gateway's types). */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * After an answer sent before the request's body arrived in full (a 413 that stopped
 * reading, a 401 or 403 that never started), the rest of the body is read and dropped for
 * at most this many bytes or this long, then the connection is closed. Closing at once,
 * with unread bytes waiting, would reset the connection and could take the answer with it.
 */
const LINGER_BYTES = 1_048_576
const LINGER_MS = 2000

/**
 * The request's body as a stream that reads from the socket only when pulled. Cancelling it
 * stops reading without destroying the socket, so an answer (413) can still be sent.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause()
        req.on('data', (chunk: Buffer) => {
          if (finished) return
          controller.enqueue(chunk)
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        })
        req.once('end', () => {
          if (finished) return
          finished = true
          controller.close()
        })
        req.once('close', () => {
          if (finished) return
          finished = true
          controller.error(new Error('The request body broke off.'))
        })
      },
      pull() {
        req.resume()
      },
      cancel() {
        finished = true
        req.pause()
      },
    },
    { highWaterMark: 1 },
  )
}

/** Builds a Fetch Request from an incoming Node request (body streamed). */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string
    // Pseudo-headers and hop-by-hop framing are the server's business.
    if (name.startsWith(':') || name.toLowerCase() === 'transfer-encoding') continue
    headers.append(name, req.rawHeaders[i + 1] as string)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? bodyStream(req) : null,
    duplex: 'half',
  } as RequestInit)
}

/**
 * Closes the connection of an answer sent before its request's body arrived in full: our
 * side ends after the answer, what is left of the body is read and dropped (bounded), then
 * the socket goes. Node's own close right after the answer would, with unread bytes
 * waiting, reset the connection, and the client could lose the answer with it.
 */
function closeAfterUnreadBody(req: IncomingMessage): void {
  const socket = req.socket
  socket.end()
  let dropped = 0
  const close = (): void => {
    clearTimeout(timer)
    socket.destroy()
  }
  const timer = setTimeout(close, LINGER_MS)
  timer.unref()
  req.removeAllListeners('data')
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.byteLength
    if (dropped > LINGER_BYTES) close()
  })
  req.once('end', close)
  // The client closed its side as well (it read the answer and `Connection: close`).
  socket.once('end', close)
  socket.once('close', () => clearTimeout(timer))
  req.resume()
}

/** Writes a Fetch Response to a Node response, streaming its body. */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  const req = res.req
  if (!req.complete) {
    // Answered before the body was read (413, 401, 403): this connection carries no more.
    headers.connection = 'close'
    // Node ends a `Connection: close` socket after the answer with destroySoon(); here the
    // rest of the body is dropped first.
    const socket = req.socket
    const destroySoon = socket.destroySoon.bind(socket)
    socket.destroySoon = () => {
      if (req.complete) destroySoon()
      else closeAfterUnreadBody(req)
    }
  }
  res.writeHead(response.status, headers)
  if (!response.body) {
    res.end()
    return
  }
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res)
}
