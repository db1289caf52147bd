/**
 * Kiosk mode's configuration: a machine-wide JSON file that the customer at a
 * dealership terminal cannot change, validated at start-up. Plain TypeScript
 * (tested on Node); main reads it before it builds anything, the web preview
 * reads the same format with `--kiosk-config` (`previewKioskSettings`).
 *
 * The file itself (where it lives, who may write it): kiosk-config-file.ts.
 *
 * When kiosk mode is on (`loadKioskConfig`):
 * - The file exists: kiosk mode, with the file's settings. `dealershipName`,
 *   `exitPinHash` and the backend are required there: `apiBaseUrl` (the bank's
 *   API) or, for a demonstration terminal, `"demo": true` — never neither (the
 *   embedded demo backend shows every e-mail it "sent" to anyone) and never both.
 *   `--kiosk` changes nothing then; `--api-base-url` may only repeat `apiBaseUrl`.
 * - No file, but `--kiosk` (for trying it out on a developer's machine): kiosk
 *   mode with the defaults, no dealership name (`null`; the start screen shows
 *   none) and no exit PIN (`exitPinHash: null`): the exit gesture then quits
 *   without asking for a PIN. That is no weaker than a set-up terminal, because
 *   whoever can start the app with `--kiosk` can start it without.
 * - Neither: no kiosk mode (`null`).
 * - A file that exists but cannot be read, or holds anything invalid: an error,
 *   never a silent fallback to the normal app on a showroom terminal.
 *
 * The exit PIN hash is readable by the app's (unprivileged) account, so it can
 * be attacked offline by someone with a shell on the terminal; the PIN guards
 * against customers at the touch screen, not against the machine's users.
 */
import { parseRemoteBaseUrl } from '../../gateway/upstream.ts'
import { KIOSK_DEFAULT_SETTINGS, type KioskSettings } from '../../shared/kiosk.ts'
import {
  KIOSK_CONFIG_FILE_NAME,
  KioskConfigError,
  readKioskConfigFile,
  type LoadKioskConfigOptions,
} from './kiosk-config-file.ts'

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
  /**
   * The bank's API (normalised, ending in `/`); null on a demonstration terminal, and
   * with `--kiosk` alone (then the command line decides, see `kioskApiBaseUrl`).
   */
  apiBaseUrl: string | null
  /** `"demo": true`: the terminal runs on the embedded demo backend. */
  demo: boolean
  /** The system printer letters are printed on, without a dialog; null: no printing. */
  printer: string | null
}

export const KIOSK_DEFAULTS = {
  idleTimeoutSeconds: KIOSK_DEFAULT_SETTINGS.idleTimeoutSeconds,
  warningSeconds: KIOSK_DEFAULT_SETTINGS.warningSeconds,
  printer: null,
} as const

const IDLE_RANGE = { min: 30, max: 3600 }
const WARNING_RANGE = { min: 5, max: 120 }
const DEALERSHIP_NAME_MAX = 80
const PRINTER_NAME_MAX = 200
const SETTINGS = [
  'dealershipName',
  'exitPinHash',
  'apiBaseUrl',
  'demo',
  'idleTimeoutSeconds',
  'warningSeconds',
  'printer',
] as const
/** Settings of earlier versions, refused with what replaces them. */
const RETIRED_SETTINGS: Readonly<Record<string, string>> = {
  printingAllowed:
    'printingAllowed is no longer a setting: name the system printer in "printer" (letters are then printed there without a dialog); without "printer" nothing is printed',
}
/** argon2id in PHC form, as `npm run kiosk:pin-hash` prints it. */
const ARGON2ID_PHC =
  /^\$argon2id\$v=19\$m=[1-9]\d{0,9},t=[1-9]\d{0,9},p=[1-9]\d{0,2}\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{16,}$/

