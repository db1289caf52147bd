/**
 * The part file of a transfer and its final step: hashing what an earlier try
 * left, appending the body at an offset, and linking the finished file under a
 * free name in the folder, made durable with a folder sync shared by the
 * transfers that finish together. Nothing here replaces an existing file.
 */
import type { Hash } from 'node:crypto'
import { constants } from 'node:fs'
import { link, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { TransferErrorCode } from '../../shared/downloads.ts'
import { pathExists, uniqueName } from './file-names.ts'

/** File systems without hard links (FAT, some network shares) answer with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV'])

/** A failure with its code, thrown inside the transfer and turned into a result at its end. */
export class TransferFailure extends Error {
  readonly code: TransferErrorCode
  constructor(code: TransferErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

/** The errno code of a file-system error (ENOSPC, EEXIST …), if it has one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Feeds the first `length` bytes of the part file into the hash (they are not downloaded again). */
export async function hashExisting(file: FileHandle, length: number, hash: Hash): Promise<void> {
  const buffer = Buffer.allocUnsafe(64 * 1024)
  let position = 0
  while (position < length) {
    const { bytesRead } = await file.read(
      buffer,
      0,
      Math.min(buffer.length, length - position),
      position,
    )
    if (bytesRead === 0)
      throw new TransferFailure('failed', 'The part file is shorter than expected.')
    hash.update(buffer.subarray(0, bytesRead))
    position += bytesRead
  }
}

/** Writes `chunks` to `file` at `position` (one call, as `writev`); answers how many bytes it took. */
export type WriteAt = (file: FileHandle, chunks: Buffer[], position: number) => Promise<number>

const writevAt: WriteAt = async (file, chunks, position) =>
  (await file.writev(chunks, position)).bytesWritten

/** While one write is on its way, at most this much of the body waits for the next. */
const GATHER_BYTES = 256 * 1024

export interface PartFileAppender {
  /** Takes the next chunk; waits only while a write is running and enough is gathered. */
  push(chunk: Buffer): Promise<void>
  /** Resolves once everything pushed is in the file; rejects with a write's failure. */
  end(): Promise<void>
}

/**
 * Appends the body to `file` from byte `start`, leaving the handle open for the
 * fsync. One write at a time: the chunks that arrive meanwhile go out together in
 * the next (a letter is one write; a big document's small chunks become few large
 * ones), and the body is read no further ahead than 256 KiB.
 */
export function partFileAppender(
  file: FileHandle,
  start: number,
  writeAt: WriteAt = writevAt,
): PartFileAppender {
  let position = start
  let gathered: Buffer[] = []
  let gatheredBytes = 0
  let writing: Promise<void> | null = null
  let failure: { error: unknown } | null = null

  const writeAll = async (chunks: Buffer[]): Promise<void> => {
    let pending = chunks
    while (pending.length > 0) {
      const bytesWritten = await writeAt(file, pending, position)
      if (bytesWritten === 0) throw new TransferFailure('failed', 'The file takes no more bytes.')
      position += bytesWritten
      // A short write (rare on files): go on with the rest.
      let skip = bytesWritten
      pending = pending.flatMap((chunk) => {
        if (skip >= chunk.length) {
          skip -= chunk.length
          return []
        }
        const rest = chunk.subarray(skip)
        skip = 0
        return [rest]
      })
    }
  }
  const drain = async (): Promise<void> => {
    while (gathered.length > 0 && failure === null) {
      const chunks = gathered
      gathered = []
      gatheredBytes = 0
      try {
        await writeAll(chunks)
      } catch (error) {
        failure = { error }
      }
    }
    writing = null
  }
  const check = (): void => {
    if (failure !== null) throw failure.error
  }
  return {
    async push(chunk) {
      check()
      if (chunk.length === 0) return
      gathered.push(chunk)
      gatheredBytes += chunk.length
      writing ??= drain()
      if (gatheredBytes >= GATHER_BYTES) await writing
      check()
    },
    async end() {
      await writing
      check()
    },
  }
}

// O_NOFOLLOW: a symlink planted under the part file's name must not redirect the write (absent on Windows).
export const NOFOLLOW = constants.O_NOFOLLOW ?? 0
/** A new part file: created here, never an existing entry, never through a symlink. */
export const PART_FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW

/** Opens a file as fs/promises' `open` does (tests give one that fails). */
export type OpenFile = (path: string, flags: number, mode: number) => Promise<FileHandle>

/**
 * Creates a new part file. Whatever lies under its name (an earlier try's part
 * file, also a symlink) is replaced, not followed: O_EXCL refuses any entry, which
 * is then removed. The default folder is made on first need.
 */
export async function createPartFile(
  openFile: OpenFile,
  partPath: string,
  options: { folder: string; createFolder?: boolean },
): Promise<FileHandle> {
  const create = () => openFile(partPath, PART_FILE_FLAGS, 0o600)
  try {
    return await create()
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'EEXIST') await removeFile(partPath)
    else if (code === 'ENOENT' && options.createFolder === true) {
      await mkdir(options.folder, { recursive: true })
    } else throw error
    return create()
  }
}

/** Removes the file (or symlink) at `path`; nothing there is fine. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path)
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error
  }
}

/** Makes a completed rename or link durable: some platforms (Windows) refuse to open or sync a folder. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(folder, 'r')
    await handle.sync()
  } catch (error) {
    const code = errnoCode(error)
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'EBADF', 'ENOTSUP'].includes(code ?? ''))
      throw error
  } finally {
    await handle?.close()
  }
}

interface FolderSyncs {
  /** Transfers between their file's fsync and their link: each will soon ask for a sync. */
  linking: number
  /** The sync running now, if any. */
  running: Promise<void> | null
  /** The sync the callers since the running one began wait for; it starts when it may. */
  next: { promise: Promise<void>; settle: (outcome: Promise<void>) => void } | null
}

/** Per folder, while any transfer into it is finishing. */
const folderSyncs = new Map<string, FolderSyncs>()

function syncsOf(folder: string): FolderSyncs {
  let syncs = folderSyncs.get(folder)
  if (syncs === undefined) {
    syncs = { linking: 0, running: null, next: null }
    folderSyncs.set(folder, syncs)
  }
  return syncs
}

/** Starts the next sync once none runs and no transfer is about to link; forgets an idle folder. */
function startNextSync(folder: string, syncs: FolderSyncs): void {
  if (syncs.running !== null || syncs.linking > 0) return
  const next = syncs.next
  if (next === null) {
    folderSyncs.delete(folder)
    return
  }
  syncs.next = null
  const running = syncFolder(folder)
  syncs.running = running
  next.settle(running)
  void running
    .catch(() => undefined)
    .then(() => {
      syncs.running = null
      startNextSync(folder, syncs)
    })
}

/** Joins the next folder sync: the one that starts after the running one (it may predate a link). */
function nextSync(folder: string, syncs: FolderSyncs): Promise<void> {
  if (syncs.next === null) {
    let settle: (outcome: Promise<void>) => void = () => undefined
    const promise = new Promise<void>((resolve) => {
      settle = resolve
    })
    syncs.next = { promise, settle }
  }
  return syncs.next.promise
}

/**
 * Runs `finish` (the part file's fsync and its link under the final name), then
 * makes the new name durable with a folder sync shared by the transfers that
 * finish together (a group commit): a sync already running may have begun before
 * this link, so the next one is joined, and it starts only once no other transfer
 * into the folder is between its fsync and its link. A batch of letters needs a
 * folder sync for every few files instead of one per file.
 */
export async function finishDurably<T>(folder: string, finish: () => Promise<T>): Promise<T> {
  const syncs = syncsOf(folder)
  syncs.linking++
  let result: T
  let synced: Promise<void>
  try {
    result = await finish()
    synced = nextSync(folder, syncs)
  } finally {
    syncs.linking--
    startNextSync(folder, syncs)
  }
  await synced
  return result
}

/**
 * Puts the finished part file under a free name without ever replacing a file:
 * a hard link fails when the name is taken (no check-then-rename race); where
 * hard links are not supported, a check and a rename.
 */
export async function placeFile(
  folder: string,
  partPath: string,
  fileName: string,
): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    // The wanted name first (the link tells when it is taken); then the first free variant.
    const name = attempt === 0 ? fileName : uniqueName(folder, fileName)
    const target = join(folder, name)
    try {
      await link(partPath, target)
      await unlink(partPath)
      return name
    } catch (error) {
      const code = errnoCode(error)
      if (code === 'EEXIST') continue
      if (!NO_HARD_LINKS.has(code ?? '')) throw error
      if (pathExists(target)) continue
      await rename(partPath, target)
      return name
    }
  }
  throw new TransferFailure('failed', `No free name for ${fileName}.`)
}
