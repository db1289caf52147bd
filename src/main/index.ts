/**
 * The main process's composition root: it only wires the parts together.
 * Every Electron call lives in the thin adapters next to this file.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, session, shell, type WebContents } from 'electron'
import { createAppHost } from '../host/app-host.ts'
import { resolveAppConfig } from './app-config.ts'
import { createDocumentHandlers, kioskDocumentHandlers } from './document-handlers.ts'
import { createDownloadManager, gatewayFetch, type DownloadManager } from './downloads/index.ts'
import { electronFileShell, folderPicker, pushToMainWindow } from './downloads-adapter.ts'
import { checkExternalUrl } from '../shared/external-links.ts'
import { registerIpcHandlers } from './ipc/register.ts'
import { installMenu } from './menu.ts'
import { createDesktopNotifications, prepareNotifications } from './notifications-adapter.ts'
import type { NotificationPoller } from './notifications/poller.ts'
import { handleAppScheme, registerAppScheme } from './protocol.ts'
import { denyAllPermissions, lockNavigation } from './security.ts'
import { kioskApiBaseUrl, kioskSettingsOf, loadKioskConfig } from '../host/kiosk/kiosk-config.ts'
import { kioskConfigPath } from '../host/kiosk/kiosk-config-file.ts'
import { noKioskHandlers } from './kiosk/kiosk-runtime.ts'
import { kioskSession, startKioskTerminal, type KioskTerminal } from './kiosk/kiosk-window.ts'
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
  // The machine-wide file (or --kiosk alone) makes this a dealership terminal.
  const kioskConfig = await loadKioskConfig({
    file: kioskConfigPath(process.platform, process.env),
    flag: config.kiosk,
    platform: process.platform,
  })
  const kiosk = kioskConfig !== null
  if (kioskConfig) {
    log(`kiosk mode (${kioskConfig.file ?? '--kiosk without a machine file: defaults, no PIN'})`)
  }
  // A terminal's kiosk.json names its backend; elsewhere the command line does.
  const apiBaseUrl = kioskConfig
    ? kioskApiBaseUrl(kioskConfig, config.apiBaseUrl)
    : config.apiBaseUrl
  const kioskSettings = kioskConfig ? kioskSettingsOf(kioskConfig, { silentPrinting: true }) : null

  // Backend (embedded demo or remote), vault, gateway and the renderer's files.
  const host = await createAppHost({
    apiBaseUrl,
    dataDir: config.dataDir,
    demo: true,
    kioskSettings,
    vaultEnvironment: apiBaseUrl ? new URL(apiBaseUrl).host : 'embedded-demo',
    rendererDir: join(import.meta.dirname, '../renderer'),
    env: process.env,
    log,
  })
  const { vault, demo, gateway: rawGateway } = host

  let downloads: DownloadManager | null = null
  let terminal: KioskTerminal | null = null
  let notifications: NotificationPoller | null = null
  // A customer's downloads stop and their part files go when the session ends; a kiosk ends it all.
  const gateway = watchSessionEnd(rawGateway, {
    onEnded: (cause) => {
      void downloads?.cancelAll()
      notifications?.sessionEnded()
      terminal?.runtime.sessionEnded(cause)
    },
    onStarted: () => {
      notifications?.sessionStarted()
      terminal?.runtime.sessionStarted()
    },
    onRestored: () => notifications?.sessionStarted(),
    log,
  })
  const preload = join(import.meta.dirname, '../preload/index.cjs')
  const devTools = !app.isPackaged && !kiosk
  let mainWindow: BrowserWindow | null = null
  let mailboxWindow: BrowserWindow | null = null
  const currentMainWindow = (): BrowserWindow | null => mainWindow

  // Kiosk terminals save nothing on disk: no manager, no settings, the handlers refuse.
  let documentHandlers = kioskDocumentHandlers()
  if (!kiosk) {
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
    // Only with a kept session and the customer's consent; never on a kiosk (nothing is created there).
    prepareNotifications(process.platform)
    notifications = createDesktopNotifications({
      gateway,
      settings,
      mainWindow: currentMainWindow,
      open: openRoute,
      log,
    })
  }

  // The kiosk's partition lives in memory only; nothing of a customer is written to disk.
  const appSession = kiosk ? kioskSession() : session.defaultSession
  denyAllPermissions(appSession)
  handleAppScheme(appSession, { files: host.files, gateway })

  // A kiosk hands nothing to the system: no browser, no mail program, no phone app.
  const opener = kiosk ? () => false : openExternal
  const outsideKiosk = noKioskHandlers()
  const kioskHandlers = () => terminal?.runtime.handlers ?? outsideKiosk
  registerIpcHandlers<WebContents>(
    ipcMain,
    {
      'app:getInfo': async () => ({
        version: app.getVersion(),
        platform: process.platform,
        embedded: apiBaseUrl === null,
        demo,
        kiosk,
        kioskSettings,
        keychain: vault.kind,
      }),
      'links:openExternal': async ({ url }) => ({ opened: opener(url) }),
      'links:openDeepLink': async ({ url }) => ({ opened: openDeepLink(url) }),
      'mailbox:open': async () => {
        // A kiosk never shows the demo mailbox: it holds every customer's e-mails and links.
        if (!demo || kiosk) return { opened: false }
        if (mailboxWindow && !mailboxWindow.isDestroyed()) mailboxWindow.focus()
        else mailboxWindow = createMailboxWindow({ preload, devTools })
        return { opened: true }
      },
      ...documentHandlers,
      'kiosk:activity': (arg) => kioskHandlers()['kiosk:activity'](arg),
      'kiosk:formInput': (arg) => kioskHandlers()['kiosk:formInput'](arg),
      'kiosk:continue': (arg) => kioskHandlers()['kiosk:continue'](arg),
      'kiosk:print': (arg, sender) => kioskHandlers()['kiosk:print'](arg, sender),
      'kiosk:exit': (arg) => kioskHandlers()['kiosk:exit'](arg),
    },
    { log },
  )

  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, opener))
  installMenu(process.platform, { kiosk })

  function showWindow(): BrowserWindow {
    if (terminal) return terminal.window()
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
      return mainWindow
    }
    mainWindow = createMainWindow({ preload, devTools })
    return mainWindow
  }

  /** Brings the main window up on a route of the renderer (a hash path). */
  function openRoute(route: string): void {
    void showWindow().loadURL(`${START_URL}#${route}`)
  }

  /** Opens a validated myminifinance:// link in the main window; anything else is ignored. */
  function openDeepLink(url: string): boolean {
    const link = kiosk ? null : parseDeepLink(url)
    if (!link) {
      log('ignored a link that is not a valid myminifinance:// link')
      return false
    }
    openRoute(deepLinkRoute(link))
    return true
  }

  app.on('second-instance', (_event, argv) => {
    // A link that is not ours still brings the window forward, as a start without one does.
    const link = deepLinkFromArgv(argv)
    if (!link || !openDeepLink(link)) showWindow()
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
    // A terminal quits only through the exit gesture and its PIN.
    if (terminal && !terminal.runtime.exiting) {
      event.preventDefault()
      return
    }
    if (closing) return
    closing = true
    event.preventDefault()
    void host.close().finally(() => app.quit())
  })
  if (kioskConfig) {
    terminal = startKioskTerminal({
      config: kioskConfig,
      gateway: rawGateway,
      session: appSession,
      preload,
      log,
    })
    return
  }
  registerProtocolClient()
  const launchLink = deepLinkFromArgv(process.argv)
  if (!launchLink || !openDeepLink(launchLink)) showWindow()
}

registerAppScheme()
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      console.error('[main] could not start:', message)
      // A broken kiosk.json must say what to fix, also on a terminal without a console.
      dialog.showErrorBox('My MINI Finance', `My MINI Finance could not start:\n\n${message}`)
      app.exit(1)
    })
}
