import type { Migration } from './index.ts'

/**
 * Attachments of outgoing e-mails (a document sent to the customer's own
 * address): the bytes as they were sent, in order, deleted with their message.
 * A message counts its attachments, so that listing the others reads nothing more.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'outbox-attachments',
  sql: `
ALTER TABLE outbox ADD COLUMN attachment_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE outbox_attachments (
  outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (outbox_id, position)
) STRICT;
`,
}
