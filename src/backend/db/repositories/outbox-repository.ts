import type { DatabaseSync, SQLInputValue } from 'node:sqlite'
import { Conditions, preparedOnUse, savepoint } from '../sql.ts'

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
  /** Queued for the sender worker (an e-mail with SMTP settings); otherwise only kept in the table. */
  deliver?: boolean
}

/** An e-mail claimed by one sender worker for one attempt. */
export interface ClaimedEmail {
  id: number
  to: string
  subject: string
  text: string
  html: string | null
  createdAt: string
  /** This attempt's number, from 1: a claim counts as an attempt, also when its worker dies. */
  attempt: number
  /** This claim: only its holder settles the message, and only while no other worker took it over. */
  claim: string
  attachmentCount: number
}

/** What became of a claimed attempt. */
export type DeliveryOutcome =
  | { delivery: 'sent'; at: Date }
  | { delivery: 'pending'; nextAttemptAt: Date; error: string }
  | { delivery: 'failed'; at: Date; error: string }

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

interface ClaimedRow {
  id: number
  recipient: string
  subject: string
  text: string
  html: string | null
  created_at: string
  attempts: number
  attachment_count: number
}

interface AttachmentRow {
  outbox_id: number
  file_name: string
  content_type: string
  size_bytes: number
}

