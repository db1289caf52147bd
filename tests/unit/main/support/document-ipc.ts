/**
 * The documents:* and settings:* handlers behind the real IPC register, for the
 * tests of saving letters: a real download manager and real settings in a fresh
 * folder, reading from a DocServer; only Electron's shell and folder picker are
 * fakes that record what they were asked. `invoke` calls as the app's own page.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import {
  createDocumentHandlers,
  type DocumentHandlers,
} from '../../../../src/main/document-handlers.ts'
import { createDownloadManager } from '../../../../src/main/downloads/manager.ts'
import {
  registerIpcHandlers,
  type IpcHandlers,
  type IpcMainLike,
} from '../../../../src/main/ipc/register.ts'
import { noKioskHandlers } from '../../../../src/main/kiosk/kiosk-runtime.ts'
import { loadSettings } from '../../../../src/main/settings.ts'
import type { IpcChannel } from '../../../../src/shared/ipc.ts'
import { startDocServer, type DocServer } from '../downloads/doc-server.ts'

type Listener = Parameters<IpcMainLike['handle']>[1]
const appPage = { url: 'app://mmf/index.html#/documents', parent: null }

export interface IpcAnswer {
  ok: boolean
  value?: unknown
  error?: { code: string }
}

/** Registers the app's handlers (the document ones as given) and answers an invoke(). */
export function registerDocumentChannels(documentHandlers: DocumentHandlers) {
  const listeners = new Map<string, Listener>()
  const handlers: IpcHandlers = {
    'app:getInfo': async () => ({
      version: '0.1.0',
      platform: 'linux',
      embedded: true,
      demo: true,
      kiosk: false,
      kioskSettings: null,
      keychain: 'memory',
    }),
    'links:openExternal': async () => ({ opened: false }),
    'links:openDeepLink': async () => ({ opened: false }),
    'mailbox:open': async () => ({ opened: false }),
    ...documentHandlers,
    ...noKioskHandlers(),
  }
  registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers)
  return (channel: IpcChannel, ...args: unknown[]) =>
    (listeners.get(channel) as Listener)(
      { senderFrame: appPage, sender: null },
      ...args,
    ) as Promise<IpcAnswer>
}

/** A desktop app's document channels in `dir`, saving from `server`. */
export async function setUpDocumentChannels(server: DocServer, dir: string) {
  const downloadsDir = join(dir, 'Downloads')
  const settings = await loadSettings({ file: join(dir, 'settings.json'), downloadsDir })
  const manager = createDownloadManager({
    fetch: server.fetch,
    folder: settings.downloadFolder,
    recordsFile: join(dir, 'downloads.json'),
  })
  const opened: string[] = []
  const shown: string[] = []
  let openSucceeds = true
  let picked: string | null = null
  const invoke = registerDocumentChannels(
    createDocumentHandlers({
      manager,
      settings,
      fetch: server.fetch,
      shell: {
        openPath: async (path) => {
          opened.push(path)
          return openSucceeds
        },
        showInFolder: (path) => shown.push(path),
      },
      chooseFolder: async () => picked,
    }),
  )
  return {
    dir,
    defaultFolder: join(downloadsDir, 'My MINI Finance'),
    manager,
    invoke,
    opened,
    shown,
    failOpen: () => (openSucceeds = false),
    pick: (folder: string | null) => (picked = folder),
  }
}

export type DocumentChannels = Awaited<ReturnType<typeof setUpDocumentChannels>>

/**
 * For a test file: a DocServer started before its tests and closed after, and a
 * fresh folder per `setUp()` (all removed at the end).
 */
export function documentChannelsFixture(prefix: string) {
  const root = mkdtempSync(join(tmpdir(), prefix))
  let started: DocServer | undefined
  let count = 0
  beforeAll(async () => {
    started = await startDocServer()
  })
  afterAll(async () => {
    await started?.close()
    rmSync(root, { recursive: true, force: true })
  })
  return {
    get server(): DocServer {
      if (!started) throw new Error('the doc server starts before the tests')
      return started
    },
    setUp(): Promise<DocumentChannels> {
      return setUpDocumentChannels(this.server, join(root, `case-${++count}`))
    },
  }
}
