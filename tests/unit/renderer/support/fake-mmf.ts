/** A fake preload bridge (`window.mmf`) with every channel of the IPC contract. */
import { vi } from 'vitest'
import type { AppInfo, MmfApi } from '../../../../src/shared/ipc.ts'

export const DESKTOP_INFO: AppInfo = {
  embedded: true,
  demo: false,
  kiosk: false,
  keychain: 'os',
  platform: 'linux',
  version: '0.1.0',
}

const opened = async () => ({ ok: true as const, value: { opened: true } })

/** window.mmf for tests; `info` overrides what app:getInfo answers. */
export function fakeMmf(info: Partial<AppInfo> = {}): MmfApi {
  return {
    app: {
      getInfo: vi.fn(async () => ({ ok: true as const, value: { ...DESKTOP_INFO, ...info } })),
    },
    links: { openExternal: vi.fn(opened), openDeepLink: vi.fn(opened) },
    mailbox: { open: vi.fn(opened) },
  }
}
