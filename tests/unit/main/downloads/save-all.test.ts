/**
 * "Download all" for a filter: main pages through GET /documents itself (a real
 * local server), dates each letter by its Vienna calendar day and saves them all
 * as one batch. A list it cannot trust queues nothing.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDownloadManager } from '../../../../src/main/downloads/manager.ts'
import {
  DocumentListError,
  listDocumentsToSave,
  saveAllForFilter,
} from '../../../../src/main/downloads/save-all.ts'
import type { DocumentSummary } from '../../../../src/shared/api/documents.ts'
import { startDocServer, type DocServer } from './doc-server.ts'

const root = mkdtempSync(join(tmpdir(), 'mmf-save-all-'))
/** The id of listed letter `i`: a UUID, as the backend hands out. */
const listedId = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
let server: DocServer
let count = 0

beforeAll(async () => {
  server = await startDocServer()
  // 230 letters: three pages of at most 100. Two contracts, newest first.
  for (let i = 0; i < 230; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (229 - i) * 86_400_000).toISOString()
    server.addListed(listedId(i), 300 + i, {
      title: `Brief ${i}`,
      createdAt: day.replace('T00:00:00.000Z', 'T09:00:00Z'),
      contractId: i % 2 === 0 ? 'contract-a' : 'contract-b',
      category: i % 3 === 0 ? 'statement' : 'letter',
    })
  }
})
afterEach(() => {
  server.listOverride = null
  server.listQueries.length = 0
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

function setUp() {
  const folder = join(root, `f${++count}`)
  mkdirSync(folder)
  const manager = createDownloadManager({
    fetch: server.fetch,
    folder: () => ({ folder, isDefault: false }),
    recordsFile: join(root, `records-${count}.json`),
  })
  return { folder, manager }
}

describe('download all', () => {
  it('pages through the whole list and saves every letter as one finished batch', async () => {
    const { folder, manager } = setUp()
    const { batchId, count } = await saveAllForFilter({
      fetch: server.fetch,
      manager,
      filter: {},
    })
    expect(count).toBe(230)
    expect(server.listQueries.map((q) => [q.get('limit'), q.get('cursor')])).toEqual([
      ['100', null],
      ['100', '100'],
      ['100', '200'],
    ])
    await manager.idle()
    expect(manager.batch(batchId)).toMatchObject({ jobs: 230, done: 230, finished: true })
    expect(manager.batches()).toHaveLength(1)
    expect(readdirSync(folder)).toHaveLength(230)
  })

  it('passes the filter on as the list’s query, on every page', async () => {
    const { manager } = setUp()
    const filter = {
      contractId: 'contract-a',
      category: 'statement' as const,
      unread: false,
      year: 2025,
      q: 'Brief 1',
    }
    await saveAllForFilter({ fetch: server.fetch, manager, filter })
    await manager.idle()
    expect(server.listQueries.length).toBeGreaterThan(0)
    for (const query of server.listQueries) {
      expect(Object.fromEntries([...query].filter(([key]) => key !== 'cursor'))).toEqual({
        contractId: 'contract-a',
        category: 'statement',
        unread: 'false',
        year: '2025',
        q: 'Brief 1',
        limit: '100',
      })
    }
  })

  it('saves only what the server lists for the filter', async () => {
    const { folder, manager } = setUp()
    const { count } = await saveAllForFilter({
      fetch: server.fetch,
      manager,
      filter: { contractId: 'contract-b', category: 'statement' },
    })
    const expected = server.listed.filter(
      (d) => d.contractId === 'contract-b' && d.category === 'statement',
    )
    expect(count).toBe(expected.length)
    await manager.idle()
    expect(readdirSync(folder).sort()).toEqual(
      expected.map((d) => `${d.createdAt.slice(0, 10)} ${d.title}.pdf`).sort(),
    )
  })

  it('dates each letter by its calendar day in Vienna, not in UTC', async () => {
    const late: DocumentSummary[] = [
      {
        ...(server.listed[0] as DocumentSummary),
        id: listedId(0),
        createdAt: '2025-12-31T23:30:00Z', // 00:30 on New Year's Day in Vienna (CET)
      },
      {
        ...(server.listed[1] as DocumentSummary),
        id: listedId(1),
        createdAt: '2026-06-30T22:15:00.000Z', // 00:15 on 1 July in Vienna (CEST)
      },
    ]
    server.listOverride = () => ({ status: 200, body: { items: late, nextCursor: null } })
    const docs = await listDocumentsToSave(server.fetch, {})
    expect(docs.map((d) => d.date)).toEqual(['2026-01-01', '2026-07-01'])
    const { folder, manager } = setUp()
    manager.saveAll(docs)
    await manager.idle()
    expect(readdirSync(folder).sort()).toEqual(['2026-01-01 Brief 0.pdf', '2026-07-01 Brief 1.pdf'])
  })

  it('an empty list: count 0 and a batch that is already finished', async () => {
    const { manager } = setUp()
    server.listOverride = () => ({ status: 200, body: { items: [], nextCursor: null } })
    const { batchId, count } = await saveAllForFilter({ fetch: server.fetch, manager, filter: {} })
    expect(count).toBe(0)
    expect(manager.batch(batchId)).toMatchObject({ jobs: 0, finished: true })
  })
})

describe('a list that cannot be trusted queues nothing', () => {
  const item = (): DocumentSummary => server.listed[0] as DocumentSummary
  const cases: [string, (query: URLSearchParams) => { status: number; body: unknown }][] = [
    [
      '401 on the first page',
      () => ({ status: 401, body: { error: { code: 'unauthenticated' } } }),
    ],
    [
      '500 on the second page',
      (query) =>
        query.has('cursor')
          ? { status: 500, body: { error: { code: 'internal_error' } } }
          : { status: 200, body: { items: [item()], nextCursor: 'next' } },
    ],
    ['no items', () => ({ status: 200, body: { nextCursor: null } })],
    [
      'an id that would leave /documents/',
      () => ({
        status: 200,
        body: { items: [{ ...item(), id: '../sessions' }], nextCursor: null },
      }),
    ],
    [
      'a digest that is not SHA-256',
      () => ({ status: 200, body: { items: [{ ...item(), sha256: 'abc' }], nextCursor: null } }),
    ],
    [
      'an invalid createdAt',
      () => ({
        status: 200,
        body: { items: [{ ...item(), createdAt: 'soon' }], nextCursor: null },
      }),
    ],
    [
      'a cursor that repeats (a server that never ends)',
      () => ({ status: 200, body: { items: [item()], nextCursor: 'same' } }),
    ],
  ]

  it.each(cases)('%s', async (_, answer) => {
    const { manager } = setUp()
    server.listOverride = answer
    await expect(
      saveAllForFilter({ fetch: server.fetch, manager, filter: {} }),
    ).rejects.toBeInstanceOf(DocumentListError)
    expect(manager.jobs()).toEqual([])
    expect(manager.batches()).toEqual([])
  })
})
