/**
 * A fake postbox behind the fake gateway: GET /documents with the API's filters
 * (contractId, category, unread, year, q), cursor paging and the unread count,
 * POST /documents/{id}/read, and the content as bytes. The letters are data the
 * test can look at and change.
 */
import type { ContractSummary } from '../../../../src/shared/api/contracts.ts'
import {
  DOCUMENT_CATEGORIES,
  type DocumentCategory,
  type DocumentSummary,
} from '../../../../src/shared/api/documents.ts'
import { apiError, type FakeApi, type FakeReply, type FakeRequest } from './fake-api.ts'

/** A UUID for the fakes, like the backend's ids: `n` in its last group. */
const uuid = (group: string, n: number): string =>
  `00000000-0000-4000-${group}-${String(n).padStart(12, '0')}`

/** The id of the fake postbox's letter `n` (`letter(n)`). */
export const docId = (n: number): string => uuid('8000', n)

export const LEASING_CONTRACT: ContractSummary = {
  id: uuid('9000', 1),
  number: 'LE-2025-000731',
  product: 'leasing',
  status: 'active',
  vehicle: {
    make: 'MINI',
    model: 'Cooper SE',
    vin: 'WMW11DJ0402T71234',
    registrationPlate: 'S-MINI 42',
  },
  startDate: '2023-09-01',
  endDate: '2027-09-01',
  termMonths: 48,
  monthlyInstalmentCents: 45781,
  outstandingBalanceCents: 1700000,
  nextPaymentDate: '2026-06-01',
  paymentsMade: 32,
  currency: 'EUR',
  role: 'holder',
}

export const LOAN_CONTRACT: ContractSummary = {
  ...LEASING_CONTRACT,
  id: uuid('9000', 2),
  number: 'KR-2021-000017',
  product: 'loan',
  vehicle: { make: 'MINI', model: 'One', vin: 'WMWXR31060TL00001', registrationPlate: 'L-ONE 1' },
  startDate: '2021-04-01',
}

export const SHA = 'ab'.repeat(32)

/** One letter; `n` makes id, title and date differ (newer for smaller n). */
export function letter(n: number, patch: Partial<DocumentSummary> = {}): DocumentSummary {
  const created = new Date(Date.UTC(2026, 4, 17, 8, 30) - n * 3_600_000)
  return {
    id: docId(n),
    title: `Brief ${n}`,
    category: DOCUMENT_CATEGORIES[n % DOCUMENT_CATEGORIES.length] as DocumentCategory,
    contractId: n % 3 === 0 ? null : n % 3 === 1 ? LEASING_CONTRACT.id : LOAN_CONTRACT.id,
    createdAt: created.toISOString().replace('.000Z', 'Z'),
    sizeBytes: 48 * 1024,
    sha256: SHA,
    read: n % 4 !== 0,
    ...patch,
  }
}

/** `count` letters, newest first. */
export function letters(count: number): DocumentSummary[] {
  return Array.from({ length: count }, (_, n) => letter(n))
}

/** The Vienna year of an instant (the API's `year` filter). */
function viennaYear(instant: string): number {
  return Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vienna', year: 'numeric' }).format(
      new Date(instant),
    ),
  )
}

export interface FakePostbox {
  /** The letters (the test may change them). */
  docs: DocumentSummary[]
  /** The list requests, in order (header's count requests included). */
  listCalls(api: FakeApi): FakeRequest[]
  /** The list requests of the page itself (not the badge's limit=1). */
  pageCalls(api: FakeApi): FakeRequest[]
  /** The answer GET /documents gives (for wrapping in a delayed answer). */
  answer(request: FakeRequest): FakeReply
}

/** Answers the documents routes of `api` from `docs`. */
export function installPostbox(
  api: FakeApi,
  docs: DocumentSummary[],
  contracts: ContractSummary[] = [LEASING_CONTRACT, LOAN_CONTRACT],
): FakePostbox {
  const box: FakePostbox = {
    docs,
    listCalls: (a) => a.callsTo('GET', '/documents'),
    pageCalls: (a) => a.callsTo('GET', '/documents').filter((call) => call.query?.limit !== '1'),
    answer(request) {
      const { contractId, category, unread, year, q, cursor, limit: size } = request.query ?? {}
      const limit = Number(size ?? 20)
      const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean)
      const matching = box.docs.filter(
        (d) =>
          (contractId === undefined || d.contractId === contractId) &&
          (category === undefined || d.category === category) &&
          (unread !== 'true' || !d.read) &&
          (year === undefined || viennaYear(d.createdAt) === Number(year)) &&
          words.every((word) => d.title.toLowerCase().includes(word)),
      )
      const start = cursor === undefined ? 0 : Number(cursor.replace('after-', '')) + 1
      const items = matching.slice(start, start + limit)
      const last = start + items.length - 1
      return {
        status: 200,
        body: {
          // Copies, as JSON over the wire would be: the app never shares objects with the server.
          items: items.map((item) => ({ ...item })),
          nextCursor: start + limit < matching.length ? `after-${last}` : null,
          unreadCount: box.docs.filter((d) => !d.read).length,
        },
      }
    },
  }
  api
    .on('GET', '/contracts', { status: 200, body: { items: contracts } })
    .on('GET', '/documents', (request) => box.answer(request))
    .onMatch('POST', /^\/documents\/[^/]+\/read$/, (request) => {
      const id = request.path.split('/')[2]
      const doc = box.docs.find((d) => d.id === id)
      if (!doc) return apiError(404, 'not_found')
      doc.read = true
      return { status: 204 }
    })
    .onMatch('GET', /^\/documents\/[^/]+\/content$/, (request) => {
      const id = request.path.split('/')[2]
      if (!box.docs.some((d) => d.id === id)) return apiError(404, 'not_found')
      return { status: 200, body: new TextEncoder().encode(`%PDF-1.7 ${id}`).buffer }
    })
  return box
}
