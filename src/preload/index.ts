/**
 * Exposes `window.mmf`, built from the IPC contract, and nothing else: no
 * ipcRenderer, no process, no Node. Every call is checked again in main.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { ipcChannels } from '../shared/ipc.ts'

const api: Record<string, Record<string, (arg?: unknown) => Promise<unknown>>> = {}
for (const channel of ipcChannels) {
  const [domain, verb] = channel.split(':') as [string, string]
  api[domain] ??= {}
  api[domain][verb] = (arg?: unknown) =>
    arg === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, arg)
}

contextBridge.exposeInMainWorld('mmf', Object.freeze(api))
