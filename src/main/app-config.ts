/**
 * The desktop app's start-up configuration, from the command line and the
 * environment, validated before anything starts. Plain TypeScript (tested on Node).
 */
import { isAbsolute, join } from 'node:path'
import { parseRemoteBaseUrl } from '../gateway/upstream.ts'

export interface AppConfig {
  /** null: the embedded backend with demo data; otherwise the remote API's base URL. */
  apiBaseUrl: string | null
  /** Where the embedded backend keeps its database. */
  dataDir: string
  kiosk: boolean
}

/** Reads `--name value` or `--name=value` from argv; Electron adds its own arguments, so others are ignored. */
function option(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === `--${name}`) return argv[i + 1]
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
  }
  return undefined
}

/** Resolves the configuration; throws an Error whose message tells the user what to fix. */
export function resolveAppConfig(input: {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  userDataDir: string
}): AppConfig {
  const apiBaseUrl = option(input.argv, 'api-base-url') ?? input.env.MMF_API_BASE_URL ?? null
  if (apiBaseUrl !== null) parseRemoteBaseUrl(apiBaseUrl)
  const dataDir =
    option(input.argv, 'data-dir') ?? input.env.MMF_DATA_DIR ?? join(input.userDataDir, 'backend')
  if (!isAbsolute(dataDir)) {
    throw new Error(`The data directory must be an absolute path; got "${dataDir}".`)
  }
  const kiosk = input.argv.includes('--kiosk')
  return { apiBaseUrl: apiBaseUrl || null, dataDir, kiosk }
}
