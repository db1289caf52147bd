// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MmfApi } from '../../../src/shared/ipc.ts'
import { getAppInfo, openExternal, WEB_APP_INFO } from '../../../src/renderer/src/platform.ts'

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
]

function fakeMmf(): MmfApi {
  return {
    app: { getInfo: vi.fn() },
    links: { openExternal: vi.fn(async () => ({ ok: true as const, value: { opened: true } })) },
  }
}

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
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    for (const url of REFUSED) {
      expect(await openExternal(url), url).toBe(false)
    }
    expect(open).not.toHaveBeenCalled()
  })

  it('hands allowed links to the main process in the desktop app', async () => {
    const mmf = fakeMmf()
    vi.stubGlobal('mmf', mmf)
    for (const url of ['https://www.mini.at/', 'mailto:ksc@mini.at', 'tel:+4366221914920']) {
      expect(await openExternal(url)).toBe(true)
      expect(mmf.links.openExternal).toHaveBeenLastCalledWith({ url })
    }
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
  afterEach(() => vi.unstubAllGlobals())

  it('describes the web preview when there is no preload', async () => {
    expect(await getAppInfo()).toEqual({
      embedded: true,
      demo: false,
      kiosk: false,
      keychain: 'memory',
      platform: 'web',
      version: '',
    })
    expect(WEB_APP_INFO.platform).toBe('web')
  })
})
