/**
 * GET /documents and POST /documents/{id}/read through the real backend: who
 * may see which letters, the order, every filter (api.md's and the project's
 * `year` and `q`), limits and cursors, paging while new letters arrive, and the
 * read flag with the unread count. Expectations come from the demo data, the
 * fixed clock and the full list, not from earlier output.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { DocumentListAnswer, DocumentSummary } from '../../../src/shared/api/documents.ts'
import { DOCUMENT_CATEGORIES } from '../../../src/shared/api/documents.ts'
import { viennaDay } from '../../../src/shared/dates.ts'
import type { DocumentParams } from '../../../src/backend/documents/kinds.ts'
import { fileChangeConfirmation, fileDocument } from '../../../src/backend/services/documents.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA,
  customerRecord,
  LUKAS,
  registeredCustomer,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'
import { allDocuments, listDocuments } from '../../helpers/documents.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

/** A customer's document ids straight from the repository (to try them as someone else). */
async function documentIdsOf(customerNumber: string): Promise<string[]> {
  const { id } = await customerRecord(backend, customerNumber)
  const documents = await backend.app.services.repos.documents.page({ customerId: id, limit: 100 })
  return documents.map((d) => d.publicId)
}

const get = (url: string, auth: Auth) => backend.json('GET', url, undefined, auth)

const listPage = (auth: Auth, query = ''): Promise<DocumentListAnswer> =>
  listDocuments(backend, auth, query)

/** Every item of a query, following nextCursor page by page. */
const allPages = (auth: Auth, query: Record<string, string> = {}, limit = 100) =>
  allDocuments(backend, auth, query, limit)

const ids = (items: readonly DocumentSummary[]) => items.map((d) => d.id)

/** Newest first: createdAt descending, one instant's letters by id descending. */
function expectNewestFirst(items: readonly DocumentSummary[]): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1] as DocumentSummary, items[i] as DocumentSummary]
    expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true)
  }
}

/** Files a letter for a customer as the backend would (the PDF written at once). */
async function file(
  customerNumber: string,
  params: DocumentParams,
  filedAt: Date,
): Promise<string> {
  return fileDocument(backend.app.services, {
    customer: await customerRecord(backend, customerNumber),
    contract: null,
    params,
    date: viennaDay(filedAt),
    filedAt,
  })
}

const answer = (subject: string): DocumentParams => ({
  kind: 'service_answer',
  subject,
  paragraphs: ['Vielen Dank für Ihre Anfrage.'],
})

