import type { Migration } from './index.ts'

/**
 * Indexes for the postbox's filters, so that a page of a large postbox (the
 * demo's 10,000 letters) reads only its own rows: by category, and the unread
 * letters (a partial index, also behind the unread count). The year filter is a
 * range on `created_at` and uses the existing indexes; the title search has
 * to read the customer's titles (see docs/api.md, project notes).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'documents-filters',
  sql: `
CREATE INDEX documents_category ON documents (customer_id, category, created_at DESC, public_id DESC);
CREATE INDEX documents_unread ON documents (customer_id, created_at DESC, public_id DESC)
  WHERE read_at IS NULL;
`,
}
