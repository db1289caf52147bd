import type { NotificationKind, NotificationTargetKind } from '../../../shared/api/notifications.ts'
import { jsonFieldSql } from '../database.ts'
import { Conditions, type PageCursor, type Queryable, insertInto, prepare } from '../sql.ts'

/** Whose notifications: an activated customer's, or (before activation) an account's. */
export type NotificationOwner = { customerId: number } | { accountId: number }

export interface NotificationRecord {
  publicId: string
  kind: NotificationKind
  titleDe: string
  titleEn: string
  targetKind: NotificationTargetKind | null
  targetId: string | null
  createdAt: string
  readAt: string | null
}

export type NewNotification = Omit<NotificationRecord, 'readAt'> & {
  owner: NotificationOwner
  /** Names the event: a second notification of the same event is not recorded. */
  dedupeKey: string
}

/** The open e-mail window of a customer's new letters (migration 17). */
export interface DocumentEmailWindow {
  id: number
  outboxId: number
  dueAt: string
  documents: number
}

interface Row {
  public_id: string
  kind: NotificationKind
  title_de: string
  title_en: string
  target_kind: NotificationTargetKind | null
  target_id: string | null
  created_at: string
  read_at: string | null
}

const COLUMNS = 'public_id, kind, title_de, title_en, target_kind, target_id, created_at, read_at'

const toRecord = (r: Row): NotificationRecord => ({
  publicId: r.public_id,
  kind: r.kind,
  titleDe: r.title_de,
  titleEn: r.title_en,
  targetKind: r.target_kind,
  targetId: r.target_id,
  createdAt: r.created_at,
  readAt: r.read_at,
})

/** The owner's condition: the column that the partial indexes cover. */
function ownedBy(owner: NotificationOwner): Conditions {
  return 'customerId' in owner
    ? new Conditions().where('customer_id = ?', owner.customerId)
    : new Conditions().where('account_id = ?', owner.accountId)
}

