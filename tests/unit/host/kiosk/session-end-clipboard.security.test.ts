/**
 * The kiosk session end empties what a customer copied: the clipboard and, on
 * Linux, the PRIMARY selection (text that was merely selected, pasted with a
 * middle click), which `clipboard.clear()` alone leaves for the next customer.
 * The clipboard is a model of Electron's (two buffers on Linux, one elsewhere):
 * the machine running the tests has no Electron.
 */
import { describe, expect, it } from 'vitest'
import {
  clearClipboardStep,
  createSessionEndProcedure,
  SESSION_END_STEP_ORDER,
  type ClipboardLike,
  type SessionEndSteps,
} from '../../../../src/host/kiosk/session-end-procedure.ts'

const IBAN = 'AT61 1904 3002 3457 3201'

/** Electron's clipboard as it behaves on `platform`: `clear()` means `clear('clipboard')`. */
function systemClipboard(platform: NodeJS.Platform) {
  const buffers = new Map<'clipboard' | 'selection', string>([['clipboard', IBAN]])
  if (platform === 'linux') buffers.set('selection', IBAN)
  const clipboard: ClipboardLike = {
    clear(type = 'clipboard') {
      // Elsewhere than on Linux there is no selection buffer: Electron ignores the kind.
      if (buffers.has(type)) buffers.set(type, '')
    },
  }
  return { clipboard, read: (type: 'clipboard' | 'selection') => buffers.get(type) }
}

/** A session end whose only real step is the clipboard's. */
async function endSession(clipboard: ClipboardLike, platform: NodeJS.Platform) {
  const steps = Object.fromEntries(
    SESSION_END_STEP_ORDER.map((name) => [name, () => undefined]),
  ) as unknown as SessionEndSteps
  steps.clearClipboard = clearClipboardStep(clipboard, platform)
  return createSessionEndProcedure({ steps }).run('sign-out')
}

describe('the session end and what the customer copied', () => {
  it('empties the clipboard and the PRIMARY selection on Linux', async () => {
    const { clipboard, read } = systemClipboard('linux')
    const report = await endSession(clipboard, 'linux')
    expect(report.failed).toEqual([])
    expect(read('clipboard')).toBe('')
    expect(read('selection')).toBe('')
  })

  it.each(['win32', 'darwin'] as const)('empties the clipboard on %s', async (platform) => {
    const { clipboard, read } = systemClipboard(platform)
    await endSession(clipboard, platform)
    expect(read('clipboard')).toBe('')
  })

  it('still empties the selection when the clipboard refuses, and reports the step as failed', async () => {
    const { clipboard, read } = systemClipboard('linux')
    const refusing: ClipboardLike = {
      clear(type) {
        if (type !== 'selection') throw new Error('X11 clipboard owner gone')
        clipboard.clear(type)
      },
    }
    const report = await endSession(refusing, 'linux')
    expect(read('selection')).toBe('')
    expect(report.failed).toEqual([
      { step: 'clearClipboard', error: 'clipboard: X11 clipboard owner gone' },
    ])
    expect(report.startScreenShown).toBe(true)
  })
})
