import type { Migration } from './index.ts'

/**
 * Every change of a customer's postal address, kept in the database (not in
 * memory): the daily limit counts them across restarts and server nodes, and
 * the Typenschein goes by post only once the newest is 14 days old.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'address-changes',
  sql: `
CREATE TABLE address_changes (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX address_changes_customer ON address_changes (customer_id, changed_at);
`,
}
