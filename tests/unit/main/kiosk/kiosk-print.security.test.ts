/**
 * Printing on a kiosk terminal never opens the system print dialog: its "Save as
 * PDF" writes the letter to the terminal's disk and opens a file chooser, a way
 * out of the kiosk. `kiosk:print` prints the calling page silently on the printer
 * kiosk.json names, through the real IPC register and the kiosk runtime; without
 * a printer it is refused. The page is a model of Electron's webContents.print
 * (the machine running the tests has no Electron and no printer): a silent job
 * goes to an installed printer or fails with Electron's reason, anything else
 * "opens the dialog", which the tests look for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  PRINT_TIMEOUT_MS,
  type PrintableContents,
  type SilentPrintOptions,
} from '../../../../src/main/kiosk/kiosk-print.ts'
import { createKioskRuntime, noKioskHandlers } from '../../../../src/main/kiosk/kiosk-runtime.ts'
import { registerKioskChannels } from '../support/kiosk-ipc.ts'

const PRINTER = 'Showroom Laser (Empfang)'

afterEach(() => {
  vi.useRealTimers()
})

/**
 * The kiosk window's page as Electron prints it. `answer: 'never'` leaves the job
 * without an answer (a printer driver that hangs).
 */
function kioskPage(options: { installed?: string[]; answer?: 'now' | 'never' } = {}) {
  const installed = options.installed ?? [PRINTER]
  const jobs: SilentPrintOptions[] = []
  let dialogs = 0
  const page: PrintableContents = {
    print(printOptions, callback) {
      jobs.push({ ...printOptions })
      // Electron shows the system dialog for every print that is not silent.
      if (printOptions.silent !== true) {
        dialogs += 1
        return
      }
      if (options.answer === 'never') return
      const known = installed.includes(printOptions.deviceName)
      setTimeout(() => callback(known, known ? '' : 'Invalid deviceName provided'), 5)
    },
  }
  return { page, jobs, dialogs: () => dialogs }
}

/** The real register around a kiosk runtime with `printer`; `call` is the page invoking a channel. */
function terminal(printer: string | null) {
  const logLines: string[] = []
  const runtime = createKioskRuntime({
    config: { idleTimeoutSeconds: 120, warningSeconds: 30, exitPinHash: null, printer },
    gateway: { signOut: async () => undefined, forgetSession: () => undefined },
    steps: {
      clearStorage: () => undefined,
      clearCache: () => undefined,
      clearAuthCache: () => undefined,
      clearClipboard: () => undefined,
      showStartScreen: () => undefined,
    },
    send: () => undefined,
    quit: () => undefined,
    log: (line) => logLines.push(line),
  })
  return { call: registerKioskChannels(runtime.handlers), logLines }
}

describe('kiosk:print', () => {
  it('prints the calling page silently on the printer kiosk.json names', async () => {
    const { call, logLines } = terminal(PRINTER)
    const { page, jobs, dialogs } = kioskPage()
    expect(await call(page, 'kiosk:print')).toEqual({ ok: true, value: { printed: true } })
    expect(jobs).toEqual([{ silent: true, deviceName: PRINTER, printBackground: false, copies: 1 }])
    expect(dialogs()).toBe(0)
    expect(logLines).toContain('kiosk: a letter was printed')
  })

  it('is refused without a printer: nothing is printed, no dialog opens', async () => {
    const { call } = terminal(null)
    const { page, jobs, dialogs } = kioskPage()
    expect(await call(page, 'kiosk:print')).toEqual({ ok: false, error: { code: 'not_allowed' } })
    expect(jobs).toEqual([])
    expect(dialogs()).toBe(0)
  })

  it('is refused outside kiosk mode', async () => {
    const call = registerKioskChannels(noKioskHandlers())
    const { page, jobs } = kioskPage()
    expect(await call(page, 'kiosk:print')).toEqual({ ok: false, error: { code: 'not_allowed' } })
    expect(jobs).toEqual([])
  })

  it('answers printed: false when the printer is not there, and never falls back to a dialog', async () => {
    const { call, logLines } = terminal('Old Printer, sold in 2024')
    const { page, jobs, dialogs } = kioskPage()
    expect(await call(page, 'kiosk:print')).toEqual({ ok: true, value: { printed: false } })
    expect(jobs).toHaveLength(1)
    expect(jobs[0]).toMatchObject({ silent: true, deviceName: 'Old Printer, sold in 2024' })
    expect(dialogs()).toBe(0)
    // The reason is for the technician's log, not for the customer.
    expect(logLines).toContain('kiosk: printing failed (Invalid deviceName provided)')
  })

  it('answers printed: false when the page cannot print at all', async () => {
    const { call } = terminal(PRINTER)
    const broken: PrintableContents = {
      print: () => {
        throw new Error('Object has been destroyed')
      },
    }
    expect(await call(broken, 'kiosk:print')).toEqual({ ok: true, value: { printed: false } })
  })

  it('prints one job at a time: a second tap while one prints is refused, the next works', async () => {
    const { call } = terminal(PRINTER)
    const { page, jobs } = kioskPage()
    const first = call(page, 'kiosk:print')
    expect(await call(page, 'kiosk:print')).toEqual({ ok: false, error: { code: 'not_allowed' } })
    expect(await first).toEqual({ ok: true, value: { printed: true } })
    expect(await call(page, 'kiosk:print')).toEqual({ ok: true, value: { printed: true } })
    expect(jobs).toHaveLength(2)
  })

  it('gives up on a job that gets no answer, so that the terminal can print again', async () => {
    vi.useFakeTimers()
    const { call } = terminal(PRINTER)
    const hanging = kioskPage({ answer: 'never' })
    const first = call(hanging.page, 'kiosk:print')
    await vi.advanceTimersByTimeAsync(PRINT_TIMEOUT_MS)
    expect(await first).toEqual({ ok: true, value: { printed: false } })
    const working = kioskPage()
    const second = call(working.page, 'kiosk:print')
    await vi.advanceTimersByTimeAsync(10)
    expect(await second).toEqual({ ok: true, value: { printed: true } })
  })

  it('takes no argument: a page cannot choose the printer, the copies or a dialog', async () => {
    const { call } = terminal(PRINTER)
    const { page, jobs } = kioskPage({ installed: [PRINTER, 'Microsoft Print to PDF'] })
    for (const arg of [
      { deviceName: 'Microsoft Print to PDF' },
      { silent: false },
      { copies: 500 },
      'Microsoft Print to PDF',
    ]) {
      expect(await call(page, 'kiosk:print', arg)).toEqual({
        ok: false,
        error: { code: 'invalid_argument' },
      })
    }
    expect(jobs).toEqual([])
  })
})
