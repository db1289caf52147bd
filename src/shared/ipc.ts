/**
 * The one IPC contract between renderer (through the preload) and main.
 * Every channel is `domain:verb`, with a run-time check of its argument. Main
 * registers handlers for exactly these channels; the preload exposes exactly
 * these as `window.mmf.<domain>.<verb>()`. HTTP goes through app://mmf/api, not IPC.
 */
import { none, object, string, type Check } from './validate.ts'

/** What the renderer may know about the app it runs in. */
export interface AppInfo {
  version: string
  platform: string
  /** true: the backend runs inside the app; false: a remote API base URL is configured. */
  embedded: boolean
  /** Demo data and the demo mailbox are available. */
  demo: boolean
  kiosk: boolean
  /** Where a kept sign-in lives: the OS keychain, or memory only (sign in again next start). */
  keychain: 'os' | 'memory'
}

export interface OpenExternalResult {
  opened: boolean
}

/** IPC results are data: a failure carries a stable code the renderer maps to a message. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode } }
export type IpcErrorCode = 'invalid_argument' | 'untrusted_sender' | 'not_allowed' | 'failed'

interface Channel<A, R> {
  arg: Check<A>
  /** Only a type marker for the result; never read at run time. */
  result?: R
}

function channel<A, R>(arg: Check<A>): Channel<A, R> {
  return { arg }
}

export const ipcContract = {
  'app:getInfo': channel<undefined, AppInfo>(none),
  'links:openExternal': channel<{ url: string }, OpenExternalResult>(
    object({ url: string({ minLength: 1, maxLength: 2048 }) }),
  ),
  /** Opens a myminifinance:// link (from the demo mailbox) in the main window. */
  'links:openDeepLink': channel<{ url: string }, OpenExternalResult>(
    object({ url: string({ minLength: 1, maxLength: 400 }) }),
  ),
  /** Opens the demo mailbox window (demo mode only). */
  'mailbox:open': channel<undefined, OpenExternalResult>(none),
} as const

export type IpcContract = typeof ipcContract
export type IpcChannel = keyof IpcContract
export type IpcArg<C extends IpcChannel> =
  IpcContract[C] extends Channel<infer A, unknown> ? A : never
export type IpcReturn<C extends IpcChannel> =
  IpcContract[C] extends Channel<unknown, infer R> ? R : never

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never
type IpcMethod<C extends IpcChannel> =
  undefined extends IpcArg<C>
    ? () => Promise<IpcResult<IpcReturn<C>>>
    : (arg: IpcArg<C>) => Promise<IpcResult<IpcReturn<C>>>

/** The shape of `window.mmf`, derived from the contract. */
export type MmfApi = {
  [D in DomainOf<IpcChannel>]: {
    [C in Extract<IpcChannel, `${D}:${string}`> as VerbOf<C>]: IpcMethod<C>
  }
}

/** Every channel name, for the preload and the register. */
export const ipcChannels = Object.keys(ipcContract) as IpcChannel[]
