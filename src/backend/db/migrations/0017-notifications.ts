import type { Migration } from './index.ts'

/**
 * Notifications (api.md "Notifications"):
 * - notifications: what is new for a customer (a letter, a request's answer, an
 *   instalment or a quote about to be due), or, before activation, for an account
 *   (its activation code about to expire): exactly one of customer_id and
 *   account_id. The title is written once in both languages; the target is what
 *   the notification opens (none for the activation code). `dedupe_key` names the
 *   event ("instalment_due:12:2026-12-15"): the periodic sweep runs on every node,
 *   and its INSERT … ON CONFLICT DO NOTHING records each event once.
 * - document_email_windows: the e-mail that announces new letters to a paperless
 *   customer, open for 15 minutes from the first letter: the letters filed until
 *   `due_at` join its outbox message, which is sent then.
 * - documents_kind: the sweep's way to the payoff quotes of the last weeks.
 * - accounts: the notification preferences (instalment reminders by e-mail, off;
 *   desktop notifications, on).
 */
export const migration0017: Migration = {
  version: 17,
  name: 'notifications',
  sql: `
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title_de TEXT NOT NULL,
  title_en TEXT NOT NULL,
  target_kind TEXT CHECK (target_kind IN ('document', 'service_request', 'contract')),
  target_id TEXT,
  dedupe_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT,
  CHECK ((customer_id IS NULL AND account_id IS NOT NULL) OR (customer_id IS NOT NULL AND account_id IS NULL)),
  CHECK ((target_kind IS NULL) = (target_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX notifications_dedupe ON notifications (dedupe_key);
CREATE INDEX notifications_customer ON notifications (customer_id, created_at DESC, public_id DESC)
  WHERE customer_id IS NOT NULL;
CREATE INDEX notifications_account ON notifications (account_id, created_at DESC, public_id DESC)
  WHERE account_id IS NOT NULL;
CREATE INDEX notifications_customer_unread ON notifications (customer_id, created_at DESC, public_id DESC)
  WHERE customer_id IS NOT NULL AND read_at IS NULL;
CREATE INDEX notifications_account_unread ON notifications (account_id, created_at DESC, public_id DESC)
  WHERE account_id IS NOT NULL AND read_at IS NULL;

CREATE TABLE document_email_windows (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  opened_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  documents INTEGER NOT NULL
) STRICT;
CREATE INDEX document_email_windows_customer ON document_email_windows (customer_id, due_at);

-- The sweep finds the payoff quotes whose validity ends soon.
CREATE INDEX documents_kind ON documents (kind, created_at);

ALTER TABLE accounts ADD COLUMN notify_email_reminders INTEGER NOT NULL DEFAULT 0
  CHECK (notify_email_reminders IN (0, 1));
ALTER TABLE accounts ADD COLUMN notify_desktop INTEGER NOT NULL DEFAULT 1
  CHECK (notify_desktop IN (0, 1));
`,
}
