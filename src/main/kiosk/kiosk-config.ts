/**
 * Kiosk mode's configuration: a machine-wide JSON file that the customer at a
 * dealership terminal cannot change, validated at start-up. Plain TypeScript
 * (tested on Node); main reads it before it builds anything.
 *
 * Where the file lives (`kioskConfigPath`):
 * - Windows: `%ProgramData%\My MINI Finance\kiosk.json`
 * - macOS:   `/Library/Application Support/My MINI Finance/kiosk.json`
 * - Linux and other POSIX systems: `/etc/my-mini-finance/kiosk.json`
 *
 * When kiosk mode is on (`loadKioskConfig`):
 * - The file exists: kiosk mode, with the file's settings. `dealershipName` and
 *   `exitPinHash` are required there; `--kiosk` changes nothing then.
 * - No file, but `--kiosk` (for trying it out on a developer's machine): kiosk
 *   mode with the defaults, no dealership name (`null`; the start screen shows
 *   none) and no exit PIN (`exitPinHash: null`): the exit gesture then quits
 *   without asking for a PIN. That is no weaker than a set-up terminal, because
 *   whoever can start the app with `--kiosk` can start it without.
 * - Neither: no kiosk mode (`null`).
 * - A file that exists but cannot be read, or holds anything invalid: an error,
 *   never a silent fallback to the normal app on a showroom terminal.
 *
 * Who may write the file (POSIX only, where it is cheap to check): the file and
 * its folder must belong to root, and neither may be writable by others, nor by
 * a group other than the administrators' (gid 0; on macOS also `admin`, 80).
 * A violation is an error, not a warning: a kiosk whose exit PIN or idle
 * timeout the kiosk account itself could rewrite is not set up, and the
 * message says how to fix it. On Windows the folder's ACL is the installer's
 * and the dealer's business (README); it is not checked here.
 *
 * The exit PIN hash is readable by the app's (unprivileged) account, so it can
 * be attacked offline by someone with a shell on the terminal; the PIN guards
 * against customers at the touch screen, not against the machine's users.
 */
import { constants, type Stats } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { dirname, posix, win32 } from 'node:path'
import { KIOSK_DEFAULT_SETTINGS, type KioskSettings } from '../../shared/kiosk.ts'

export const KIOSK_CONFIG_FILE_NAME = 'kiosk.json'

export interface KioskConfig {
  /** Where the settings came from: the machine's file, or `--kiosk` alone (defaults). */
  source: 'machine-file' | 'flag'
  /** The file read; null with `--kiosk` alone. */
  file: string | null
  /** Seconds without input before the session ends (the warning included). */
  idleTimeoutSeconds: number
  /** Seconds of countdown ("Sind Sie noch da?") before the end; less than the idle timeout. */
  warningSeconds: number
  /** Shown on the start screen; null with `--kiosk` alone. */
  dealershipName: string | null
  /** The exit PIN's argon2id PHC string; null with `--kiosk` alone: the exit gesture needs no PIN. */
  exitPinHash: string | null
  printingAllowed: boolean
}

export const KIOSK_DEFAULTS = {
  idleTimeoutSeconds: KIOSK_DEFAULT_SETTINGS.idleTimeoutSeconds,
  warningSeconds: KIOSK_DEFAULT_SETTINGS.warningSeconds,
  printingAllowed: KIOSK_DEFAULT_SETTINGS.printingAllowed,
} as const

const IDLE_RANGE = { min: 30, max: 3600 }
const WARNING_RANGE = { min: 5, max: 120 }
const DEALERSHIP_NAME_MAX = 80
/** Far more than any valid file; a bigger one is refused unread. */
const MAX_FILE_BYTES = 64 * 1024
const SETTINGS = [
  'idleTimeoutSeconds',
  'warningSeconds',
  'dealershipName',
  'exitPinHash',
  'printingAllowed',
] as const
/** argon2id in PHC form, as `npm run kiosk:pin-hash` prints it. */
const ARGON2ID_PHC =
  /^\$argon2id\$v=19\$m=[1-9]\d{0,9},t=[1-9]\d{0,9},p=[1-9]\d{0,2}\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{16,}$/
/** macOS's `admin` group: administrators, like gid 0. */
const DARWIN_ADMIN_GID = 80

