/**
 * A recording double of the `electron` module, so that main's wiring and the
 * preload run on plain Node (the Electron binary cannot be installed here). It
 * has the named exports src/main and src/preload import, records what they tell
 * Electron (window options, web preferences, handlers, menus, what was opened,
 * sent or cleared) and lets a test do what Electron would: fire app events, a
 * page's navigation, a permission request, an IPC call from a given frame, an
 * app:// request through the handler main registered, a key press, a crash.
 *
 * Where Electron has a default when main registers nothing (a permission is
 * granted, a window may open, a navigation happens), the double has the same,
 * so a missing handler shows in the tests. Wire it with
 * `vi.mock('electron', () => import('./support/electron-double.ts'))` and call
 * `resetElectron()` before each start of main.
 */
import { EventEmitter } from 'node:events'
import type {
  BrowserWindowConstructorOptions,
  Input,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  NotificationConstructorOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  Privileges,
} from 'electron'

/** An Electron event: a handler may prevent its default action. */
export class ElectronEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

/** The calling frame of an IPC message (Electron's WebFrameMain, reduced to what main reads). */
export interface FrameDouble {
  url: string
  parent: FrameDouble | null
}

/** The app's own top-level page. */
export const APP_FRAME: FrameDouble = { url: 'app://mmf/index.html#/', parent: null }

type ProtocolHandler = (request: Request) => Promise<Response> | Response
type PermissionRequestHandler = (
  contents: WebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void
type PermissionCheckHandler = (
  contents: WebContents | null,
  permission: string,
  origin: string,
  details: Record<string, unknown>,
) => boolean
type DevicePermissionHandler = (details: Record<string, unknown>) => boolean
type WindowOpenHandler = (details: {
  url: string
  frameName: string
  features: string
  disposition: string
}) => { action: 'allow' | 'deny' }
type IpcListener = (
  event: { senderFrame: FrameDouble | null; sender: WebContents },
  ...args: unknown[]
) => Promise<unknown>

/** Everything the double recorded since the last reset. */
interface Recorded {
  privilegedSchemes: { scheme: string; privileges?: Privileges }[]
  windows: BrowserWindow[]
  sessions: Map<string, Session>
  ipcHandlers: Map<string, IpcListener>
  /** shell.openExternal, shell.openPath, shell.showItemInFolder, in order. */
  shell: { call: 'openExternal' | 'openPath' | 'showItemInFolder'; target: string }[]
  openDialogs: { window: BrowserWindow | null; options: OpenDialogOptions }[]
  errorBoxes: { title: string; content: string }[]
  /** dialog.showMessageBox, with the window it was shown over (if any). */
  messageBoxes: { window: BrowserWindow | null; options: MessageBoxOptions }[]
  /** Every main-process Notification created, in order. */
  notifications: Notification[]
  /** Every Menu.setApplicationMenu: null, or the template the menu was built from. */
  applicationMenus: (MenuItemConstructorOptions[] | null)[]
  clipboardCleared: string[]
  /** contextBridge.exposeInMainWorld, by key. */
  exposed: Map<string, unknown>
  /** ipcRenderer.invoke, in order. */
  invoked: { channel: string; args: unknown[] }[]
}

function emptyRecord(): Recorded {
  return {
    privilegedSchemes: [],
    windows: [],
    sessions: new Map(),
    ipcHandlers: new Map(),
    shell: [],
    openDialogs: [],
    errorBoxes: [],
    messageBoxes: [],
    notifications: [],
    applicationMenus: [],
    clipboardCleared: [],
    exposed: new Map(),
    invoked: [],
  }
}

/** What the double answers where Electron would ask the system or the user. */
interface Answers {
  /** dialog.showOpenDialog's next answers, first in first out; then "cancelled". */
  openDialog: OpenDialogReturnValue[]
  /** shell.openPath: '' (opened) or the error message the system gives. */
  openPath: string
}

let recorded = emptyRecord()
let answers: Answers = { openDialog: [], openPath: '' }
let nextId = 1

/** What main told Electron since the last reset. */
export function electronRecord(): Readonly<Recorded> {
  return recorded
}

/** What the system or the user answers next (a folder picked, a file that does not open). */
export function electronAnswers(): Answers {
  return answers
}

/** A Session: one per partition, with its permission handlers and its protocol handlers. */
export class Session extends EventEmitter {
  readonly partition: string
  readonly cache: boolean
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  devicePermissionHandler: DevicePermissionHandler | null = null
  readonly protocolHandlers = new Map<string, ProtocolHandler>()
  /** clearStorageData, clearCache, clearAuthCache, in order. */
  readonly cleared: string[] = []
  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler): void => {
      if (this.protocolHandlers.has(scheme)) {
        throw new Error(`The scheme "${scheme}" is already handled in this session`)
      }
      this.protocolHandlers.set(scheme, handler)
    },
  }

  constructor(partition: string, options: { cache?: boolean } = {}) {
    super()
    this.partition = partition
    this.cache = options.cache ?? true
  }

  /** As Electron: the default session and `persist:` partitions live on disk, others in memory. */
  isPersistent(): boolean {
    return this.partition === '' || this.partition.startsWith('persist:')
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    this.devicePermissionHandler = handler
  }

  async clearStorageData(): Promise<void> {
    this.cleared.push('storage')
  }

  async clearCache(): Promise<void> {
    this.cleared.push('cache')
  }

  async clearAuthCache(): Promise<void> {
    this.cleared.push('authCache')
  }

  /** A page asks for a permission; Electron grants it when no handler is set. */
  requestPermission(permission: string, contents: WebContents | null = null): Promise<boolean> {
    const handler = this.permissionRequestHandler
    if (handler === null) return Promise.resolve(true)
    return new Promise((resolve) => handler(contents, permission, resolve, {}))
  }

  /** Chromium checks a permission synchronously; granted when no handler is set. */
  checkPermission(permission: string, origin = 'app://mmf'): boolean {
    return this.permissionCheckHandler?.(null, permission, origin, {}) ?? true
  }

  /** A page asks for a HID, serial or USB device; granted when no handler is set. */
  checkDevicePermission(deviceType: string): boolean {
    return this.devicePermissionHandler?.({ deviceType, origin: 'app://mmf' }) ?? true
  }

  /** A request of one of this session's pages, through the handler main registered for its scheme. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.replace(/:$/, '')
    const handler = this.protocolHandlers.get(scheme)
    if (!handler) throw new TypeError(`net::ERR_UNKNOWN_URL_SCHEME (${scheme}://)`)
    return handler(new Request(url, init))
  }

  /** A download starts in this session; true when main let it go on. */
  download(mimeType: string): boolean {
    const event = new ElectronEvent()
    this.emit('will-download', event, { getMimeType: () => mimeType }, null)
    return !event.defaultPrevented
  }
}

