/**
 * The customer's correspondence (api.md "Correspondence"): filing documents,
 * the postbox list with cursor paging, the PDF bytes and "read".
 *
 * A document is written from a snapshot of its inputs. Its PDF is generated
 * when it is filed, or, for documents filed in bulk (the demo's 10,000-letter
 * customer), the first time anyone needs its size, hash or bytes; either way it
 * is then stored and every later request gets exactly those bytes.
 *
 * The list names each document in the customer's language (preferences.locale),
 * whatever the language it was written in: the title follows from its kind and
 * snapshot, and so does the file name it is offered under. The PDF itself stays
 * as it was filed: a letter once sent does not change.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { Locale } from '../../shared/api/auth.ts'
import type {
  DocumentCategory,
  DocumentListAnswer,
  DocumentSummary,
} from '../../shared/api/documents.ts'
import { DOCUMENTS_PAGE_DEFAULT } from '../../shared/api/documents.ts'
import { viennaDay } from '../../shared/dates.ts'
import { documentTitle, letterContent } from '../documents/content.ts'
import {
  CATEGORY_OF,
  type Addressee,
  type DocumentParams,
  type DocumentSpec,
} from '../documents/kinds.ts'
import { renderLetterPdf } from '../documents/pdf-letter.ts'
import { searchWords } from '../documents/search.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import type { DocumentRecord } from '../db/repositories/documents-repository.ts'
import { ApiError, validationFailed } from '../errors.ts'
import { addressBlock } from '../outbox/letters.ts'
import { activatedCustomerId } from './activation.ts'
import { coBorrowedDocument, findContract } from './contract-access.ts'
import type { ServiceContext } from './context.ts'
import { decodeCursor, encodeCursor } from './keyset-cursor.ts'
import { notifyNewDocument } from './notifications.ts'
import type { Principal } from './sessions.ts'

/** The addressee as the customer record says today (snapshotted into the document). */
export function addresseeOf(customer: CustomerRecord): Addressee {
  return {
    salutation: customer.salutation,
    firstName: customer.firstName,
    lastName: customer.lastName,
    customerNumber: customer.customerNumber,
    address: addressBlock(customer, customer.locale),
  }
}

export interface FileRequest {
  customer: CustomerRecord
  contract: ContractRecord | null
  params: DocumentParams
  /** The letter's date (YYYY-MM-DD); its filing instant is `filedAt`. */
  date: string
  filedAt: Date
  /** Already read (demo history). */
  readAt?: Date
  /**
   * Filed as history (the demo's seeded letters of past years): no notification,
   * no e-mail. Every other letter is new to the customer and announced.
   */
  history?: boolean
}

function specOf(request: FileRequest): DocumentSpec {
  return {
    params: request.params,
    addressee: addresseeOf(request.customer),
    locale: request.customer.locale,
    date: request.date,
  }
}

/** Files a document in the customer's postbox with its PDF; returns its public id. */
export async function fileDocument(ctx: ServiceContext, request: FileRequest): Promise<string> {
  const content = await generate(ctx, specOf(request), request.contract)
  return await insertDocument(ctx, request, content)
}

/**
 * Files a document whose PDF is generated on first need (bulk filing, inside a
 * transaction); with `content`, stores those bytes. Returns its public id.
 */
export async function insertDocument(
  ctx: ServiceContext,
  request: FileRequest,
  content?: { bytes: Uint8Array; sha256: string },
): Promise<string> {
  const spec = specOf(request)
  const publicId = randomUUID()
  const insert = (ctx: ServiceContext) =>
    ctx.repos.documents.insert({
      publicId,
      customerId: request.customer.id,
      contractId: request.contract?.id ?? null,
      kind: request.params.kind,
      category: CATEGORY_OF[request.params.kind],
      title: documentTitle(request.params, spec.locale, request.contract),
      spec,
      createdAt: request.filedAt.toISOString(),
      ...(request.readAt ? { readAt: request.readAt.toISOString() } : {}),
      ...(content ? { content } : {}),
    })
  if (request.history) {
    await insert(ctx)
    return publicId
  }
  // The letter and its announcement commit together (inside a transaction: a savepoint).
  await ctx.transaction(async (tx) => {
    await insert(tx)
    await notifyNewDocument(tx, request.customer.id, {
      publicId,
      title: {
        de: documentTitle(request.params, 'de', request.contract),
        en: documentTitle(request.params, 'en', request.contract),
      },
    })
  })
  return publicId
}

