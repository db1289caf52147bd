import type { Migration } from './index.ts'

/**
 * The customer's correspondence. A document keeps the inputs it was written
 * from (a snapshot) and, once generated, its PDF bytes with their size and
 * SHA-256: stored once, the same bytes on every request.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'documents',
  sql: `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('contract', 'statement', 'letter', 'service', 'notice')),
  title TEXT NOT NULL,
  spec_json TEXT NOT NULL,
  content BLOB,
  size_bytes INTEGER,
  sha256 TEXT,
  read_at TEXT,
  created_at TEXT NOT NULL,
  CHECK ((content IS NULL) = (sha256 IS NULL) AND (content IS NULL) = (size_bytes IS NULL))
) STRICT;
-- The postbox: newest first, paged by (created_at, public_id): no row ids in cursors.
CREATE INDEX documents_postbox ON documents (customer_id, created_at DESC, public_id DESC);
CREATE INDEX documents_contract ON documents (customer_id, contract_id, created_at DESC, public_id DESC);
`,
}
