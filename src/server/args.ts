/** The standalone server's command line, validated with messages that say what to fix. */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  LOG_LEVELS,
  parseProxyList,
  parseSecretKey,
  readSecretKeyFile,
  type LogLevel,
} from '../host/app-host.ts'

/** How the API server is run in production (docs/operations.md); none of it with --web. */
export interface OperationsOptions {
  /** --trust-proxy: the reverse proxies' addresses; null: MMF_TRUST_PROXY (or none). */
  trustProxy: string[] | null
  /** --metrics-port/--metrics-host: where Prometheus reads the metrics; null: off. */
  metrics: { host: string; port: number } | null
  /** --shutdown-timeout: how long requests under way may finish after SIGTERM. */
  shutdownTimeoutMs: number
  /** --log-level: the request log's level (info: a line per request). */
  logLevel: LogLevel
  /** --server-name: the host names a reverse proxy sends in Host, besides --host's own. */
  serverNames: string[]
}

export interface ServerOptions {
  port: number
  host: string
  /** The SQLite database's directory; '' with --database (PostgreSQL). */
  dataDir: string
  /** postgres://… (--database or MMF_DATABASE_URL): the server runs on PostgreSQL; null: SQLite in dataDir. */
  database: string | null
  /**
   * The secret key (32 bytes; --secret-key-file or MMF_SECRET_KEY), required with
   * --database; null: the key file in the data directory (created once).
   */
  secretKey: Buffer | null
  demo: boolean
  web: boolean
  kiosk: boolean
  /** With --web: open the one-time link in the default browser (`npm start`'s fallback). */
  open: boolean
  /** With --kiosk: a kiosk.json to read the terminal's settings from (for trying them out). */
  kioskConfig: string | null
  /** The built renderer, served with --web. */
  rendererDir: string
  operations: OperationsOptions
}

export const USAGE = `Usage: npm run server -- (--data <dir> | --database <url>) [--port <p>] [--host <addr>] [--demo] [--web [--open]] [--kiosk [--kiosk-config <file>]]
       [--trust-proxy <addresses>] [--server-name <names>] [--metrics-port <p> [--metrics-host <addr>]]
       [--shutdown-timeout <s>] [--log-level <level>]

  --data <dir>    directory of the SQLite database (created if missing)
  --database <url>
                  run on PostgreSQL instead: postgres://user:password@host:5432/db
                  (or the environment variable MMF_DATABASE_URL); any number of
                  servers may share one database
  --port <p>      TCP port, default 4810 (0 picks a free one)
  --host <addr>   address to listen on, default 127.0.0.1
  --demo          demo data, demo mailbox and demo clock
  --web           also serve the app (web preview) with the gateway in front of the API;
                  it prints a link that lets one browser in (it works once)
  --open          with --web: open that link in the default browser
  --kiosk         with --web: behave like a dealership terminal
  --kiosk-config <file>
                  with --kiosk: the terminal's settings from this kiosk.json (same format as
                  the machine-wide file; its ownership is not checked here)

Running the API server (not with --web; each also from the environment, see docs/operations.md):
  --secret-key-file <path>
                  the secret key the second factor's secrets are sealed with: 32 random
                  bytes in base64 (openssl rand -base64 32); or MMF_SECRET_KEY. Required
                  with --database (the same on every node); without it on SQLite, the
                  key file secret-key in the data directory, created once
  --trust-proxy <addresses>
                  reverse proxies (addresses or ranges like 10.0.0.0/24, comma-separated)
                  whose X-Forwarded-For names the client (MMF_TRUST_PROXY)
  --server-name <names>
                  host names the proxy sends in Host, comma-separated (MMF_SERVER_NAME)
  --metrics-port <p>
                  serve Prometheus metrics at /metrics on this port (MMF_METRICS_PORT); off by default
  --metrics-host <addr>
                  address of the metrics port, default --host (MMF_METRICS_HOST)
  --shutdown-timeout <s>
                  seconds requests may finish after SIGTERM, default 10 (MMF_SHUTDOWN_TIMEOUT)
  --log-level <level>
                  fatal, error, warn, info (a line per request; default), debug, trace or
                  silent (MMF_LOG_LEVEL)`

