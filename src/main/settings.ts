/**
 * The app's own settings (not the backend's): a small JSON file in userData,
 * written atomically: the download folder (the default `<Downloads>/My MINI
 * Finance`, or an absolute folder the customer chose), and whether the customer
 * was told that the system shows no desktop notifications (told once, ever).
 */
import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import type { DownloadFolder } from '../shared/downloads.ts'
import { writeFileAtomically } from './atomic-file.ts'

export const DOWNLOAD_SUBFOLDER = 'My MINI Finance'
const SETTINGS_VERSION = 1

export interface SettingsStore {
  /** The folder letters go to now: the chosen one while it exists, otherwise the default. */
  downloadFolder(): DownloadFolder
  /** Keeps `folder` (absolute, an existing folder) as the download folder. */
  chooseDownloadFolder(folder: string): Promise<DownloadFolder>
  /** Back to the default folder. */
  resetDownloadFolder(): Promise<DownloadFolder>
  /** Whether the customer was told that the system shows no desktop notifications. */
  notificationsFallbackTold(): boolean
  /** Remembers that they were told. */
  rememberNotificationsFallbackTold(): Promise<void>
}

export interface SettingsOptions {
  /** The JSON file, e.g. `<userData>/settings.json`. */
  file: string
  /** The system's Downloads folder (Electron's app.getPath('downloads')). */
  downloadsDir: string
  log?: (line: string) => void
}

/** What the file holds; keys this version does not know are kept as they are. */
interface StoredSettings {
  [key: string]: unknown
  downloadFolder?: unknown
  notificationsFallbackTold?: unknown
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** Reads the settings file (missing: defaults; unreadable or corrupt: defaults and a log line). */
export async function loadSettings(options: SettingsOptions): Promise<SettingsStore> {
  const log = options.log ?? (() => undefined)
  const defaultFolder = join(resolve(options.downloadsDir), DOWNLOAD_SUBFOLDER)
  let stored: StoredSettings = {}
  try {
    const parsed: unknown = JSON.parse(await readFile(options.file, 'utf8'))
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      stored = parsed as StoredSettings
    } else {
      log(`settings: ${options.file} holds no settings object; using the defaults`)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log(`settings: ${options.file} is unreadable; using the defaults`)
    }
  }
  // The last fallback logged, so that a missing folder is logged once, not per letter.
  let loggedFallback: string | null = null
  let writes: Promise<void> = Promise.resolve()

  function current(): DownloadFolder {
    const chosen = stored.downloadFolder
    if (chosen === undefined || chosen === null) return { folder: defaultFolder, isDefault: true }
    if (typeof chosen === 'string' && isAbsolute(chosen) && isDirectory(chosen)) {
      loggedFallback = null
      return { folder: chosen, isDefault: false }
    }
    const reason =
      typeof chosen === 'string' && isAbsolute(chosen)
        ? 'no longer exists'
        : 'is not an absolute path'
    const line = `settings: the chosen download folder ${JSON.stringify(chosen)} ${reason}; using the default`
    if (loggedFallback !== line) log(line)
    loggedFallback = line
    return { folder: defaultFolder, isDefault: true }
  }

  /** Writes the settings with `change`; memory changes only once the file is written. */
  function store(change: StoredSettings): Promise<void> {
    // One write after the other, each from the settings as the one before left them.
    const write = writes.then(async () => {
      const next: StoredSettings = { ...stored, version: SETTINGS_VERSION, ...change }
      await writeFileAtomically(options.file, `${JSON.stringify(next, null, 2)}\n`)
      stored = next
      loggedFallback = null
    })
    writes = write.catch(() => undefined)
    return write
  }

  const storeFolder = (downloadFolder: string | null): Promise<DownloadFolder> =>
    store({ downloadFolder }).then(current)

  return {
    downloadFolder: current,

    async chooseDownloadFolder(folder) {
      if (typeof folder !== 'string' || !isAbsolute(folder)) {
        throw new TypeError('The download folder must be an absolute path.')
      }
      const path = resolve(folder)
      if (!isDirectory(path)) throw new TypeError('The download folder does not exist.')
      return storeFolder(path === defaultFolder ? null : path)
    },

    resetDownloadFolder: () => storeFolder(null),

    notificationsFallbackTold: () => stored.notificationsFallbackTold === true,

    rememberNotificationsFallbackTold: () => store({ notificationsFallbackTold: true }),
  }
}
