/**
 * The demo customer with 10,000 letters (Katharina Steiner): the first page
 * writes only its own PDFs and reads only its own rows, every filter finds its
 * rows through an index, and paging to the end sees each letter exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentListAnswer, DocumentSummary } from '../../../src/shared/api/documents.ts'
import { viennaDay } from '../../../src/shared/dates.ts'
import type { Queryable, SqlValue } from '../../../src/backend/db/database.ts'
import { createDocumentsRepository } from '../../../src/backend/db/repositories/documents-repository.ts'
import { BULK_CUSTOMER_NUMBER, BULK_DOCUMENTS } from '../../../src/backend/demo/documents-seed.ts'
import type { PageQuery } from '../../../src/backend/db/repositories/documents-repository.ts'
import { type TestBackend, createTestBackend, itOnSqlite } from '../../helpers/backend.ts'
import { customerRecord, demoCustomer, type Auth } from '../../helpers/customers.ts'
import { allDocuments, listDocuments } from '../../helpers/documents.ts'

let backend: TestBackend
let auth: Auth
let customerId: number

beforeAll(async () => {
  backend = await createTestBackend({ bulkDocuments: true })
  auth = await demoCustomer(backend, BULK_CUSTOMER_NUMBER, { email: 'katharina.s@example.at' })
  customerId = (await customerRecord(backend, BULK_CUSTOMER_NUMBER)).id
  // 10,000 letters filed on a busy machine (PostgreSQL on two cores) may take longer than 30 s.
}, 120_000)
afterAll(async () => backend?.dispose())

const count = async (sql: string, ...params: (string | number)[]): Promise<number> => {
  const row = await backend.db.get<{ n: number }>(sql, ...params)
  if (!row) throw new Error(`no count from ${sql}`)
  return row.n
}

const listPage = (query: string): Promise<DocumentListAnswer> => listDocuments(backend, auth, query)

const allPages = (query: Record<string, string>, limit = 100) =>
  allDocuments(backend, auth, query, limit)

/** The SQL the repository runs for a query, and SQLite's plan for it. */
async function planOf(db: Queryable, query: PageQuery): Promise<string[]> {
  const seen: string[] = []
  const recording: Queryable = {
    engine: db.engine,
    identity: db.identity,
    all: <T>(sql: string, ...params: SqlValue[]) => {
      seen.push(sql)
      return db.all<T>(sql, ...params)
    },
    get: <T>(sql: string, ...params: SqlValue[]) => {
      seen.push(sql)
      return db.get<T>(sql, ...params)
    },
    run: (sql, ...params) => {
      seen.push(sql)
      return db.run(sql, ...params)
    },
    transaction: (fn) => db.transaction(fn),
  }
  await createDocumentsRepository(recording).page(query)
  const sql = seen.find((s) => s.includes('ORDER BY d.created_at DESC'))
  if (!sql) throw new Error('no page query seen')
  const parameters = (sql.match(/\?/g) ?? []).map(() => 'x')
  const plan = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...parameters)
  return plan.map((row) => row.detail)
}

