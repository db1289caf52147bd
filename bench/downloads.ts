/**
 * Saving letters to disk as main does it: through the gateway into the embedded
 * backend, each into a part file, hashed, checked against Repr-Digest and the
 * list's SHA-256, fsynced and linked into place. One typical letter beside
 * writing and fsyncing the same bytes directly; "download all" of 1,000 letters
 * (the manager, 3 at once) beside writing and fsyncing 1,000 files of the same sizes.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { documentFileName } from '../src/main/downloads/file-names.ts'
import { createDownloadManager, type DownloadManager } from '../src/main/downloads/manager.ts'
import { gatewayFetch } from '../src/main/downloads/gateway-fetch.ts'
import { toDocumentToSave } from '../src/main/downloads/save-all.ts'
import { transfer, type FetchLike } from '../src/main/downloads/transfer.ts'
import type { DocumentSummary } from '../src/shared/api/documents.ts'
import type { DocumentToSave } from '../src/shared/downloads.ts'
import {
  BULK_LOGIN,
  listDocuments,
  READY_LOGIN,
  signedInGateway,
  startDemoBackend,
} from './demo-customers.ts'
import { percentile, report } from './stats.ts'

const SAVE_RUNS = 200
const ALL = 1000

/** What a plain program does to keep bytes: write them to a file and fsync it. */
async function writeAndSync(path: string, bytes: Uint8Array): Promise<void> {
  const file = await open(path, 'w', 0o600)
  try {
    await file.write(bytes)
    await file.sync()
  } finally {
    await file.close()
  }
}

async function saveOnce(fetch: FetchLike, doc: DocumentToSave, folder: string): Promise<string> {
  const result = await transfer({
    fetch,
    path: `/api/v1/documents/${doc.documentId}/content`,
    sha256: doc.sha256,
    folder,
    fileName: documentFileName(doc.title, doc.date),
    sizeBytes: doc.sizeBytes,
  })
  if (!result.ok) throw new Error(`the transfer failed: ${result.error} ${result.message}`)
  return result.path
}

async function managerSave(manager: DownloadManager, doc: DocumentToSave): Promise<string> {
  const jobId = manager.save(doc)
  await manager.idle()
  const job = manager.jobs().find((j) => j.id === jobId)
  if (job?.state !== 'done' || job.path === null) throw new Error(`the save ended ${job?.state}`)
  return job.path
}

/** Saving one typical letter (the ready login's newest contract copy), three ways, interleaved. */
async function benchSaveOne(
  fetch: FetchLike,
  docs: DocumentSummary[],
  root: string,
): Promise<void> {
  const summary = docs.find((d) => d.category === 'contract' && d.title.startsWith('Vertrag'))
  if (!summary) throw new Error('no contract copy in the ready login’s postbox')
  const doc = toDocumentToSave(summary)
  const folder = join(root, 'one')
  await mkdir(folder)
  const manager = createDownloadManager({
    fetch,
    folder: () => folder,
    recordsFile: join(root, 'one-records.json'),
  })
  const bytes = await readFile(await saveOnce(fetch, doc, folder))
  await unlink(join(folder, documentFileName(doc.title, doc.date)))
  const direct = join(folder, 'direct.pdf')
  const viaTransfer: number[] = []
  const viaManager: number[] = []
  const baseline: number[] = []
  for (let i = 0; i < SAVE_RUNS + 20; i++) {
    let started = performance.now()
    await writeAndSync(direct, bytes)
    const tBase = performance.now() - started
    await unlink(direct)

    started = performance.now()
    const saved = await saveOnce(fetch, doc, folder)
    const tTransfer = performance.now() - started
    await unlink(saved)

    started = performance.now()
    const kept = await managerSave(manager, doc)
    const tManager = performance.now() - started
    await unlink(kept)
    if (i < 20) continue // warm-up
    baseline.push(tBase)
    viaTransfer.push(tTransfer)
    viaManager.push(tManager)
  }
  console.log(`  the letter: "${summary.title}", ${bytes.byteLength} bytes`)
  const b50 = percentile(baseline, 50)
  report(
    'save 1 letter via gateway, transfer() (p50; aim ≤ 20)',
    percentile(viaTransfer, 50),
    'ms',
    b50,
  )
  report(
    'save 1 letter via gateway, transfer() (p99)',
    percentile(viaTransfer, 99),
    'ms',
    percentile(baseline, 99),
  )
  report('save 1 letter, manager save() + record (p50)', percentile(viaManager, 50), 'ms', b50)
}

/** Runs `save(0 … count-1)` 3 at once, as the manager does; answers files per second. */
async function filesPerSecond(
  count: number,
  save: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let i = next++; i < count; i = next++) await save(i)
    }),
  )
  return count / ((performance.now() - started) / 1000)
}

/** The manager's `saveAll` of `docs` into `folder`: seconds until the jobs were done and until idle. */
async function managerSaveAll(
  fetch: FetchLike,
  docs: DocumentSummary[],
  folder: string,
  recordsFile: string,
): Promise<{ jobsDone: number; idle: number }> {
  const manager = createDownloadManager({ fetch, folder: () => folder, recordsFile })
  let jobsDone = 0
  manager.onChange(({ batch }) => {
    const settled = batch ? batch.done + batch.failed + batch.cancelled : 0
    if (batch?.jobs === docs.length && settled === docs.length && jobsDone === 0) {
      jobsDone = performance.now() - started
    }
  })
  const started = performance.now()
  const batchId = manager.saveAll(docs.map(toDocumentToSave))
  await manager.idle()
  const idle = performance.now() - started
  const batch = manager.batch(batchId)
  const files = readdirSync(folder).filter((name) => name.endsWith('.pdf')).length
  if (batch?.done !== docs.length || files !== docs.length) {
    throw new Error(`download all saved ${batch?.done} of ${docs.length} (${files} files)`)
  }
  return { jobsDone: jobsDone / 1000, idle: idle / 1000 }
}

