/**
 * Exposes `window.mmf`, built from the IPC contract, and nothing else: no
 * ipcRenderer, no process, no Node. Every call is checked again in main.
 * Events are only those of the contract; each subscription returns its unsubscribe.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ipcChannels, ipcEventNames } from '../shared/ipc.ts'

const api: Record<string, unknown> = {}
for (const channel of ipcChannels) {
  const [domain, verb] = channel.split(':') as [string, string]
  const methods = (api[domain] ??= {}) as Record<string, (arg?: unknown) => Promise<unknown>>
  methods[verb] = (arg?: unknown) =>
    arg === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, arg)
}

api.on = (event: unknown, listener: unknown): (() => void) => {
  if (!ipcEventNames.includes(event as never) || typeof listener !== 'function') {
    throw new TypeError('unknown event or listener')
  }
  const name = event as string
  // The Electron event object (with its sender) never reaches the page.
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
    ;(listener as (payload: unknown) => void)(payload)
  }
  ipcRenderer.on(name, wrapped)
  return () => {
    ipcRenderer.removeListener(name, wrapped)
  }
}

contextBridge.exposeInMainWorld('mmf', Object.freeze(api))
