/**
 * The app's wiring on plain Node: the manager's requests go through the real
 * gateway in process (as app://mmf/api/… requests) to the real embedded backend,
 * signed in as the ready demo login. Real PDFs land on disk with the list's
 * digest; after sign-out (the customer's own, or a session the backend ended)
 * nothing of the customer's queue is left, no part file either, and the gateway
 * refuses further downloads. A dropped connection is a stream cut short.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGateway, type Gateway } from '../../../../src/gateway/gateway.ts'
import { injectUpstream } from '../../../../src/gateway/upstream.ts'
import { createMemoryVault } from '../../../../src/host/vault/memory-vault.ts'
import { gatewayFetch } from '../../../../src/main/downloads/gateway-fetch.ts'
import type { FetchLike } from '../../../../src/main/downloads/transfer.ts'
import {
  createDownloadManager,
  type DownloadManager,
} from '../../../../src/main/downloads/manager.ts'
import { listDocumentsToSave, saveAllForFilter } from '../../../../src/main/downloads/save-all.ts'
import type { DocumentToSave } from '../../../../src/shared/downloads.ts'
import { watchSessionEnd } from '../../../../src/main/session-end.ts'
import { createTestBackend, type TestBackend } from '../../../helpers/backend.ts'
import { appRequest } from '../../gateway/support/app-request.ts'

const root = mkdtempSync(join(tmpdir(), 'mmf-through-gateway-'))
let backend: TestBackend
let gateway: Gateway
let manager: DownloadManager
const folder = join(root, 'Downloads', 'My MINI Finance')

/** When set, the next transfers lose their connection after this many bytes. */
let cutAfter: number | null = null

/** The network between manager and gateway: passes answers on, or cuts them at `cutAfter`. */
function network(inner: FetchLike): FetchLike {
  return async (path, init) => {
    const response = await inner(path, init)
    const limit = cutAfter
    if (limit === null || response.body === null) return response
    let passed = 0
    const cut = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const room = limit - passed
        if (chunk.length > room) {
          if (room > 0) controller.enqueue(chunk.subarray(0, room))
          passed = limit
          controller.error(new Error('connection reset'))
          return
        }
        passed += chunk.length
        controller.enqueue(chunk)
      },
    })
    return new Response(response.body.pipeThrough(cut), {
      status: response.status,
      headers: response.headers,
    })
  }
}

async function signIn(): Promise<void> {
  const response = await gateway.handle(
    appRequest('app://mmf/api/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'anna.huber@demo.mini.at',
        password: 'Festungsberg-Regenschirm-2026',
      }),
    }),
  )
  expect(response.status).toBe(201)
}

const partFiles = (): string[] => readdirSync(folder).filter((name) => name.endsWith('.part'))

/** Saves `doc` over a connection that drops: the job fails and keeps its part file. */
async function saveAndDrop(doc: DocumentToSave | undefined): Promise<void> {
  if (doc === undefined) throw new Error('no letter to save')
  cutAfter = 1000
  try {
    const jobId = manager.save(doc)
    await manager.idle()
    expect(manager.jobs().find((job) => job.id === jobId)).toMatchObject({
      state: 'failed',
      error: 'connection_lost',
    })
  } finally {
    cutAfter = null
  }
  expect(partFiles()).toHaveLength(1)
}

beforeAll(async () => {
  backend = await createTestBackend()
  gateway = watchSessionEnd(
    createGateway({
      upstream: injectUpstream(backend.app),
      vault: createMemoryVault(),
      kiosk: false,
      // The backend's fixed test clock decides when tokens expire.
      now: () => backend.clock.now().getTime(),
    }),
    { onEnded: () => void manager.cancelAll() },
  )
  manager = createDownloadManager({
    fetch: network(gatewayFetch(gateway)),
    folder: () => ({ folder, isDefault: true }),
    recordsFile: join(root, 'downloads.json'),
    // The demo's letters are small enough to be saved whole; streamed here so that a dropped
    // connection keeps a part file for a retry (as a large document's does), which sign-out removes.
    wholeMaxBytes: 0,
  })
  await signIn()
})
afterAll(async () => {
  await backend.dispose()
  rmSync(root, { recursive: true, force: true })
})

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

