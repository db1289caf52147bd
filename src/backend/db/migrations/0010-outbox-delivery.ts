import type { Migration } from './index.ts'

/**
 * The outbox as the queue of outgoing e-mails: with SMTP settings an e-mail is
 * written `pending` and a sender worker delivers it (claimed with a lease,
 * retried with backoff, `sent` or in the end `failed`). `none` is never sent:
 * letters, and e-mails written without SMTP settings (the demo mailbox).
 * E-mails written before this version count as delivered, so that an upgrade
 * never sends history.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'outbox-delivery',
  sql: `
ALTER TABLE outbox ADD COLUMN delivery TEXT NOT NULL DEFAULT 'none'
  CHECK (delivery IN ('none', 'pending', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN finished_at TEXT;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
UPDATE outbox SET delivery = 'sent', finished_at = created_at WHERE kind = 'email';
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivery = 'pending';
`,
}
