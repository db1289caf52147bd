/**
 * The part file of a transfer and its final step: hashing what an earlier try
 * left, appending the body at an offset, and linking the finished file under a
 * free name in the folder, made durable with a folder sync shared by the
 * transfers that finish together. Nothing here replaces an existing file.
 */
import type { Hash } from 'node:crypto'
import { link, open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
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

/**
 * Appends the body to `file` from byte `start`, leaving the handle open for the
 * fsync. Not `FileHandle.createWriteStream({autoClose: false})`: that stream keeps
 * a reference on the handle, and a later `close()` then waits forever.
 */
export function fileSink(file: FileHandle, start: number): Writable {
  let position = start
  const writeAll = async (chunks: Buffer[]): Promise<void> => {
    let pending = chunks.filter((chunk) => chunk.length > 0)
    while (pending.length > 0) {
      const { bytesWritten } = await file.writev(pending, position)
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
  return new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      writeAll([chunk]).then(() => callback(), callback)
    },
    writev(chunks, callback) {
      writeAll(chunks.map(({ chunk }) => chunk as Buffer)).then(() => callback(), callback)
    },
  })
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

/** Per folder: the sync running now, and the one queued behind it. */
const folderSyncs = new Map<string, { running: Promise<void>; queued: Promise<void> | null }>()

function startFolderSync(folder: string): Promise<void> {
  const entry = { running: syncFolder(folder), queued: null as Promise<void> | null }
  folderSyncs.set(folder, entry)
  void entry.running
    .catch(() => undefined)
    .then(() => {
      if (folderSyncs.get(folder) === entry && entry.queued === null) folderSyncs.delete(folder)
    })
  return entry.running
}

/**
 * Makes the names linked into `folder` so far durable, shared by the transfers that
 * finish together: a sync already running may have begun before the caller's link,
 * so the caller waits for the next one, which then covers everyone who asked
 * meanwhile. A batch needs about one folder sync per round instead of one per file.
 */
export function syncLinkedNames(folder: string): Promise<void> {
  const current = folderSyncs.get(folder)
  if (current === undefined) return startFolderSync(folder)
  current.queued ??= current.running.catch(() => undefined).then(() => startFolderSync(folder))
  return current.queued
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
    const name = uniqueName(folder, fileName)
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
