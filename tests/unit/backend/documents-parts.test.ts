/**
 * A document larger than one stored part (256 KiB): GET …/content answers it
 * whole and by ranges that start, end or cross a part's border, byte for byte,
 * with the size and digests api.md names; a document stored whole before the
 * parts existed is still served; a deleted document takes its parts along.
 */
import { createHash, randomFillSync } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { CONTENT_PART_BYTES } from '../../../src/backend/db/repositories/documents-repository.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { fileDocumentForAnna } from '../../helpers/large-document.ts'
import { signInAnna, type Auth } from '../../helpers/customers.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const PART = CONTENT_PART_BYTES
const ID = '5d0c8a1e-2b7f-4e6a-9c3d-1f2e3a4b5c6d'
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes)

/** Files `bytes` as a document in the ready login's postbox (the repository splits them). */
const fileBytes = async (bytes: Buffer): Promise<number> =>
  (await fileDocumentForAnna(backend, { publicId: ID, bytes })).id

const content = (auth: Auth, headers: Record<string, string> = {}) =>
  backend.app.inject({
    method: 'GET',
    url: `/api/v1/documents/${ID}/content`,
    headers: { ...auth, ...headers },
  })

describe('documents stored in parts', () => {
  it('are served whole and by ranges across the parts’ borders, byte for byte', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const size = 2 * PART + 12_345
    const bytes = randomFillSync(Buffer.alloc(size))
    await fileBytes(bytes)
    const parts = await backend.db.all(
      'SELECT start, length(bytes) AS n FROM document_content_parts ORDER BY start',
    )
    expect(parts).toEqual([
      { start: PART, n: PART },
      { start: 2 * PART, n: 12_345 },
    ])

    const whole = await content(auth)
    expect(whole.statusCode).toBe(200)
    expect(whole.headers['content-length']).toBe(String(size))
    expect(whole.rawPayload.equals(bytes)).toBe(true)
    expect(whole.headers['repr-digest']).toBe(`sha-256=:${sha256(bytes).digest('base64')}:`)

    for (const [start, end] of [
      [0, PART - 1],
      [PART - 10, PART + 9],
      [PART, 2 * PART - 1],
      [PART + 1, 2 * PART],
      [100, size - 1],
      [2 * PART + 5, size - 1],
      [size - 1, size - 1],
    ] as const) {
      const answer = await content(auth, { range: `bytes=${start}-${end}` })
      const expected = bytes.subarray(start, end + 1)
      expect(answer.statusCode, `${start}-${end}`).toBe(206)
      expect(answer.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`)
      expect(answer.headers['content-length']).toBe(String(end - start + 1))
      expect(answer.rawPayload.equals(expected), `${start}-${end}`).toBe(true)
      expect(answer.headers['content-digest']).toBe(
        `sha-256=:${sha256(expected).digest('base64')}:`,
      )
    }

    const head = await backend.app.inject({
      method: 'HEAD',
      url: `/api/v1/documents/${ID}/content`,
      headers: auth,
    })
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-length']).toBe(String(size))
    expect(head.rawPayload.byteLength).toBe(0)
  })

  it('a document stored whole before the parts existed is served as before', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const bytes = randomFillSync(Buffer.alloc(PART + 1000))
    const id = await fileBytes(Buffer.alloc(0))
    // As version 12 stored it: every byte in documents.content, no parts.
    await backend.db.run(
      'UPDATE documents SET content = ?, size_bytes = ?, sha256 = ? WHERE id = ?',
      bytes,
      bytes.byteLength,
      sha256(bytes).digest('hex'),
      id,
    )

    expect((await content(auth)).rawPayload.equals(bytes)).toBe(true)
    const tail = await content(auth, { range: `bytes=${PART - 5}-` })
    expect(tail.statusCode).toBe(206)
    expect(tail.rawPayload.equals(bytes.subarray(PART - 5))).toBe(true)
  })

  it('go with their document', async () => {
    backend = await createTestBackend()
    const id = await fileBytes(randomFillSync(Buffer.alloc(3 * PART)))
    const count = async () =>
      (
        await backend.db.get<{ n: number }>(
          'SELECT COUNT(*) AS n FROM document_content_parts WHERE document_id = ?',
          id,
        )
      )?.n
    expect(await count()).toBe(2)
    await backend.db.run('DELETE FROM documents WHERE id = ?', id)
    expect(await count()).toBe(0)
  })
})