function sessionFor(partition: string, options?: { cache?: boolean }): Session {
  let found = recorded.sessions.get(partition)
  if (!found) {
    found = new Session(partition, options)
    recorded.sessions.set(partition, found)
  }
  return found
}

/** Electron's `session` module. */
export const session = {
  get defaultSession(): Session {
    return sessionFor('')
  },
  fromPartition(partition: string, options?: { cache?: boolean }): Session {
    return sessionFor(partition, options)
  },
}

/** A window's page: navigation, IPC to the page, printing, its events. */
export class WebContents extends EventEmitter {
  readonly id = nextId++
  readonly session: Session
  /** webContents.send, in order. */
  readonly sent: { channel: string; payload: unknown }[] = []
  readonly loaded: string[] = []
  readonly printed: unknown[] = []
  windowOpenHandler: WindowOpenHandler | null = null
  historyCleared = 0
  devToolsClosed = 0
  /** When set, loadURL fails (a page that cannot show anything). */
  failLoads = false
  /** What the printer answers. */
  printAnswer: { success: boolean; reason: string } = { success: true, reason: '' }
  readonly navigationHistory = {
    clear: (): void => {
      this.historyCleared++
    },
  }
  private destroyed = false
  private crashed = false

  constructor(session: Session) {
    super()
    this.session = session
  }

  async loadURL(url: string): Promise<void> {
    if (this.destroyed) throw new Error('Object has been destroyed')
    if (this.failLoads) throw new Error(`ERR_FAILED (-2) loading '${url}'`)
    this.loaded.push(url)
  }