describe('documents: access', () => {
  it('need a session: 401 on every route without a token or with a made-up one', async () => {
    backend = await createTestBackend()
    const [own] = await documentIdsOf(ANNA)
    for (const id of [own ?? '', randomUUID()]) {
      for (const [method, url] of [
        ['GET', '/api/v1/documents'],
        ['GET', '/api/v1/documents?unread=true&limit=5'],
        ['GET', `/api/v1/documents/${id}`],
        ['GET', `/api/v1/documents/${id}/content`],
        ['POST', `/api/v1/documents/${id}/read`],
      ] as const) {
        for (const headers of [{}, { authorization: 'Bearer made-up-token' }] as Auth[]) {
          const response = await backend.json(method, url, undefined, headers)
          expect(response.statusCode, url).toBe(401)
          expect(response.json().error.code).toBe('unauthenticated')
        }
      }
    }
    // The attempts to mark her newest letter read did nothing.
    const auth = await signInAnna(backend)
    expect((await listPage(auth)).items.find((d) => d.id === own)?.read).toBe(false)
  })

  it('need an activated account: 403 activation_required on every route, also for the customer’s own letters', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const own = await documentIdsOf(LUKAS)
    expect(own.length).toBeGreaterThan(0)
    const [first = ''] = own
    for (const [method, url] of [
      ['GET', '/api/v1/documents'],
      ['GET', '/api/v1/documents?category=contract&limit=5'],
      ['GET', `/api/v1/documents/${first}`],
      ['GET', `/api/v1/documents/${first}/content`],
      ['POST', `/api/v1/documents/${first}/read`],
      ['GET', `/api/v1/documents/${randomUUID()}`],
      ['GET', `/api/v1/documents/${randomUUID()}/content`],
      ['POST', `/api/v1/documents/${randomUUID()}/read`],
    ] as const) {
      const response = await backend.json(method, url, undefined, auth)
      expect(response.statusCode, url).toBe(403)
      expect(response.json().error.code).toBe('activation_required')
    }
    await activateWithLetter(backend, auth)
    const listed = await allPages(auth)
    expect(ids(listed.items).sort()).toEqual([...own].sort())
    const content = await get(`/api/v1/documents/${first}/content`, auth)
    expect(content.statusCode).toBe(200)
    expect(content.headers['content-type']).toBe('application/pdf')
    expect(
      (await backend.json('POST', `/api/v1/documents/${first}/read`, undefined, auth)).statusCode,
    ).toBe(204)
  })

  it('another customer’s letter is not found, exactly like a missing or malformed id, and stays unread', async () => {
    backend = await createTestBackend()
    const lukas = await registeredCustomer(backend)
    await activateWithLetter(backend, lukas)
    const annaAuth = await signInAnna(backend)
    const annaItems = (await allPages(annaAuth)).items
    const annaUnread = annaItems.find((d) => !d.read) as DocumentSummary
    expect(annaUnread).toBeDefined()
    const lukasIds = ids((await allPages(lukas)).items)
    const ids404 = [
      annaUnread.id,
      ...annaItems.slice(0, 3).map((d) => d.id),
      randomUUID(),
      'not-a-document',
      encodeURIComponent("' OR '1'='1"),
      encodeURIComponent(annaUnread.id.toUpperCase()),
      `${annaUnread.id}x`,
      '%2E%2E',
      'x'.repeat(80),
    ]
    const bodies = new Set<string>()
    for (const id of ids404) {
      for (const [method, url] of [
        ['GET', `/api/v1/documents/${id}`],
        ['GET', `/api/v1/documents/${id}/content`],
        ['POST', `/api/v1/documents/${id}/read`],
      ] as const) {
        const response = await backend.json(method, url, undefined, lukas)
        expect(response.statusCode, url).toBe(404)
        expect(response.json().error.code).toBe('not_found')
        expect(response.headers['content-type']).toMatch(/^application\/json/)
        bodies.add(response.body)
      }
    }
    // An id longer than any route parameter, and an unknown route: the same answer again.
    for (const url of [`/api/v1/documents/${'a'.repeat(300)}/content`, '/api/v1/documents/x/y']) {
      const response = await get(url, lukas)
      expect(response.statusCode, url).toBe(404)
      bodies.add(response.body)
    }
    // Nothing tells an existing foreign letter from a made-up id.
    expect(bodies.size).toBe(1)
    // Anna's letter is still unread; her list holds none of Lukas's letters, and his none of hers.
    const after = await listPage(annaAuth, 'limit=100')
    expect(after.items.find((d) => d.id === annaUnread.id)?.read).toBe(false)
    expect(after.items.filter((d) => lukasIds.includes(d.id))).toEqual([])
    expect(lukasIds.filter((id) => annaItems.some((d) => d.id === id))).toEqual([])
  })

  it('filtering by another customer’s contract, an unknown or a malformed one lists nothing', async () => {
    backend = await createTestBackend()
    const lukas = await registeredCustomer(backend)
    await activateWithLetter(backend, lukas)
    const annaAuth = await signInAnna(backend)
    const annaContracts = (await get('/api/v1/contracts', annaAuth)).json().items as {
      id: string
    }[]
    expect(annaContracts.length).toBeGreaterThan(0)
    for (const contractId of [
      ...annaContracts.map((c) => c.id),
      randomUUID(),
      'not-a-contract',
      "' OR 1=1 --",
    ]) {
      const page = await listPage(lukas, new URLSearchParams({ contractId }).toString())
      expect(page.items).toEqual([])
      expect(page.nextCursor).toBeNull()
    }
    // Anna herself sees her contracts' letters.
    const [first] = annaContracts
    const own = await listPage(annaAuth, `contractId=${first?.id}`)
    expect(own.items.length).toBeGreaterThan(0)
  })
})

