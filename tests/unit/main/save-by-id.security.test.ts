/**
 * "Speichern" names a letter by its id only (issue 14, point 7): a compromised
 * renderer cannot make main save bytes the backend does not vouch for, nor under
 * a name of its choosing. documents:save refuses every property but the id; main
 * reads the title, date, size and SHA-256 from GET /documents/{id} itself.
 * Through the real IPC register, handlers, download manager and a real HTTP server.
 */
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DocumentSummary } from '../../../src/shared/api/documents.ts'
import { documentChannelsFixture } from './support/document-ipc.ts'

const fixture = documentChannelsFixture('mmf-save-by-id-')
const setUp = () => fixture.setUp()
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')
const INVALID = { ok: false, error: { code: 'invalid_argument' } }

/** The backend's letter: "Ratenplan", dated 2 March 2026 in Vienna. */
function ratenplan(size = 4096): DocumentSummary {
  return fixture.server.addListed(randomUUID(), size, {
    title: 'Ratenplan',
    createdAt: '2026-03-02T09:00:00Z',
  })
}

/** What the renderer sent before: the letter's id with a title, date, size and digest of its own. */
function forged(doc: DocumentSummary, bytes: Buffer) {
  return {
    documentId: doc.id,
    title: 'Kündigung Ihres Vertrags',
    date: '2026-12-24',
    sha256: sha256(bytes),
    sizeBytes: bytes.length,
  }
}

describe('documents:save takes the letter’s id, and main takes the rest from the backend', () => {
  it('refuses a title, date, digest or size from the renderer, before anything is asked or queued', async () => {
    const context = await setUp()
    const doc = ratenplan()
    const other = Buffer.from('%PDF-1.7 not the letter')
    const full = forged(doc, other)
    const { documentId } = full
    const itemsAsked = fixture.server.itemRequests.length
    for (const arg of [
      full,
      { documentId, title: full.title },
      { documentId, date: full.date },
      { documentId, sha256: full.sha256 },
      { documentId, sizeBytes: full.sizeBytes },
      { documentId, fileName: '../../Autostart/x.desktop' },
    ]) {
      expect(await context.invoke('documents:save', arg), JSON.stringify(arg)).toEqual(INVALID)
    }
    await context.manager.idle()
    expect(fixture.server.itemRequests.length).toBe(itemsAsked)
    expect(fixture.server.seen.filter((request) => request.id === doc.id)).toEqual([])
    expect(context.manager.jobs()).toEqual([])
    expect(existsSync(context.defaultFolder)).toBe(false)
  })

  it('names the file after the backend’s title and day, and checks it against the backend’s digest and size', async () => {
    const context = await setUp()
    const doc = ratenplan()
    const answer = await context.invoke('documents:save', { documentId: doc.id })
    expect(answer).toMatchObject({ ok: true })
    await context.manager.idle()
    expect(readdirSync(context.defaultFolder)).toEqual(['2026-03-02 Ratenplan.pdf'])
    const bytes = readFileSync(join(context.defaultFolder, '2026-03-02 Ratenplan.pdf'))
    expect(sha256(bytes)).toBe(doc.sha256)
    expect(bytes.length).toBe(doc.sizeBytes)
  })

  it('saves no bytes the backend does not vouch for, whatever digest the renderer would have named', async () => {
    const context = await setUp()
    const doc = ratenplan()
    // Bytes other than the letter reach main, with no Repr-Digest to catch them:
    // only the digest main holds can. The renderer knows the bytes' digest and offers it.
    const served = fixture.server.docs.get(doc.id)
    if (!served) throw new Error('the letter is not served')
    served.flipByteAt = 100
    served.reprDigest = null
    const tampered = Buffer.from(served.bytes)
    tampered[100] = (tampered[100] ?? 0) ^ 0xff
    expect(await context.invoke('documents:save', forged(doc, tampered))).toEqual(INVALID)

    const answer = await context.invoke('documents:save', { documentId: doc.id })
    expect(answer).toMatchObject({ ok: true })
    await context.manager.idle()
    expect(context.manager.jobs()).toMatchObject([
      { documentId: doc.id, state: 'failed', error: 'digest_mismatch', path: null },
    ])
    // No file under any name, and no part file left with the wrong bytes either (a letter is
    // checked before anything is written: the default folder may not even have been made).
    const left = existsSync(context.defaultFolder) ? readdirSync(context.defaultFolder) : []
    expect(left).toEqual([])
  })
})
