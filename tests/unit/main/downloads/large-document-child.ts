/**
 * Run by large-document.test.ts in a process of its own (`--expose-gc`), so that
 * its memory is this download's alone: the embedded backend gets a document of
 * `size` random bytes in the ready demo login's postbox; transfer() saves it
 * through the real gateway and inject into `folder`, while what stays alive
 * (heap + buffers, after a full GC) and the RSS are sampled every 50 ms. Then a
 * second save loses its connection part-way and resumes with a range.
 * Prints one JSON line (LargeDocumentReport).
 */
import { createHash, randomFillSync } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { createGateway } from '../../../../src/gateway/gateway.ts'
import { injectUpstream } from '../../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../../src/host/vault/memory-vault.ts'
import { gatewayFetch } from '../../../../src/main/downloads/gateway-fetch.ts'
import { transfer, type FetchLike } from '../../../../src/main/downloads/transfer.ts'
import { createTestBackend } from '../../../helpers/backend.ts'
import { fileDocumentForAnna } from '../../../helpers/large-document.ts'
import { appRequest } from '../../gateway/support/app-request.ts'

export interface LargeDocumentReport {
  /** The SHA-256 of the bytes given to the backend. */
  sha256: string
  /** Peak growth over the settled start during the first save, in bytes. */
  alive: number
  rss: number
  saved: { ok: boolean; path?: string; bytes?: number }
  /** The save that lost its connection after `cutAt` bytes, and what its retry was answered. */
  interrupted: { error?: string; resumeBytes?: number }
  resumed: { ok: boolean; path?: string }
  /** The answers of the resumed try: status, Content-Range and Content-Digest. */
  resumeAnswers: { status: number; range: string | null; digest: string | null }[]
  /** The SHA-256 (base64) of the document's bytes from the resume offset to the end. */
  tailDigest: string | null
}

const { folder, size, cutAt } = JSON.parse(process.argv[2] ?? '{}') as {
  folder: string
  size: number
  cutAt: number
}
const gcNow = (globalThis as { gc?: () => void }).gc
if (!gcNow) throw new Error('run with --expose-gc')
const gc: () => void = gcNow
const DOCUMENT_ID = '0b7e2f6c-1d4a-4c3e-9f1a-6a2d5c8e7b10'

const backend = await createTestBackend()
try {
  let bytes: Buffer | null = randomFillSync(Buffer.allocUnsafe(size))
  const { sha256 } = await fileDocumentForAnna(backend, { publicId: DOCUMENT_ID, bytes })
  bytes = null

  const gateway = createGateway({
    upstream: injectUpstream(backend.app),
    vault: createMemoryVault(),
    kiosk: false,
    now: () => backend.clock.now().getTime(),
  })
  const signIn = await gateway.handle(
    appRequest('app://mmf/api/v1/sessions', {
      method: 'POST',
      body: JSON.stringify({
        email: 'anna.huber@demo.mini.at',
        password: 'Festungsberg-Regenschirm-2026',
      }),
    }),
  )
  if (signIn.status !== 201) throw new Error(`sign-in answered ${signIn.status}`)
  await signIn.body?.cancel()
  const fetch = gatewayFetch(gateway)
  const save = (name: string, through: FetchLike, resume: { bytes: number; etag: string } | null) =>
    transfer({
      fetch: through,
      path: `/api/v1/documents/${DOCUMENT_ID}/content`,
      sha256,
      folder,
      fileName: name,
      sizeBytes: size,
      resume,
    })

  // What the download keeps alive: sampled after a full GC, every 50 ms.
  gc()
  gc()
  const start = process.memoryUsage()
  let alive = 0
  let rss = 0
  const sampler = setInterval(() => {
    gc()
    const now = process.memoryUsage()
    alive = Math.max(alive, now.heapUsed + now.external - start.heapUsed - start.external)
    rss = Math.max(rss, now.rss - start.rss)
  }, 50)
  const saved = await save('gross.pdf', fetch, null)
  clearInterval(sampler)

  // The connection drops after `cutAt` bytes: the part file stays for the retry.
  const cut: FetchLike = async (path, init) => {
    const response = await fetch(path, init)
    if (response.body === null) return response
    let passed = 0
    const dropping = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        // Dropped once the reader asks for more: the bytes before the cut have reached it.
        if (passed >= cutAt) {
          controller.error(new Error('connection reset'))
          return
        }
        const piece = chunk.subarray(0, cutAt - passed)
        passed += piece.length
        controller.enqueue(piece)
      },
    })
    return new Response(response.body.pipeThrough(dropping), {
      status: response.status,
      headers: response.headers,
    })
  }
  const interrupted = await save('resumed.pdf', cut, null)
  const resumeAnswers: LargeDocumentReport['resumeAnswers'] = []
  const watched: FetchLike = async (path, init) => {
    const response = await fetch(path, init)
    resumeAnswers.push({
      status: response.status,
      range: response.headers.get('content-range'),
      digest: response.headers.get('content-digest'),
    })
    return response
  }
  const resumed = interrupted.ok
    ? interrupted
    : await save('resumed.pdf', watched, interrupted.resume)
  // The tail after the resume offset, from the first save (checked byte-identical by the test).
  let tailDigest: string | null = null
  if (saved.ok && !interrupted.ok && interrupted.resume) {
    const tail = createHash('sha256')
    await pipeline(createReadStream(saved.path, { start: interrupted.resume.bytes }), tail)
    tailDigest = tail.digest('base64')
  }

  const report: LargeDocumentReport = {
    sha256,
    alive,
    rss,
    saved: saved.ok ? { ok: true, path: saved.path, bytes: saved.bytes } : { ok: false },
    interrupted: interrupted.ok
      ? {}
      : {
          error: interrupted.error,
          ...(interrupted.resume ? { resumeBytes: interrupted.resume.bytes } : {}),
        },
    resumed: resumed.ok ? { ok: true, path: resumed.path } : { ok: false },
    resumeAnswers,
    tailDigest,
  }
  console.log(JSON.stringify(report))
} finally {
  await backend.dispose()
}