describe('documents: the list', () => {
  it('the ready login: at least 24 letters over several years in at least 3 categories, newest first, some unread', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { items } = await allPages(auth)
    expect(items.length).toBeGreaterThanOrEqual(24)
    expectNewestFirst(items)
    expect(new Set(items.map((d) => d.category)).size).toBeGreaterThanOrEqual(3)
    expect(new Set(items.map((d) => d.createdAt.slice(0, 4))).size).toBeGreaterThanOrEqual(2)
    const unread = items.filter((d) => !d.read)
    expect(unread.length).toBeGreaterThan(0)
    expect(unread.length).toBeLessThan(items.length)
    const contractIds = new Set(
      ((await get('/api/v1/contracts', auth)).json().items as { id: string }[]).map((c) => c.id),
    )
    for (const d of items) {
      expect(d.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(d.sizeBytes).toBeGreaterThan(1000)
      expect(DOCUMENT_CATEGORIES).toContain(d.category)
      expect(d.contractId === null || contractIds.has(d.contractId)).toBe(true)
      expect(Date.parse(d.createdAt)).toBeLessThanOrEqual(backend.clock.now().getTime())
      expect(d.title.length).toBeGreaterThan(0)
    }
    // Letters that concern no contract (the activation letter, the address confirmation).
    expect(items.some((d) => d.contractId === null)).toBe(true)
    const first = await listPage(auth)
    expect(first.unreadCount).toBe(unread.length)
  })

  it('pages of 20 by default, nextCursor null on the last page; limit 1 and 100 are fine', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const all = (await allPages(auth)).items
    const first = await listPage(auth)
    expect(first.items).toHaveLength(20)
    expect(ids(first.items)).toEqual(ids(all.slice(0, 20)))
    expect(first.nextCursor).toEqual(expect.any(String))
    const rest = await listPage(auth, `cursor=${first.nextCursor}&limit=100`)
    expect(ids(rest.items)).toEqual(ids(all.slice(20)))
    expect(rest.nextCursor).toBeNull()
    const one = await allPages(auth, {}, 1)
    expect(ids(one.items)).toEqual(ids(all))
    expect(one.pages).toBe(all.length)
    // Exactly a page full: the next page is empty.
    const exact = await listPage(auth, `limit=${all.length}`)
    expect(exact.nextCursor).toBeNull()
  })

  it('refuses a limit out of 1–100 or not a number, a bad cursor and unknown or malformed filters: 400', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url')
    const cases: [query: string, field: string, reason: string][] = [
      ['limit=0', 'limit', 'invalid_format'],
      ['limit=101', 'limit', 'invalid_format'],
      ['limit=1000', 'limit', 'too_long'],
      ['limit=-1', 'limit', 'invalid_format'],
      ['limit=abc', 'limit', 'invalid_format'],
      ['limit=1.5', 'limit', 'invalid_format'],
      ['limit=01', 'limit', 'invalid_format'],
      ['limit=', 'limit', 'invalid_format'],
      ['cursor=garbage', 'cursor', 'invalid_value'],
      ['cursor=', 'cursor', 'too_short'],
      [`cursor=${cursorOf('2026-01-01T00:00:00Z|not-an-id')}`, 'cursor', 'invalid_value'],
      [`cursor=${cursorOf(`yesterday|${randomUUID()}`)}`, 'cursor', 'invalid_value'],
      [`cursor=${'A'.repeat(201)}`, 'cursor', 'too_long'],
      ['category=letters', 'category', 'invalid_value'],
      ['unread=yes', 'unread', 'invalid_value'],
      ['year=26', 'year', 'invalid_format'],
      ['year=02026', 'year', 'too_long'],
      ['year=0999', 'year', 'invalid_format'],
      ['year=20x6', 'year', 'invalid_format'],
      ['q=', 'q', 'too_short'],
      [`q=${'a'.repeat(101)}`, 'q', 'too_long'],
      ['q=%20%20%20', 'q', 'too_short'],
      ['sort=title', 'sort', 'unknown_property'],
    ]
    for (const [query, field, reason] of cases) {
      const response = await get(`/api/v1/documents?${query}`, auth)
      expect(response.statusCode, query).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
      expect(response.json().error.fields, query).toEqual({ [field]: reason })
    }
    // The query is checked before the session (it tells nothing about any account).
    expect((await get('/api/v1/documents?limit=0', {})).statusCode).toBe(400)
    // The longest search is fine.
    expect((await get(`/api/v1/documents?q=${'a'.repeat(100)}`, auth)).statusCode).toBe(200)
  })

  it('the OpenAPI document lists the project’s filters and the unread count', async () => {
    backend = await createTestBackend()
    const response = await backend.json('GET', '/api/v1/openapi.json')
    const operation = response.json().paths['/api/v1/documents'].get
    const parameters = new Map<string, { in: string; schema: Record<string, unknown> }>(
      operation.parameters.map((p: { name: string }) => [p.name, p]),
    )
    expect([...parameters.keys()].sort()).toEqual(
      ['category', 'contractId', 'cursor', 'limit', 'q', 'unread', 'year'].sort(),
    )
    expect(parameters.get('year')).toMatchObject({
      in: 'query',
      schema: { pattern: expect.any(String) },
    })
    expect(parameters.get('q')).toMatchObject({
      in: 'query',
      schema: { minLength: 1, maxLength: 100 },
    })
    expect(String(parameters.get('q')?.schema.description)).toMatch(/word/)
    const answer = operation.responses['200'].content['application/json'].schema
    expect(answer.required).toEqual(expect.arrayContaining(['items', 'nextCursor', 'unreadCount']))
  })

  it('filters by contract, category and read state, alone and together, across pages', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const all = (await allPages(auth)).items
    const contractIds = [...new Set(all.map((d) => d.contractId))].filter((id) => id !== null)
    expect(contractIds.length).toBe(3)
    const check = async (query: Record<string, string>, keep: (d: DocumentSummary) => boolean) => {
      const expected = ids(all.filter(keep))
      const got = await allPages(auth, query, 3)
      expect(ids(got.items), JSON.stringify(query)).toEqual(expected)
      return expected.length
    }
    for (const contractId of contractIds)
      expect(await check({ contractId }, (d) => d.contractId === contractId)).toBeGreaterThan(0)
    const categories = new Map<string, number>()
    for (const category of DOCUMENT_CATEGORIES)
      categories.set(category, await check({ category }, (d) => d.category === category))
    expect([...categories.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(3)
    const unread = await check({ unread: 'true' }, (d) => !d.read)
    const read = await check({ unread: 'false' }, (d) => d.read)
    expect(unread + read).toBe(all.length)
    for (const contractId of contractIds)
      await check(
        { contractId, category: 'statement', unread: 'false' },
        (d) => d.contractId === contractId && d.category === 'statement' && d.read,
      )
  })

  it('year: letters whose createdAt falls in that calendar year in Vienna, the boundary at Vienna’s midnight', async () => {
    backend = await createTestBackend()
    // Vienna's New Year 2027 begins at 23:00 UTC on 31 December (winter time, UTC+1).
    const lastOf2026 = await file(
      ANNA,
      answer('Letzter Brief 2026'),
      new Date('2026-12-31T22:59:59.999Z'),
    )
    const firstOf2027 = await file(
      ANNA,
      answer('Erster Brief 2027'),
      new Date('2026-12-31T23:00:00.000Z'),
    )
    const auth = await signInAnna(backend)
    const all = (await allPages(auth)).items
    const years = [...new Set(all.map((d) => viennaDay(new Date(d.createdAt)).slice(0, 4)))]
    expect(years.length).toBeGreaterThanOrEqual(3)
    let total = 0
    for (const year of years) {
      const got = ids((await allPages(auth, { year }, 4)).items)
      expect(got, year).toEqual(
        ids(all.filter((d) => viennaDay(new Date(d.createdAt)).startsWith(`${year}-`))),
      )
      total += got.length
    }
    expect(total).toBe(all.length)
    expect(ids((await listPage(auth, 'year=2026&limit=1')).items)).toEqual([lastOf2026])
    expect(ids((await listPage(auth, 'year=2027')).items)).toEqual([firstOf2027])
    expect((await listPage(auth, 'year=1999')).items).toEqual([])
    // Together with the other filters.
    const statements2025 = await allPages(auth, { year: '2025', category: 'statement' }, 2)
    expect(ids(statements2025.items)).toEqual(
      ids(
        all.filter(
          (d) => d.category === 'statement' && viennaDay(new Date(d.createdAt)).startsWith('2025-'),
        ),
      ),
    )
  })

  it('q: every word must occur in the title, in any case, in any order; across pages and with the other filters', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const all = (await allPages(auth)).items
    const search = async (q: string, more: Record<string, string> = {}) =>
      ids((await allPages(auth, { q, ...more }, 2)).items)
    const titled = (...words: string[]) =>
      ids(all.filter((d) => words.every((w) => d.title.toLowerCase().includes(w.toLowerCase()))))

    const statements = titled('Kontoauszug')
    expect(statements.length).toBeGreaterThan(2)
    expect(await search('kontoauszug')).toEqual(statements)
    expect(await search('KONTOAUSZUG')).toEqual(statements)
    const annual = all.find((d) => d.title.startsWith('Jahreskontoauszug')) as DocumentSummary
    const [, year, number] = /^Jahreskontoauszug (\d{4}) (\S+)$/.exec(annual.title) ?? []
    expect(await search(`${number} jahresKONTOauszug   ${year}`)).toEqual(
      titled('Jahreskontoauszug', String(year), String(number)),
    )
    expect(await search(`jahreskontoauszug ${year} nirgends`)).toEqual([])
    expect(await search('auszug', { contractId: annual.contractId ?? '' })).toEqual(
      ids(all.filter((d) => d.contractId === annual.contractId && d.title.includes('auszug'))),
    )
    expect(await search('auszug', { unread: 'true' })).toEqual(
      ids(all.filter((d) => !d.read && d.title.includes('auszug'))),
    )
    // Words are text, never SQL.
    expect(await search("' OR 1=1 --")).toEqual([])
    expect(await search('"')).toEqual([])
  })

  it('q: Ä finds ä and ß finds ss (and back), but a is not ä; % _ and \\ are only themselves', async () => {
    backend = await createTestBackend()
    const at = (s: number) => new Date(Date.parse('2026-05-10T08:00:00Z') + s * 1000)
    const percent = await file(ANNA, answer('Sonderzahlung: 100% Rückzahlung'), at(1))
    const underscore = await file(ANNA, answer('Antwort zu Fall_7'), at(2))
    const backslash = await file(ANNA, answer('Ablage C:\\Briefe'), at(3))
    const street = await file(ANNA, answer('Auskunft zur Straßenmaut'), at(4))
    const auth = await signInAnna(backend)
    const all = (await allPages(auth)).items
    const search = async (q: string) => ids((await allPages(auth, { q })).items).sort()
    const confirmation = all.find((d) => d.title === 'Bestätigung Ihrer neuen Adresse')
    expect(confirmation).toBeDefined()
    const withUmlaut = ids(all.filter((d) => d.title.includes('Bestätigung'))).sort()
    expect(withUmlaut).toContain(confirmation?.id)

    expect(await search('BESTÄTIGUNG')).toEqual(withUmlaut)
    expect(await search('bestätigung')).toEqual(withUmlaut)
    // The same word with the umlaut as a + combining diaeresis (as some keyboards send it).
    expect(await search('besta\u0308tigung')).toEqual(withUmlaut)
    expect(await search('bestatigung')).toEqual([])
    expect(await search('bestaetigung')).toEqual([])
    expect(await search('RÜCKZAHLUNG')).toEqual([percent])
    expect(await search('straßenmaut')).toEqual([street])
    expect(await search('STRASSENMAUT')).toEqual([street])
    expect(await search('strassenmaut')).toEqual([street])

    expect(await search('%')).toEqual([percent])
    expect(await search('100%')).toEqual([percent])
    expect(await search('0%r')).toEqual([])
    expect(await search('_')).toEqual([underscore])
    expect(await search('fall_7')).toEqual([underscore])
    expect(await search('fall_')).toEqual([underscore])
    expect(await search('l_')).toEqual([underscore])
    expect(await search('\\')).toEqual([backslash])
    expect(await search('c:\\briefe')).toEqual([backslash])
    expect(await search('%%')).toEqual([])
  })

  it('a cursor stays valid while letters arrive: no letter twice, none of the older ones skipped', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = (await allPages(auth)).items
    const seen: string[] = []
    const filed: string[] = []
    let page = await listPage(auth, 'limit=4')
    let round = 0
    for (;;) {
      seen.push(...ids(page.items))
      if (!page.nextCursor) break
      // New letters between pages: at the very instant of the clock, and a few seconds later.
      backend.clock.advance(round % 2 === 0 ? 0 : 3)
      filed.push(
        await fileChangeConfirmation(backend.app.services, await customerRecord(backend, ANNA), {
          kind: 'email_change',
          newEmail: `anna+${round}@example.at`,
        }),
      )
      round++
      page = await listPage(auth, `limit=4&cursor=${page.nextCursor}`)
    }
    expect(round).toBeGreaterThan(3)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual(ids(before))
    expect(seen.filter((id) => filed.includes(id))).toEqual([])
    // A fresh list starts with the new letters, newest first.
    const fresh = (await allPages(auth)).items
    expect(fresh).toHaveLength(before.length + filed.length)
    expect(ids(fresh.slice(0, filed.length)).sort()).toEqual([...filed].sort())
    expectNewestFirst(fresh)
  })
})

