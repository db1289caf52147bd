// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  getAppInfo,
  openDeepLink,
  openExternal,
  openMailbox,
  WEB_APP_INFO,
} from '../../../src/renderer/src/platform/index.ts'
import { apiError, installFakeApi } from './support/fake-api.ts'
import { DESKTOP_INFO, fakeMmf } from './support/fake-mmf.ts'

const REFUSED = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  ' javascript:alert(1)',
  'file:///etc/passwd',
  'file://C:/Windows/System32/calc.exe',
  'http://example.com/',
  'data:text/html,<script>alert(1)</script>',
  'ftp://example.com/',
  'smb://server/share',
  'ms-msdt:/id PCWDiagnostic',
  'https://user:secret@example.com/',
  '/relative/path',
  'not a url',
  // Main's rule (src/shared/external-links.ts) refuses these too; the renderer's own,
  // looser rule once let them through (it checked only the scheme and credentials).
  'mailto:ksc@mini.at?attach=/etc/passwd',
  'mailto:ksc@mini.at?cc=evil@example.at',
  'mailto:ksc%0d%0aBcc:%20evil@mini.at',
  'tel:+43 1 234;ext=calc.exe',
  'tel:abc',
  'https://www.mini.at/\nSet-Cookie: x',
  `https://www.mini.at/${'a'.repeat(3000)}`,
]

describe('openExternal', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('refuses every scheme but https:, mailto: and tel: in the desktop app', async () => {
    const mmf = fakeMmf()
    vi.stubGlobal('mmf', mmf)
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    for (const url of REFUSED) {
      expect(await openExternal(url), url).toBe(false)
    }
    expect(mmf.links.openExternal).not.toHaveBeenCalled()
  })

  it('refuses them in the web preview too, without opening a window', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    const assign = vi.fn()
    vi.stubGlobal('location', { href: 'http://localhost:5173/#/help', assign })
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    for (const url of REFUSED) {
      expect(await openExternal(url), url).toBe(false)
    }
    expect(open).not.toHaveBeenCalled()
    // Nor the mail or phone program.
    expect(assign).not.toHaveBeenCalled()
  })

  it('hands allowed links to the main process in the desktop app', async () => {
    const mmf = fakeMmf()
    vi.stubGlobal('mmf', mmf)
    for (const url of ['https://www.mini.at/', 'mailto:ksc@mini.at', 'tel:+4366221914920']) {
      expect(await openExternal(url)).toBe(true)
      expect(mmf.links.openExternal).toHaveBeenLastCalledWith({ url })
    }
  })

  it('hands on a link as main’s rule writes it', async () => {
    const mmf = fakeMmf()
    vi.stubGlobal('mmf', mmf)
    expect(await openExternal('tel:+43 662 2191 4920')).toBe(true)
    expect(mmf.links.openExternal).toHaveBeenLastCalledWith({ url: 'tel:+4366221914920' })
    vi.unstubAllGlobals()
    const assign = vi.fn()
    vi.stubGlobal('location', { href: 'http://localhost:5173/#/help', assign })
    expect(await openExternal('MAILTO:ksc@mini.at')).toBe(true)
    expect(assign).toHaveBeenCalledWith('mailto:ksc@mini.at')
  })

  it('opens https links in a new, unconnected browser tab in the web preview', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null)
    expect(await openExternal('https://www.mini.at/')).toBe(true)
    expect(open).toHaveBeenCalledWith('https://www.mini.at/', '_blank', 'noopener,noreferrer')
  })

  it('reports a link the main process refused as not opened', async () => {
    const mmf = fakeMmf()
    vi.mocked(mmf.links.openExternal).mockResolvedValue({
      ok: false,
      error: { code: 'not_allowed' },
    })
    vi.stubGlobal('mmf', mmf)
    expect(await openExternal('https://www.mini.at/')).toBe(false)
  })
})

describe('getAppInfo', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('asks main in the desktop app', async () => {
    vi.stubGlobal('mmf', fakeMmf({ kiosk: true }))
    expect(await getAppInfo()).toEqual({ ...DESKTOP_INFO, kiosk: true })
  })

  it('asks the gateway in the web preview (GET /client-info)', async () => {
    installFakeApi().on('GET', '/client-info', {
      status: 200,
      body: { demo: true, kiosk: false, keychain: 'memory' },
    })
    expect(await getAppInfo()).toEqual({
      embedded: true,
      demo: true,
      kiosk: false,
      kioskSettings: null,
      keychain: 'memory',
      platform: 'web',
      version: '',
    })
    expect(WEB_APP_INFO.platform).toBe('web')
  })

  it('takes a kiosk’s settings from the gateway, and never a kept sign-in', async () => {
    const settings = {
      dealershipName: 'Autohaus Berger',
      printingAvailable: false,
      idleTimeoutSeconds: 60,
      warningSeconds: 10,
    }
    installFakeApi().on('GET', '/client-info', {
      status: 200,
      body: { demo: true, kiosk: true, kioskSettings: settings, keychain: 'os' },
    })
    const info = await getAppInfo()
    expect(info.kiosk).toBe(true)
    expect(info.kioskSettings).toEqual(settings)
  })

  it('stays a kiosk with the default settings when the gateway’s are malformed', async () => {
    installFakeApi().on('GET', '/client-info', {
      status: 200,
      body: {
        demo: false,
        kiosk: true,
        kioskSettings: { dealershipName: 7, idleTimeoutSeconds: 10, warningSeconds: 30 },
        keychain: 'memory',
      },
    })
    const info = await getAppInfo()
    expect(info.kiosk).toBe(true)
    expect(info.kioskSettings).toEqual({
      dealershipName: null,
      printingAvailable: false,
      idleTimeoutSeconds: 120,
      warningSeconds: 30,
    })
  })

  it('assumes no demo and no kiosk when the gateway cannot tell', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    installFakeApi().on('GET', '/client-info', apiError(404, 'not_found'))
    expect(await getAppInfo()).toEqual({ ...WEB_APP_INFO })
  })
})

describe('deep links and the mailbox window', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('hands them to main in the desktop app', async () => {
    const mmf = fakeMmf({ demo: true })
    vi.stubGlobal('mmf', mmf)
    const url = 'myminifinance://confirm?token=AAAAAAAAAAAAAAAAAAAAAA'
    expect(await openDeepLink(url)).toBe(true)
    expect(mmf.links.openDeepLink).toHaveBeenCalledWith({ url })
    expect(await openMailbox()).toBe(true)
    expect(mmf.mailbox.open).toHaveBeenCalled()
  })

  it('reports a refusal by main as not opened', async () => {
    const mmf = fakeMmf()
    vi.mocked(mmf.links.openDeepLink).mockResolvedValue({
      ok: false,
      error: { code: 'invalid_argument' },
    })
    vi.stubGlobal('mmf', mmf)
    expect(await openDeepLink('myminifinance://x')).toBe(false)
  })

  it('leaves them to the app itself in the web preview', async () => {
    expect(await openDeepLink('myminifinance://confirm?token=AAAAAAAAAAAAAAAAAAAAAA')).toBe(false)
    expect(await openMailbox()).toBe(false)
  })
})