/**
 * "Download all" of the bulk customer's 1,000 newest letters, beside plain writes
 * of the same sizes. Every way runs twice, the second round in reverse order: the
 * way that runs right after heavy writing pays for the disk's write-back of them
 * (0.34× against 0.57× for the same code in one run each), so no way always
 * comes first or last. The rates are over both rounds (files / total seconds).
 */
async function benchSaveAll(
  fetch: FetchLike,
  docs: DocumentSummary[],
  root: string,
): Promise<void> {
  const sizes = docs.map((d) => d.sizeBytes)
  const filler = randomBytes(Math.max(...sizes))
  const plainWrite = (folder: string, i: number): Promise<void> =>
    writeAndSync(join(folder, `${i}.pdf`), filler.subarray(0, sizes[i]))
  let managerTimes = { jobsDone: 0, idle: 0 }
  const ways: { name: string; run: (folder: string) => Promise<number> }[] = [
    {
      name: 'plain',
      run: async (folder) => {
        const started = performance.now()
        for (let i = 0; i < sizes.length; i++) await plainWrite(folder, i)
        return (performance.now() - started) / 1000
      },
    },
    {
      // The same plain writes 3 at once, as the manager runs its transfers: how much of the
      // ratio concurrency alone gives (a busy disk commits concurrent fsyncs together).
      name: 'plain3',
      run: async (folder) =>
        sizes.length / (await filesPerSecond(sizes.length, (i) => plainWrite(folder, i))),
    },
    {
      // The safe steps alone, no network and no hash: part file, fsync, link, unlink, folder fsync.
      name: 'safe',
      run: async (folder) => {
        const started = performance.now()
        for (let i = 0; i < sizes.length; i++) {
          const part = join(folder, `.${i}.pdf.part`)
          await writeAndSync(part, filler.subarray(0, sizes[i]))
          await link(part, join(folder, `${i}.pdf`))
          await unlink(part)
          const dir = await open(folder, 'r')
          await dir.sync()
          await dir.close()
        }
        return (performance.now() - started) / 1000
      },
    },
    {
      name: 'manager',
      run: async (folder) => {
        const times = await managerSaveAll(fetch, docs, folder, `${folder}-records.json`)
        managerTimes = {
          jobsDone: managerTimes.jobsDone + times.jobsDone,
          idle: managerTimes.idle + times.idle,
        }
        return times.idle
      },
    },
    {
      // The same transfers without the manager (no queue, no record): where the manager's time goes.
      name: 'bare',
      run: async (folder) =>
        docs.length /
        (await filesPerSecond(docs.length, (i) =>
          saveOnce(fetch, toDocumentToSave(docs[i] as DocumentSummary), folder),
        )),
    },
  ]
  const seconds = new Map<string, number>()
  for (const [round, order] of [ways, [...ways].reverse()].entries()) {
    for (const way of order) {
      const folder = join(root, `${way.name}-${round}`)
      await mkdir(folder)
      seconds.set(way.name, (seconds.get(way.name) ?? 0) + (await way.run(folder)))
    }
  }
  const rate = (name: string): number => (2 * sizes.length) / (seconds.get(name) as number)
  const plain = rate('plain')
  const mb = sizes.reduce((a, b) => a + b, 0) / 1024 / 1024
  console.log(
    `  ${docs.length} letters, ${mb.toFixed(1)} MiB, each way twice; baseline: plain writes one after another. ` +
      `The manager's jobs were all done after ${(managerTimes.jobsDone / 2).toFixed(2)} s, its record of saved files written after ${(managerTimes.idle / 2).toFixed(2)} s (mean of 2)`,
  )
  report(
    `download all ${docs.length}, manager 3 at once (aim ≥ 0.5×)`,
    rate('manager'),
    'files/s',
    plain,
  )
  report(
    `download all ${docs.length}, transfer() 3 at once, no manager`,
    rate('bare'),
    'files/s',
    plain,
  )
  report(`download all: the safe steps alone, plain files`, rate('safe'), 'files/s', plain)
  report(`download all: the plain writes 3 at once`, rate('plain3'), 'files/s', plain)
}

/** Prints the figures of saving letters. */
export async function benchDownloads(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'mmf-bench-downloads-'))
  const backend = await startDemoBackend()
  try {
    const anna = await signedInGateway(backend, READY_LOGIN)
    await benchSaveOne(gatewayFetch(anna), await listDocuments(gatewayFetch(anna), 100), root)

    const bulk = await signedInGateway(backend, BULK_LOGIN)
    // Listing makes the letters' PDFs (generated on first need) before anything is timed.
    let started = performance.now()
    const docs = await listDocuments(gatewayFetch(bulk), ALL)
    const cold = performance.now() - started
    started = performance.now()
    await listDocuments(gatewayFetch(bulk), ALL)
    report(
      `list ${ALL} via gateway, 10 pages, first (vs warm)`,
      cold,
      'ms',
      performance.now() - started,
    )
    await benchSaveAll(gatewayFetch(bulk), docs, root)
  } finally {
    await backend.dispose()
    rmSync(root, { recursive: true, force: true })
  }
}