/** Kiosk mode's settings, or null when kiosk mode is off; throws KioskConfigError when the file is unusable. */
export async function loadKioskConfig(
  options: LoadKioskConfigOptions,
): Promise<KioskConfig | null> {
  const text = await readKioskConfigFile(options)
  if (text === null) {
    if (!options.flag) return null
    return {
      source: 'flag',
      file: null,
      ...KIOSK_DEFAULTS,
      dealershipName: null,
      exitPinHash: null,
      apiBaseUrl: null,
      demo: false,
    }
  }
  return { source: 'machine-file', file: options.file, ...parseKioskConfig(text, options.file) }
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
    if (Object.hasOwn(RETIRED_SETTINGS, key)) {
      problems.push(RETIRED_SETTINGS[key] as string)
    } else if (!(SETTINGS as readonly string[]).includes(key)) {
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
  } else if (
    typeof name === 'string' &&
    isPlainText(name.trim().normalize('NFC'), DEALERSHIP_NAME_MAX)
  ) {
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

  const { apiBaseUrl, demo } = backendOf(values, problems)

  let printer: string | null = KIOSK_DEFAULTS.printer
  if (Object.hasOwn(values, 'printer')) {
    const value = values.printer
    if (typeof value === 'string' && isPlainText(value.trim(), PRINTER_NAME_MAX)) {
      printer = value.trim()
    } else {
      problems.push(
        `printer must be the system printer's name, 1 to ${PRINTER_NAME_MAX} characters without line breaks (found ${found(value)}); leave it out for no printing`,
      )
    }
  }

  if (
    problems.length > 0 ||
    idleTimeoutSeconds === null ||
    warningSeconds === null ||
    dealershipName === null ||
    exitPinHash === null
  ) {
    throw fail(problems.join('; '))
  }
  return {
    idleTimeoutSeconds,
    warningSeconds,
    dealershipName,
    exitPinHash,
    apiBaseUrl,
    demo,
    printer,
  }
}

/**
 * The terminal's backend: `apiBaseUrl` (https, or http on this computer only, as for
 * `--api-base-url`) or `"demo": true`, exactly one of them; problems go to `problems`.
 */
function backendOf(
  values: Record<string, unknown>,
  problems: string[],
): { apiBaseUrl: string | null; demo: boolean } {
  let apiBaseUrl: string | null = null
  const url = values.apiBaseUrl
  if (typeof url === 'string') {
    try {
      apiBaseUrl = parseRemoteBaseUrl(url.trim()).href
    } catch (error) {
      problems.push(`apiBaseUrl: ${error instanceof Error ? error.message : String(error)}`)
    }
  } else if (url !== undefined) {
    problems.push(`apiBaseUrl must be the https address of the bank's API (found ${found(url)})`)
  }
  const demo = values.demo ?? false
  if (typeof demo !== 'boolean') {
    problems.push(`demo must be true or false (found ${found(values.demo)})`)
    return { apiBaseUrl, demo: false }
  }
  if (url === undefined && !demo) {
    problems.push(
      'apiBaseUrl is required: the https address of the bank\'s API; only a demonstration terminal runs on the demo data instead, with "demo": true',
    )
  } else if (url !== undefined && demo) {
    problems.push(
      'apiBaseUrl and "demo": true exclude each other: a terminal talks to the bank\'s API or runs on the demo data; remove one of them',
    )
  }
  return { apiBaseUrl, demo }
}

/**
 * The remote API a terminal talks to, or null for the embedded demo backend. With the
 * machine file the file decides: a different `--api-base-url` (or MMF_API_BASE_URL) is
 * an error, not a quiet override. With `--kiosk` alone the command line decides.
 */
export function kioskApiBaseUrl(config: KioskConfig, commandLine: string | null): string | null {
  if (config.source === 'flag') return commandLine
  const given = commandLine === null ? null : parseRemoteBaseUrl(commandLine).href
  if (given !== null && given !== config.apiBaseUrl) {
    throw new KioskConfigError(
      `${config.file ?? KIOSK_CONFIG_FILE_NAME}: decides this terminal's backend (${config.apiBaseUrl ?? '"demo": true'}), but --api-base-url or MMF_API_BASE_URL names ${given}; remove that, or put it into apiBaseUrl`,
    )
  }
  return config.apiBaseUrl
}

/** Text of 1 to `max` characters, without control characters (line breaks, tabs, escapes) or bidi overrides. */
function isPlainText(text: string, max: number): boolean {
  const length = [...text].length
  return length >= 1 && length <= max && !/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(text)
}

/** The value as the message shows it: JSON, shortened. */
function found(value: unknown): string {
  const shown = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value))
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown
}

/**
 * What the renderer may know of the config: never the PIN hash, the file, the backend
 * or the printer's name; only whether letters can be printed, which needs a printer and
 * main's silent printing (`silentPrinting`: the desktop app, never the web preview).
 */
export function kioskSettingsOf(
  config: Pick<KioskConfig, 'dealershipName' | 'printer' | 'idleTimeoutSeconds' | 'warningSeconds'>,
  options: { silentPrinting: boolean },
): KioskSettings {
  return {
    dealershipName: config.dealershipName,
    printingAvailable: options.silentPrinting && config.printer !== null,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    warningSeconds: config.warningSeconds,
  }
}

/**
 * The web preview's kiosk settings from a kiosk.json (`--kiosk-config`): the same
 * format, but the preview runs its own backend, so a file with `apiBaseUrl` is
 * refused; and it cannot print without a dialog, so it never offers printing.
 */
export function previewKioskSettings(text: string, file: string): KioskSettings {
  const config = parseKioskConfig(text, file)
  if (config.apiBaseUrl !== null) {
    throw new KioskConfigError(
      `${file}: apiBaseUrl: the web preview runs its own backend and cannot use the bank's API; try the file with "demo": true instead`,
    )
  }
  return kioskSettingsOf(config, { silentPrinting: false })
}
