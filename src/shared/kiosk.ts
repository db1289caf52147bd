/**
 * What main (desktop kiosk) and the web preview's gateway tell the renderer about
 * a dealership terminal, and the events of its idle countdown. Plain TypeScript.
 */

/** The kiosk settings the renderer may know (never the exit PIN's hash). */
export interface KioskSettings {
  /** Shown on the start screen; null when the terminal was started with `--kiosk` alone. */
  dealershipName: string | null
  /**
   * Whether letters can be printed: only in the desktop app with a printer named in
   * kiosk.json, silently (main prints, never through a dialog). Never in the web preview.
   */
  printingAvailable: boolean
  /** Seconds without input before the session ends (the countdown included). */
  idleTimeoutSeconds: number
  /** Seconds of the "Sind Sie noch da?" countdown. */
  warningSeconds: number
}

/** The settings of a terminal started with `--kiosk` alone (no machine file). */
export const KIOSK_DEFAULT_SETTINGS: Readonly<KioskSettings> = Object.freeze({
  dealershipName: null,
  printingAvailable: false,
  idleTimeoutSeconds: 120,
  warningSeconds: 30,
})

/**
 * The idle countdown as main reports it (`kiosk:idle`), or the web preview's own
 * controller: `warning` starts the full-screen notice, `tick` counts it down,
 * `cleared` hides it (the customer continued), `expired` means the session ends now.
 */
export type KioskIdleEvent =
  { phase: 'warning' | 'tick'; secondsLeft: number } | { phase: 'cleared' } | { phase: 'expired' }

/**
 * Why a kiosk shows its start screen afresh (main's session end, or the web preview's
 * page): the customer signed out, was idle, or the page was lost; `reset` when nobody
 * was signed in (a visitor's half-typed form was emptied): then nobody was signed out.
 */
export type KioskStartReason = 'sign-out' | 'idle' | 'renderer-gone' | 'reset'

/**
 * The start screen's route after a session end: `#/?ended=<reason>` (the start screen
 * says why), or plain `#/` after a reset, which tells the next visitor nothing.
 */
export function kioskStartHash(reason: KioskStartReason): string {
  return reason === 'reset' ? '#/' : `#/?ended=${reason}`
}

/** The answer to `kiosk:print`: whether main handed the page to the printer. */
export interface KioskPrintResult {
  printed: boolean
}

/** The answer to `kiosk:exit`. */
export type KioskExitResult =
  | { result: 'exiting' }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked'; retryAfterSeconds: number }

/**
 * The exit gesture: this key combination opens the PIN prompt (main watches for it
 * before the page sees the keys). Documented in the README.
 */
export const KIOSK_EXIT_GESTURE = { control: true, alt: true, shift: true, key: 'k' } as const
/** The gesture as the README and the PIN prompt name it. */
export const KIOSK_EXIT_GESTURE_LABEL = 'Ctrl+Alt+Shift+K'

const INTEGER_IN = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/** Checks settings that arrived over HTTP or IPC; null when they are not well-formed. */
export function parseKioskSettings(value: unknown): KioskSettings | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const name = v.dealershipName
  if (name !== null && (typeof name !== 'string' || name.length > 200)) return null
  if (typeof v.printingAvailable !== 'boolean') return null
  if (!INTEGER_IN(v.idleTimeoutSeconds, 1, 86_400)) return null
  if (!INTEGER_IN(v.warningSeconds, 1, 86_400)) return null
  if (v.warningSeconds >= v.idleTimeoutSeconds) return null
  return {
    dealershipName: name,
    printingAvailable: v.printingAvailable,
    idleTimeoutSeconds: v.idleTimeoutSeconds,
    warningSeconds: v.warningSeconds,
  }
}