/** Notifications, and the windows of the e-mail that announces new letters. */
export function createNotificationsRepository(db: Queryable) {
  const insert = prepare(
    db,
    `INSERT INTO notifications (public_id, customer_id, account_id, kind, title_de, title_en,
      target_kind, target_id, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (dedupe_key) DO NOTHING`,
  )
  const insertWindow = insertInto(
    db,
    'document_email_windows',
    'customer_id, outbox_id, opened_at, due_at, documents',
  )
  const openWindow = prepare(
    db,
    `SELECT id, outbox_id, due_at, documents FROM document_email_windows
    WHERE customer_id = ? AND due_at > ? ORDER BY due_at DESC LIMIT 1`,
  )
  const countWindow = prepare(db, 'UPDATE document_email_windows SET documents = ? WHERE id = ?')
  return {
    /**
     * Records the notification unless its event is recorded already (by this or
     * another node): true when this call recorded it.
     */
    async insert(n: NewNotification): Promise<boolean> {
      const owner = n.owner
      const { changes } = await insert.run(
        n.publicId,
        'customerId' in owner ? owner.customerId : null,
        'accountId' in owner ? owner.accountId : null,
        n.kind,
        n.titleDe,
        n.titleEn,
        n.targetKind,
        n.targetId,
        n.dedupeKey,
        n.createdAt,
      )
      return changes === 1
    },
    /** Newest first, `limit` rows after the cursor (the last item of the previous page). */
    async page(query: {
      owner: NotificationOwner
      unread?: boolean
      after?: PageCursor
      limit: number
    }): Promise<NotificationRecord[]> {
      const filters = ownedBy(query.owner)
      if (query.unread !== undefined)
        filters.where(query.unread ? 'read_at IS NULL' : 'read_at IS NOT NULL')
      filters.whereBefore('created_at', 'public_id', query.after)
      const rows = await db.all<Row>(
        `SELECT ${COLUMNS} FROM notifications ${filters}
        ORDER BY created_at DESC, public_id DESC LIMIT ?`,
        ...filters.params,
        query.limit,
      )
      return rows.map(toRecord)
    },
    /** How many are unread, counting at most `max` (an index-only count on the partial index). */
    async unreadCount(owner: NotificationOwner, max: number): Promise<number> {
      const filters = ownedBy(owner).where('read_at IS NULL')
      const row = await db.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM notifications ${filters} LIMIT ?) AS unread`,
        ...filters.params,
        max,
      )
      return Number(row?.n ?? 0)
    },
    /** Marks one read (once: a second call keeps the first instant); false when the owner has no such one. */
    async markRead(owner: NotificationOwner, publicId: string, at: Date): Promise<boolean> {
      const filters = ownedBy(owner).where('public_id = ?', publicId)
      const changed = await db.run(
        `UPDATE notifications SET read_at = COALESCE(read_at, ?) ${filters}`,
        at.toISOString(),
        ...filters.params,
      )
      return changed === 1
    },
    /** Marks every unread one of the owner read; answers how many. */
    async markAllRead(owner: NotificationOwner, at: Date): Promise<number> {
      const filters = ownedBy(owner).where('read_at IS NULL')
      return db.run(
        `UPDATE notifications SET read_at = ? ${filters}`,
        at.toISOString(),
        ...filters.params,
      )
    },
    /** The customer's e-mail window still open at `now`, or null. */
    async openDocumentWindow(customerId: number, now: Date): Promise<DocumentEmailWindow | null> {
      const row = await openWindow.get<{
        id: number
        outbox_id: number
        due_at: string
        documents: number
      }>(customerId, now.toISOString())
      return row
        ? { id: row.id, outboxId: row.outbox_id, dueAt: row.due_at, documents: row.documents }
        : null
    },
    async insertDocumentWindow(window: {
      customerId: number
      outboxId: number
      openedAt: Date
      dueAt: Date
    }): Promise<void> {
      await insertWindow(
        window.customerId,
        window.outboxId,
        window.openedAt.toISOString(),
        window.dueAt.toISOString(),
        1,
      )
    },
    /** Open activation codes of accounts not activated yet whose expiry falls in (from, to]. */
    async codesExpiring(
      from: Date,
      to: Date,
    ): Promise<{ accountId: number; codeId: number; expiresAt: string }[]> {
      const rows = await db.all<{ account_id: number; code_id: number; expires_at: string }>(
        `SELECT a.id AS account_id, c.id AS code_id, c.expires_at FROM activation_codes c
        JOIN accounts a ON a.id = c.account_id
        WHERE a.activated_at IS NULL AND c.used_at IS NULL AND c.voided_at IS NULL
          AND c.expires_at > ? AND c.expires_at <= ? ORDER BY c.id`,
        from.toISOString(),
        to.toISOString(),
      )
      return rows.map((r) => ({
        accountId: r.account_id,
        codeId: r.code_id,
        expiresAt: r.expires_at,
      }))
    },
    /** The payoff quotes filed since `since` for customers with an activated account, with their payoff date. */
    async payoffQuotesSince(
      since: Date,
    ): Promise<{ customerId: number; publicId: string; payoffDate: string | null }[]> {
      const rows = await db.all<{ customer_id: number; public_id: string; params: string | null }>(
        `SELECT d.customer_id, d.public_id, ${jsonFieldSql(db.engine, 'd.spec_json', 'params')} AS params
        FROM documents d JOIN accounts a ON a.customer_id = d.customer_id
        WHERE d.kind = 'payoff_quote' AND d.created_at > ? AND a.activated_at IS NOT NULL
        ORDER BY d.id`,
        since.toISOString(),
      )
      return rows.map((r) => {
        const params = r.params === null ? null : (JSON.parse(r.params) as { payoffDate?: unknown })
        return {
          customerId: r.customer_id,
          publicId: r.public_id,
          payoffDate: typeof params?.payoffDate === 'string' ? params.payoffDate : null,
        }
      })
    },
    async countDocumentWindow(id: number, documents: number): Promise<void> {
      await countWindow.run(documents, id)
    },
  }
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>