describe('documents: read', () => {
  it('POST read answers 204, the letter is read from then on and the unread count drops by one, once', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const first = await listPage(auth, 'limit=100')
    const unread = first.items.filter((d) => !d.read)
    expect(first.unreadCount).toBe(unread.length)
    const [target] = unread
    if (!target) throw new Error('no unread letter')
    const read = await backend.json('POST', `/api/v1/documents/${target.id}/read`, undefined, auth)
    expect(read.statusCode).toBe(204)
    expect(read.body).toBe('')
    const after = await listPage(auth, 'limit=100')
    expect(after.unreadCount).toBe(first.unreadCount - 1)
    expect(after.items.find((d) => d.id === target.id)?.read).toBe(true)
    // Nothing else changed.
    expect(after.items.map((d) => ({ ...d, read: d.id === target.id ? false : d.read }))).toEqual(
      first.items,
    )
    expect(ids((await allPages(auth, { unread: 'true' })).items)).not.toContain(target.id)
    expect(ids((await allPages(auth, { unread: 'false' })).items)).toContain(target.id)
    // Again: still 204, still read, the count does not drop twice.
    const again = await backend.json('POST', `/api/v1/documents/${target.id}/read`, undefined, auth)
    expect(again.statusCode).toBe(204)
    expect((await listPage(auth)).unreadCount).toBe(first.unreadCount - 1)
    // A read letter stays read after a restart.
    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    const restarted = await listPage(await signInAnna(backend), 'limit=100')
    expect(restarted.items.find((d) => d.id === target.id)?.read).toBe(true)
    expect(restarted.unreadCount).toBe(first.unreadCount - 1)
  })

  it('the unread count covers every letter whatever the filters, and a new letter counts at once', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { unreadCount } = await listPage(auth)
    expect((await listPage(auth, 'category=contract&unread=false&limit=1')).unreadCount).toBe(
      unreadCount,
    )
    expect((await listPage(auth, `contractId=${randomUUID()}`)).unreadCount).toBe(unreadCount)
    await fileChangeConfirmation(backend.app.services, await customerRecord(backend, ANNA), {
      kind: 'email_change',
      newEmail: 'anna.neu@example.at',
    })
    expect((await listPage(auth)).unreadCount).toBe(unreadCount + 1)
  })
})
