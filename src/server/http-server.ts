/**
 * The standalone server's HTTP listener: Host check, clean shutdown. The API's
 * requests are logged by the backend's own logger (a JSON line each).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { allowedHosts, isAllowedHost } from './host-check.ts'

export interface HttpServerOptions {
  host: string
  port: number
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>
  log: (line: string) => void
  /** Host names a reverse proxy sends, accepted besides the listening address's (--server-name). */
  serverNames?: readonly string[]
  /** Paths answered whatever the Host header (the health probes: a balancer asks by address). */
  openPaths?: readonly string[]
  /** On close, how long requests under way may finish before their connections are cut. */
  drainMs?: number
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

/** Binds a server to host:port; resolves with the port bound (a free one for 0). */
export async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  return typeof address === 'object' && address ? address.port : port
}

/** Starts listening; resolves when the port is bound. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const hostsOf = (port: number): Set<string> =>
    new Set([...allowedHosts(options.host, port), ...(options.serverNames ?? [])])
  let allowed = hostsOf(options.port)
  const openPaths = new Set(options.openPaths ?? [])
  const server = createServer((req, res) => {
    const open = openPaths.size > 0 && openPaths.has((req.url ?? '').split('?')[0] ?? '')
    if (!open && !isAllowedHost(allowed, req.headers.host)) {
      options.log(`refused a request for a foreign host name (421)`)
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
  const port = await listen(server, options.host, options.port)
  allowed = hostsOf(port)
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A connection whose request is still running turns idle later: close it then, not
        // after the (long) keep-alive timeout; after the drain time nothing waits any more.
        const sweep = setInterval(() => server.closeIdleConnections(), 50)
        const deadline = setTimeout(() => {
          options.log('requests still running at the end of the shutdown timeout were cut off')
          server.closeAllConnections()
        }, options.drainMs ?? 5000)
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