/** Files a document like insertDocument and returns its record (for ensureContent after the transaction). */
export async function insertDocumentRecord(
  ctx: ServiceContext,
  request: FileRequest,
): Promise<DocumentRecord> {
  const publicId = await insertDocument(ctx, request)
  const document = await ctx.repos.documents.byPublicId(request.customer.id, publicId)
  if (!document) throw new Error('the document just filed is missing')
  return document
}

async function generate(
  ctx: ServiceContext,
  spec: DocumentSpec,
  contract: ContractRecord | null,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const bytes = await renderLetterPdf(letterContent(spec, contract, ctx.config.support))
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') }
}

/** The size and hash of the document's bytes, generating and storing them on first need. */
export async function ensureContent(
  ctx: ServiceContext,
  doc: DocumentRecord,
): Promise<{ sizeBytes: number; sha256: string }> {
  if (doc.sizeBytes !== null && doc.sha256 !== null) {
    return { sizeBytes: doc.sizeBytes, sha256: doc.sha256 }
  }
  const contract = doc.contractId === null ? null : await ctx.repos.contracts.byId(doc.contractId)
  const content = await generate(ctx, doc.spec, contract)
  await ctx.repos.documents.storeContent(doc.id, content.bytes, content.sha256)
  // Two requests may have generated it at once: the stored bytes win (they are the same).
  return (
    (await ctx.repos.documents.storedContent(doc.id)) ?? {
      sizeBytes: content.bytes.byteLength,
      sha256: content.sha256,
    }
  )
}

export interface ListQuery {
  contractId?: string
  category?: DocumentCategory
  unread?: boolean
  /** Filed in this calendar year, Vienna time (1000–9999). */
  year?: number
  /** Words that must all occur in the title. */
  q?: string
  cursor?: string
  limit?: number
}

const VIENNA_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Vienna',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** How far Vienna's clock is ahead of UTC at an instant, in ms. */
function viennaOffsetMs(instant: Date): number {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(VIENNA_CLOCK.formatToParts(instant).find((p) => p.type === type)?.value)
  const wall = new Date(0)
  wall.setUTCFullYear(part('year'), part('month') - 1, part('day'))
  wall.setUTCHours(part('hour'), part('minute'), part('second'))
  return wall.getTime() - Math.floor(instant.getTime() / 1000) * 1000
}

/** The instant 1 January of `year` begins in Vienna (midnight there never falls in a clock change). */
function viennaNewYear(year: number): Date {
  const utcMidnight = new Date(0)
  utcMidnight.setUTCFullYear(year, 0, 1)
  return new Date(utcMidnight.getTime() - viennaOffsetMs(utcMidnight))
}

/** GET /documents: newest first, `limit` per page; the cursor is the last item seen. */
export async function listDocuments(
  ctx: ServiceContext,
  principal: Principal,
  query: ListQuery,
): Promise<DocumentListAnswer> {
  const customerId = activatedCustomerId(principal)
  const limit = query.limit ?? DOCUMENTS_PAGE_DEFAULT
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const titleWords = query.q === undefined ? undefined : searchWords(query.q)
  // Only blanks: no word to look for, which is most likely a mistake of the caller.
  if (titleWords?.length === 0) throw validationFailed({ q: 'too_short' })
  let contractId: number | undefined
  let holderId = customerId
  if (query.contractId !== undefined) {
    const found = await findContract(ctx, principal, query.contractId)
    // Another customer's contract, or none: nothing to list (and nothing to learn).
    if (!found)
      return {
        items: [],
        nextCursor: null,
        unreadCount: await ctx.repos.documents.unreadCount(customerId),
      }
    contractId = found.contract.id
    // A co-borrower reads that contract's letters, which are filed to its holder.
    holderId = found.contract.customerId
  }
  const rows = await ctx.repos.documents.page({
    customerId: holderId,
    ...(contractId !== undefined ? { contractId } : {}),
    ...(query.category !== undefined ? { category: query.category } : {}),
    ...(query.unread !== undefined ? { unread: query.unread } : {}),
    ...(query.year !== undefined
      ? {
          created: {
            from: viennaNewYear(query.year).toISOString(),
            to: new Date(viennaNewYear(query.year + 1).getTime() - 1).toISOString(),
          },
        }
      : {}),
    ...(titleWords ? { title: { words: titleWords, locale: principal.account.locale } } : {}),
    ...(after ? { after } : {}),
    limit: limit + 1,
  })
  const page = rows.slice(0, limit)
  const items: DocumentSummary[] = []
  for (const doc of page)
    items.push(await summaryOf(ctx, doc, principal.account.locale, customerId))
  const last = page.at(-1)
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    unreadCount: await ctx.repos.documents.unreadCount(customerId),
  }
}

