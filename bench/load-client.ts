/**
 * A small keep-alive load generator, run as a process of its own by
 * bench/server-throughput.ts: N connections, each sending one GET, reading the
 * whole answer and sending the next (no pipelining), for a given time. Plain
 * `node:net` and a minimal reader of HTTP/1.1 answers (Content-Length or chunked),
 * so that the client costs little of the CPU the server needs. Every connection
 * comes from an address of its own in 127.0.0.0/8 (`addressBase` + its number):
 * the server's per-address rate limit then counts each connection apart, as it
 * would count separate customers. Prints one line of JSON (`LoadResult`).
 *
 * Usage: node bench/load-client.ts <port> <path> <connections> <ms> <addressBase>
 */
import { connect, type Socket } from 'node:net'

export interface LoadResult {
  requests: number
  /** Answers with another status than 200 (or broken ones). */
  failures: number
  elapsedMs: number
  /** Every request's time from sending to the answer's last byte, in ms. */
  latenciesMs: number[]
}

const HEADER_END = Buffer.from('\r\n\r\n')

/** How far `buffer` holds one complete answer: its length and status, or null for "read on". */
function completeAnswer(buffer: Buffer): { length: number; status: number } | null {
  const headerEnd = buffer.indexOf(HEADER_END)
  if (headerEnd < 0) return null
  const head = buffer.toString('latin1', 0, headerEnd)
  const status = Number(head.slice(9, 12))
  const bodyStart = headerEnd + 4
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)
  if (length) {
    const end = bodyStart + Number(length[1])
    return buffer.length >= end ? { length: end, status } : null
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const last = buffer.indexOf('\r\n0\r\n\r\n', bodyStart - 2)
    return last < 0 ? null : { length: last + 7, status }
  }
  return { length: bodyStart, status }
}

/** Runs the load; resolves when every connection has had its last answer. */
export async function runLoad(options: {
  port: number
  path: string
  connections: number
  durationMs: number
  addressBase: string
}): Promise<LoadResult> {
  const request = Buffer.from(
    `GET ${options.path} HTTP/1.1\r\nHost: 127.0.0.1:${options.port}\r\nAccept: application/json\r\n\r\n`,
  )
  const latencies: number[] = []
  let failures = 0
  const started = performance.now()
  const until = started + options.durationMs

  const one = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const socket: Socket = connect({
        port: options.port,
        host: '127.0.0.1',
        localAddress: `${options.addressBase}.${index + 1}`,
        noDelay: true,
      })
      let buffer: Buffer = Buffer.alloc(0)
      let sent = 0
      const send = (): void => {
        sent = performance.now()
        socket.write(request)
      }
      socket.on('connect', send)
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
        for (;;) {
          const answer = completeAnswer(buffer)
          if (answer === null) return
          const now = performance.now()
          latencies.push(now - sent)
          if (answer.status !== 200) failures += 1
          buffer = buffer.subarray(answer.length)
          if (now >= until) {
            socket.end()
            resolve()
            return
          }
          send()
        }
      })
      socket.on('error', reject)
      socket.on('close', () => resolve())
    })

  await Promise.all(Array.from({ length: options.connections }, (_, i) => one(i)))
  return {
    requests: latencies.length,
    failures,
    elapsedMs: performance.now() - started,
    latenciesMs: latencies,
  }
}

if (process.argv[1] === import.meta.filename) {
  const [port, path, connections, durationMs, addressBase] = process.argv.slice(2)
  const result = await runLoad({
    port: Number(port),
    path: path ?? '/',
    connections: Number(connections),
    durationMs: Number(durationMs),
    addressBase: addressBase ?? '127.0.0',
  })
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
