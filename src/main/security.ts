/** Electron's security settings in one place: web preferences, navigation, permissions. */
import type { Session, WebContents, WebPreferences } from 'electron'
import { checkExternalUrl } from '../shared/external-links.ts'
import { isAppUrl } from './ipc/register.ts'

/** The web preferences of every window of the app. */
export function secureWebPreferences(options: {
  preload: string
  devTools: boolean
}): WebPreferences {
  return {
    preload: options.preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: options.devTools,
  }
}

/** Denies every permission request (camera, notifications, geolocation …) of the session. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

/**
 * No navigation away from the app and no new windows; links with an allowed
 * scheme go to the one safe opener instead.
 */
export function lockNavigation(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault()
      if (checkExternalUrl(url)) openExternal(url)
    }
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (checkExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}
