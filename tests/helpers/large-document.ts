/**
 * Files any bytes as a letter in the ready demo login's postbox, straight through
 * the repository (which stores them in parts): the large-document tests and the
 * big-document bench need a document far larger than the generated letters.
 */
import { createHash } from 'node:crypto'
import type { TestBackend } from './backend.ts'

/** Files `bytes` under `publicId` for the ready demo customer; answers its row id and SHA-256 (hex). */
export async function fileDocumentForAnna(
  backend: TestBackend,
  options: { publicId: string; bytes: Buffer; createdAt?: string },
): Promise<{ id: number; sha256: string }> {
  const repos = backend.app.services.repos
  const anna = (await repos.customers.all()).find((c) => c.customerNumber === '100482117')
  if (!anna) throw new Error('the ready demo customer is missing')
  const sha256 = createHash('sha256').update(options.bytes).digest('hex')
  const id = await repos.documents.insert({
    publicId: options.publicId,
    customerId: anna.id,
    contractId: null,
    kind: 'service_answer',
    category: 'service',
    title: 'Großes Dokument',
    spec: {
      params: { kind: 'service_answer', subject: 'Großes Dokument', paragraphs: [] },
      addressee: {
        salutation: anna.salutation,
        firstName: anna.firstName,
        lastName: anna.lastName,
        customerNumber: anna.customerNumber,
        address: [],
      },
      locale: 'de',
      date: '2026-05-17',
    },
    createdAt: options.createdAt ?? backend.clock.now().toISOString(),
    content: { bytes: options.bytes, sha256 },
  })
  return { id, sha256 }
}