/** A kiosk configuration that cannot be used; the message names the file, the setting and what is allowed. */
export class KioskConfigError extends Error {
  override name = 'KioskConfigError'
}

/** The machine-wide config file's path on `platform` (`process.platform`), with `env` for %ProgramData%. */
export function kioskConfigPath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (platform === 'win32') {
    // Only an absolute %ProgramData% is taken; otherwise Windows' default.
    const programData = [env.ProgramData, env.PROGRAMDATA].find(
      (value) => value !== undefined && win32.isAbsolute(value) && /^[A-Za-z]:\\/.test(value),
    )
    return win32.join(programData ?? 'C:\\ProgramData', 'My MINI Finance', KIOSK_CONFIG_FILE_NAME)
  }
  if (platform === 'darwin') {
    return posix.join('/Library/Application Support/My MINI Finance', KIOSK_CONFIG_FILE_NAME)
  }
  return posix.join('/etc/my-mini-finance', KIOSK_CONFIG_FILE_NAME)
}

/** What about `stats` lets a non-administrator write it, or null when nothing does (POSIX). */
export function nonAdminWriteAccess(
  stats: Pick<Stats, 'mode' | 'uid' | 'gid'>,
  options: { platform: NodeJS.Platform; adminUid?: number },
): string | null {
  const adminUid = options.adminUid ?? 0
  const adminGids = options.platform === 'darwin' ? [0, DARWIN_ADMIN_GID] : [0]
  if (stats.uid !== adminUid) return `it belongs to uid ${stats.uid}, not to root`
  if ((stats.mode & 0o002) !== 0) return 'everyone may write it'
  if ((stats.mode & 0o020) !== 0 && !adminGids.includes(stats.gid)) {
    return `group ${stats.gid} may write it`
  }
  return null
}

export interface LoadKioskConfigOptions {
  /** The machine-wide file, normally `kioskConfigPath(process.platform, process.env)`. */
  file: string
  /** Whether `--kiosk` was given (AppConfig.kiosk). */
  flag: boolean
  platform: NodeJS.Platform
  /** The uid that counts as root in the ownership check; tests pass their own. */
  adminUid?: number
}

/** Kiosk mode's settings, or null when kiosk mode is off; throws KioskConfigError when the file is unusable. */
export async function loadKioskConfig(
  options: LoadKioskConfigOptions,
): Promise<KioskConfig | null> {
  const text = await readMachineFile(options)
  if (text === null) {
    if (!options.flag) return null
    return {
      source: 'flag',
      file: null,
      ...KIOSK_DEFAULTS,
      dealershipName: null,
      exitPinHash: null,
    }
  }
  return { source: 'machine-file', file: options.file, ...parseKioskConfig(text, options.file) }
}

/** Reads the file; null when it does not exist. Ownership and mode are checked on the open handle. */
async function readMachineFile(options: LoadKioskConfigOptions): Promise<string | null> {
  const { file } = options
  const fail = (problem: string): KioskConfigError => new KioskConfigError(`${file}: ${problem}`)
  const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error)
  let handle
  try {
    // O_NONBLOCK: a FIFO put in the file's place cannot stall the start.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    if (code(error) === 'ENOENT') return null
    throw fail(`cannot be read (${code(error)}); kiosk mode needs it readable by the app`)
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw fail('is not a file')
    if (stats.size > MAX_FILE_BYTES) throw fail(`is larger than ${MAX_FILE_BYTES} bytes`)
    if (options.platform !== 'win32') {
      const folder = dirname(file)
      const fix = `run: sudo chown root "${file}" "${folder}" && sudo chmod go-w "${file}" "${folder}"`
      const fileAccess = nonAdminWriteAccess(stats, options)
      if (fileAccess)
        throw fail(`must be writable by administrators only, but ${fileAccess}; ${fix}`)
      let folderStats: Stats
      try {
        folderStats = await stat(folder)
      } catch (error) {
        throw fail(`its folder cannot be checked (${code(error)})`)
      }
      const folderAccess = nonAdminWriteAccess(folderStats, options)
      if (folderAccess) {
        throw fail(
          `its folder must be writable by administrators only, but ${folderAccess}; ${fix}`,
        )
      }
    }
    try {
      return await handle.readFile('utf8')
    } catch (error) {
      throw fail(`cannot be read (${code(error)})`)
    }
  } finally {
    await handle.close()
  }
}