  getURL(): string {
    return this.loaded.at(-1) ?? ''
  }

  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    // Electron serialises what it sends: only what structured clone allows reaches the page.
    this.sent.push({ channel, payload: structuredClone(payload) })
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  isCrashed(): boolean {
    return this.crashed
  }

  closeDevTools(): void {
    this.devToolsClosed++
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }

  print(options: unknown, callback: (success: boolean, failureReason: string) => void): void {
    this.printed.push(options)
    const { success, reason } = this.printAnswer
    setImmediate(() => callback(success, reason))
  }

  /** The page navigates to `url` (a link, `location.href`); true when main let it. */
  navigate(url: string): boolean {
    return this.fire('will-navigate', url)
  }

  /** A server redirect during a navigation; true when main let it. */
  redirect(url: string): boolean {
    return this.fire('will-redirect', url)
  }

  /** The page adds a <webview>; true when main let it attach. */
  attachWebview(): boolean {
    return this.fire(
      'will-attach-webview',
      { nodeIntegration: false },
      { src: 'https://x.example' },
    )
  }

  /** `window.open(url)` or a target=_blank link: Electron opens a window unless a handler denies it. */
  openWindow(url: string): 'allow' | 'deny' {
    const handler = this.windowOpenHandler
    if (handler === null) return 'allow'
    return handler({ url, frameName: '', features: '', disposition: 'new-window' }).action
  }

  /** A key press reaches the window before the page; true when the page gets it. */
  pressKey(input: Partial<Input> & Pick<Input, 'key'>): boolean {
    const full = {
      type: 'keyDown',
      code: '',
      isAutoRepeat: false,
      isComposing: false,
      shift: false,
      control: false,
      alt: false,
      meta: false,
      location: 0,
      modifiers: [],
      ...input,
    }
    return this.fire('before-input-event', full)
  }

  /** The page's process crashed or was killed. */
  crash(reason = 'crashed'): void {
    this.crashed = true
    this.emit('render-process-gone', new ElectronEvent(), { reason, exitCode: 1 })
  }

  destroy(): void {
    this.destroyed = true
  }

  private fire(name: string, ...args: unknown[]): boolean {
    const event = new ElectronEvent()
    this.emit(name, event, ...args)
    return !event.defaultPrevented
  }
}

/** A BrowserWindow: its options as given, its page, and what was done to it. */
export class BrowserWindow extends EventEmitter {
  readonly id = nextId++
  readonly options: BrowserWindowConstructorOptions
  readonly webContents: WebContents
  shown = 0
  focused = 0
  restored = 0
  menuRemoved = false
  private minimized = false
  private destroyed = false

  static getAllWindows(): BrowserWindow[] {
    return recorded.windows.filter((window) => !window.isDestroyed())
  }

  constructor(options: BrowserWindowConstructorOptions = {}) {
    super()
    this.options = options
    const preferences = options.webPreferences ?? {}
    const windowSession =
      (preferences.session as unknown as Session | undefined) ??
      sessionFor(preferences.partition ?? '')
    this.webContents = new WebContents(windowSession)
    recorded.windows.push(this)
    // As Electron: every new page is announced before anything is loaded into it.
    app.emit('web-contents-created', new ElectronEvent(), this.webContents)
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url)
  }

  show(): void {
    this.shown++
  }

  focus(): void {
    this.focused++
  }

  minimize(): void {
    this.minimized = true
  }

  isMinimized(): boolean {
    return this.minimized
  }

  restore(): void {
    this.minimized = false
    this.restored++
  }

  removeMenu(): void {
    this.menuRemoved = true
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** The user or the page closes the window: 'close' may prevent it. */
  close(): void {
    const event = new ElectronEvent()
    this.emit('close', event)
    if (!event.defaultPrevented) this.destroy()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroy()
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
  }
}

/**
 * Main's Notification: records its options and shows; a test clicks it, closes it or
 * lets the system refuse it ("failed", Windows). `Notification.supported` is what
 * isSupported() answers (false: a system without notifications).
 */
export class Notification extends EventEmitter {
  static supported = true
  readonly options: NotificationConstructorOptions
  shown = 0

