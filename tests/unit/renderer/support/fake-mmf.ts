/** A fake preload bridge (`window.mmf`) with every channel of the IPC contract. */
import { vi } from 'vitest'
import type { DownloadFolder } from '../../../../src/shared/downloads.ts'
import type { AppInfo, IpcEvents, IpcEventName, MmfBridge } from '../../../../src/shared/ipc.ts'

export const DESKTOP_INFO: AppInfo = {
  embedded: true,
  demo: false,
  kiosk: false,
  kioskSettings: null,
  keychain: 'os',
  platform: 'linux',
  version: '0.1.0',
}

export const DEFAULT_FOLDER: DownloadFolder = {
  folder: '/home/anna/Downloads/My MINI Finance',
  isDefault: true,
}

const ok = <T>(value: T) => ({ ok: true as const, value })
const opened = async () => ok({ opened: true })

/** window.mmf, plus `emit` to push an event as main would. */
export type FakeMmf = MmfBridge & {
  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void
  /** How many listeners are subscribed to an event now. */
  listeners(event: IpcEventName): number
}

let jobCounter = 0

/** A job id in the contract's shape (a UUID). */
export function nextJobId(): string {
  jobCounter++
  return `00000000-0000-4000-8000-${String(jobCounter).padStart(12, '0')}`
}

/** window.mmf for tests; `info` overrides what app:getInfo answers. */
export function fakeMmf(info: Partial<AppInfo> = {}): FakeMmf {
  const subscribers = new Map<IpcEventName, Set<(payload: never) => void>>()
  const mmf: FakeMmf = {
    app: {
      getInfo: vi.fn(async () => ok({ ...DESKTOP_INFO, ...info })),
    },
    links: { openExternal: vi.fn(opened), openDeepLink: vi.fn(opened) },
    mailbox: { open: vi.fn(opened) },
    documents: {
      save: vi.fn(async () => ok({ jobId: nextJobId() })),
      saveAll: vi.fn(async () => ok({ batchId: nextJobId(), count: 0 })),
      cancel: vi.fn(async () => ok({ cancelled: true })),
      cancelBatch: vi.fn(async () => ok({ cancelled: true })),
      retry: vi.fn(async () => ok({ retried: true })),
      downloads: vi.fn(async () => ok({ jobs: [], batches: [] })),
      savedFiles: vi.fn(async () => ok({ files: [] })),
      open: vi.fn(opened),
      showInFolder: vi.fn(opened),
    },
    settings: {
      getDownloadFolder: vi.fn(async () => ok({ ...DEFAULT_FOLDER })),
      chooseDownloadFolder: vi.fn(async () => ok({ ...DEFAULT_FOLDER, chosen: false })),
      resetDownloadFolder: vi.fn(async () => ok({ ...DEFAULT_FOLDER })),
    },
    kiosk: {
      activity: vi.fn(async () => ok({ recorded: true })),
      formInput: vi.fn(async () => ok({ watching: true })),
      continue: vi.fn(async () => ok({ continued: true })),
      print: vi.fn(async () => ok({ printed: true })),
      exit: vi.fn(async () => ok({ result: 'wrong' as const, attemptsLeft: 4 })),
    },
    on(event, listener) {
      const set = subscribers.get(event) ?? new Set()
      subscribers.set(event, set)
      const entry = listener as (payload: never) => void
      set.add(entry)
      return () => {
        set.delete(entry)
      }
    },
    emit(event, payload) {
      for (const listener of subscribers.get(event) ?? []) {
        ;(listener as (payload: IpcEvents[typeof event]) => void)(payload)
      }
    },
    listeners(event) {
      return subscribers.get(event)?.size ?? 0
    },
  }
  return mmf
}