/** The settings in `text` (the file's content); `file` names it in the error. */
export function parseKioskConfig(
  text: string,
  file: string,
): Omit<KioskConfig, 'source' | 'file'> & { dealershipName: string; exitPinHash: string } {
  const fail = (problem: string): KioskConfigError => new KioskConfigError(`${file}: ${problem}`)
  let parsed: unknown
  try {
    // Notepad writes a byte-order mark.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw fail(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fail(`must hold a JSON object with the settings ${SETTINGS.join(', ')}`)
  }
  const values = parsed as Record<string, unknown>
  const problems: string[] = []
  for (const key of Object.keys(values)) {
    if (!(SETTINGS as readonly string[]).includes(key)) {
      problems.push(`${JSON.stringify(key)} is not a setting (allowed: ${SETTINGS.join(', ')})`)
    }
  }

  const seconds = (
    key: 'idleTimeoutSeconds' | 'warningSeconds',
    range: { min: number; max: number },
  ): number | null => {
    const value = Object.hasOwn(values, key) ? values[key] : KIOSK_DEFAULTS[key]
    if (Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max)
      return value as number
    problems.push(
      `${key} must be a whole number of seconds from ${range.min} to ${range.max} (found ${found(values[key])})`,
    )
    return null
  }
  const idleTimeoutSeconds = seconds('idleTimeoutSeconds', IDLE_RANGE)
  const warningSeconds = seconds('warningSeconds', WARNING_RANGE)
  if (idleTimeoutSeconds !== null && warningSeconds !== null) {
    if (warningSeconds >= idleTimeoutSeconds) {
      const which = !Object.hasOwn(values, 'warningSeconds') ? ' (the default)' : ''
      problems.push(
        `warningSeconds must be less than idleTimeoutSeconds (found ${warningSeconds}${which} and ${idleTimeoutSeconds})`,
      )
    }
  }

  let dealershipName: string | null = null
  const name = values.dealershipName
  if (name === undefined) {
    problems.push('dealershipName is required: the name shown on the start screen')
  } else if (typeof name === 'string' && isDisplayName(name.trim().normalize('NFC'))) {
    dealershipName = name.trim().normalize('NFC')
  } else {
    problems.push(
      `dealershipName must be text of 1 to ${DEALERSHIP_NAME_MAX} characters without line breaks (found ${found(name)})`,
    )
  }

  let exitPinHash: string | null = null
  const hash = values.exitPinHash
  if (hash === undefined) {
    problems.push('exitPinHash is required: the line `npm run kiosk:pin-hash` prints')
  } else if (typeof hash === 'string' && ARGON2ID_PHC.test(hash)) {
    exitPinHash = hash
  } else {
    problems.push(
      `exitPinHash must be an argon2id hash ("$argon2id$v=19$…") as \`npm run kiosk:pin-hash\` prints it (found ${found(hash)})`,
    )
  }

  const printingAllowed = Object.hasOwn(values, 'printingAllowed')
    ? values.printingAllowed
    : KIOSK_DEFAULTS.printingAllowed
  if (typeof printingAllowed !== 'boolean') {
    problems.push(`printingAllowed must be true or false (found ${found(values.printingAllowed)})`)
  }

  if (
    problems.length > 0 ||
    idleTimeoutSeconds === null ||
    warningSeconds === null ||
    dealershipName === null ||
    exitPinHash === null ||
    typeof printingAllowed !== 'boolean'
  ) {
    throw fail(problems.join('; '))
  }
  return { idleTimeoutSeconds, warningSeconds, dealershipName, exitPinHash, printingAllowed }
}

function isDisplayName(name: string): boolean {
  const length = [...name].length
  // No control characters (line breaks, tabs, escapes) and no bidi overrides.
  return (
    length >= 1 &&
    length <= DEALERSHIP_NAME_MAX &&
    !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(name)
  )
}

/** The value as the message shows it: JSON, shortened. */
function found(value: unknown): string {
  const shown = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value))
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown
}

/** What the renderer may know of the config: everything but the PIN hash and the file. */
export function kioskSettingsOf(config: KioskConfig): KioskSettings {
  return {
    dealershipName: config.dealershipName,
    printingAllowed: config.printingAllowed,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    warningSeconds: config.warningSeconds,
  }
}
