import type { Locale } from '../../../shared/api/auth.ts'
import type { DocumentCategory } from '../../../shared/api/documents.ts'
import type { DocumentKind, DocumentSpec } from '../../documents/kinds.ts'
import { jsonListSql } from '../database.ts'
import { titleSearchOf } from '../title-search.ts'
import {
  Conditions,
  type PageCursor,
  type Queryable,
  insertInto,
  prepare,
  recordOrNull,
  stampOnce,
} from '../sql.ts'

/**
 * A document's row without its bytes. Its title is not read back: the list
 * names a document in the customer's language, from its kind and snapshot
 * (documents/content.ts); the stored one is the title it was filed with.
 */
export interface DocumentRecord {
  id: number
  publicId: string
  customerId: number
  contractId: number | null
  /** The contract's public id (for the API), when the document concerns one. */
  contractPublicId: string | null
  /** The contract's number (part of most titles), when the document concerns one. */
  contractNumber: string | null
  kind: DocumentKind
  category: DocumentCategory
  spec: DocumentSpec
  sizeBytes: number | null
  sha256: string | null
  readAt: string | null
  createdAt: string
}

export interface NewDocument {
  publicId: string
  customerId: number
  contractId: number | null
  kind: DocumentKind
  category: DocumentCategory
  /** The title as filed, in the letter's language (the PDF's own). */
  title: string
  spec: DocumentSpec
  createdAt: string
  readAt?: string
  content?: { bytes: Uint8Array; sha256: string }
}

export interface PageQuery {
  customerId: number
  contractId?: number
  category?: DocumentCategory
  unread?: boolean
  /** Filed in this span of instants, both ends included (ISO 8601 with milliseconds, as stored). */
  created?: { from: string; to: string }
  /** Folded words (documents/search.ts) that must all occur in the title in `locale`. */
  title?: { words: readonly string[]; locale: Locale }
  /** The last item of the previous page: only older ones follow. */
  after?: PageCursor
  limit: number
}

interface Row {
  id: number
  public_id: string
  customer_id: number
  contract_id: number | null
  contract_public_id: string | null
  contract_number: string | null
  kind: DocumentKind
  category: DocumentCategory
  spec_json: string
  size_bytes: number | null
  sha256: string | null
  read_at: string | null
  created_at: string
}

const toRecord = (r: Row): DocumentRecord => ({
  id: r.id,
  publicId: r.public_id,
  customerId: r.customer_id,
  contractId: r.contract_id,
  contractPublicId: r.contract_public_id,
  contractNumber: r.contract_number,
  kind: r.kind,
  category: r.category,
  spec: JSON.parse(r.spec_json) as DocumentSpec,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  readAt: r.read_at,
  createdAt: r.created_at,
})

/**
 * The size of the parts a document's bytes are stored in: a download holds one
 * part at a time, whatever the document's size. A letter fits in one.
 */
export const CONTENT_PART_BYTES = 256 * 1024

const COLUMNS = `d.id, d.public_id, d.customer_id, d.contract_id, c.public_id AS contract_public_id,
  c.number AS contract_number, d.kind, d.category, d.spec_json, d.size_bytes, d.sha256, d.read_at,
  d.created_at`

