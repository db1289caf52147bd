import type { MmfBridge } from '../../shared/ipc.ts'

declare global {
  interface Window {
    /** The preload's IPC bridge: present in the Electron app, absent in the web preview. */
    readonly mmf?: MmfBridge | undefined
  }
}

export {}
