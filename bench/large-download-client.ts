/**
 * The client side of bench/large-download.ts, in a process of its own so that
 * its memory is the download's alone. It sets up the ways it is asked for and
 * either measures the memory of one download (a full GC before every sample,
 * every 10 ms: what the download keeps alive) or times the ways in alternating
 * rounds (the machine's noise hits them alike). Prints one JSON line.
 *
 * Ways: `gateway` (transfer() through the gateway's remote upstream), `fetch`
 * (a bare fetch piped to a file), `fetch-safe` (bare fetch, SHA-256, fsync),
 * `inject` (transfer() through the gateway into the embedded backend, which is
 * given the big document itself), `cp` (`cp` of the server's file, then fsync).
 */
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { createGateway } from '../src/gateway/gateway.ts'
import { remoteUpstream } from '../src/gateway/upstream.ts'
import { createMemoryVault } from '../src/host/vault/memory-vault.ts'
import { gatewayFetch } from '../src/main/downloads/gateway-fetch.ts'
import { transfer, type FetchLike } from '../src/main/downloads/transfer.ts'
import type { TestBackend } from '../tests/helpers/backend.ts'

export type Way = 'gateway' | 'fetch' | 'fetch-safe' | 'inject' | 'cp'

export interface ClientJob {
  ways: Way[]
  /** `memory`: one download of ways[0], sampled; `time`: `rounds` of every way in turn. */
  mode: 'memory' | 'time'
  rounds: number
  /** The server of the big document, its id there and the file it serves. */
  base: string
  id: string
  sourceFile: string
  size: number
  sha256: string
  folder: string
  /** Also try one transfer with a full GC between the answer and its first read. */
  probeGc: boolean
}

/** Peak growth over the settled start, in bytes. */
export interface Growth {
  rss: number
  heap: number
  /** Buffers outside the JS heap (process.memoryUsage().external, which includes arrayBuffers). */
  external: number
}

export interface ClientResult {
  /** mode `time`: the runs of each way, in ms. */
  ms: Partial<Record<Way, number[]>>
  /** mode `memory`: sampled after a full GC, what the download keeps alive. */
  live: Growth | null
  /** Tries retried because their body was gone before its first byte (see gcProbe). */
  emptyBodies: number
  /** With probeGc: 'ok', or how the transfer failed when a GC came before its first read. */
  gcProbe?: string
}

const job = JSON.parse(process.argv[2] ?? '') as ClientJob
const exposedGc = (globalThis as { gc?: () => void }).gc
if (!exposedGc) throw new Error('run with --expose-gc')
const gc: () => void = exposedGc
/** The big document's id in the embedded backend. */
const INJECT_ID = 'f3c1a6a2-5b0e-4d7e-9a52-4a0d2c1e9b10'
const contentPath = (id: string) => `/api/v1/documents/${id}/content`
/** Set once the body is being read: the forced GCs of the memory run wait for it (see gcProbe). */
let streaming = false
/** When the last try began: a retried run is timed from its successful try. */
let tryStarted = 0
/** Tries whose body was gone before its first byte (a GC collected the upstream answer). */
let emptyBodies = 0

async function viaTransfer(
  fetch: FetchLike,
  id: string,
  sha256: string,
  name: string,
  retries = 3,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    streaming = false
    tryStarted = performance.now()
    const result = await transfer({
      onProgress: (bytes) => {
        if (bytes > 0) streaming = true
      },
      fetch,
      path: contentPath(id),
      sha256,
      folder: job.folder,
      fileName: `${name}.pdf`,
      sizeBytes: job.size,
    })
    if (result.ok) return result.path
    const empty = result.error === 'connection_lost' && result.message.startsWith('Only 0 of')
    if (empty) emptyBodies++
    if (!empty || attempt >= retries) {
      throw new Error(`transfer failed: ${result.error} ${result.message}`)
    }
  }
}

async function bareFetch(name: string, safe: boolean): Promise<string> {
  streaming = false
  tryStarted = performance.now()
  const response = await fetch(job.base + contentPath(job.id))
  if (response.status !== 200 || response.body === null) throw new Error(`got ${response.status}`)
  const target = join(job.folder, `${name}.pdf`)
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
  streaming = true
  if (!safe) {
    await pipeline(body, createWriteStream(target))
    return target
  }
  const hash = createHash('sha256')
  const file = await open(target, 'w', 0o600)
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
  })
  // flush: the stream fsyncs before it closes the file.
  await pipeline(body, hashing, file.createWriteStream({ flush: true }))
  if (hash.digest('hex') !== job.sha256) throw new Error('digest mismatch')
  return target
}

