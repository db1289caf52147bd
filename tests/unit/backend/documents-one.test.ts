/**
 * GET /documents/{id} (project extension) through the real backend: one of the
 * customer's letters exactly as the list shows it, with the size and digest of the
 * bytes GET /documents/{id}/content sends (main checks a saved file against them);
 * another customer's letter is not found like a made-up id; an account not yet
 * activated gets 403 like on every other document route.
 */
import { createHash, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentSummary } from '../../../src/shared/api/documents.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import {
  activateWithLetter,
  customerRecord,
  LUKAS,
  registeredCustomer,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'
import { allDocuments, listDocuments } from '../../helpers/documents.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const get = (url: string, auth: Auth) => backend.json('GET', url, undefined, auth)

describe('GET /documents/{id}', () => {
  it('answers the customer’s letter as the list shows it, with the size and digest of its bytes', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const { items } = await listDocuments(backend, anna, 'limit=3')
    expect(items.length).toBe(3)
    for (const item of items) {
      const response = await get(`/api/v1/documents/${item.id}`, anna)
      expect(response.statusCode, item.id).toBe(200)
      expect(response.json()).toEqual(item)
      const content = await get(`/api/v1/documents/${item.id}/content`, anna)
      expect(content.rawPayload.byteLength).toBe(item.sizeBytes)
      expect(createHash('sha256').update(content.rawPayload).digest('hex')).toBe(item.sha256)
    }
    // Reading it changes its read flag here as in the list.
    const unread = (await allDocuments(backend, anna)).items.find((d) => !d.read) as DocumentSummary
    expect(unread).toBeDefined()
    expect(
      (await backend.json('POST', `/api/v1/documents/${unread.id}/read`, undefined, anna))
        .statusCode,
    ).toBe(204)
    expect((await get(`/api/v1/documents/${unread.id}`, anna)).json()).toEqual({
      ...unread,
      read: true,
    })
  })

  it('another customer’s letter is not found, with the same answer as a made-up or malformed id', async () => {
    backend = await createTestBackend()
    const lukas = await registeredCustomer(backend)
    await activateWithLetter(backend, lukas)
    const anna = await signInAnna(backend)
    const [annas] = (await listDocuments(backend, anna, 'limit=1')).items
    if (!annas) throw new Error('Anna has no letter')
    const bodies = new Set<string>()
    for (const id of [
      annas.id,
      randomUUID(),
      'not-a-document',
      encodeURIComponent("' OR 1=1 --"),
    ]) {
      const response = await get(`/api/v1/documents/${id}`, lukas)
      expect(response.statusCode, id).toBe(404)
      expect(response.json().error.code).toBe('not_found')
      bodies.add(response.body)
    }
    expect(bodies.size).toBe(1)
    // Anna still gets her letter, unread as before.
    expect((await get(`/api/v1/documents/${annas.id}`, anna)).json()).toEqual(annas)
  })

  it('needs an activated account (403 activation_required, also for the customer’s own letter) and a session (401)', async () => {
    backend = await createTestBackend()
    const lukas = await registeredCustomer(backend)
    const { id: customerId } = await customerRecord(backend, LUKAS)
    const [own] = (await backend.app.services.repos.documents.page({ customerId, limit: 1 })).map(
      (d) => d.publicId,
    )
    if (!own) throw new Error('Lukas has no letter')
    for (const id of [own, randomUUID()]) {
      const response = await get(`/api/v1/documents/${id}`, lukas)
      expect(response.statusCode, id).toBe(403)
      expect(response.json().error.code).toBe('activation_required')
      for (const headers of [{}, { authorization: 'Bearer made-up-token' }] as Auth[]) {
        const anonymous = await get(`/api/v1/documents/${id}`, headers)
        expect(anonymous.statusCode).toBe(401)
        expect(anonymous.json().error.code).toBe('unauthenticated')
      }
    }
    await activateWithLetter(backend, lukas)
    const response = await get(`/api/v1/documents/${own}`, lukas)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ id: own })
  })
})
