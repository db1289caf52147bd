/** The backend's configuration, validated at start with messages that name the bad setting. */
import { BlockList, isIP } from 'node:net'
import { EMAIL_RULE } from '../shared/api/limits.ts'
import type { SupportContacts } from '../shared/api/support.ts'

/** A count per window per key (an address, a client, an account); services/rate-limiter.ts counts against it. */
export interface RateLimit {
  max: number
  windowSeconds: number
}

export interface SmtpSettings {
  host: string
  port: number
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean
  user?: string
  pass?: string
  from: string
}

/** How the sender worker delivers the outbox's e-mails (with SMTP settings). */
export interface OutboxDeliverySettings {
  /** Attempts per e-mail; after the last failed one it is marked failed. */
  maxAttempts: number
  /** The wait after the first failed attempt; it doubles with each further one (with jitter). */
  retryBaseMs: number
  /** The longest wait between two attempts. */
  retryCapMs: number
  /**
   * How long a claimed e-mail stays its worker's: a worker that died leaves it due again
   * after this. An attempt is cut off after half of it, so a living worker never overruns it.
   */
  leaseMs: number
  /** How often a worker looks for due e-mails it was not woken for (another server, a retry). */
  pollIntervalMs: number
}

export interface BackendConfig {
  demo: boolean
  support: SupportContacts
  /** Start of every link in e-mails; from configuration, never from a request's Host header. */
  linkBase: string
  bodyLimitBytes: number
  /** Unconfirmed registrations are deleted after this. */
  confirmationHours: number
  resetLinkMinutes: number
  accessTokenMinutes: number
  refreshTokenDays: number
  /** A session (refresh family) ends this many days after its sign-in, however often it is refreshed. */
  sessionMaxDays: number
  /** Wrong passwords in a row that lock an account. */
  maxFailedSignIns: number
  rateLimits: {
    /** Per e-mail address, for resend and password reset. */
    perAddress: RateLimit
    /** Per client address, for sign-in. */
    signInPerClient: RateLimit
    /** Per client address, for registration, resend and reset. */
    mailPerClient: RateLimit
    /** Per client address, every request (a bank API's general limit; generous). */
    requestsPerClient: RateLimit
    /** Per signed-in customer (a valid bearer token), every request. */
    requestsPerCustomer: RateLimit
  }
  smtp: SmtpSettings | null
  outbox: OutboxDeliverySettings
  /**
   * The reverse proxies in front (addresses and CIDR ranges): only their X-Forwarded-For
   * names the client address that the rate limits count. Empty: the connection's address.
   */
  trustProxy: readonly string[]
}

export const defaultBackendConfig: BackendConfig = {
  demo: false,
  support: { phone: '+43 662 2191 4920', email: 'ksc@mini.at', hours: 'Mo–Fr 8:00–18:00' },
  linkBase: 'myminifinance://',
  bodyLimitBytes: 1_048_576,
  confirmationHours: 24,
  resetLinkMinutes: 30,
  accessTokenMinutes: 10,
  refreshTokenDays: 30,
  sessionMaxDays: 90,
  maxFailedSignIns: 3,
  rateLimits: {
    perAddress: { max: 5, windowSeconds: 3600 },
    signInPerClient: { max: 60, windowSeconds: 60 },
    mailPerClient: { max: 20, windowSeconds: 600 },
    // An hour's window, so that saving all of a large postbox (10,000 letters, as fast as
    // the disk allows) fits; the app's ordinary use stays far below.
    requestsPerClient: { max: 30_000, windowSeconds: 3600 },
    requestsPerCustomer: { max: 15_000, windowSeconds: 3600 },
  },
  smtp: null,
  outbox: {
    maxAttempts: 10,
    retryBaseMs: 30_000,
    retryCapMs: 3_600_000,
    leaseMs: 300_000,
    pollIntervalMs: 15_000,
  },
  trustProxy: [],
}

/** Settings that differ from the defaults; the delivery settings one by one. */
export type BackendConfigOverrides = Partial<Omit<BackendConfig, 'outbox'>> & {
  outbox?: Partial<OutboxDeliverySettings>
}

/** An attempt needs at least this much time (half the lease). */
const MIN_LEASE_MS = 10_000

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(
      `Backend setting ${name} must be a positive whole number; got ${String(value)}.`,
    )
  }
}

