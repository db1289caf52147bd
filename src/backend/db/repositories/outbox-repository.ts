import { Conditions, type Queryable, type SqlValue } from '../sql.ts'

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
  /** When a queued message falls due (default: at once, `createdAt`). */
  dueAt?: string
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
export function createOutboxRepository(db: Queryable) {
  // Statements are prepared when run: a repository may sit on a database that an
  // upgrade test has migrated only part of the way.
  const INSERT_COLUMNS =
    'kind, recipient, subject, text, html, links_json, created_at, delivery, next_attempt_at'
  const values = (message: NewOutboxMessage): SqlValue[] => [
    message.kind,
    message.to,
    message.subject,
    message.text,
    message.html,
    JSON.stringify(message.links),
    message.createdAt,
    message.deliver ? 'pending' : 'none',
    // Due at once, unless scheduled.
    message.deliver ? (message.dueAt ?? message.createdAt) : null,
  ]
  const insertWithAttachments = async (
    tx: Queryable,
    message: NewOutboxMessage,
    attachments: readonly OutboxAttachment[],
  ): Promise<number> => {
    const row = await tx.get<{ id: number }>(
      `INSERT INTO outbox (${INSERT_COLUMNS}, attachment_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ...values(message),
      attachments.length,
    )
    const id = Number(row?.id)
    for (const [position, a] of attachments.entries()) {
      await tx.run(
        'INSERT INTO outbox_attachments (outbox_id, position, file_name, content_type, size_bytes, bytes) VALUES (?, ?, ?, ?, ?, ?)',
        id,
        position,
        a.fileName,
        a.contentType,
        a.bytes.byteLength,
        a.bytes,
      )
    }
    return id
  }
  /** A settlement applies only while the claim is still this worker's (its lease not taken over). */
  const settleClaim = async (
    q: Queryable,
    id: number,
    claim: string,
    sql: string,
    ...params: SqlValue[]
  ): Promise<boolean> =>
    (await q.run(
      `UPDATE outbox SET ${sql}, claimed_by = NULL WHERE id = ? AND claimed_by = ? AND delivery = 'pending'`,
      ...params,
      id,
      claim,
    )) === 1
  return {
    /** The message and its attachments together, or nothing (callable inside a transaction). */
    async insert(message: NewOutboxMessage): Promise<number> {
      const attachments = message.attachments ?? []
      if (attachments.length === 0) {
        const row = await db.get<{ id: number }>(
          `INSERT INTO outbox (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          ...values(message),
        )
        return Number(row?.id)
      }
      return db.transaction((tx) => insertWithAttachments(tx, message, attachments))
    },
    /**
     * Rewrites the subject and body of a message that no sender has taken up yet
     * (a scheduled one before it falls due, or one only kept in the table): true
     * when it did. A message claimed even once is never changed: what a mail
     * server may have seen stays as it was.
     */
    async revise(
      id: number,
      content: { subject: string; text: string; html: string | null },
      now: Date,
    ): Promise<boolean> {
      const changed = await db.run(
        `UPDATE outbox SET subject = ?, text = ?, html = ?
          WHERE id = ? AND attempts = 0 AND claimed_by IS NULL
            AND (delivery = 'none' OR (delivery = 'pending' AND next_attempt_at > ?))`,
        content.subject,
        content.text,
        content.html,
        id,
        now.toISOString(),
      )
      return changed === 1
    },
    /** Newest first, filtered by recipient and kind; parameters only, never built into the SQL. */
    async list(filter: {
      to?: string
      kind?: 'email' | 'letter'
      limit: number
    }): Promise<OutboxMessage[]> {
      const filters = new Conditions()
        .whereGiven('lower(recipient) = lower(?)', filter.to)
        .whereGiven('kind = ?', filter.kind)
      const rows = await db.all<Row>(
        `SELECT * FROM outbox ${filters} ORDER BY id DESC LIMIT ?`,
        ...filters.params,
        filter.limit,
      )
      const attachments = new Map<number, OutboxAttachmentSummary[]>()
      const ids = rows.filter((r) => (r.attachment_count ?? 0) > 0).map((r) => r.id)
      if (ids.length > 0) {
        const found = await db.all<AttachmentRow>(
          `SELECT outbox_id, file_name, content_type, size_bytes FROM outbox_attachments WHERE outbox_id IN (${ids.map(() => '?').join(', ')}) ORDER BY outbox_id, position`,
          ...ids,
        )
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
    async attachment(outboxId: number, position: number): Promise<OutboxAttachment | null> {
      const row = await db.get<{ file_name: string; content_type: string; bytes: Uint8Array }>(
        'SELECT file_name, content_type, bytes FROM outbox_attachments WHERE outbox_id = ? AND position = ?',
        outboxId,
        position,
      )
      return row
        ? { fileName: row.file_name, contentType: row.content_type, bytes: row.bytes }
        : null
    },
    /** Every attachment of a message with its bytes, in order. */
    async attachmentsOf(outboxId: number): Promise<OutboxAttachment[]> {
      const rows = await db.all<{ file_name: string; content_type: string; bytes: Uint8Array }>(
        'SELECT file_name, content_type, bytes FROM outbox_attachments WHERE outbox_id = ? ORDER BY position',
        outboxId,
      )
      return rows.map((r) => ({
        fileName: r.file_name,
        contentType: r.content_type,
        bytes: r.bytes,
      }))
    },
    /**
     * Claims the e-mail due longest, in one atomic statement: it counts the attempt and
     * moves the message's due time to the end of the lease, so no other worker takes it
     * unless this one dies. On PostgreSQL the subquery locks the row it picks and skips
     * rows other nodes' senders hold (`FOR UPDATE SKIP LOCKED`), and the outer WHERE
     * repeats the condition, so a row another worker claimed meanwhile is not claimed twice.
     */
    async claimDue(claim: string, now: Date, leaseUntil: Date): Promise<ClaimedEmail | null> {
      const at = now.toISOString()
      const lock = db.engine === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''
      const row = await db.get<ClaimedRow>(
        `UPDATE outbox SET claimed_by = ?, attempts = attempts + 1, next_attempt_at = ?
          WHERE id = (SELECT id FROM outbox WHERE delivery = 'pending' AND next_attempt_at <= ?
                        ORDER BY next_attempt_at, id LIMIT 1${lock})
            AND delivery = 'pending' AND next_attempt_at <= ?
          RETURNING id, recipient, subject, text, html, created_at, attempts, attachment_count`,
        claim,
        leaseUntil.toISOString(),
        at,
        at,
      )
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
    async settle(
      message: Pick<ClaimedEmail, 'id' | 'claim'>,
      outcome: DeliveryOutcome,
      options: { eraseContent: boolean } = { eraseContent: false },
    ): Promise<boolean> {
      const { id, claim } = message
      if (outcome.delivery === 'pending') {
        return settleClaim(
          db,
          id,
          claim,
          'next_attempt_at = ?, last_error = ?',
          outcome.nextAttemptAt.toISOString(),
          outcome.error,
        )
      }
      return db.transaction(async (tx) => {
        const settled = await settleClaim(
          tx,
          id,
          claim,
          'delivery = ?, finished_at = ?, next_attempt_at = NULL, last_error = ?',
          outcome.delivery,
          outcome.at.toISOString(),
          outcome.delivery === 'failed' ? outcome.error : null,
        )
        if (settled && options.eraseContent) {
          await tx.run('DELETE FROM outbox_attachments WHERE outbox_id = ?', id)
          await tx.run(
            "UPDATE outbox SET text = '', html = NULL, links_json = '[]', attachment_count = 0 WHERE id = ?",
            id,
          )
        }
        return settled
      })
    },
    /** When the next pending e-mail falls due (a claimed one: when its lease ends); null when none waits. */
    async nextDueAt(): Promise<Date | null> {
      const row = await db.get<{ at: string | null }>(
        "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE delivery = 'pending'",
      )
      return row?.at ? new Date(row.at) : null
    },
    /** How many e-mails wait to be sent (the metrics' backlog). */
    async pendingCount(): Promise<number> {
      return (
        (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE delivery = 'pending'"))
          ?.n ?? 0
      )
    },
  }
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>