/** The document's title in `locale`, from its kind and snapshot (as the search sees it). */
export function titleOf(doc: DocumentRecord, locale: Locale): string {
  const contract = doc.contractNumber === null ? null : { number: doc.contractNumber }
  return documentTitle(doc.spec.params, locale, contract)
}

/** `reader`: the caller's customer id; a co-borrower sees the holder's letters as read (theirs to mark). */
async function summaryOf(
  ctx: ServiceContext,
  doc: DocumentRecord,
  locale: Locale,
  reader: number,
): Promise<DocumentSummary> {
  const { sizeBytes, sha256 } = await ensureContent(ctx, doc)
  return {
    id: doc.publicId,
    title: titleOf(doc, locale),
    category: doc.category,
    contractId: doc.contractPublicId,
    createdAt: doc.createdAt,
    sizeBytes,
    sha256,
    read: doc.readAt !== null || doc.customerId !== reader,
  }
}

/** GET /documents/{id}: one of the customer's letters, exactly as the list shows it. */
export async function documentSummary(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<DocumentSummary> {
  const doc = await ownDocument(ctx, principal, id)
  return summaryOf(ctx, doc, principal.account.locale, activatedCustomerId(principal))
}

/** A customer's document whose bytes are stored, for GET /documents/{id}/content and e-mail. */
export interface StoredDocument {
  doc: DocumentRecord
  sizeBytes: number
  sha256: string
  /** Its title in the customer's language, as the list shows it. */
  title: string
  /** Its file name in the customer's language. */
  fileName: string
  /** The bytes from `start` to `end` (both included), read one stored part at a time. */
  read(start: number, end: number): AsyncIterable<Uint8Array>
}

/** The document, its bytes stored (generated on first need), ready to be read. */
export async function documentContent(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
  purpose: 'read' | 'change' = 'read',
): Promise<StoredDocument> {
  const doc = await ownDocument(ctx, principal, id, purpose)
  const { sizeBytes, sha256 } = await ensureContent(ctx, doc)
  const title = titleOf(doc, principal.account.locale)
  return {
    doc,
    sizeBytes,
    sha256,
    title,
    fileName: fileNameOf(doc, title),
    read: (start, end) => ctx.repos.documents.contentParts(doc.id, start, end),
  }
}

/**
 * The name a download is offered under: date and title, with no path separator
 * ("Kontoauszug Q1/2026" becomes "Kontoauszug Q1-2026"), no control or
 * direction-override character.
 */
function fileNameOf(doc: DocumentRecord, title: string): string {
  const safe = title
    .replace(/[/\\]/g, '-')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
  return `${doc.spec.date} ${safe}.pdf`
}

/** POST /documents/{id}/read. */
export async function markDocumentRead(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<void> {
  const doc = await ownDocument(ctx, principal, id, 'change')
  await ctx.repos.documents.markRead(doc.id, ctx.clock.now())
}

async function ownDocument(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
  purpose: 'read' | 'change' = 'read',
): Promise<DocumentRecord> {
  const doc =
    (await ctx.repos.documents.byPublicId(activatedCustomerId(principal), id)) ??
    (await coBorrowedDocument(ctx, principal, id, purpose))
  // Another customer's document answers exactly like a missing one, and like any
  // address that names nothing (an id too long to route, say): one body for every 404.
  if (!doc) throw new ApiError(404, 'not_found', 'There is nothing at this address.')
  return doc
}

/**
 * Files the confirmation letter of a change of personal data (address, bank
 * details, e-mail) in the postbox; the profile issue calls it.
 */
export async function fileChangeConfirmation(
  ctx: ServiceContext,
  customer: CustomerRecord,
  params: Extract<
    DocumentParams,
    { kind: 'address_change' | 'bank_account_change' | 'email_change' }
  >,
): Promise<string> {
  const now = ctx.clock.now()
  return fileDocument(ctx, {
    customer,
    contract: null,
    params,
    date: viennaDay(now),
    filedAt: now,
  })
}
