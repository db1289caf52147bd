/** The standalone server's HTTP listener: Host check, one log line per request, clean shutdown. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { allowedHosts, isAllowedHost } from './host-check.ts'
import { requestLogLine } from './request-log.ts'

export interface HttpServerOptions {
  host: string
  port: number
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>
  log: (line: string) => void
}

export interface RunningServer {
  server: Server
  port: number
  close(): Promise<void>
}

// node:http as CommonJS: its ES module facade reads every export, and the lazy ones
// (WebSocket, …) load undici, a thirtieth of a second at start that nothing here uses.
const { createServer } = process.getBuiltinModule('node:http')

const MISDIRECTED = JSON.stringify({
  error: { code: 'forbidden', message: 'This server does not answer to that host name.' },
})

/** Starts listening; resolves when the port is bound. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  let allowed = allowedHosts(options.host, options.port)
  const server = createServer((req, res) => {
    const started = performance.now()
    res.on('finish', () => {
      options.log(
        requestLogLine({
          time: new Date(),
          method: req.method ?? '?',
          url: req.url ?? '',
          status: res.statusCode,
          durationMs: performance.now() - started,
        }),
      )
    })
    if (!isAllowedHost(allowed, req.headers.host)) {
      res.writeHead(421, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      })
      res.end(MISDIRECTED)
      return
    }
    Promise.resolve(options.handle(req, res)).catch((error: unknown) => {
      options.log(`request failed: ${error instanceof Error ? error.message : String(error)}`)
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(
          JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong.' } }),
        )
      } else {
        res.destroy()
      }
    })
  })
  // Longer than the clients' own idle limit (Node's agent: 5 s; browsers: longer), so the
  // client drops an idle connection first. With both at 5 s a request sent on a socket the
  // server was closing at that moment failed with ECONNRESET (seen in CI).
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 10_000
  server.requestTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  allowed = allowedHosts(options.host, port)
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A connection whose request is still running turns idle later: close it then, not
        // after the (long) keep-alive timeout; after 5 s nothing waits any more.
        const sweep = setInterval(() => server.closeIdleConnections(), 50)
        const deadline = setTimeout(() => server.closeAllConnections(), 5000)
        server.close((error) => {
          clearInterval(sweep)
          clearTimeout(deadline)
          if (error) reject(error)
          else resolve()
        })
        server.closeIdleConnections()
      }),
  }
}
