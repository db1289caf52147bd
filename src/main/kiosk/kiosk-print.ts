/**
 * Printing a letter on a kiosk terminal, without Electron: the `kiosk:print`
 * handler prints the calling page (the renderer's print view, every page of the
 * letter drawn) silently on the printer kiosk.json names. Never the system print
 * dialog: its "Save as PDF" writes the letter to the terminal's disk and opens a
 * file chooser, a way out of the kiosk. No printer configured: refused (the
 * renderer offers no "Drucken" then). The page's web contents is the seam.
 */
import type { KioskPrintResult } from '../../shared/kiosk.ts'
import { NotAllowedError } from '../ipc/register.ts'

/** What is handed to `webContents.print`: always silent, always the configured printer. */
export interface SilentPrintOptions {
  silent: true
  deviceName: string
  printBackground: false
  copies: 1
}

/** The part of Electron's WebContents that prints. */
export interface PrintableContents {
  print(
    options: SilentPrintOptions,
    callback: (success: boolean, failureReason: string) => void,
  ): void
}

/** How long a print job may take to be handed to the printer before it counts as failed. */
export const PRINT_TIMEOUT_MS = 60_000

export interface KioskPrinterOptions {
  /** The printer's name from kiosk.json; null: printing is refused. */
  printer: string | null
  log?: (line: string) => void
}

/**
 * The `kiosk:print` handler: prints `sender`'s page, one job at a time (a second
 * call while one runs is refused: no pile of copies from a double tap).
 */
export function createKioskPrinter(
  options: KioskPrinterOptions,
): (sender: PrintableContents) => Promise<KioskPrintResult> {
  const log = options.log ?? (() => undefined)
  let printing = false

  return async (sender) => {
    const printer = options.printer
    if (printer === null) throw new NotAllowedError('no printer is configured in kiosk.json')
    if (printing) throw new NotAllowedError('a letter is being printed')
    printing = true
    try {
      const outcome = await new Promise<{ success: boolean; reason: string }>((resolve) => {
        const timer = setTimeout(
          () => resolve({ success: false, reason: `no answer within ${PRINT_TIMEOUT_MS} ms` }),
          PRINT_TIMEOUT_MS,
        )
        const settle = (success: boolean, reason: string): void => {
          clearTimeout(timer)
          resolve({ success, reason })
        }
        try {
          sender.print(
            { silent: true, deviceName: printer, printBackground: false, copies: 1 },
            settle,
          )
        } catch (error) {
          settle(false, error instanceof Error ? error.message : String(error))
        }
      })
      // The reason is for the technician; the customer hears only that it did not work.
      log(
        outcome.success
          ? 'kiosk: a letter was printed'
          : `kiosk: printing failed (${outcome.reason})`,
      )
      return { printed: outcome.success }
    } finally {
      printing = false
    }
  }
}
