import { describe, expect, it } from 'vitest'
import { resolveAppConfig } from '../../../src/main/app-config.ts'
import { createAppRequestHandler } from '../../../src/main/app-request-handler.ts'
import type { Gateway } from '../../../src/gateway/gateway.ts'

describe('app configuration', () => {
  const base = {
    argv: ['/usr/bin/electron', '.'],
    env: {},
    userDataDir: '/home/anna/.config/My MINI Finance',
  }
  it('defaults to the embedded backend with its data under userData', () => {
    expect(resolveAppConfig(base)).toEqual({
      apiBaseUrl: null,
      dataDir: '/home/anna/.config/My MINI Finance/backend',
      kiosk: false,
    })
  })
  it('takes a remote API base URL from the command line or the environment', () => {
    expect(
      resolveAppConfig({ ...base, argv: [...base.argv, '--api-base-url=https://api.example.at/'] })
        .apiBaseUrl,
    ).toBe('https://api.example.at/')
    expect(
      resolveAppConfig({ ...base, env: { MMF_API_BASE_URL: 'http://127.0.0.1:4810/' } }).apiBaseUrl,
    ).toBe('http://127.0.0.1:4810/')
  })
  it.each([
    [{ argv: ['.', '--api-base-url', 'http://api.example.at/'] }, /https/],
    [{ argv: ['.', '--api-base-url', 'https://user:pw@api.example.at/'] }, /credentials/],
    [{ argv: ['.', '--api-base-url', 'not a url'] }, /not a valid URL/],
    [{ argv: ['.', '--data-dir=relative/dir'] }, /absolute/],
  ])('refuses %o with a message saying what to fix', (input, message) => {
    expect(() => resolveAppConfig({ ...base, ...input })).toThrow(message)
  })
  it('switches kiosk mode on with --kiosk', () => {
    expect(resolveAppConfig({ ...base, argv: ['.', '--kiosk'] }).kiosk).toBe(true)
  })
})

describe('the app:// handler', () => {
  const seen: string[] = []
  const gateway: Gateway = {
    signedIn: false,
    signOut: async () => undefined,
    handle: async (request) => {
      seen.push(new URL(request.url).pathname)
      return new Response('{}', { status: 200 })
    },
  }
  const handler = createAppRequestHandler({ rendererDir: '/nonexistent', gateway })
  it('hands /api/ to the gateway and nothing of another host', async () => {
    expect((await handler(new Request('app://mmf/api/v1/support'))).status).toBe(200)
    expect(seen).toEqual(['/api/v1/support'])
    expect((await handler(new Request('app://evil/api/v1/support'))).status).toBe(404)
    expect(seen).toHaveLength(1)
  })
})
