/**
 * The one place that registers IPC handlers: every channel of the contract,
 * each call checked for its sender and its argument before the handler runs.
 */
import {
  ipcChannels,
  ipcContract,
  type IpcArg,
  type IpcChannel,
  type IpcResult,
  type IpcReturn,
} from '../../shared/ipc.ts'

/**
 * Thrown by a handler that refuses a call the app does not allow here (for
 * example saving to disk in kiosk mode): the renderer gets `not_allowed`.
 */
export class NotAllowedError extends Error {}

/**
 * Thrown by a handler when what the renderer named does not exist for this
 * customer (a letter the backend answers 404 for): the renderer gets `not_found`.
 */
export class NotFoundError extends Error {}

/** The sender frame as Electron describes it (WebFrameMain), reduced to what the check needs. */
export interface SenderFrame {
  url: string
  parent: unknown
}

/**
 * The part of ipcMain the register uses: a seam for tests on plain Node. `S` is the
 * sender's type (Electron's WebContents in main), handed to the handlers checked.
 */
export interface IpcMainLike<S = unknown> {
  handle(
    channel: string,
    listener: (
      event: { senderFrame: SenderFrame | null; sender: S },
      ...args: unknown[]
    ) => Promise<unknown>,
  ): void
}

/** Channels whose handler acts on the calling page itself (prints it): they get its web contents. */
export type SenderChannel = 'kiosk:print'

/** A handler per channel; a SenderChannel's also gets the (checked) sender. */
export type IpcHandlers<S = unknown> = {
  [C in IpcChannel]: C extends SenderChannel
    ? (arg: IpcArg<C>, sender: S) => Promise<IpcReturn<C>>
    : (arg: IpcArg<C>) => Promise<IpcReturn<C>>
}

/**
 * Whether a URL belongs to the app (app://mmf/…). Compared by scheme and host:
 * Node's URL gives custom schemes the origin "null", so `origin` cannot be used.
 */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'app:' && url.host === 'mmf' && !url.username && !url.password
  } catch {
    return false
  }
}

/** Only the app's own top-level page may call main: no iframe, no other origin. */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && !frame.parent && isAppUrl(frame.url)
}

/** Registers a handler for every channel; returns the channels registered. */
export function registerIpcHandlers<S>(
  ipc: IpcMainLike<S>,
  handlers: IpcHandlers<S>,
  options: {
    isTrusted?: (frame: SenderFrame | null) => boolean
    log?: (line: string) => void
  } = {},
): IpcChannel[] {
  const isTrusted = options.isTrusted ?? isTrustedSender
  const log = options.log ?? (() => undefined)
  for (const channel of ipcChannels) {
    ipc.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
      if (!isTrusted(event.senderFrame)) {
        log(`ipc: refused ${channel} from an untrusted sender`)
        return { ok: false, error: { code: 'untrusted_sender' } }
      }
      if (args.length > 1) return { ok: false, error: { code: 'invalid_argument' } }
      const checked = ipcContract[channel].arg(args[0])
      if (!checked.ok) {
        log(`ipc: refused ${channel}: ${checked.error}`)
        return { ok: false, error: { code: 'invalid_argument' } }
      }
      try {
        const handler = handlers[channel] as (arg: unknown, sender: S) => Promise<unknown>
        return { ok: true, value: await handler(checked.value, event.sender) }
      } catch (error) {
        if (error instanceof NotAllowedError) {
          log(`ipc: ${channel} is not allowed here`)
          return { ok: false, error: { code: 'not_allowed' } }
        }
        if (error instanceof NotFoundError) {
          log(`ipc: ${channel} found nothing: ${error.message}`)
          return { ok: false, error: { code: 'not_found' } }
        }
        log(`ipc: ${channel} failed: ${error instanceof Error ? error.message : String(error)}`)
        return { ok: false, error: { code: 'failed' } }
      }
    })
  }
  return [...ipcChannels]
}
