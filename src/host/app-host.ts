/**
 * The app host: what the desktop app (src/main) and the web preview (src/server)
 * both run, assembled in one place. The backend (embedded on a data directory,
 * or a remote API), the vault (the OS keychain; memory on a kiosk), the gateway
 * in front of the API with the terminal's kiosk settings, and the renderer's
 * files. Each root adds only what is its own: Electron's windows and IPC, or the
 * HTTP listener. Plain TypeScript (tested on Node).
 */
import {
  backendConfigFromEnv,
  createBackend,
  type Backend,
  type BackendConfigOverrides,
  type BackendOperations,
} from '../backend/index.ts'
import { createGateway, type Gateway } from '../gateway/gateway.ts'
import { createRendererFiles } from '../gateway/renderer-files.ts'
import { injectUpstream, remoteUpstream, type Upstream } from '../gateway/upstream.ts'
import type { Vault } from '../gateway/vault.ts'
import type { KioskSettings } from '../shared/kiosk.ts'
import { createPasswordHasher } from './password-hasher.ts'
import { loadKeychain } from './vault/keychain-vault.ts'
import { selectVault, vaultServiceName } from './vault/select-vault.ts'

// What the standalone server's operations need of the backend (it reaches it through here).
export {
  LOG_LEVELS,
  parseProxyList,
  parseSecretKey,
  readSecretKeyFile,
  type AnsweredRequest,
  type BackendOperations,
  type DatabaseStats,
  type LogLevel,
} from '../backend/index.ts'

export interface BackendOptions {
  /** The directory of the SQLite database. */
  dataDir: string
  /** postgres://…: the database instead of SQLite in dataDir (the standalone server). */
  database?: string | null
  /** Demo customers, the demo mailbox and clock, the simulated back office. */
  demo: boolean
  /** The process's environment: the backend's link base and SMTP settings. */
  env: Readonly<Record<string, string | undefined>>
  log: (line: string) => void
  /** Settings over those of the environment (the standalone server's command line). */
  config?: BackendConfigOverrides
  /** The standalone server's JSON log and metrics; absent in the desktop app. */
  operations?: BackendOperations
  /**
   * The secret key (32 bytes) the second factor's secrets are sealed with: the standalone
   * server's --secret-key-file or MMF_SECRET_KEY. Absent: the key file in `dataDir`
   * (created once; the desktop app, the web preview), never with `database`.
   */
  secretKey?: Uint8Array | null
}

/** Starts the embedded backend with the host's password hasher and the settings from the environment. */
export function startBackend(options: BackendOptions): Promise<Backend> {
  return createBackend({
    dataDir: options.dataDir,
    ...(options.database ? { database: options.database } : {}),
    demo: options.demo,
    config: { ...backendConfigFromEnv(options.env), ...options.config },
    hasher: createPasswordHasher(),
    ...(options.secretKey ? { secretKey: options.secretKey } : {}),
    log: options.log,
    ...(options.operations ? { operations: options.operations } : {}),
  })
}

export interface AppHostOptions extends BackendOptions {
  /** The remote API's base URL (already checked); null: the embedded backend on `dataDir`. */
  apiBaseUrl: string | null
  /** The terminal's settings; null outside kiosk mode. A kiosk never touches the keychain. */
  kioskSettings: KioskSettings | null
  /** Names the keychain entry, one per environment, so that two backends' sign-ins never mix. */
  vaultEnvironment: string
  /** The built renderer: index.html and its assets. */
  rendererDir: string
}

export interface AppHost {
  /** The gateway in front of the API: it keeps the tokens and guards every request. */
  gateway: Gateway
  vault: Vault
  /** The renderer's files, with the CSP. */
  files: (request: Request) => Promise<Response>
  /** The embedded backend; null with a remote API. */
  backend: Backend | null
  /** Whether the backend is the embedded one in demo mode (demo mailbox, demo clock). */
  demo: boolean
  /** Stops the embedded backend; a remote API has nothing to stop. */
  close(): Promise<void>
}

/** Assembles backend, vault, gateway and renderer files. */
export async function createAppHost(options: AppHostOptions): Promise<AppHost> {
  let backend: Backend | null = null
  let upstream: Upstream
  if (options.apiBaseUrl === null) {
    backend = await startBackend(options)
    upstream = injectUpstream(backend.app)
  } else {
    upstream = remoteUpstream(options.apiBaseUrl)
  }
  const kiosk = options.kioskSettings !== null
  const keychain = kiosk ? { keychain: null } : await loadKeychain()
  const { vault, fallbackReason } = await selectVault({
    keychain: keychain.keychain,
    keychainUnavailableReason: keychain.reason,
    service: vaultServiceName(options.vaultEnvironment),
    kiosk,
  })
  if (fallbackReason) options.log(`sign-ins are kept in memory only (${fallbackReason})`)
  const demo = backend !== null && options.demo
  const gateway = createGateway({
    upstream,
    vault,
    kiosk,
    kioskSettings: options.kioskSettings,
    demo,
    log: options.log,
  })
  return {
    gateway,
    vault,
    files: createRendererFiles(options.rendererDir),
    backend,
    demo,
    close: async () => backend?.close(),
  }
}
