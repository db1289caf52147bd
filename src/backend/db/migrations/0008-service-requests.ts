import type { Migration } from './index.ts'

/**
 * Service requests and the Idempotency-Key of POST /service-requests. A
 * request keeps what was asked for (`details_json`) and, in demo mode, when
 * the simulated back office takes it up and answers it. A key remembers, per
 * customer and for 24 hours, the body's hash and the first answer, so that a
 * repeated POST gets that answer again.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'service-requests',
  sql: `
CREATE TABLE service_requests (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  reference TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'completed', 'rejected')),
  details_json TEXT NOT NULL,
  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  progress_due_at TEXT,
  answer_due_at TEXT
) STRICT;
CREATE INDEX service_requests_customer ON service_requests (customer_id, created_at DESC, id DESC);
CREATE INDEX service_requests_open ON service_requests (status, progress_due_at, answer_due_at)
  WHERE status IN ('received', 'in_progress');

CREATE TABLE idempotency_keys (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  request_id INTEGER NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  answer_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (customer_id, key)
) STRICT;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
`,
}
