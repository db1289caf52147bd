/**
 * The Electron side of desktop notifications, and nothing else: the app user
 * model id Windows needs, main's `Notification`, the wake-up from sleep, and the
 * one-time message when the system shows no notifications. When and what to
 * notify is decided in notifications/poller.ts (plain, tested on Node).
 */
import {
  app,
  dialog,
  Notification,
  powerMonitor,
  type BrowserWindow,
  type MessageBoxOptions,
} from 'electron'
import type { Locale } from '../shared/api/auth.ts'
import type { Gateway } from '../gateway/gateway.ts'
import { notificationsThroughGateway } from './notifications/gateway-calls.ts'
import { unavailableNotice, type SystemNotice } from './notifications/notice.ts'
import {
  createNotificationPoller,
  type NotificationPoller,
  type ShowResult,
} from './notifications/poller.ts'
import type { SettingsStore } from './settings.ts'

/** electron-builder.yml's appId: Windows shows notifications only of an app it knows by this id. */
export const APP_USER_MODEL_ID = 'at.mini.finance.desktop'

/** On Windows, names the app as its installer registered it (before any notification). */
export function prepareNotifications(platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
}

/** Shows notices through main's Notification; a click opens the notice's route. */
export function systemNotifier(options: {
  open(route: string): void
  failed(reason: string): void
}): (notice: SystemNotice) => ShowResult {
  // Held until closed or clicked: a notification collected by the garbage collector loses its click.
  const shown = new Set<Notification>()
  return (notice) => {
    if (!Notification.isSupported()) return 'unavailable'
    const notification = new Notification({ title: notice.title, body: notice.body })
    notification.on('click', () => {
      shown.delete(notification)
      options.open(notice.route)
    })
    notification.on('close', () => shown.delete(notification))
    // Windows only: the system refused it (no app user model id, notifications turned off).
    notification.on('failed', (_event, error: string) => {
      shown.delete(notification)
      options.failed(error)
    })
    shown.add(notification)
    notification.show()
    return 'shown'
  }
}

/** Starts the poller of the desktop app (never created in kiosk mode). */
export function createDesktopNotifications(options: {
  gateway: Gateway
  settings: Pick<SettingsStore, 'notificationsFallbackTold' | 'rememberNotificationsFallbackTold'>
  mainWindow: () => BrowserWindow | null
  /** Brings the window up on the route (a hash path of the renderer). */
  open(route: string): void
  log: (line: string) => void
}): NotificationPoller {
  const { gateway, settings } = options
  const poller: NotificationPoller = createNotificationPoller({
    kiosk: false,
    keptSession: () => gateway.keptSession,
    gateway: notificationsThroughGateway(gateway),
    notify: systemNotifier({ open: options.open, failed: (reason) => poller.systemFailed(reason) }),
    fallback: {
      told: settings.notificationsFallbackTold,
      async tell(locale: Locale) {
        // Remembered first: a quit while the message is open still counts as told.
        await settings.rememberNotificationsFallbackTold()
        const { title, body } = unavailableNotice(locale)
        const box: MessageBoxOptions = { type: 'info', title, message: body, buttons: ['OK'] }
        const window = options.mainWindow()
        if (window && !window.isDestroyed()) await dialog.showMessageBox(window, box)
        else await dialog.showMessageBox(box)
      },
    },
    log: options.log,
  })
  powerMonitor.on('resume', () => poller.resumed())
  return poller
}