/** The outbox table: e-mails and letters, with their attachments; the queue of the sender worker. */
export function createOutboxRepository(db: DatabaseSync) {
  // Every statement is prepared on first use: a repository may sit on a database that
  // an upgrade test has migrated only part of the way.
  const statement = preparedOnUse(db)
  const INSERT_COLUMNS =
    'kind, recipient, subject, text, html, links_json, created_at, delivery, next_attempt_at'
  const values = (message: NewOutboxMessage): SQLInputValue[] => [
    message.kind,
    message.to,
    message.subject,
    message.text,
    message.html,
    JSON.stringify(message.links),
    message.createdAt,
    message.deliver ? 'pending' : 'none',
    // Due at once.
    message.deliver ? message.createdAt : null,
  ]
  const insertWithAttachments = (
    message: NewOutboxMessage,
    attachments: readonly OutboxAttachment[],
  ): number => {
    const id = Number(
      statement(
        `INSERT INTO outbox (${INSERT_COLUMNS}, attachment_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...values(message), attachments.length).lastInsertRowid,
    )
    const insertAttachment = statement(
      'INSERT INTO outbox_attachments (outbox_id, position, file_name, content_type, size_bytes, bytes) VALUES (?, ?, ?, ?, ?, ?)',
    )
    attachments.forEach((a, position) =>
      insertAttachment.run(id, position, a.fileName, a.contentType, a.bytes.byteLength, a.bytes),
    )
    return id
  }
  /** A settlement applies only while the claim is still this worker's (its lease not taken over). */
  const settleClaim = (
    id: number,
    claim: string,
    sql: string,
    ...params: SQLInputValue[]
  ): boolean =>
    statement(
      `UPDATE outbox SET ${sql}, claimed_by = NULL WHERE id = ? AND claimed_by = ? AND delivery = 'pending'`,
    ).run(...params, id, claim).changes === 1
  return {
    /** The message and its attachments together, or nothing (a savepoint: callable inside a transaction). */
    insert(message: NewOutboxMessage): number {
      const attachments = message.attachments ?? []
      if (attachments.length === 0) {
        return Number(
          statement(
            `INSERT INTO outbox (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(...values(message)).lastInsertRowid,
        )
      }
      return savepoint(db, 'outbox_insert', () => insertWithAttachments(message, attachments))
    },
    /** Newest first, filtered by recipient and kind; parameters only, never built into the SQL. */
    list(filter: { to?: string; kind?: 'email' | 'letter'; limit: number }): OutboxMessage[] {
      const filters = new Conditions()
        .whereGiven('recipient = ? COLLATE NOCASE', filter.to)
        .whereGiven('kind = ?', filter.kind)
      const rows = statement(`SELECT * FROM outbox ${filters} ORDER BY id DESC LIMIT ?`).all(
        ...filters.params,
        filter.limit,
      ) as unknown as Row[]
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
      const row = statement(
        'SELECT file_name, content_type, bytes FROM outbox_attachments WHERE outbox_id = ? AND position = ?',
      ).get(outboxId, position) as
        { file_name: string; content_type: string; bytes: Uint8Array } | undefined
      return row
        ? { fileName: row.file_name, contentType: row.content_type, bytes: row.bytes }
        : null
    },
    /** Every attachment of a message with its bytes, in order. */
    attachmentsOf(outboxId: number): OutboxAttachment[] {
      const rows = statement(
        'SELECT file_name, content_type, bytes FROM outbox_attachments WHERE outbox_id = ? ORDER BY position',
      ).all(outboxId) as unknown as { file_name: string; content_type: string; bytes: Uint8Array }[]
      return rows.map((r) => ({
        fileName: r.file_name,
        contentType: r.content_type,
        bytes: r.bytes,
      }))
    },
    /**
     * Claims the e-mail due longest, in one atomic statement: it counts the attempt and
     * moves the message's due time to the end of the lease, so no other worker takes it
     * unless this one dies. The outer WHERE repeats the condition so that on a database
     * with row locks (PostgreSQL: the subquery `FOR UPDATE SKIP LOCKED`) a row another
     * worker claimed meanwhile is not claimed twice.
     */
    claimDue(claim: string, now: Date, leaseUntil: Date): ClaimedEmail | null {
      const at = now.toISOString()
      const row = statement(
        `UPDATE outbox SET claimed_by = ?, attempts = attempts + 1, next_attempt_at = ?
          WHERE id = (SELECT id FROM outbox WHERE delivery = 'pending' AND next_attempt_at <= ?
                        ORDER BY next_attempt_at, id LIMIT 1)
            AND delivery = 'pending' AND next_attempt_at <= ?
          RETURNING id, recipient, subject, text, html, created_at, attempts, attachment_count`,
      ).get(claim, leaseUntil.toISOString(), at, at) as ClaimedRow | undefined
      return row
        ? {
            id: row.id,
            to: row.recipient,
            subject: row.subject,
            text: row.text,
            html: row.html,
            createdAt: row.created_at,
            attempt: row.attempts,
            claim,
            attachmentCount: row.attachment_count,
          }
        : null
    },
    /**
     * Records what became of a claimed attempt; false when the claim was no longer this
     * worker's. `eraseContent` (outside demo mode) keeps only the envelope of a finished
     * message: its links carry live tokens, its attachments personal documents.
     */
    settle(
      message: Pick<ClaimedEmail, 'id' | 'claim'>,
      outcome: DeliveryOutcome,
      options: { eraseContent: boolean } = { eraseContent: false },
    ): boolean {
      const { id, claim } = message
      if (outcome.delivery === 'pending') {
        return settleClaim(
          id,
          claim,
          'next_attempt_at = ?, last_error = ?',
          outcome.nextAttemptAt.toISOString(),
          outcome.error,
        )
      }
      return savepoint(db, 'outbox_settle', () => {
        const settled = settleClaim(
          id,
          claim,
          'delivery = ?, finished_at = ?, next_attempt_at = NULL, last_error = ?',
          outcome.delivery,
          outcome.at.toISOString(),
          outcome.delivery === 'failed' ? outcome.error : null,
        )
        if (settled && options.eraseContent) {
          statement('DELETE FROM outbox_attachments WHERE outbox_id = ?').run(id)
          statement(
            "UPDATE outbox SET text = '', html = NULL, links_json = '[]', attachment_count = 0 WHERE id = ?",
          ).run(id)
        }
        return settled
      })
    },
    /** When the next pending e-mail falls due (a claimed one: when its lease ends); null when none waits. */
    nextDueAt(): Date | null {
      const row = statement(
        "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE delivery = 'pending'",
      ).get() as { at: string | null } | undefined
      return row?.at ? new Date(row.at) : null
    },
  }
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>