/** Digits only: Number() would read "" as 0 (a random port), "0x50" as 80. */
function portOf(flag: string, text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a whole number from 0 to 65535; got "${text}".`)
  }
  return port
}

/** A comma-separated list, without empty entries. */
const listOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)

/** The operations settings from the flags, else the environment. */
function operationsOf(
  values: Record<string, string | boolean | undefined>,
  env: Readonly<Record<string, string | undefined>>,
  host: string,
): OperationsOptions {
  const text = (flag: string, variable: string): string | undefined => {
    const value = values[flag]
    return typeof value === 'string' ? value : env[variable] || undefined
  }
  const trustProxy = typeof values['trust-proxy'] === 'string' ? values['trust-proxy'] : undefined
  const metricsPort = text('metrics-port', 'MMF_METRICS_PORT')
  const timeout = text('shutdown-timeout', 'MMF_SHUTDOWN_TIMEOUT') ?? '10'
  if (!/^\d{1,4}$/.test(timeout) || Number(timeout) < 1) {
    throw new Error(
      `--shutdown-timeout (MMF_SHUTDOWN_TIMEOUT) must be a whole number of seconds from 1; got "${timeout}".`,
    )
  }
  const logLevel = text('log-level', 'MMF_LOG_LEVEL') ?? 'info'
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new Error(
      `--log-level (MMF_LOG_LEVEL) must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`,
    )
  }
  return {
    trustProxy: trustProxy === undefined ? null : parseProxyList(trustProxy),
    metrics:
      metricsPort === undefined
        ? null
        : {
            host: text('metrics-host', 'MMF_METRICS_HOST') ?? host,
            port: portOf('--metrics-port (MMF_METRICS_PORT)', metricsPort),
          },
    shutdownTimeoutMs: Number(timeout) * 1000,
    logLevel: logLevel as LogLevel,
    serverNames: listOf(text('server-name', 'MMF_SERVER_NAME')).map((name) => name.toLowerCase()),
  }
}

/** Parses argv (without node and script); throws an Error with a user-facing message. */
export function parseServerArgs(
  argv: readonly string[],
  defaults: { rendererDir: string; env?: Readonly<Record<string, string | undefined>> },
): ServerOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '4810' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      database: { type: 'string' },
      'secret-key-file': { type: 'string' },
      demo: { type: 'boolean', default: false },
      web: { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
      kiosk: { type: 'boolean', default: false },
      'kiosk-config': { type: 'string' },
      renderer: { type: 'string' },
      'trust-proxy': { type: 'string' },
      'server-name': { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-host': { type: 'string' },
      'shutdown-timeout': { type: 'string' },
      'log-level': { type: 'string' },
    },
  })
  const port = portOf('--port', values.port)
  const env = defaults.env ?? {}
  const database = values.database ?? env.MMF_DATABASE_URL ?? null
  if (database !== null && !isPostgresUrl(database)) {
    throw new Error('--database must be a PostgreSQL URL: postgres://user:password@host:5432/db.')
  }
  if (!values.data && database === null) {
    throw new Error('--data <dir> (SQLite) or --database <url> (PostgreSQL) is required.')
  }
  if (values.web && database !== null) {
    throw new Error('--web runs on the embedded database only (--data <dir>, without --database).')
  }
  const secretKey = secretKeyOf(values['secret-key-file'], env.MMF_SECRET_KEY)
  if (secretKey === null && database !== null) {
    throw new Error(
      '--database needs the secret key, the same on every node: --secret-key-file <path> or MMF_SECRET_KEY (32 bytes, base64). Make one with: openssl rand -base64 32',
    )
  }
  if (values.kiosk && !values.web) throw new Error('--kiosk only makes sense with --web.')
  if (values.open && !values.web) throw new Error('--open only makes sense with --web.')
  if (values['kiosk-config'] !== undefined && !values.kiosk) {
    throw new Error('--kiosk-config only makes sense with --kiosk.')
  }
  // The web preview's gateway holds one customer's session: never offer it to the network.
  if (values.web && !['127.0.0.1', '::1', 'localhost'].includes(values.host)) {
    throw new Error('--web listens on this computer only (--host 127.0.0.1, ::1 or localhost).')
  }
  for (const flag of ['trust-proxy', 'server-name', 'metrics-port', 'metrics-host'] as const) {
    if (values.web && values[flag] !== undefined) {
      throw new Error(
        `--${flag} is for the API server; the web preview (--web) has no proxy in front.`,
      )
    }
  }
  if (values['metrics-host'] !== undefined && values['metrics-port'] === undefined) {
    throw new Error('--metrics-host only makes sense with --metrics-port.')
  }
  const operations = operationsOf(values, defaults.env ?? {}, values.host)
  if (operations.metrics && operations.metrics.port !== 0 && operations.metrics.port === port) {
    throw new Error(
      '--metrics-port must differ from --port: the metrics are never on the API port.',
    )
  }
  return {
    port,
    host: values.host,
    dataDir: values.data ? resolve(values.data) : '',
    database,
    secretKey,
    demo: values.demo,
    web: values.web,
    kiosk: values.kiosk,
    open: values.open,
    kioskConfig: values['kiosk-config'] === undefined ? null : resolve(values['kiosk-config']),
    rendererDir: resolve(values.renderer ?? defaults.rendererDir),
    operations,
  }
}

/** The secret key from --secret-key-file, else MMF_SECRET_KEY; null when neither is set. */
function secretKeyOf(file: string | undefined, env: string | undefined): Buffer | null {
  if (file !== undefined) return readSecretKeyFile(resolve(file))
  if (env) return parseSecretKey(env, 'MMF_SECRET_KEY')
  return null
}

/** Whether `value` is a postgres:// or postgresql:// URL with a host. */
function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
  } catch {
    return false
  }
}

/** The database URL without its password, for the log. */
export function describeDatabase(options: Pick<ServerOptions, 'database' | 'dataDir'>): string {
  if (options.database === null) return `data in ${options.dataDir}`
  const url = new URL(options.database)
  url.password = ''
  url.search = ''
  return `database ${url.toString()}`
}
