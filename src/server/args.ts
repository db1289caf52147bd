/** The standalone server's command line, validated with messages that say what to fix. */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

export interface ServerOptions {
  port: number
  host: string
  /** The SQLite database's directory; '' with --database (PostgreSQL). */
  dataDir: string
  /** postgres://… (--database or MMF_DATABASE_URL): the server runs on PostgreSQL; null: SQLite in dataDir. */
  database: string | null
  demo: boolean
  web: boolean
  kiosk: boolean
  /** With --web: open the one-time link in the default browser (`npm start`'s fallback). */
  open: boolean
  /** With --kiosk: a kiosk.json to read the terminal's settings from (for trying them out). */
  kioskConfig: string | null
  /** The built renderer, served with --web. */
  rendererDir: string
}

export const USAGE = `Usage: npm run server -- (--data <dir> | --database <url>) [--port <p>] [--host <addr>] [--demo] [--web [--open]] [--kiosk [--kiosk-config <file>]]

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
                  the machine-wide file; its ownership is not checked here)`

/** Parses argv (without node and script); throws an Error with a user-facing message. */
export function parseServerArgs(
  argv: readonly string[],
  defaults: { rendererDir: string },
  env: Readonly<Record<string, string | undefined>> = {},
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
      demo: { type: 'boolean', default: false },
      web: { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
      kiosk: { type: 'boolean', default: false },
      'kiosk-config': { type: 'string' },
      renderer: { type: 'string' },
    },
  })
  // Digits only: Number() would read "" as 0 (a random port), "0x50" as 80.
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535; got "${values.port}".`)
  }
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
  if (values.kiosk && !values.web) throw new Error('--kiosk only makes sense with --web.')
  if (values.open && !values.web) throw new Error('--open only makes sense with --web.')
  if (values['kiosk-config'] !== undefined && !values.kiosk) {
    throw new Error('--kiosk-config only makes sense with --kiosk.')
  }
  // The web preview's gateway holds one customer's session: never offer it to the network.
  if (values.web && !['127.0.0.1', '::1', 'localhost'].includes(values.host)) {
    throw new Error('--web listens on this computer only (--host 127.0.0.1, ::1 or localhost).')
  }
  return {
    port,
    host: values.host,
    dataDir: values.data ? resolve(values.data) : '',
    database,
    demo: values.demo,
    web: values.web,
    kiosk: values.kiosk,
    open: values.open,
    kioskConfig: values['kiosk-config'] === undefined ? null : resolve(values['kiosk-config']),
    rendererDir: resolve(values.renderer ?? defaults.rendererDir),
  }
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
