import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'

/** A file sent with an e-mail. */
export interface OutboxAttachment {
  fileName: string
  contentType: string
  bytes: Uint8Array
}

/** What the mailbox lists of an attachment (its bytes are fetched one by one). */
export interface OutboxAttachmentSummary {
  fileName: string
  contentType: string
  sizeBytes: number
}

export interface OutboxMessage {
  id: number
  kind: 'email' | 'letter'
  to: string
  subject: string
  text: string
  /** The HTML part of an e-mail, when it has one. */
  html: string | null
  links: string[]
  /** In the order they were attached (the index is the `n` of /dev/outbox/{id}/attachments/{n}). */
  attachments: OutboxAttachmentSummary[]
  createdAt: string
}

export type NewOutboxMessage = Omit<OutboxMessage, 'id' | 'attachments'> & {
  attachments?: readonly OutboxAttachment[]
}

interface Row {
  id: number
  kind: 'email' | 'letter'
  recipient: string
  subject: string
  text: string
  html: string | null
  links_json: string
  created_at: string
  /** Absent on a database before migration 9. */
  attachment_count?: number
}

interface AttachmentRow {
  outbox_id: number
  file_name: string
  content_type: string
  size_bytes: number
}

/** The outbox table: e-mails and letters "sent" by the embedded backend, with their attachments. */
export function createOutboxRepository(db: DatabaseSync) {
  const insert = db.prepare(
    'INSERT INTO outbox (kind, recipient, subject, text, html, links_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  // Prepared on first use: most messages have no attachment.
  let withAttachments: { message: StatementSync; attachment: StatementSync } | null = null
  const attachmentStatements = () =>
    (withAttachments ??= {
      message: db.prepare(
        'INSERT INTO outbox (kind, recipient, subject, text, html, links_json, created_at, attachment_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      attachment: db.prepare(
        'INSERT INTO outbox_attachments (outbox_id, position, file_name, content_type, size_bytes, bytes) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    })
  let attachmentBytes: StatementSync | null = null
  const values = (message: NewOutboxMessage): SQLInputValue[] => [
    message.kind,
    message.to,
    message.subject,
    message.text,
    message.html,
    JSON.stringify(message.links),
    message.createdAt,
  ]
  const insertWithAttachments = (
    message: NewOutboxMessage,
    attachments: readonly OutboxAttachment[],
  ): number => {
    const statements = attachmentStatements()
    const id = Number(
      statements.message.run(...values(message), attachments.length).lastInsertRowid,
    )
    attachments.forEach((a, position) =>
      statements.attachment.run(
        id,
        position,
        a.fileName,
        a.contentType,
        a.bytes.byteLength,
        a.bytes,
      ),
    )
    return id
  }
  return {
    /** The message and its attachments together, or nothing (a savepoint: callable inside a transaction). */
    insert(message: NewOutboxMessage): number {
      const attachments = message.attachments ?? []
      if (attachments.length === 0) return Number(insert.run(...values(message)).lastInsertRowid)
      db.exec('SAVEPOINT outbox_insert')
      try {
        const id = insertWithAttachments(message, attachments)
        db.exec('RELEASE outbox_insert')
        return id
      } catch (error) {
        db.exec('ROLLBACK TO outbox_insert')
        db.exec('RELEASE outbox_insert')
        throw error
      }
    },
    /** Newest first, filtered by recipient and kind; parameters only, never built into the SQL. */
    list(filter: { to?: string; kind?: 'email' | 'letter'; limit: number }): OutboxMessage[] {
      const where: string[] = []
      const params: SQLInputValue[] = []
      if (filter.to !== undefined) {
        where.push('recipient = ? COLLATE NOCASE')
        params.push(filter.to)
      }
      if (filter.kind !== undefined) {
        where.push('kind = ?')
        params.push(filter.kind)
      }
      params.push(filter.limit)
      const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
      const rows = db.prepare(sql).all(...params) as unknown as Row[]
      const attachments = new Map<number, OutboxAttachmentSummary[]>()
      const ids = rows.filter((r) => (r.attachment_count ?? 0) > 0).map((r) => r.id)
      if (ids.length > 0) {
        const found = db
          .prepare(
            `SELECT outbox_id, file_name, content_type, size_bytes FROM outbox_attachments WHERE outbox_id IN (${ids.map(() => '?').join(', ')}) ORDER BY outbox_id, position`,
          )
          .all(...ids) as unknown as AttachmentRow[]
        for (const a of found) {
          const list = attachments.get(a.outbox_id) ?? []
          list.push({ fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes })
          attachments.set(a.outbox_id, list)
        }
      }
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        to: r.recipient,
        subject: r.subject,
        text: r.text,
        html: r.html,
        links: JSON.parse(r.links_json) as string[],
        attachments: attachments.get(r.id) ?? [],
        createdAt: r.created_at,
      }))
    },
    /** The `position`-th attachment (from 0) of a message, with its bytes; null when there is none. */
    attachment(outboxId: number, position: number): OutboxAttachment | null {
      attachmentBytes ??= db.prepare(
        'SELECT file_name, content_type, bytes FROM outbox_attachments WHERE outbox_id = ? AND position = ?',
      )
      const row = attachmentBytes.get(outboxId, position) as
        { file_name: string; content_type: string; bytes: Uint8Array } | undefined
      return row
        ? { fileName: row.file_name, contentType: row.content_type, bytes: row.bytes }
        : null
    },
  }
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>
