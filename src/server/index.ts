/**
 * The standalone server (`npm run server`): the backend over HTTP, and with
 * --web the web preview (built renderer + gateway in front of the API).
 * A composition root like main/index.ts: it only wires the parts together.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createAppHost, startBackend, type AppHost } from '../host/app-host.ts'
import { previewKioskSettings } from '../host/kiosk/kiosk-config.ts'
import { KIOSK_DEFAULT_SETTINGS, type KioskSettings } from '../shared/kiosk.ts'
import { describeDatabase, parseServerArgs, USAGE } from './args.ts'
import { startHttpServer } from './http-server.ts'
import type { RunningMetrics } from './metrics.ts'
import { createPreviewAccess, PREVIEW_LINK_LABEL, type PreviewAccess } from './preview-access.ts'
import { openInBrowser, type BrowserLaunch } from './open-browser.ts'
import { createWebPreviewHandler } from './web-preview.ts'

/** Text lines until the API server's JSON logger runs; the web preview keeps them. */
let log = (line: string): void => console.log(line)

/** The health probes (routes/health.ts): a load balancer asks for them by the node's address. */
const HEALTH_PATHS = ['/healthz', '/readyz']

/** A listening address as a URL writes it (IPv6 in brackets). */
const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host)

/** The built renderer: next to the bundle (out/main → out/renderer), or out/renderer when run from the sources. */
function defaultRendererDir(): string {
  const fromSources = import.meta.dirname.endsWith(join('src', 'server'))
  return join(import.meta.dirname, fromSources ? '../../out/renderer' : '../renderer')
}

async function main(): Promise<void> {
  let options
  try {
    options = parseServerArgs(process.argv.slice(2), {
      rendererDir: defaultRendererDir(),
      env: process.env,
    })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options.web && !existsSync(join(options.rendererDir, 'index.html'))) {
    console.error(
      `The web preview needs the built app in ${options.rendererDir}. Run "npm run build" first.`,
    )
    process.exit(2)
  }

  let kioskSettings: KioskSettings = { ...KIOSK_DEFAULT_SETTINGS }
  if (options.kioskConfig) {
    try {
      kioskSettings = previewKioskSettings(
        readFileSync(options.kioskConfig, 'utf8'),
        options.kioskConfig,
      )
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error))
      process.exit(2)
    }
  }

  // The sender worker logs later, through whatever `log` is then.
  const backendOptions = {
    dataDir: options.dataDir,
    database: options.database,
    secretKey: options.secretKey,
    demo: options.demo,
    env: process.env,
    log: (line: string) => log(line),
  }
  const ops = options.operations
  let metrics: RunningMetrics | null = null
  let handle: Parameters<typeof startHttpServer>[0]['handle']
  let access: PreviewAccess | null = null
  let launch: BrowserLaunch | null = null
  let close: () => Promise<void>
  if (options.web) {
    // The web preview: the same app host as the desktop app, on the embedded backend.
    const host: AppHost = await createAppHost({
      ...backendOptions,
      apiBaseUrl: null,
      kioskSettings: options.kiosk ? kioskSettings : null,
      vaultEnvironment: `web-preview ${options.dataDir}`,
      rendererDir: options.rendererDir,
    })
    // The forwarding page for the browser (--open) has done its work once the link was used.
    access = createPreviewAccess({ onEntered: () => launch?.remove() })
    handle = createWebPreviewHandler({ gateway: host.gateway, files: host.files, access, log })
    close = host.close
  } else {
    // prom-client and the metrics listener are loaded only for a metrics port (not on the start path).
    const metricsModule = ops.metrics ? await import('./metrics.ts') : null
    const serverMetrics = metricsModule?.createServerMetrics() ?? null
    const backend = await startBackend({
      ...backendOptions,
      ...(ops.trustProxy ? { config: { trustProxy: ops.trustProxy } } : {}),
      operations: { logger: { level: ops.logLevel }, ...serverMetrics?.operations },
    })
    // From here on every line is JSON, through the backend's logger (asynchronous).
    log = (line) => backend.app.log.info(line)
    handle = (req, res) => backend.app.routing(req, res)
    close = backend.close
    if (ops.metrics && serverMetrics && metricsModule) {
      serverMetrics.watch(backend)
      metrics = await metricsModule.startMetricsServer({
        ...ops.metrics,
        registry: serverMetrics.registry,
        log,
      })
    }
  }

  const running = await startHttpServer({
    host: options.host,
    port: options.port,
    handle,
    log,
    ...(options.web
      ? {}
      : { serverNames: ops.serverNames, openPaths: HEALTH_PATHS, drainMs: ops.shutdownTimeoutMs }),
  })
  const what = options.web ? `web preview${options.kiosk ? ' (kiosk)' : ''}` : 'API'
  const address = `http://${urlHost(options.host)}:${running.port}`
  log(
    `My MINI Finance ${what} on ${address}/` +
      `${options.demo ? ' with demo data' : ''}, ${describeDatabase(options)}`,
  )
  if (metrics && ops.metrics) {
    log(`Metrics on http://${urlHost(ops.metrics.host)}:${metrics.port}/metrics`)
  }
  if (access) {
    const link = `${address}${access.entryPath}`
    log(`${PREVIEW_LINK_LABEL} ${link}`)
    if (options.open) launch = openInBrowser(link, { log })
  }

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    log(`${signal}: shutting down`)
    launch?.remove()
    // No new connections; requests under way finish (at most the shutdown timeout); then
    // the metrics port, the sender worker, the app and the database close.
    running
      .close()
      .then(() => metrics?.close())
      .then(() => close())
      .then(() => log('stopped'))
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error)
        process.exit(1)
      })
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

void main().catch((error: unknown) => {
  console.error(
    `The server could not start: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
