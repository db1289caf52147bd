/** The standalone server's command line: safe defaults, and a message that says what to fix. */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeDatabase, parseServerArgs } from '../../../src/server/args.ts'

const defaults = { rendererDir: '/opt/app/renderer' }
/** A secret key (32 bytes). */
const KEY = randomBytes(32)

/** The API server's operations settings when nothing is given. */
const NO_OPERATIONS = {
  trustProxy: null,
  metrics: null,
  shutdownTimeoutMs: 10_000,
  logLevel: 'info',
  serverNames: [],
}

describe('server arguments', () => {
  it('has safe defaults: loopback, port 4810, no demo, no web, no browser opened, no kiosk', () => {
    expect(parseServerArgs(['--data', '/tmp/mmf'], defaults)).toEqual({
      host: '127.0.0.1',
      port: 4810,
      dataDir: '/tmp/mmf',
      database: null,
      secretKey: null,
      demo: false,
      web: false,
      open: false,
      kiosk: false,
      kioskConfig: null,
      rendererDir: '/opt/app/renderer',
      operations: NO_OPERATIONS,
    })
  })

  it('takes every option, and resolves relative folders against the working directory', () => {
    expect(
      parseServerArgs(
        [
          '--data=./data',
          '--port',
          '0',
          '--demo',
          '--web',
          '--open',
          '--kiosk',
          '--kiosk-config',
          'kiosk.json',
          '--renderer',
          'out/r',
        ],
        defaults,
      ),
    ).toEqual({
      host: '127.0.0.1',
      port: 0,
      dataDir: resolve('data'),
      database: null,
      secretKey: null,
      demo: true,
      web: true,
      open: true,
      kiosk: true,
      kioskConfig: resolve('kiosk.json'),
      rendererDir: resolve('out/r'),
      operations: NO_OPERATIONS,
    })
  })

  it('takes the API server’s operations settings from the command line', () => {
    const argv = [
      '--data=/d',
      '--host',
      '0.0.0.0',
      '--trust-proxy',
      '10.0.0.5, 10.1.0.0/16',
      '--server-name',
      'Portal.Example.at,portal.example.at:443',
      '--metrics-port',
      '9464',
      '--metrics-host',
      '10.0.0.11',
      '--shutdown-timeout',
      '30',
      '--log-level',
      'warn',
    ]
    expect(parseServerArgs(argv, defaults).operations).toEqual({
      trustProxy: ['10.0.0.5', '10.1.0.0/16'],
      metrics: { host: '10.0.0.11', port: 9464 },
      shutdownTimeoutMs: 30_000,
      logLevel: 'warn',
      serverNames: ['portal.example.at', 'portal.example.at:443'],
    })
  })

  it('names the variable when a value from the environment is wrong', () => {
    expect(() =>
      parseServerArgs(['--data', '/d'], { ...defaults, env: { MMF_METRICS_PORT: 'x' } }),
    ).toThrow(/MMF_METRICS_PORT/)
  })

  it('takes them from the environment, the command line winning', () => {
    const env = {
      MMF_METRICS_PORT: '9464',
      MMF_SHUTDOWN_TIMEOUT: '20',
      MMF_LOG_LEVEL: 'error',
      MMF_SERVER_NAME: 'portal.example.at',
    }
    const parsed = parseServerArgs(['--data', '/d', '--log-level', 'debug', '--host', '::'], {
      ...defaults,
      env,
    })
    expect(parsed.operations).toEqual({
      // MMF_TRUST_PROXY is the backend's own setting (backendConfigFromEnv).
      trustProxy: null,
      // The metrics listen where the API does unless told otherwise.
      metrics: { host: '::', port: 9464 },
      shutdownTimeoutMs: 20_000,
      logLevel: 'debug',
      serverNames: ['portal.example.at'],
    })
  })

  it.each([['0'], ['1'], ['65535']])('accepts port %s', (port) => {
    expect(parseServerArgs(['--data', '/d', '--port', port], defaults).port).toBe(Number(port))
  })

  it.each(['localhost', '::1'])('allows the web preview on loopback %s', (host) => {
    expect(parseServerArgs(['--data', '/d', '--web', '--host', host], defaults).host).toBe(host)
  })

  it('allows the API alone on another address', () => {
    expect(parseServerArgs(['--data', '/d', '--host', '0.0.0.0'], defaults).host).toBe('0.0.0.0')
  })

  it.each([
    [['--data', '/d', '--port', '65536'], /--port must be a whole number/],
    [['--data', '/d', '--port', '70000'], /--port must be a whole number/],
    [['--data', '/d', '--port=-1'], /--port must be a whole number/],
    [['--data', '/d', '--port', 'abc'], /--port must be a whole number/],
    [['--data', '/d', '--port', '1.5'], /--port must be a whole number/],
    [['--data', '/d', '--port='], /--port must be a whole number/],
    [['--data', '/d', '--port', '0x50'], /--port must be a whole number/],
    [['--data', '/d', '--port', '1e3'], /--port must be a whole number/],
    [['--data', '/d', '--port', ' 80'], /--port must be a whole number/],
    [['--port', '1234'], /--data <dir> \(SQLite\) or --database <url> \(PostgreSQL\) is required/],
    [[], /--data <dir> \(SQLite\) or --database <url> \(PostgreSQL\) is required/],
    [['--database', 'mysql://db.example/mmf'], /--database must be a PostgreSQL URL/],
    [['--database', 'postgres://'], /--database must be a PostgreSQL URL/],
    [
      ['--data', '/tmp/x', '--web', '--database', 'postgres://db.example/mmf'],
      /--web runs on the embedded database only/,
    ],
    [['--data', '/d', '--kiosk'], /--kiosk only makes sense with --web/],
    [['--data', '/d', '--open'], /--open only makes sense with --web/],
    [['--data', '/d', '--web', '--kiosk-config', 'k.json'], /--kiosk-config only makes sense/],
    [['--data', '/d', '--web', '--host', '0.0.0.0'], /this computer only/],
    [['--data', '/d', '--web', '--host', '192.168.1.10'], /this computer only/],
    [['--data', '/d', '--unknown'], /Unknown option '--unknown'/],
    [['--data', '/d', '--api-base-url', 'https://x/'], /Unknown option/],
    [['--data', '/d', 'extra'], /Unexpected argument 'extra'/],
    [['--data'], /argument missing/],
    [['--data', '/d', '--trust-proxy', 'proxy.example'], /"proxy.example" is neither/],
    [['--data', '/d', '--trust-proxy', '10.0.0.0/40'], /"10.0.0.0\/40" is neither/],
    [
      ['--data', '/d', '--metrics-port', '99999'],
      /--metrics-port \(MMF_METRICS_PORT\) must be a whole number/,
    ],
    [['--data', '/d', '--metrics-port', '4810'], /never on the API port/],
    [['--data', '/d', '--metrics-host', '127.0.0.1'], /only makes sense with --metrics-port/],
    [
      ['--data', '/d', '--shutdown-timeout', '0'],
      /--shutdown-timeout \(MMF_SHUTDOWN_TIMEOUT\) must be/,
    ],
    [
      ['--data', '/d', '--shutdown-timeout', '2.5'],
      /--shutdown-timeout \(MMF_SHUTDOWN_TIMEOUT\) must be/,
    ],
    [['--data', '/d', '--log-level', 'verbose'], /--log-level \(MMF_LOG_LEVEL\) must be one of/],
    [['--data', '/d', '--web', '--metrics-port', '9464'], /is for the API server/],
    [['--data', '/d', '--web', '--trust-proxy', '10.0.0.5'], /is for the API server/],
  ])('refuses %o with a message naming the problem', (argv, message) => {
    expect(() => parseServerArgs(argv, defaults)).toThrow(message)
  })

  it('runs on PostgreSQL with --database or MMF_DATABASE_URL (no --data needed); the log shows no password', () => {
    const url = 'postgres://mmf:s3cret@db.example:5432/mmf?sslmode=require'
    const env = { MMF_SECRET_KEY: KEY.toString('base64') }
    expect(parseServerArgs(['--database', url], { ...defaults, env })).toMatchObject({
      database: url,
      dataDir: '',
    })
    const fromEnv = parseServerArgs([], { ...defaults, env: { ...env, MMF_DATABASE_URL: url } })
    expect(fromEnv).toMatchObject({ database: url, dataDir: '' })
    expect(describeDatabase(fromEnv)).toBe('database postgres://mmf@db.example:5432/mmf')
    expect(describeDatabase(parseServerArgs(['--data', '/tmp/mmf'], defaults))).toBe(
      'data in /tmp/mmf',
    )
  })

  it('takes the secret key from --secret-key-file or MMF_SECRET_KEY, the file first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmf-key-'))
    try {
      const file = join(dir, 'key')
      writeFileSync(file, `${KEY.toString('base64')}\n`)
      const other = randomBytes(32).toString('base64')
      expect(
        parseServerArgs(['--data', dir, '--secret-key-file', file], {
          ...defaults,
          env: { MMF_SECRET_KEY: other },
        }).secretKey,
      ).toEqual(KEY)
      expect(
        parseServerArgs(['--data', dir], { ...defaults, env: { MMF_SECRET_KEY: other } }).secretKey,
      ).toEqual(Buffer.from(other, 'base64'))
      writeFileSync(file, 'zu-kurz')
      expect(() => parseServerArgs(['--data', dir, '--secret-key-file', file], defaults)).toThrow(
        /32 random bytes in base64.*openssl rand -base64 32/,
      )
      expect(() =>
        parseServerArgs(['--data', dir, '--secret-key-file', join(dir, 'missing')], defaults),
      ).toThrow(/cannot be read/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses --database without the secret key, saying how to make one', () => {
    expect(() => parseServerArgs(['--database', 'postgres://db.example/mmf'], defaults)).toThrow(
      /--secret-key-file <path> or MMF_SECRET_KEY.*openssl rand -base64 32/,
    )
    expect(() =>
      parseServerArgs(['--database', 'postgres://db.example/mmf'], {
        ...defaults,
        env: { MMF_SECRET_KEY: Buffer.alloc(16).toString('base64') },
      }),
    ).toThrow(/MMF_SECRET_KEY must hold 32 random bytes/)
  })
})
