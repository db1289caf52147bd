/**
 * The real IPC register around a kiosk runtime's handlers, for the kiosk tests:
 * every other channel fails loudly; `invoke` calls a channel as the app's own page
 * (the sender frame the register trusts) with the given web contents as sender.
 */
import {
  registerIpcHandlers,
  type IpcHandlers,
  type IpcMainLike,
  type SenderFrame,
} from '../../../../src/main/ipc/register.ts'
import type { PrintableContents } from '../../../../src/main/kiosk/kiosk-print.ts'
import { ipcChannels } from '../../../../src/shared/ipc.ts'

export const APP_PAGE: SenderFrame = { url: 'app://mmf/index.html#/', parent: null }

type Listener = Parameters<IpcMainLike<PrintableContents>['handle']>[1]

/** Registers `kioskHandlers` (and failing handlers for the rest); answers the invoke. */
export function registerKioskChannels(
  kioskHandlers: Partial<IpcHandlers<PrintableContents>>,
  options: { log?: (line: string) => void } = {},
): (sender: PrintableContents, channel: string, ...args: unknown[]) => Promise<unknown> {
  const listeners = new Map<string, Listener>()
  const others = Object.fromEntries(
    ipcChannels.map((channel) => [
      channel,
      async () => {
        throw new Error(`${channel} is not under test`)
      },
    ]),
  ) as unknown as IpcHandlers<PrintableContents>
  registerIpcHandlers<PrintableContents>(
    { handle: (channel, listener) => listeners.set(channel, listener) },
    { ...others, ...kioskHandlers },
    options,
  )
  return (sender, channel, ...args) => {
    const listener = listeners.get(channel)
    if (!listener) throw new Error(`no handler for ${channel}`)
    return listener({ senderFrame: APP_PAGE, sender }, ...args)
  }
}