  static isSupported(): boolean {
    return Notification.supported
  }

  constructor(options: NotificationConstructorOptions = {}) {
    super()
    this.options = options
    recorded.notifications.push(this)
  }

  show(): void {
    this.shown++
  }

  close(): void {
    this.emit('close', new ElectronEvent())
  }

  /** The customer clicks the notification. */
  click(): void {
    this.emit('click', new ElectronEvent())
  }

  /** The system refuses it (Windows' "failed", with its error text). */
  fail(error: string): void {
    this.emit('failed', new ElectronEvent(), error)
  }
}

/** Electron's `app`: paths, the single-instance lock, readiness, quitting. */
class App extends EventEmitter {
  isPackaged = false
  version = '0.1.0'
  paths: Record<string, string> = {}
  singleInstanceLock = true
  readonly protocolClients: { protocol: string; path?: string; args?: string[] }[] = []
  /** app.setAppUserModelId (Windows), in order. */
  readonly appUserModelIds: string[] = []
  /** app.quit() calls, also those a 'before-quit' handler prevented. */
  quitRequests = 0
  /** app.exit(code), when it was called. */
  exitCode: number | null = null
  /** The app has quit (after 'before-quit' let it) or exited. */
  ended = false
  private ready = false
  private readyWaiters: (() => void)[] = []

  getPath(name: string): string {
    const path = this.paths[name]
    if (path === undefined) throw new Error(`Failed to get '${name}' path`)
    return path
  }

  getVersion(): string {
    return this.version
  }

  isReady(): boolean {
    return this.ready
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock
  }

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve()
    return new Promise((resolve) => this.readyWaiters.push(resolve))
  }

  /** Electron has finished starting: 'ready', then whenReady() resolves. */
  becomeReady(): void {
    this.ready = true
    this.emit('ready', new ElectronEvent(), {})
    for (const resolve of this.readyWaiters.splice(0)) resolve()
  }

  quit(): void {
    this.quitRequests++
    const event = new ElectronEvent()
    this.emit('before-quit', event)
    if (event.defaultPrevented) return
    this.ended = true
    this.emit('will-quit', new ElectronEvent())
    this.emit('quit', new ElectronEvent(), 0)
  }

  exit(code = 0): void {
    this.exitCode = code
    this.ended = true
  }

  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({
      protocol,
      ...(path !== undefined ? { path } : {}),
      ...(args !== undefined ? { args } : {}),
    })
    return true
  }

  setAppUserModelId(id: string): void {
    this.appUserModelIds.push(id)
  }

  reset(): void {
    this.removeAllListeners()
    this.isPackaged = false
    this.paths = {}
    this.singleInstanceLock = true
    this.protocolClients.length = 0
    this.appUserModelIds.length = 0
    this.quitRequests = 0
    this.exitCode = null
    this.ended = false
    this.ready = false
    this.readyWaiters = []
  }
}

export const app = new App()

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Privileges }[]): void {
    // Electron's rule: privileges are fixed before the app is ready.
    if (app.isReady()) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    }
    recorded.privilegedSchemes.push(...schemes)
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    session.defaultSession.protocol.handle(scheme, handler)
  },
}

export const ipcMain = {
  handle(channel: string, listener: IpcListener): void {
    if (recorded.ipcHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    }
    recorded.ipcHandlers.set(channel, listener)
  },
  removeHandler(channel: string): void {
    recorded.ipcHandlers.delete(channel)
  },
}

/**
 * An `ipcRenderer.invoke` arriving in main from `frame` of `sender`'s page: the
 * arguments are serialised as Electron does (structured clone), the handler's answer returned.
 */
