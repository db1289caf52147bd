/**
 * The app host that the desktop app and the web preview share: the gateway in
 * front of the embedded backend or a remote API, the vault, the kiosk's settings
 * and the renderer's files, assembled once. What the renderer sees through it:
 * the demo mailbox only on a demo backend and never on a kiosk, sign-ins in
 * memory on a kiosk, the app's page with its CSP, and a remote API reached
 * without any database on this computer.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createAppHost, type AppHost, type AppHostOptions } from '../../../src/host/app-host.ts'
import type { KioskSettings } from '../../../src/shared/kiosk.ts'

const work = mkdtempSync(join(tmpdir(), 'mmf-app-host-'))
const rendererDir = join(work, 'renderer')
const INDEX = '<!doctype html><title>My MINI Finance</title>'
mkdirSync(rendererDir)
writeFileSync(join(rendererDir, 'index.html'), INDEX)
afterAll(() => rmSync(work, { recursive: true, force: true }))

const hosts: AppHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()))
})

const TERMINAL: KioskSettings = {
  dealershipName: 'MINI Wien Mitte',
  printingAvailable: false,
  idleTimeoutSeconds: 90,
  warningSeconds: 20,
}

let dirs = 0
async function host(options: Partial<AppHostOptions>): Promise<AppHost> {
  const dataDir = join(work, `data-${++dirs}`)
  const created = await createAppHost({
    apiBaseUrl: null,
    dataDir,
    demo: false,
    kioskSettings: null,
    vaultEnvironment: `app-host test ${dataDir}`,
    rendererDir,
    env: {},
    log: () => undefined,
    ...options,
  })
  hosts.push(created)
  return created
}

const app = (path: string): Request => new Request(`app://mmf${path}`)

async function clientInfo(created: AppHost): Promise<Record<string, unknown>> {
  const response = await created.gateway.handle(app('/api/v1/client-info'))
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, unknown>
}

describe('the app host', () => {
  it('puts the gateway in front of the embedded demo backend, with the demo mailbox, and serves the app', async () => {
    const created = await host({ demo: true })
    expect(created.backend).not.toBeNull()
    expect(await clientInfo(created)).toMatchObject({
      demo: true,
      kiosk: false,
      kioskSettings: null,
    })
    const mailbox = await created.gateway.handle(app('/api/v1/dev/outbox'))
    expect(mailbox.status).toBe(200)
    const support = await created.gateway.handle(app('/api/v1/support'))
    expect(support.status).toBe(200)

    const page = await created.files(app('/'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await page.text()).toBe(INDEX)
  })

  it('has no demo mailbox on a backend without demo data', async () => {
    const created = await host({ demo: false })
    expect(await clientInfo(created)).toMatchObject({ demo: false })
    expect((await created.gateway.handle(app('/api/v1/dev/outbox'))).status).toBe(404)
  })

  it('makes a kiosk terminal: its settings told, sign-ins in memory, no demo mailbox even on demo data', async () => {
    const created = await host({ demo: true, kioskSettings: TERMINAL })
    expect(created.vault.kind).toBe('memory')
    expect(await clientInfo(created)).toEqual({
      demo: true,
      kiosk: true,
      kioskSettings: TERMINAL,
      keychain: 'memory',
    })
    expect((await created.gateway.handle(app('/api/v1/dev/outbox'))).status).toBe(404)
  })

  describe('with a remote API', () => {
    let server: Server | undefined
    afterEach(async () => {
      await new Promise((resolve) => server?.close(resolve))
      server = undefined
    })

    it('forwards to it and opens no database of its own, nor a demo', async () => {
      const seen: string[] = []
      server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ phone: '+43 1 000 00 00' }))
      })
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
      const { port } = server.address() as AddressInfo
      const created = await host({ apiBaseUrl: `http://127.0.0.1:${port}/`, demo: true })

      expect(created.backend).toBeNull()
      expect(await clientInfo(created)).toMatchObject({ demo: false })
      const support = await created.gateway.handle(app('/api/v1/support'))
      expect(support.status).toBe(200)
      expect(await support.json()).toEqual({ phone: '+43 1 000 00 00' })
      expect(seen).toEqual(['GET /api/v1/support'])
      expect(existsSync(join(work, `data-${dirs}`, 'mmf.sqlite'))).toBe(false)
    })
  })
})
