/** The desktop app's start-up configuration: defaults, a remote API, the data folder, kiosk. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAppConfig } from '../../../src/main/app-config.ts'

const userDataDir = '/home/anna/.config/My MINI Finance'
// Electron's own arguments come first and are ignored.
const electronArgv = ['/opt/My MINI Finance/my-mini-finance', '--enable-logging', '.']
const base = { argv: electronArgv, env: {}, userDataDir }

describe('app configuration', () => {
  it('defaults to the embedded backend with its data under userData, no kiosk', () => {
    expect(resolveAppConfig(base)).toEqual({
      apiBaseUrl: null,
      dataDir: join(userDataDir, 'backend'),
      kiosk: false,
    })
  })

  it.each([
    [['--api-base-url', 'https://api.example.at/v'], 'https://api.example.at/v'],
    [['--api-base-url=https://api.example.at/'], 'https://api.example.at/'],
    [['--api-base-url=http://127.0.0.1:4810/'], 'http://127.0.0.1:4810/'],
    [['--api-base-url', 'http://localhost:4810'], 'http://localhost:4810'],
    [['--api-base-url', 'http://[::1]:4810'], 'http://[::1]:4810'],
  ])('takes a remote API from the command line: %o', (args, url) => {
    expect(resolveAppConfig({ ...base, argv: [...electronArgv, ...args] }).apiBaseUrl).toBe(url)
  })

  it('takes a remote API from MMF_API_BASE_URL, the command line winning', () => {
    const env = { MMF_API_BASE_URL: 'https://env.example.at/' }
    expect(resolveAppConfig({ ...base, env }).apiBaseUrl).toBe('https://env.example.at/')
    expect(
      resolveAppConfig({
        ...base,
        env,
        argv: [...electronArgv, '--api-base-url=https://cli.example.at/'],
      }).apiBaseUrl,
    ).toBe('https://cli.example.at/')
  })

  it.each([
    [
      'http://example.com on the command line',
      { argv: ['.', '--api-base-url', 'http://example.com'] },
      /https/,
    ],
    [
      'http://example.com in the environment',
      { env: { MMF_API_BASE_URL: 'http://example.com' } },
      /https/,
    ],
    [
      'a bad URL in the environment even with a good default',
      { env: { MMF_API_BASE_URL: 'ftp://x/' } },
      /https/,
    ],
    [
      'credentials',
      { argv: ['.', '--api-base-url', 'https://user:pw@api.example.at/'] },
      /credentials/,
    ],
    ['a query', { argv: ['.', '--api-base-url=https://api.example.at/?key=1'] }, /query/],
    ['no URL at all', { argv: ['.', '--api-base-url', 'api.example.at'] }, /not a valid URL/],
    ['an empty value', { argv: ['.', '--api-base-url='] }, /not a valid URL/],
    ['a relative data dir', { argv: ['.', '--data-dir=relative/dir'] }, /absolute/],
    ['a relative data dir (separate value)', { argv: ['.', '--data-dir', './data'] }, /absolute/],
    ['a relative MMF_DATA_DIR', { env: { MMF_DATA_DIR: 'data' } }, /absolute/],
  ])('refuses %s with a message saying what to fix', (_, input, message) => {
    expect(() => resolveAppConfig({ ...base, ...input })).toThrow(message)
  })

  it('names the refused data dir in the message', () => {
    expect(() => resolveAppConfig({ ...base, argv: ['.', '--data-dir=relative/dir'] })).toThrow(
      '"relative/dir"',
    )
  })

  it('takes an absolute data dir from the command line or MMF_DATA_DIR, the command line winning', () => {
    expect(resolveAppConfig({ ...base, env: { MMF_DATA_DIR: '/srv/mmf' } }).dataDir).toBe(
      '/srv/mmf',
    )
    expect(
      resolveAppConfig({
        ...base,
        argv: ['.', '--data-dir', '/var/lib/mmf'],
        env: { MMF_DATA_DIR: '/srv/mmf' },
      }).dataDir,
    ).toBe('/var/lib/mmf')
  })

  it('switches kiosk mode on with --kiosk only', () => {
    expect(resolveAppConfig({ ...base, argv: [...electronArgv, '--kiosk'] }).kiosk).toBe(true)
    expect(resolveAppConfig({ ...base, argv: [...electronArgv, '--kiosked'] }).kiosk).toBe(false)
  })
})