export async function invokeFromPage(
  channel: string,
  from: { frame: FrameDouble | null; sender: WebContents },
  ...args: unknown[]
): Promise<unknown> {
  const listener = recorded.ipcHandlers.get(channel)
  if (!listener) throw new Error(`Error invoking remote method '${channel}': no handler registered`)
  return listener({ senderFrame: from.frame, sender: from.sender }, ...structuredClone(args))
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorded.errorBoxes.push({ title, content })
  },
  async showMessageBox(
    windowOrOptions: BrowserWindow | MessageBoxOptions,
    maybeOptions?: MessageBoxOptions,
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    const window = windowOrOptions instanceof BrowserWindow ? windowOrOptions : null
    const options = (maybeOptions ?? windowOrOptions) as MessageBoxOptions
    recorded.messageBoxes.push({ window, options })
    return { response: 0, checkboxChecked: false }
  },
  async showOpenDialog(
    windowOrOptions: BrowserWindow | OpenDialogOptions,
    maybeOptions?: OpenDialogOptions,
  ): Promise<OpenDialogReturnValue> {
    const window = windowOrOptions instanceof BrowserWindow ? windowOrOptions : null
    const options = (maybeOptions ?? windowOrOptions) as OpenDialogOptions
    recorded.openDialogs.push({ window, options })
    return answers.openDialog.shift() ?? { canceled: true, filePaths: [] }
  },
}

export const shell = {
  async openExternal(url: string): Promise<void> {
    recorded.shell.push({ call: 'openExternal', target: url })
  },
  async openPath(path: string): Promise<string> {
    recorded.shell.push({ call: 'openPath', target: path })
    return answers.openPath
  },
  showItemInFolder(path: string): void {
    recorded.shell.push({ call: 'showItemInFolder', target: path })
  },
}

export const clipboard = {
  clear(type: 'clipboard' | 'selection' = 'clipboard'): void {
    recorded.clipboardCleared.push(type)
  },
}

export const powerMonitor = new EventEmitter()

export const Menu = {
  buildFromTemplate(template: MenuItemConstructorOptions[]): {
    template: MenuItemConstructorOptions[]
  } {
    return { template }
  },
  setApplicationMenu(menu: { template: MenuItemConstructorOptions[] } | null): void {
    recorded.applicationMenus.push(menu === null ? null : menu.template)
  },
}

/** The preload's side: `contextBridge` records what it exposes to the page. */
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (recorded.exposed.has(key))
      throw new Error(`Cannot bind an API on top of an existing property "${key}"`)
    recorded.exposed.set(key, api)
  },
}

const pageEvents = new EventEmitter()
/** The page the preload runs in: its frame and web contents, as main's IPC handlers see them. */
let preloadPage = { frame: APP_FRAME, sender: new WebContents(new Session('')) }

/** Puts the preload into another frame (an iframe, a foreign page) for the calls that follow. */
export function setPreloadFrame(frame: FrameDouble | null): void {
  preloadPage = { ...preloadPage, frame: frame ?? APP_FRAME }
}

/**
 * The preload's `ipcRenderer`: `invoke` reaches the handler main registered (as a call
 * from the preload's page); main's messages arrive through `sendToPreload`.
 */
interface IpcRendererDouble {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (...args: unknown[]) => void): IpcRendererDouble
  removeListener(channel: string, listener: (...args: unknown[]) => void): IpcRendererDouble
}

export const ipcRenderer: IpcRendererDouble = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    recorded.invoked.push({ channel, args: structuredClone(args) })
    return invokeFromPage(channel, preloadPage, ...args)
  },
  on(channel: string, listener: (...args: unknown[]) => void): IpcRendererDouble {
    pageEvents.on(channel, listener)
    return ipcRenderer
  },
  removeListener(channel: string, listener: (...args: unknown[]) => void): IpcRendererDouble {
    pageEvents.off(channel, listener)
    return ipcRenderer
  },
}

/** Main sends `channel` to the page: the preload's listeners get Electron's event and the payload. */
export function sendToPreload(channel: string, payload: unknown): void {
  pageEvents.emit(channel, { sender: ipcRenderer, senderId: 0 }, structuredClone(payload))
}

/** The number of listeners the preload holds for `channel`. */
export function preloadListeners(channel: string): number {
  return pageEvents.listenerCount(channel)
}

/** Forgets everything: the next start of main meets a fresh Electron. */
export function resetElectron(): void {
  recorded = emptyRecord()
  answers = { openDialog: [], openPath: '' }
  app.reset()
  Notification.supported = true
  powerMonitor.removeAllListeners()
  pageEvents.removeAllListeners()
  preloadPage = { frame: APP_FRAME, sender: new WebContents(new Session('')) }
}
