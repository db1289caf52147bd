/**
 * The file steps of a letter that arrived whole, in a worker thread: create the
 * part file, write it, fsync, close, and link it under its final name. One
 * message to a worker instead of seven file-system calls from main: each of those
 * went through libuv's thread pool and, while the pool was busy with other
 * letters' fsyncs, cost main's thread 50–250 µs (bench/README.md, "download all");
 * main, which also serves the window and the backend, stays free of them.
 *
 * The worker's code is `saveInWorker`, started from its own text: it uses nothing
 * from outside its body (Node's built-ins through `process.getBuiltinModule`), so
 * it runs the same from the sources (tests) and from the bundle, with no file of
 * its own to find. It decides nothing: a taken name or a file system without hard
 * links is answered back, and main's `placeFile` takes it from there.
 */
import { link, mkdir, open, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { createPartFile, errnoCode, PART_FILE_FLAGS, placeFile } from './part-file.ts'

/** One letter's file steps. */
export interface SaveFileJob {
  partPath: string
  finalPath: string
  /** open(2) flags of the part file (create, exclusive, no symlink followed). */
  flags: number
  bytes: Uint8Array
}

/** How the steps ended: the file under its final name, or synced in the part file with a link refused. */
export type SaveFileOutcome = { linked: true } | { linked: false; code: string | undefined }

interface WorkerAnswer {
  id: number
  linked?: boolean
  code?: string
  error?: { code?: string; message: string }
}

/** The worker's whole program (see above: self-contained, started from its text). */
function saveInWorker(): void {
  const fs = process.getBuiltinModule('node:fs')
  const { parentPort } = process.getBuiltinModule('node:worker_threads')
  const codeOf = (error: unknown): string | undefined =>
    (error as { code?: string } | null)?.code ?? undefined
  parentPort?.on('message', (job: SaveFileJob & { id: number }) => {
    let fd = -1
    try {
      try {
        fd = fs.openSync(job.partPath, job.flags, 0o600)
      } catch (error) {
        // An earlier try's part file (or anything planted under its name): replaced, not followed.
        if (codeOf(error) !== 'EEXIST') throw error
        fs.unlinkSync(job.partPath)
        fd = fs.openSync(job.partPath, job.flags, 0o600)
      }
      let written = 0
      while (written < job.bytes.length) {
        const n = fs.writeSync(fd, job.bytes, written, job.bytes.length - written, written)
        if (n === 0)
          throw Object.assign(new Error('The file takes no more bytes.'), { code: 'EIO' })
        written += n
      }
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      fd = -1
      try {
        fs.linkSync(job.partPath, job.finalPath)
      } catch (error) {
        parentPort?.postMessage({ id: job.id, linked: false, code: codeOf(error) })
        return
      }
      fs.unlinkSync(job.partPath)
      parentPort?.postMessage({ id: job.id, linked: true })
    } catch (error) {
      if (fd >= 0) {
        try {
          fs.closeSync(fd)
        } catch {
          // The error that matters is the one being answered.
        }
      }
      const message = error instanceof Error ? error.message : String(error)
      parentPort?.postMessage({ id: job.id, error: { code: codeOf(error), message } })
    }
  })
}

/** Workers in use at most: the download manager runs 3 transfers at once. */
const WORKERS_MAX = 3
/** A worker with nothing to do for this long ends (a new one starts with the next letter). */
const IDLE_MS = 30_000

interface SaveWorker {
  worker: Worker
  pending: Map<number, { resolve: (a: WorkerAnswer) => void; reject: (e: Error) => void }>
  idle: NodeJS.Timeout | undefined
}

const workers: SaveWorker[] = []
let nextId = 0
/** The worker's program; tests give one that cannot start. */
let workerSource = `(${saveInWorker.toString()})()`
/** Set once a worker failed: from then on the steps run in main, as before the worker. */
let workersFailed = false

/** A worker that ended or failed: its letters fail with a code (classified as `failed`). */
class WorkerGone extends Error {
  readonly code = 'EWORKER'
}

function forget(entry: SaveWorker): void {
  const index = workers.indexOf(entry)
  if (index >= 0) workers.splice(index, 1)
  clearTimeout(entry.idle)
}

function startWorker(): SaveWorker {
  const entry: SaveWorker = {
    worker: new Worker(workerSource, { eval: true }),
    pending: new Map(),
    idle: undefined,
  }
  const settleAll = (error: Error): void => {
    forget(entry)
    for (const { reject } of entry.pending.values()) reject(error)
    entry.pending.clear()
  }
  entry.worker.on('message', (answer: WorkerAnswer) => {
    entry.pending.get(answer.id)?.resolve(answer)
    entry.pending.delete(answer.id)
    if (entry.pending.size === 0) {
      entry.worker.unref()
      entry.idle = setTimeout(() => {
        // Out of the pool first: a letter sent from now on goes to another worker.
        if (entry.pending.size > 0) return
        forget(entry)
        void entry.worker.terminate()
      }, IDLE_MS)
      entry.idle.unref()
    }
  })
  entry.worker.on('error', (error) => {
    workersFailed = true
    settleAll(new WorkerGone(`The file worker failed: ${error.message}`))
  })
  entry.worker.on('messageerror', (error) => {
    settleAll(new WorkerGone(`The file worker could not be answered: ${error.message}`))
  })
  entry.worker.on('exit', () => settleAll(new WorkerGone('The file worker ended.')))
  workers.push(entry)
  return entry
}

/** The least busy worker, or a new one while fewer than the maximum run and all are busy. */
function pickWorker(): SaveWorker {
  const least = workers.reduce<SaveWorker | null>(
    (best, w) => (best === null || w.pending.size < best.pending.size ? w : best),
    null,
  )
  if (least !== null && (least.pending.size === 0 || workers.length >= WORKERS_MAX)) return least
  return startWorker()
}

function inWorker(job: SaveFileJob): Promise<SaveFileOutcome> {
  const entry = pickWorker()
  clearTimeout(entry.idle)
  entry.worker.ref()
  const id = nextId++
  return new Promise<WorkerAnswer>((resolve, reject) => {
    entry.pending.set(id, { resolve, reject })
    entry.worker.postMessage({ id, ...job })
  }).then((answer) => {
    if (answer.error) {
      throw Object.assign(new Error(answer.error.message), { code: answer.error.code })
    }
    return answer.linked === true ? { linked: true } : { linked: false, code: answer.code }
  })
}

/** The same steps from main's thread: where no worker could start (the app still saves letters). */
async function inMain(job: SaveFileJob): Promise<SaveFileOutcome> {
  const file = await createPartFile(open, job.partPath, { folder: dirname(job.partPath) })
  try {
    await file.writeFile(job.bytes)
    await file.sync()
  } finally {
    await file.close()
  }
  try {
    await link(job.partPath, job.finalPath)
  } catch (error) {
    return { linked: false, code: errnoCode(error) }
  }
  await unlink(job.partPath)
  return { linked: true }
}

/**
 * Runs a letter's file steps in a worker (in main once a worker has failed).
 * Rejects with the file system's error (its `code`, ENOSPC, EACCES …, kept for the
 * caller's classification); a part file left by a failed write is the caller's to
 * remove.
 */
export async function saveFileInWorker(job: SaveFileJob): Promise<SaveFileOutcome> {
  if (workersFailed) return inMain(job)
  try {
    return await inWorker(job)
  } catch (error) {
    // A worker that could not start, or died before it answered: the file steps in main.
    if (!(error instanceof WorkerGone) || !workersFailed) throw error
    return inMain(job)
  }
}

/**
 * For tests: the worker's program (`null`: the real one), and a fresh pool that has
 * not failed yet. Resolves once the old pool's workers have ended.
 */
export async function resetFileWorkers(source: string | null): Promise<void> {
  const old = workers.splice(0)
  for (const entry of old) clearTimeout(entry.idle)
  await Promise.all(old.map((entry) => entry.worker.terminate()))
  workerSource = source ?? `(${saveInWorker.toString()})()`
  workersFailed = false
}

/**
 * Writes a checked body to the part file, syncs it and links it under the wanted
 * name, in the file worker; a taken name or a file system without hard links is
 * `placeFile`'s. The default folder is made on first need. Answers the final name.
 */
export async function saveWhole(
  body: Buffer,
  partPath: string,
  options: { folder: string; fileName: string; createFolder?: boolean },
): Promise<string> {
  const job = {
    partPath,
    finalPath: join(options.folder, options.fileName),
    flags: PART_FILE_FLAGS,
    bytes: body,
  }
  let outcome
  try {
    outcome = await saveFileInWorker(job)
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT' || options.createFolder !== true) throw error
    await mkdir(options.folder, { recursive: true })
    outcome = await saveFileInWorker(job)
  }
  if (outcome.linked) return options.fileName
  return placeFile(options.folder, partPath, options.fileName)
}
