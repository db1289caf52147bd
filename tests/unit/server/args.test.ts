/** The standalone server's command line: safe defaults, and a message that says what to fix. */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseServerArgs } from '../../../src/server/args.ts'

const defaults = { rendererDir: '/opt/app/renderer' }

describe('server arguments', () => {
  it('has safe defaults: loopback, port 4810, no demo, no web, no browser opened, no kiosk', () => {
    expect(parseServerArgs(['--data', '/tmp/mmf'], defaults)).toEqual({
      host: '127.0.0.1',
      port: 4810,
      dataDir: '/tmp/mmf',
      demo: false,
      web: false,
      open: false,
      kiosk: false,
      kioskConfig: null,
      rendererDir: '/opt/app/renderer',
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
      demo: true,
      web: true,
      open: true,
      kiosk: true,
      kioskConfig: resolve('kiosk.json'),
      rendererDir: resolve('out/r'),
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
    [['--port', '1234'], /--data <dir> is required/],
    [[], /--data <dir> is required/],
    [['--data', '/d', '--kiosk'], /--kiosk only makes sense with --web/],
    [['--data', '/d', '--open'], /--open only makes sense with --web/],
    [['--data', '/d', '--web', '--kiosk-config', 'k.json'], /--kiosk-config only makes sense/],
    [['--data', '/d', '--web', '--host', '0.0.0.0'], /this computer only/],
    [['--data', '/d', '--web', '--host', '192.168.1.10'], /this computer only/],
    [['--data', '/d', '--unknown'], /Unknown option '--unknown'/],
    [['--data', '/d', '--api-base-url', 'https://x/'], /Unknown option/],
    [['--data', '/d', 'extra'], /Unexpected argument 'extra'/],
    [['--data'], /argument missing/],
  ])('refuses %o with a message naming the problem', (argv, message) => {
    expect(() => parseServerArgs(argv, defaults)).toThrow(message)
  })
})
