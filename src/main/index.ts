/**
 * The main process's composition root: it only wires the parts together.
 * Every Electron call lives in the thin adapters next to this file.
 */
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, session, shell } from 'electron'
import { createBackend } from '../backend/index.ts'
import { createGateway } from '../gateway/gateway.ts'
import { injectUpstream, remoteUpstream, type Upstream } from '../gateway/upstream.ts'
import { loadKeytar } from '../gateway/vault/keytar-vault.ts'
import { selectVault } from '../gateway/vault/select-vault.ts'
import { vaultServiceName } from '../gateway/vault/vault.ts'
import { resolveAppConfig } from './app-config.ts'
import { createDocumentHandlers, kioskDocumentHandlers } from './document-handlers.ts'
import { createDownloadManager, gatewayFetch, type DownloadManager } from './downloads/index.ts'
import { electronFileShell, folderPicker, pushToMainWindow } from './downloads-adapter.ts'
import { checkExternalUrl } from './external-links.ts'
import { registerIpcHandlers } from './ipc/register.ts'
import { installMenu } from './menu.ts'
import { handleAppScheme, registerAppScheme } from './protocol.ts'
import { denyAllPermissions, lockNavigation } from './security.ts'
import { noKioskHandlers } from './kiosk/kiosk-runtime.ts'
import { watchSessionEnd } from './session-end.ts'
import { loadSettings } from './settings.ts'
import { createMainWindow, createMailboxWindow, START_URL } from './window.ts'
import { deepLinkFromArgv, registerProtocolClient } from './deep-link-adapter.ts'
import { deepLinkRoute, parseDeepLink } from '../shared/deep-links.ts'

const log = (line: string): void => console.log(`[main] ${line}`)

/** The one safe opener: https, mailto and tel only. */
function openExternal(url: string): boolean {
  const safe = checkExternalUrl(url)
  if (!safe) {
    log('refused to open an external link')
    return false
  }
  void shell.openExternal(safe)
  return true
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  const config = resolveAppConfig({ argv: process.argv, env: process.env, userDataDir: userData })

  let upstream: Upstream
  let closeBackend: () => Promise<void> = async () => undefined
  if (config.apiBaseUrl) {
    upstream = remoteUpstream(config.apiBaseUrl)
  } else {
    const backend = await createBackend({ dataDir: config.dataDir, demo: true })
    upstream = injectUpstream(backend.app)
    closeBackend = backend.close
  }

  const keytar = config.kiosk ? { keytar: null } : await loadKeytar()
  const { vault, fallbackReason } = await selectVault({
    keytar: keytar.keytar,
    keytarUnavailableReason: keytar.reason,
    service: vaultServiceName(
      config.apiBaseUrl ? new URL(config.apiBaseUrl).host : 'embedded-demo',
    ),
    kiosk: config.kiosk,
  })
  if (fallbackReason) log(`sign-ins are kept in memory only (${fallbackReason})`)

  const demo = config.apiBaseUrl === null
  let downloads: DownloadManager | null = null
  // A customer's running downloads stop when their session ends.
  const gateway = watchSessionEnd(
    createGateway({ upstream, vault, kiosk: config.kiosk, demo, log }),
    { onEnded: () => downloads?.cancelAll(), log },
  )
  const preload = join(import.meta.dirname, '../preload/index.cjs')
  const devTools = !app.isPackaged && !config.kiosk
  let mainWindow: BrowserWindow | null = null
  let mailboxWindow: BrowserWindow | null = null
  const currentMainWindow = (): BrowserWindow | null => mainWindow

  // Kiosk terminals save nothing on disk: no manager, no settings, the handlers refuse.
  let documentHandlers = kioskDocumentHandlers()
  if (!config.kiosk) {
    const settings = await loadSettings({
      file: join(userData, 'settings.json'),
      downloadsDir: app.getPath('downloads'),
      log,
    })
    const fetchThroughGateway = gatewayFetch(gateway)
    downloads = createDownloadManager({
      fetch: fetchThroughGateway,
      folder: settings.downloadFolder,
      recordsFile: join(userData, 'downloads.json'),
      log,
    })
    const push = pushToMainWindow(currentMainWindow)
    downloads.onChange((event) => push('documents:changed', event))
    documentHandlers = createDocumentHandlers({
      manager: downloads,
      settings,
      fetch: fetchThroughGateway,
      shell: electronFileShell,
      chooseFolder: folderPicker(currentMainWindow),
    })
  }

  const appSession = session.defaultSession
  denyAllPermissions(appSession)
  handleAppScheme(appSession, { rendererDir: join(import.meta.dirname, '../renderer'), gateway })

  registerIpcHandlers(
    ipcMain,
    {
      'app:getInfo': async () => ({
        version: app.getVersion(),
        platform: process.platform,
        embedded: config.apiBaseUrl === null,
        demo,
        kiosk: config.kiosk,
        kioskSettings: null,
        keychain: vault.kind,
      }),
      'links:openExternal': async ({ url }) => ({ opened: openExternal(url) }),
      'links:openDeepLink': async ({ url }) => ({ opened: openDeepLink(url) }),
      'mailbox:open': async () => {
        if (!demo) return { opened: false }
        if (mailboxWindow && !mailboxWindow.isDestroyed()) mailboxWindow.focus()
        else mailboxWindow = createMailboxWindow({ preload, devTools })
        return { opened: true }
      },
      ...documentHandlers,
      ...noKioskHandlers(),
    },
    { log },
  )

  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, openExternal))
  installMenu(process.platform)

  function showWindow(): BrowserWindow {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
      return mainWindow
    }
    mainWindow = createMainWindow({ preload, devTools })
    return mainWindow
  }

  /** Opens a validated myminifinance:// link in the main window; anything else is ignored. */
  function openDeepLink(url: string): boolean {
    const link = config.kiosk ? null : parseDeepLink(url)
    if (!link) {
      log('ignored a link that is not a valid myminifinance:// link')
      return false
    }
    void showWindow().loadURL(`${START_URL}#${deepLinkRoute(link)}`)
    return true
  }

  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv)
    if (link) openDeepLink(link)
    else showWindow()
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    openDeepLink(url)
  })
  app.on('activate', showWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let closing = false
  app.on('before-quit', (event) => {
    if (closing) return
    closing = true
    event.preventDefault()
    void closeBackend().finally(() => app.quit())
  })
  if (!config.kiosk) registerProtocolClient()
  const launchLink = deepLinkFromArgv(process.argv)
  if (launchLink) openDeepLink(launchLink)
  else showWindow()
}

registerAppScheme()
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[main] could not start:', error instanceof Error ? error.message : error)
      app.exit(1)
    })
}
