/**
 * A big document to disk: a local node:http server on 127.0.0.1 serves a PDF-ish
 * file with the API's headers (ETag, Repr-Digest, Content-Length) from disk; a
 * client process of its own (bench/large-download-client.ts) saves it with
 * transfer() through the gateway's remote upstream (hash, fsync, link), beside
 * a bare fetch to a file from the same server and `cp` + fsync of the file, in
 * alternating rounds. Its memory is measured at 10 and at 50 MiB, one process
 * per way and size: streamed end to end, what stays alive is the same; buffered,
 * it grows with the file. The embedded backend (inject) is measured the same
 * way, with the document in its database.
 */
import { spawn } from 'node:child_process'
import { createHash, randomFillSync } from 'node:crypto'
import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { ClientJob, ClientResult, Growth, Way } from './large-download-client.ts'
import { percentile, report } from './stats.ts'

const MiB = 1024 * 1024
/** The big document's sizes: the memory is measured at each, the speed at the last. */
const SIZES = [10 * MiB, 50 * MiB]
/** The ways timed in alternating rounds, and those whose memory is measured. */
const TIMED: Way[] = ['fetch', 'gateway', 'fetch-safe', 'inject', 'cp']
const MEASURED: Way[] = ['fetch', 'fetch-safe', 'gateway', 'inject']
const ROUNDS = 4
const CLIENT_TIMEOUT_MS = 300_000

interface BigDoc {
  id: string
  file: string
  size: number
  sha256: string
}

/** A file that starts and ends like a PDF, random bytes between (nothing compresses or dedups). */
async function writeBigDoc(folder: string, size: number): Promise<BigDoc> {
  const file = join(folder, `source-${size}.pdf`)
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')
  const tail = Buffer.from('\n%%EOF\n', 'latin1')
  const hash = createHash('sha256')
  const handle = await open(file, 'w')
  try {
    const chunk = Buffer.allocUnsafe(MiB)
    let written = 0
    for (const part of [head, null, tail]) {
      if (part !== null) {
        await handle.write(part)
        hash.update(part)
        written += part.length
        continue
      }
      while (written < size - tail.length) {
        const piece = randomFillSync(chunk).subarray(0, Math.min(MiB, size - tail.length - written))
        await handle.write(piece)
        hash.update(piece)
        written += piece.length
      }
    }
    await handle.sync()
  } finally {
    await handle.close()
  }
  return { id: `big-${size}`, file, size, sha256: hash.digest('hex') }
}

/** Serves each document like GET /api/v1/documents/{id}/content, streamed from its file. */
async function startServer(docs: BigDoc[]) {
  const byId = new Map(docs.map((d) => [d.id, d]))
  const server = createServer((req, res) => {
    const id = /^\/api\/v1\/documents\/([\w-]+)\/content$/.exec(req.url ?? '')?.[1]
    const doc = id === undefined ? undefined : byId.get(id)
    if (doc === undefined) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"code":"not_found"}}')
      return
    }
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': String(doc.size),
      'content-disposition': `attachment; filename="${doc.id}.pdf"`,
      etag: `"${doc.sha256}"`,
      'repr-digest': `sha-256=:${Buffer.from(doc.sha256, 'hex').toString('base64')}:`,
      'cache-control': 'private',
      'accept-ranges': 'bytes',
    })
    pipeline(createReadStream(doc.file), res).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function runClient(job: ClientJob): Promise<ClientResult> {
  const script = join(import.meta.dirname, 'large-download-client.ts')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    // Bounded: a client that hangs is stopped and reported, not waited for.
    const timer = setTimeout(() => child.kill('SIGKILL'), CLIENT_TIMEOUT_MS)
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => {
      clearTimeout(timer)
      const line = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0) reject(new Error(`the ${job.ways.join(', ')} client exited ${code}: ${out}`))
      else resolve(JSON.parse(line) as ClientResult)
    })
  })
}

const mib = (bytes: number) => (bytes / MiB).toFixed(1).padStart(6)

/** Prints throughput and memory of saving a big document. */
export async function benchLargeDownload(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'mmf-bench-large-'))
  const docs: BigDoc[] = []
  for (const size of SIZES) docs.push(await writeBigDoc(root, size))
  const server = await startServer(docs)
  let folders = 0
  const client = (doc: BigDoc, job: Pick<ClientJob, 'ways' | 'mode' | 'rounds' | 'probeGc'>) => {
    const folder = join(root, `client-${++folders}`)
    mkdirSync(folder)
    return runClient({
      ...job,
      base: server.base,
      id: doc.id,
      sourceFile: doc.file,
      size: doc.size,
      sha256: doc.sha256,
      folder,
    })
  }
  const notes = (label: string, result: ClientResult) => {
    if (result.emptyBodies > 0) {
      console.log(
        `  NOTE: ${label}: ${result.emptyBodies} transfer(s) got an empty body (a GC came before the first read) and were retried`,
      )
    }
    if (result.gcProbe !== undefined && result.gcProbe !== 'ok') {
      console.log(
        `  NOTE: ${label}: a GC between the answer and its first read breaks the transfer: ${result.gcProbe}`,
      )
    }
  }
  try {
    const big = docs.at(-1) as BigDoc
    const timed = await client(big, { ways: TIMED, mode: 'time', rounds: ROUNDS, probeGc: false })
    notes('timed runs', timed)
    const rate = (way: Way) => big.size / MiB / (percentile(timed.ms[way] ?? [], 50) / 1000)
    const label = `${big.size / MiB} MiB`
    report(
      `${label} via gateway to disk, transfer() (aim ≥ 0.8×)`,
      rate('gateway'),
      'MiB/s',
      rate('fetch'),
    )
    report(`${label} bare fetch + SHA-256 + fsync`, rate('fetch-safe'), 'MiB/s', rate('fetch'))
    report(
      `${label} via gateway + inject (embedded backend)`,
      rate('inject'),
      'MiB/s',
      rate('fetch'),
    )
    report(`${label} cp + fsync`, rate('cp'), 'MiB/s', rate('fetch'))

    // Streamed end to end, what a download keeps alive is the same at 10 and at 50 MiB.
    const sizes = docs.map((d) => d.size / MiB).join(' → ')
    console.log(`  peak memory growth of the client process during one download, ${sizes} MiB:`)
    console.log(
      '  alive = heap + external in MiB, sampled after a full GC every 10 ms; rss sampled then too',
    )
    for (const way of MEASURED) {
      const growth: Growth[] = []
      for (const [index, doc] of docs.entries()) {
        const result = await client(doc, {
          ways: [way],
          mode: 'memory',
          rounds: 0,
          probeGc: index === 0 && way !== 'fetch' && way !== 'fetch-safe',
        })
        notes(`${way}, ${doc.size / MiB} MiB`, result)
        if (result.live) growth.push(result.live)
      }
      const alive = growth.map((g) => g.heap + g.external)
      const grows = (alive.at(-1) ?? 0) > (alive[0] ?? 0) * 2
      console.log(
        `  ${way.padEnd(10)} alive ${alive.map(mib).join(' →')}   rss ${growth.map((g) => mib(g.rss)).join(' →')}   ${grows ? 'GROWS with the file (buffered)' : 'flat (streams)'}`,
      )
    }
  } finally {
    await server.close()
    rmSync(root, { recursive: true, force: true })
  }
}
