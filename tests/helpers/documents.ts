/** The postbox's list (GET /documents) as the backend tests read it. */
import { expect } from 'vitest'
import type { DocumentListAnswer, DocumentSummary } from '../../src/shared/api/documents.ts'
import type { TestBackend } from './backend.ts'
import type { Auth } from './customers.ts'

/** One page of GET /documents for a query string, expecting 200. */
export async function listDocuments(
  backend: TestBackend,
  auth: Auth,
  query = '',
): Promise<DocumentListAnswer> {
  const url = `/api/v1/documents${query ? `?${query}` : ''}`
  const response = await backend.json('GET', url, undefined, auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** Every item of a query, following nextCursor page by page; no page may hold more than the limit. */
export async function allDocuments(
  backend: TestBackend,
  auth: Auth,
  query: Record<string, string> = {},
  limit = 100,
): Promise<{ items: DocumentSummary[]; pages: number }> {
  const items: DocumentSummary[] = []
  let pages = 0
  let cursor: string | null = null
  do {
    const params = new URLSearchParams({ ...query, limit: String(limit) })
    if (cursor) params.set('cursor', cursor)
    const page = await listDocuments(backend, auth, params.toString())
    expect(page.items.length).toBeLessThanOrEqual(limit)
    items.push(...page.items)
    cursor = page.nextCursor
    pages++
  } while (cursor)
  return { items, pages }
}
