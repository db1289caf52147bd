import type { Migration } from './index.ts'

/**
 * Every correction an account made to the details its registration matched by
 * (customer number, last name, date of birth), kept in the database (not in
 * memory): the daily limit counts them across restarts and server nodes. They
 * go with the account when it is deleted.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'identity-corrections',
  sql: `
CREATE TABLE identity_corrections (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  corrected_at TEXT NOT NULL
) STRICT;
CREATE INDEX identity_corrections_account ON identity_corrections (account_id, corrected_at);
`,
}
