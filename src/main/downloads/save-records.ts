/**
 * The record of what was saved where, kept in a JSON file so that after a
 * restart the app still knows which letters are saved and may be opened.
 */
import { lstat, readFile, realpath } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import { writeFileAtomically } from '../atomic-file.ts'
import { isInside } from './file-names.ts'

export interface SavedFile {
  path: string
  /** false when the file has been deleted, moved or replaced since it was saved. */
  exists: boolean
}

export interface SaveRecord {
  path: string
  /** The path with symlinks resolved when it was saved: a later swap is noticed. */
  realPath: string
  folder: string
  sha256: string
  savedAt: string
}

export interface SaveRecords {
  /** Settles once the file has been read (or found missing or unreadable). */
  loaded: Promise<void>
  /** Records a saved letter and writes the record (soon, see `persist`). */
  set(documentId: string, record: SaveRecord): void
  savedFile(documentId: string): Promise<SavedFile | null>
  openable(path: string): Promise<boolean>
  /** Once idle: a write waiting for its interval starts at once. */
  wake(): void
  /** The write in progress, if any. */
  writing(): Promise<void> | null
}

/** While transfers run, saves that finish are written to the record together, at most this often. */
const RECORDS_WRITE_INTERVAL_MS = 250
const RECORDS_VERSION = 1

function isRecord(value: unknown): value is SaveRecord {
  const r = value as Partial<SaveRecord> | null
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.path === 'string' &&
    isAbsolute(r.path) &&
    typeof r.realPath === 'string' &&
    isAbsolute(r.realPath) &&
    typeof r.folder === 'string' &&
    typeof r.sha256 === 'string' &&
    typeof r.savedAt === 'string'
  )
}

/** The record of a saved file, when that file is still the one saved (no swap for a symlink). */
async function intactRecord(record: SaveRecord): Promise<boolean> {
  try {
    const info = await lstat(record.path)
    if (!info.isFile()) return false
    return (
      (await realpath(record.path)) === record.realPath &&
      (await isInside(record.folder, record.path))
    )
  } catch {
    return false
  }
}

/** Reads the file into `records`: none is an empty record, an unreadable one is logged and left empty. */
async function readRecords(
  recordsFile: string,
  log: (line: string) => void,
  records: Map<string, SaveRecord>,
): Promise<void> {
  try {
    const data = JSON.parse(await readFile(recordsFile, 'utf8')) as {
      documents?: Record<string, unknown>
    }
    for (const [id, record] of Object.entries(data.documents ?? {})) {
      if (isRecord(record)) records.set(id, record)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log(`downloads: the record ${recordsFile} is unreadable; starting empty`)
      records.clear()
    }
  }
}

/** `busy` tells whether transfers are queued or running (writes are then spaced out). */
export function createSaveRecords(
  recordsFile: string,
  log: (line: string) => void,
  busy: () => boolean,
): SaveRecords {
  const records = new Map<string, SaveRecord>()
  // The record's writes in progress (until it is on disk as it is now), and whether it
  // changed since the last write began.
  let recordsWrite: Promise<void> | null = null
  let recordsDirty = false
  let lastRecordsWrite = -Infinity
  // Ends the wait between two writes early: once idle, the record is written at once.
  let wakeRecordsWrite: (() => void) | null = null

  const loaded = readRecords(recordsFile, log, records)

  /** Until the interval since the last write has passed, unless woken (idle) first. */
  function waitForInterval(wait: number): Promise<void> {
    return new Promise<void>((resolveWait) => {
      const timer = setTimeout(() => wakeRecordsWrite?.(), wait)
      wakeRecordsWrite = () => {
        clearTimeout(timer)
        wakeRecordsWrite = null
        resolveWait()
      }
    })
  }

  /**
   * Writes the record: one write at a time, and while transfers run at most every 250 ms
   * (each write stringifies and fsyncs the whole file, thousands of times in a batch
   * otherwise); once idle at once. What a crash loses is only the newest entries.
   */
  function persist(): void {
    recordsDirty = true
    recordsWrite ??= (async () => {
      while (recordsDirty) {
        const wait = lastRecordsWrite + RECORDS_WRITE_INTERVAL_MS - performance.now()
        if (busy() && wait > 0) await waitForInterval(wait)
        recordsDirty = false
        lastRecordsWrite = performance.now()
        const text = JSON.stringify({
          version: RECORDS_VERSION,
          documents: Object.fromEntries(records),
        })
        try {
          await writeFileAtomically(recordsFile, text)
        } catch (error) {
          log(`downloads: could not write the record: ${String(error)}`)
        }
      }
      recordsWrite = null
    })()
  }

  return {
    loaded,
    set(documentId, record) {
      records.set(documentId, record)
      persist()
    },
    async savedFile(documentId) {
      await loaded
      const record = records.get(documentId)
      if (record === undefined) return null
      return { path: record.path, exists: await intactRecord(record) }
    },
    async openable(path) {
      if (typeof path !== 'string' || !isAbsolute(path)) return false
      await loaded
      const wanted = resolve(path)
      for (const record of records.values()) {
        if (record.path === wanted || record.realPath === wanted) return intactRecord(record)
      }
      return false
    },
    wake() {
      wakeRecordsWrite?.()
    },
    writing() {
      return recordsWrite
    },
  }
}
