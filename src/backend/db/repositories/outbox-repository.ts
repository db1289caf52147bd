import type { DatabaseSync, SQLInputValue } from 'node:sqlite'

export interface OutboxMessage {
  id: number
  kind: 'email' | 'letter'
  to: string
  subject: string
  text: string
  /** The HTML part of an e-mail, when it has one. */
  html: string | null
  links: string[]
  createdAt: string
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
}

/** The outbox table: e-mails and letters "sent" by the embedded backend. */
export function createOutboxRepository(db: DatabaseSync) {
  const insert = db.prepare(
    'INSERT INTO outbox (kind, recipient, subject, text, html, links_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  return {
    insert(message: Omit<OutboxMessage, 'id'>): number {
      return Number(
        insert.run(
          message.kind,
          message.to,
          message.subject,
          message.text,
          message.html,
          JSON.stringify(message.links),
          message.createdAt,
        ).lastInsertRowid,
      )
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
      return (db.prepare(sql).all(...params) as unknown as Row[]).map((r) => ({
        id: r.id,
        kind: r.kind,
        to: r.recipient,
        subject: r.subject,
        text: r.text,
        html: r.html,
        links: JSON.parse(r.links_json) as string[],
        createdAt: r.created_at,
      }))
    },
  }
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>