describe('documents: the 10,000-letter postbox', () => {
  it('the first page writes only its own PDFs, not 10,000', async () => {
    const total = await count(
      'SELECT COUNT(*) AS n FROM documents WHERE customer_id = ?',
      customerId,
    )
    expect(total).toBeGreaterThan(BULK_DOCUMENTS)
    const generated = () =>
      count(
        'SELECT COUNT(*) AS n FROM documents WHERE customer_id = ? AND content IS NOT NULL',
        customerId,
      )
    expect(await generated()).toBe(0)
    const first = await listPage('')
    expect(first.items).toHaveLength(20)
    expect(first.nextCursor).not.toBeNull()
    expect(await generated()).toBe(20)
    // The unread count is the bulk's 30 newest plus her contracts' own unread letters.
    expect(first.unreadCount).toBe(
      await count(
        'SELECT COUNT(*) AS n FROM documents WHERE customer_id = ? AND read_at IS NULL',
        customerId,
      ),
    )
    expect(first.unreadCount).toBeGreaterThanOrEqual(30)
    const again = await listPage('')
    expect(again.items).toEqual(first.items)
    expect(await generated()).toBe(20)
  })

  itOnSqlite(
    'every filter, with and without a cursor, reads its rows through an index in list order',
    "it reads SQLite's query plans (EXPLAIN QUERY PLAN) and index names",
    async () => {
      const contract = await backend.db.get<{ id: number }>(
        'SELECT id FROM contracts WHERE customer_id = ? LIMIT 1',
        customerId,
      )
      if (!contract) throw new Error('the bulk customer has no contract')
      const contractId = contract.id
      const after = { createdAt: '2025-06-01T00:00:00.000Z', publicId: 'f'.repeat(36) }
      const created = { from: '2024-12-31T23:00:00.000Z', to: '2025-12-31T22:59:59.999Z' }
      const filters: Omit<PageQuery, 'customerId' | 'limit'>[] = [
        {},
        { contractId },
        { category: 'letter' },
        { unread: true },
        { unread: false },
        { created },
        { title: { words: ['nr.', '5000'], locale: 'de' } },
        { category: 'letter', created },
        { contractId, created },
        { unread: true, created },
        { category: 'statement', unread: true },
        {
          contractId,
          category: 'letter',
          unread: true,
          created,
          title: { words: ['x'], locale: 'en' },
        },
      ]
      for (const filter of filters) {
        for (const cursor of [{}, { after }]) {
          const plan = await planOf(backend.db, { customerId, limit: 21, ...filter, ...cursor })
          const label = JSON.stringify({ ...filter, ...cursor })
          // An index search on the customer (never a scan of the table), no sorting step.
          expect(plan[0], label).toMatch(/^SEARCH d USING INDEX documents_\w+ \(customer_id=\?/)
          expect(plan.join('\n'), label).not.toMatch(/TEMP B-TREE|SCAN d/)
          // The cursor seeks into the index instead of reading every newer row first.
          if ('after' in cursor && !filter.created)
            expect(plan[0], label).toContain('(created_at,public_id)<(?,?)')
        }
      }
      // The filters with few matches among many letters have an index of their own.
      expect(
        (await planOf(backend.db, { customerId, limit: 21, category: 'letter' }))[0],
      ).toContain('documents_category (customer_id=? AND category=?)')
      expect((await planOf(backend.db, { customerId, limit: 21, unread: true }))[0]).toContain(
        'documents_unread',
      )
      expect(
        (await planOf(backend.db, { customerId, limit: 21, category: 'letter', created }))[0],
      ).toContain(
        'documents_category (customer_id=? AND category=? AND created_at>? AND created_at<?)',
      )
    },
  )

  it('paged to the end with limit=100, every letter exactly once, newest first; the filters agree', async () => {
    // Generating every PDF (3 to 4 ms each) would make this test take a minute. Paging is what
    // is tested here, so the letters still without bytes get one real letter's bytes: the
    // list reads sizes and hashes as for any stored document. (The first test covers generation.)
    const sample = await backend.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${(await listPage('limit=1')).items[0]?.id}/content`,
      headers: auth,
    })
    expect(sample.statusCode).toBe(200)
    const bytes = sample.rawPayload
    await backend.db.run(
      'UPDATE documents SET content = ?, size_bytes = ?, sha256 = ? WHERE customer_id = ? AND content IS NULL',
      bytes,
      bytes.byteLength,
      String(sample.headers.etag).slice(1, -1),
      customerId,
    )

    const total = await count(
      'SELECT COUNT(*) AS n FROM documents WHERE customer_id = ?',
      customerId,
    )
    const { items, pages } = await allPages({})
    expect(items).toHaveLength(total)
    expect(new Set(items.map((d) => d.id)).size).toBe(total)
    expect(pages).toBe(Math.ceil(total / 100))
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1] as DocumentSummary, items[i] as DocumentSummary]
      expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true)
    }
    const bulk = items.filter((d) => d.title.startsWith('Kontoinformation Nr. '))
    expect(bulk).toHaveLength(BULK_DOCUMENTS)
    expect(new Set(bulk.map((d) => /Nr\. (\d+)/.exec(d.title)?.[1])).size).toBe(BULK_DOCUMENTS)

    const yearOf = (d: DocumentSummary) => viennaDay(new Date(d.createdAt)).slice(0, 4)
    const years = [...new Set(items.map(yearOf))]
    expect(years.length).toBeGreaterThanOrEqual(3)
    const byYear = await allPages({ year: years[1] ?? '' })
    expect(byYear.items.map((d) => d.id)).toEqual(
      items.filter((d) => yearOf(d) === years[1]).map((d) => d.id),
    )
    const contractId = items.find((d) => d.contractId !== null)?.contractId ?? ''
    const byContract = await allPages({ contractId, unread: 'false' })
    expect(byContract.items.map((d) => d.id)).toEqual(
      items.filter((d) => d.contractId === contractId && d.read).map((d) => d.id),
    )
    const unread = await allPages({ unread: 'true' }, 7)
    expect(unread.items.map((d) => d.id)).toEqual(items.filter((d) => !d.read).map((d) => d.id))
    const letter5000 = await allPages({ q: 'kontoinformation NR. 5000' })
    expect(letter5000.items.map((d) => d.title)).toEqual(
      items.filter((d) => /^Kontoinformation Nr\. 5000 /.test(d.title)).map((d) => d.title),
    )
    expect(letter5000.items).toHaveLength(1)
  })
})
