/**
 * Kiosk mode's configuration file: where it lives and who may write it. The
 * settings in it are parsed by kiosk-config.ts.
 *
 * Where the file lives (`kioskConfigPath`):
 * - Windows: `%ProgramData%\My MINI Finance\kiosk.json`
 * - macOS:   `/Library/Application Support/My MINI Finance/kiosk.json`
 * - Linux and other POSIX systems: `/etc/my-mini-finance/kiosk.json`
 *
 * Who may write the file (POSIX only, where it is cheap to check): the file and
 * its folder must belong to root, and neither may be writable by others, nor by
 * a group other than the administrators' (gid 0; on macOS also `admin`, 80).
 * A violation is an error, not a warning: a kiosk whose exit PIN or idle
 * timeout the kiosk account itself could rewrite is not set up, and the
 * message says how to fix it. On Windows the folder's ACL is the installer's
 * and the dealer's business (README); it is not checked here.
 */
import { constants, type Stats } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { dirname, posix, win32 } from 'node:path'

export const KIOSK_CONFIG_FILE_NAME = 'kiosk.json'

/** Far more than any valid file; a bigger one is refused unread. */
const MAX_FILE_BYTES = 64 * 1024
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

/** Reads the file; null when it does not exist. Ownership and mode are checked on the open handle. */
export async function readKioskConfigFile(options: LoadKioskConfigOptions): Promise<string | null> {
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