/** The postbox. Every read is scoped to one customer; parameters only, never built into the SQL. */
export function createDocumentsRepository(db: Queryable) {
  const titles = titleSearchOf(db)
  const byPublicId = prepare(
    db,
    `SELECT ${COLUMNS} FROM documents d
    LEFT JOIN contracts c ON c.id = d.contract_id WHERE d.public_id = ? AND d.customer_id = ?`,
  )
  const onAnyContract = prepare(
    db,
    `SELECT ${COLUMNS} FROM documents d
    JOIN contracts c ON c.id = d.contract_id WHERE d.public_id = ?`,
  )
  const firstPart = prepare(db, 'SELECT content FROM documents WHERE id = ?')
  const firstPartLength = prepare(db, 'SELECT length(content) AS n FROM documents WHERE id = ?')
  const storedContent = prepare(db, 'SELECT size_bytes, sha256 FROM documents WHERE id = ?')
  const partAt = prepare(
    db,
    'SELECT bytes FROM document_content_parts WHERE document_id = ? AND start = ?',
  )
  const partHolding = prepare(
    db,
    `SELECT start, bytes FROM document_content_parts
    WHERE document_id = ? AND start <= ? ORDER BY start DESC LIMIT 1`,
  )
  const markRead = stampOnce(db, 'documents', 'read_at', 'id')
  const unread = prepare(
    db,
    'SELECT COUNT(*) AS n FROM documents WHERE customer_id = ? AND read_at IS NULL',
  )

  /** The bytes after the first part, as rows (inside the caller's transaction). */
  async function insertParts(tx: Queryable, id: number, bytes: Uint8Array): Promise<void> {
    const insertPart = insertInto(tx, 'document_content_parts', 'document_id, start, bytes')
    for (let start = CONTENT_PART_BYTES; start < bytes.byteLength; start += CONTENT_PART_BYTES) {
      await insertPart(id, start, bytes.subarray(start, start + CONTENT_PART_BYTES))
    }
  }

  /**
   * The stored bytes from `start` to `end` (both included), one part at a time:
   * each step is a query of its own, so a reader that stops early leaves nothing open.
   */
  async function* contentParts(id: number, start: number, end: number): AsyncGenerator<Uint8Array> {
    let partStart = 0
    let part: Uint8Array | undefined
    const firstLength = (await firstPartLength.get<{ n: number | null }>(id))?.n ?? 0
    if (start < firstLength) {
      part = (await firstPart.get<{ content: Uint8Array }>(id))?.content
    } else {
      const row = await partHolding.get<{ start: number; bytes: Uint8Array }>(id, start)
      partStart = row?.start ?? 0
      part = row?.bytes
    }
    while (part !== undefined && partStart <= end) {
      const from = Math.max(start - partStart, 0)
      const to = Math.min(end - partStart + 1, part.byteLength)
      if (from < to) yield part.subarray(from, to)
      partStart += part.byteLength
      if (partStart > end) return
      part = (await partAt.get<{ bytes: Uint8Array }>(id, partStart))?.bytes
    }
  }

  return {
    /** Files the document with its bytes (all or nothing); answers its row id. */
    insert(doc: NewDocument): Promise<number> {
      const bytes = doc.content?.bytes
      return db.transaction(async (tx) => {
        const id = await insertInto(
          tx,
          'documents',
          `public_id, customer_id, contract_id, kind, category, title, spec_json, content,
          size_bytes, sha256, read_at, created_at`,
          'id',
        )(
          doc.publicId,
          doc.customerId,
          doc.contractId,
          doc.kind,
          doc.category,
          doc.title,
          JSON.stringify(doc.spec),
          bytes?.subarray(0, CONTENT_PART_BYTES) ?? null,
          bytes?.byteLength ?? null,
          doc.content?.sha256 ?? null,
          doc.readAt ?? null,
          doc.createdAt,
        )
        if (bytes) await insertParts(tx, id, bytes)
        return id
      })
    },
    byPublicId(customerId: number, publicId: string): Promise<DocumentRecord | null> {
      return recordOrNull(byPublicId, toRecord, publicId, customerId)
    },
    /** A letter of a contract, whoever holds it: only for services/contract-access.ts, which checks access. */
    onAnyContract(publicId: string): Promise<DocumentRecord | null> {
      return recordOrNull(onAnyContract, toRecord, publicId)
    },
    /** Newest first; `limit` rows after the cursor. */
    async page(query: PageQuery): Promise<DocumentRecord[]> {
      const filters = new Conditions()
        .where('d.customer_id = ?', query.customerId)
        .whereGiven('d.contract_id = ?', query.contractId)
        .whereGiven('d.category = ?', query.category)
      if (query.unread !== undefined)
        filters.where(query.unread ? 'd.read_at IS NULL' : 'd.read_at IS NOT NULL')
      if (query.created) {
        // BETWEEN (rather than >= and <): SQLite's planner then also takes the category index.
        filters.where('d.created_at BETWEEN ? AND ?', query.created.from, query.created.to)
      }
      if (query.title) {
        // The titles in the customer's language, made from the snapshots (documents/search.ts).
        const { words, locale } = query.title
        const ids = await titles.matching(db, query.customerId, locale, words)
        filters.where(`d.id IN ${jsonListSql(db.engine, 'bigint')}`, JSON.stringify(ids))
      }
      filters.whereBefore('d.created_at', 'd.public_id', query.after)
      const rows = await db.all<Row>(
        `SELECT ${COLUMNS} FROM documents d LEFT JOIN contracts c
        ON c.id = d.contract_id ${filters} ORDER BY d.created_at DESC, d.public_id DESC LIMIT ?`,
        ...filters.params,
        query.limit,
      )
      return rows.map(toRecord)
    },
    /** The whole stored document (an e-mail attachment); null before its bytes are stored. */
    async content(id: number): Promise<Uint8Array | null> {
      const size = (await storedContent.get<{ size_bytes: number | null }>(id))?.size_bytes
      if (size === null || size === undefined) return null
      const parts: Uint8Array[] = []
      for await (const part of contentParts(id, 0, size - 1)) parts.push(part)
      return Buffer.concat(parts)
    },
    contentParts,
    /** Stores generated bytes once; a document that has its bytes keeps them. */
    async storeContent(id: number, bytes: Uint8Array, sha256: string): Promise<void> {
      await db.transaction(async (tx) => {
        const first = bytes.subarray(0, CONTENT_PART_BYTES)
        const stored = await tx.run(
          'UPDATE documents SET content = ?, size_bytes = ?, sha256 = ? WHERE id = ? AND content IS NULL',
          first,
          bytes.byteLength,
          sha256,
          id,
        )
        if (stored === 1) await insertParts(tx, id, bytes)
      })
    },
    /** The stored bytes' size and SHA-256; null before they are stored. */
    async storedContent(id: number): Promise<{ sizeBytes: number; sha256: string } | null> {
      const row = await storedContent.get<{ size_bytes: number | null; sha256: string | null }>(id)
      if (!row || row.size_bytes === null || row.sha256 === null) return null
      return { sizeBytes: row.size_bytes, sha256: row.sha256 }
    },
    async markRead(id: number, at: Date): Promise<void> {
      await markRead(id, at)
    },
    async unreadCount(customerId: number): Promise<number> {
      return (await unread.get<{ n: number }>(customerId))?.n ?? 0
    },
  }
}
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>