/** Merges overrides into the defaults and validates the result. */
export function validateBackendConfig(overrides: BackendConfigOverrides = {}): BackendConfig {
  const config: BackendConfig = {
    ...defaultBackendConfig,
    ...overrides,
    support: { ...defaultBackendConfig.support, ...overrides.support },
    rateLimits: { ...defaultBackendConfig.rateLimits, ...overrides.rateLimits },
    outbox: { ...defaultBackendConfig.outbox, ...overrides.outbox },
  }
  if (!/^\+[0-9 ]{6,20}$/.test(config.support.phone)) {
    throw new Error(
      `Backend setting support.phone must be an international number like +43 662 2191 4920.`,
    )
  }
  if (!new RegExp(`^${EMAIL_RULE}$`).test(config.support.email)) {
    throw new Error('Backend setting support.email must be an e-mail address.')
  }
  if (typeof config.support.hours !== 'string' || !config.support.hours.trim()) {
    throw new Error(
      'Backend setting support.hours must be a non-empty text such as "Mo–Fr 8:00–18:00".',
    )
  }
  if (config.linkBase !== 'myminifinance://' && !/^https:\/\/\S+[/#]$/.test(config.linkBase)) {
    throw new Error(
      'Backend setting linkBase must be "myminifinance://" or an https URL ending in "/" or "#".',
    )
  }
  for (const key of [
    'bodyLimitBytes',
    'confirmationHours',
    'resetLinkMinutes',
    'accessTokenMinutes',
    'refreshTokenDays',
    'sessionMaxDays',
    'maxFailedSignIns',
  ] as const) {
    positiveInteger(key, config[key])
  }
  for (const [name, limit] of Object.entries(config.rateLimits)) {
    positiveInteger(`rateLimits.${name}.max`, limit.max)
    positiveInteger(`rateLimits.${name}.windowSeconds`, limit.windowSeconds)
  }
  for (const [name, value] of Object.entries(config.outbox)) {
    positiveInteger(`outbox.${name}`, value)
  }
  if (config.outbox.retryCapMs < config.outbox.retryBaseMs) {
    throw new Error('Backend setting outbox.retryCapMs must not be less than outbox.retryBaseMs.')
  }
  if (config.outbox.leaseMs < MIN_LEASE_MS) {
    throw new Error(
      `Backend setting outbox.leaseMs must be at least ${MIN_LEASE_MS} (an attempt may take half of it).`,
    )
  }
  try {
    compileProxyTrust(config.trustProxy)
  } catch (error) {
    throw new Error(`Backend setting trustProxy: ${(error as Error).message}`, { cause: error })
  }
  if (config.smtp) {
    if (!config.smtp.host) throw new Error('Backend setting smtp.host is empty.')
    if (!Number.isInteger(config.smtp.port) || config.smtp.port < 1 || config.smtp.port > 65535) {
      throw new Error('Backend setting smtp.port must be a port number.')
    }
    if (!/^[^\s@]+@[^\s@]+$|<[^\s@]+@[^\s@]+>$/.test(config.smtp.from)) {
      throw new Error('Backend setting smtp.from must be a sender address.')
    }
  }
  return config
}

/** Reads SMTP, link and proxy settings from the environment (MMF_SMTP_*, MMF_LINK_BASE, MMF_TRUST_PROXY). */
export function backendConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Partial<BackendConfig> {
  const out: Partial<BackendConfig> = {}
  if (env.MMF_LINK_BASE) out.linkBase = env.MMF_LINK_BASE
  if (env.MMF_TRUST_PROXY) out.trustProxy = parseProxyList(env.MMF_TRUST_PROXY)
  if (env.MMF_SMTP_HOST) {
    out.smtp = {
      host: env.MMF_SMTP_HOST,
      port: Number(env.MMF_SMTP_PORT ?? '587'),
      secure: env.MMF_SMTP_SECURE === 'true',
      ...(env.MMF_SMTP_USER ? { user: env.MMF_SMTP_USER } : {}),
      ...(env.MMF_SMTP_PASS ? { pass: env.MMF_SMTP_PASS } : {}),
      from: env.MMF_SMTP_FROM ?? 'My MINI Finance <no-reply@mini.at>',
    }
  }
  return out
}

/*
 * The reverse proxies in front of the server (`--trust-proxy`, MMF_TRUST_PROXY): only
 * a connection from one of them may say through X-Forwarded-For who the client is
 * (the address the rate limits count) and bring its own X-Request-Id. From anywhere
 * else those headers are ignored, so that nobody dodges a limit by sending them.
 */

/** Whether an address (a connection's, or one named in X-Forwarded-For) is a trusted proxy. */
export type ProxyTrust = (address: string) => boolean

/** Parses "10.0.0.5, 10.1.0.0/16, ::1"; throws an Error naming the entry that is neither. */
export function parseProxyList(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  compileProxyTrust(entries)
  return entries
}

/** The trust test for a list of addresses and CIDR ranges (IPv4 and IPv6). */
export function compileProxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = prefix === undefined ? null : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN
    const max = family === 6 ? 128 : 32
    if (family === 0 || extra !== undefined || Number.isNaN(bits) || (bits ?? 0) > max) {
      throw new Error(
        `Trusted proxy "${entry}" is neither an IP address nor a range like 10.0.0.0/8.`,
      )
    }
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (bits === null) list.addAddress(address, type)
    else list.addSubnet(address, bits, type)
  }
  if (entries.length === 0) return () => false
  return (address) => {
    const family = isIP(address)
    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; BlockList matches it.
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
  }
}