describe('downloads through the gateway', () => {
  it('saves every contract letter of the filter as a real PDF with the listed digest', async () => {
    const listed = await listDocumentsToSave(gatewayFetch(gateway), { category: 'contract' })
    expect(listed.length).toBeGreaterThan(0)
    const { batchId, count } = await saveAllForFilter({
      fetch: gatewayFetch(gateway),
      manager,
      filter: { category: 'contract' },
    })
    expect(count).toBe(listed.length)
    await manager.idle()
    expect(manager.batch(batchId)).toMatchObject({ done: count, failed: 0, finished: true })
    const jobs = manager.jobs()
    for (const doc of listed) {
      const job = jobs.find((j) => j.documentId === doc.documentId)
      const bytes = readFileSync(job?.path as string)
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
      expect(sha256(bytes)).toBe(doc.sha256)
      expect(job?.fileName.startsWith(`${doc.date} `)).toBe(true)
    }
    expect(readdirSync(folder)).toHaveLength(count)
  })

  it('a batch cancelled at once finishes, with nothing half-written left', async () => {
    const { batchId } = await saveAllForFilter({
      fetch: gatewayFetch(gateway),
      manager,
      filter: { category: 'statement' },
    })
    expect(manager.cancelBatch(batchId)).toBe(true)
    await manager.idle()
    const batch = manager.batch(batchId)
    expect(batch).toMatchObject({ finished: true, failed: 0 })
    expect((batch?.cancelled ?? 0) + (batch?.done ?? 0)).toBe(batch?.jobs)
    expect(readdirSync(folder).filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('only calls the API', async () => {
    const fetch = gatewayFetch(gateway)
    const init = { headers: {}, signal: new AbortController().signal }
    await expect(fetch('/index.html', init)).rejects.toThrow(TypeError)
    await expect(fetch('//evil.example/api/v1/documents', init)).rejects.toThrow(TypeError)
  })

  it('the customer’s sign-out removes the part file a dropped connection kept for a retry', async () => {
    const [doc] = await listDocumentsToSave(gatewayFetch(gateway), { category: 'contract' })
    await saveAndDrop(doc)
    const signOut = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions/current', { method: 'DELETE' }),
    )
    expect(signOut.status).toBe(204)
    await manager.idle()
    expect(partFiles()).toEqual([])
    await signIn()
  })

  it('a session the backend ended removes it too', async () => {
    const [doc] = await listDocumentsToSave(gatewayFetch(gateway), { category: 'contract' })
    await saveAndDrop(doc)
    // 31 days on: the access and the refresh token have expired at the backend.
    backend.clock.advance(31 * 86_400)
    const me = await gateway.handle(appRequest('app://mmf/api/v1/me'))
    expect(me.status).toBe(401)
    expect(gateway.signedIn).toBe(false)
    await manager.idle()
    expect(partFiles()).toEqual([])
    await signIn()
  })

  it('sign-out empties the queue, and the gateway then refuses downloads', async () => {
    const [doc] = await listDocumentsToSave(gatewayFetch(gateway), { category: 'statement' })
    expect(doc).toBeDefined()
    const signOut = await gateway.handle(
      appRequest('app://mmf/api/v1/sessions/current', { method: 'DELETE' }),
    )
    expect(signOut.status).toBe(204)
    expect(manager.jobs()).toEqual([])
    expect(manager.batches()).toEqual([])

    if (doc === undefined) return
    manager.save(doc)
    await manager.idle()
    expect(manager.jobs()[0]).toMatchObject({ state: 'failed', error: 'unauthenticated' })
  })
})
