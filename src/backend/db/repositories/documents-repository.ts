import type { DatabaseSync } from 'node:sqlite'
import type { Locale } from '../../../shared/api/auth.ts'
import type { DocumentCategory } from '../../../shared/api/documents.ts'
import type { DocumentKind, DocumentSpec } from '../../documents/kinds.ts'
import { TITLE_MATCH_FUNCTION, titleSearchOf } from '../../documents/search.ts'
import {
  Conditions,
  insertInto,
  preparedOnUse,
  recordOrNull,
  savepoint,
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
  after?: { createdAt: string; publicId: string }
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
export function createDocumentsRepository(db: DatabaseSync) {
  const titles = titleSearchOf(db)
  const insert = insertInto(
    db,
    'documents',
    `public_id, customer_id, contract_id, kind, category, title, spec_json, content,
    size_bytes, sha256, read_at, created_at`,
  )
  const byPublicId = db.prepare(`SELECT ${COLUMNS} FROM documents d
    LEFT JOIN contracts c ON c.id = d.contract_id WHERE d.public_id = ? AND d.customer_id = ?`)
  const firstPart = db.prepare('SELECT content FROM documents WHERE id = ?')
  const firstPartLength = db.prepare('SELECT length(content) AS n FROM documents WHERE id = ?')
  const storeContent = db.prepare(
    'UPDATE documents SET content = ?, size_bytes = ?, sha256 = ? WHERE id = ? AND content IS NULL',
  )
  const storedContent = db.prepare('SELECT size_bytes, sha256 FROM documents WHERE id = ?')
  const insertPart = insertInto(db, 'document_content_parts', 'document_id, start, bytes')
  const partAt = db.prepare(
    'SELECT bytes FROM document_content_parts WHERE document_id = ? AND start = ?',
  )
  const partHolding = db.prepare(`SELECT start, bytes FROM document_content_parts
    WHERE document_id = ? AND start <= ? ORDER BY start DESC LIMIT 1`)
  const markRead = stampOnce(db, 'documents', 'read_at', 'id')
  const unread = db.prepare(
    'SELECT COUNT(*) AS n FROM documents WHERE customer_id = ? AND read_at IS NULL',
  )
  const pages = preparedOnUse(db)

  /** The bytes after the first part, as rows (inside the caller's savepoint). */
  function insertParts(id: number, bytes: Uint8Array): void {
    for (let start = CONTENT_PART_BYTES; start < bytes.byteLength; start += CONTENT_PART_BYTES) {
      insertPart(id, start, bytes.subarray(start, start + CONTENT_PART_BYTES))
    }
  }

  /**
   * The stored bytes from `start` to `end` (both included), one part at a time:
   * each step is a query of its own, so a reader that stops early leaves nothing open.
   */
  function* contentParts(id: number, start: number, end: number): Generator<Uint8Array> {
    let partStart = 0
    let part: Uint8Array | undefined
    const firstLength = (firstPartLength.get(id) as { n: number | null } | undefined)?.n ?? 0
    if (start < firstLength) {
      part = (firstPart.get(id) as { content: Uint8Array } | undefined)?.content
    } else {
      const row = partHolding.get(id, start) as { start: number; bytes: Uint8Array } | undefined
      partStart = row?.start ?? 0
      part = row?.bytes
    }
    while (part !== undefined && partStart <= end) {
      const from = Math.max(start - partStart, 0)
      const to = Math.min(end - partStart + 1, part.byteLength)
      if (from < to) yield part.subarray(from, to)
      partStart += part.byteLength
      if (partStart > end) return
      part = (partAt.get(id, partStart) as { bytes: Uint8Array } | undefined)?.bytes
    }
  }

  const atomically = <T>(fn: () => T): T => savepoint(db, 'document_content', fn)

  return {
    insert(doc: NewDocument): number {
      const bytes = doc.content?.bytes
      return atomically(() => {
        const id = insert(
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
        if (bytes) insertParts(id, bytes)
        return id
      })
    },
    byPublicId(customerId: number, publicId: string): DocumentRecord | null {
      return recordOrNull(byPublicId, toRecord, publicId, customerId)
    },
    /** Newest first; `limit` rows after the cursor. */
    page(query: PageQuery): DocumentRecord[] {
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
      // The titles in the customer's language, made from the snapshots (documents/search.ts).
      const { params } = filters
      const searchParam = params.length
      // The search's number is given when it runs.
      if (query.title) filters.where(`${TITLE_MATCH_FUNCTION}(?, d.id) = 1`, 0)
      if (query.after) {
        // A row value, so that the index seeks to the cursor instead of reading every newer row.
        filters.where(
          '(d.created_at, d.public_id) < (?, ?)',
          query.after.createdAt,
          query.after.publicId,
        )
      }
      const statement = pages(`SELECT ${COLUMNS} FROM documents d LEFT JOIN contracts c
        ON c.id = d.contract_id ${filters} ORDER BY d.created_at DESC, d.public_id DESC LIMIT ?`)
      const rows = (): Row[] => statement.all(...params, query.limit) as unknown as Row[]
      if (!query.title) return rows().map(toRecord)
      const { words, locale } = query.title
      return titles
        .run(query.customerId, locale, words, (search) => {
          params[searchParam] = search
          return rows()
        })
        .map(toRecord)
    },
    /** The whole stored document (an e-mail attachment); null before its bytes are stored. */
    content(id: number): Uint8Array | null {
      const size = (storedContent.get(id) as { size_bytes: number | null } | undefined)?.size_bytes
      if (size === null || size === undefined) return null
      return Buffer.concat([...contentParts(id, 0, size - 1)])
    },
    contentParts,
    /** Stores generated bytes once; a document that has its bytes keeps them. */
    storeContent(id: number, bytes: Uint8Array, sha256: string): void {
      atomically(() => {
        const first = bytes.subarray(0, CONTENT_PART_BYTES)
        if (storeContent.run(first, bytes.byteLength, sha256, id).changes === 1) {
          insertParts(id, bytes)
        }
      })
    },
    /** The stored bytes' size and SHA-256; null before they are stored. */
    storedContent(id: number): { sizeBytes: number; sha256: string } | null {
      const row = storedContent.get(id) as
        { size_bytes: number | null; sha256: string | null } | undefined
      if (!row || row.size_bytes === null || row.sha256 === null) return null
      return { sizeBytes: row.size_bytes, sha256: row.sha256 }
    },
    markRead(id: number, at: Date): void {
      markRead(id, at)
    },
    unreadCount(customerId: number): number {
      return (unread.get(customerId) as { n: number }).n
    },
  }
}
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>