/** `cp` of the served file, and an fsync of the copy: how fast this disk keeps a file. */
async function copyAndSync(name: string): Promise<string> {
  tryStarted = performance.now()
  const target = join(job.folder, `${name}.pdf`)
  const cp = spawnSync('cp', [job.sourceFile, target])
  if (cp.status !== 0) throw new Error(`cp failed: ${cp.stderr.toString()}`)
  const handle = await open(target, 'r+')
  await handle.sync()
  await handle.close()
  return target
}

/** The embedded backend with a document of `size` bytes in the ready login's postbox. */
async function backendWithBigDocument(): Promise<{ backend: TestBackend; sha256: string }> {
  const { createTestBackend } = await import('../tests/helpers/backend.ts')
  const backend = await createTestBackend({ bulkDocuments: false })
  const { fileDocumentForAnna } = await import('../tests/helpers/large-document.ts')
  const { sha256 } = await fileDocumentForAnna(backend, {
    publicId: INJECT_ID,
    bytes: randomBytes(job.size),
    createdAt: new Date().toISOString(),
  })
  return { backend, sha256 }
}

/** The same fetch, with two full GCs (and their finalizers) after each answer arrives. */
function gcAfterAnswer(fetch: FetchLike): FetchLike {
  return async (p, init) => {
    const response = await fetch(p, init)
    for (let i = 0; i < 2; i++) {
      gc()
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return response
  }
}

/** One transfer with a GC before its first read: 'ok', or how it failed. */
async function probeGc(fetch: FetchLike, id: string, sha256: string): Promise<string> {
  try {
    await rm(await viaTransfer(gcAfterAnswer(fetch), id, sha256, 'probe', 0), { force: true })
    return 'ok'
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

let backend: TestBackend | undefined
const runs = new Map<Way, (name: string) => Promise<string>>()
let gcProbe: (() => Promise<string>) | undefined
for (const way of job.ways) {
  if (way === 'gateway') {
    const gateway = createGateway({
      upstream: remoteUpstream(`${job.base}/`),
      vault: createMemoryVault(),
      kiosk: false,
    })
    const fetch = gatewayFetch(gateway)
    runs.set(way, (name) => viaTransfer(fetch, job.id, job.sha256, name))
    gcProbe ??= () => probeGc(fetch, job.id, job.sha256)
  } else if (way === 'inject') {
    // Only this way loads the backend: the others' heaps hold the download alone.
    const { READY_LOGIN, signedInGateway } = await import('./demo-customers.ts')
    const made = await backendWithBigDocument()
    backend = made.backend
    const fetch = gatewayFetch(await signedInGateway(backend, READY_LOGIN))
    runs.set(way, (name) => viaTransfer(fetch, INJECT_ID, made.sha256, name))
    gcProbe ??= () => probeGc(fetch, INJECT_ID, made.sha256)
  } else if (way === 'cp') {
    runs.set(way, copyAndSync)
  } else {
    runs.set(way, (name) => bareFetch(name, way === 'fetch-safe'))
  }
}

/** Peak growth over the settled start while `work` runs, with a full GC before each sample. */
async function liveGrowth(work: () => Promise<string>): Promise<Growth> {
  gc()
  gc()
  const start = process.memoryUsage()
  const peak = { rss: start.rss, heap: start.heapUsed, external: start.external }
  const sample = (): void => {
    if (streaming) gc()
    const m = process.memoryUsage()
    peak.rss = Math.max(peak.rss, m.rss)
    peak.heap = Math.max(peak.heap, m.heapUsed)
    peak.external = Math.max(peak.external, m.external)
  }
  const sampler = setInterval(sample, 10)
  try {
    await rm(await work(), { force: true })
    return {
      rss: peak.rss - start.rss,
      heap: peak.heap - start.heapUsed,
      external: peak.external - start.external,
    }
  } finally {
    clearInterval(sampler)
  }
}

try {
  const result: ClientResult = { ms: {}, live: null, emptyBodies: 0 }
  const first = runs.get(job.ways[0] as Way)
  if (job.mode === 'memory' && first) result.live = await liveGrowth(() => first('memory'))
  for (let round = 0; job.mode === 'time' && round < job.rounds; round++) {
    for (const [way, run] of runs) {
      const saved = await run(`${way} ${round}`)
      ;(result.ms[way] ??= []).push(performance.now() - tryStarted)
      await rm(saved, { force: true })
    }
  }
  result.emptyBodies = emptyBodies
  if (job.probeGc && gcProbe) result.gcProbe = await gcProbe()
  console.log(JSON.stringify(result))
} finally {
  await backend?.dispose()
}
