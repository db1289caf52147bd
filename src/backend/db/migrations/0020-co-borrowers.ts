import type { Migration } from './index.ts'

/**
 * Co-borrowers (api.md "Co-borrowers"):
 * - contract_co_borrowers: the second party named on a contract (its holder is
 *   the contract's customer), with the date of birth the invitee proves.
 * - contract_invitations: a holder's invitation, by the SHA-256 hash of its
 *   link's token (7 days, single use: used_at; also set when too many wrong
 *   dates of birth void it).
 * - contract_access: a co-borrower's read access to a contract, by account,
 *   until revoked (revoked_at); last_used_at for the holder's list. At most one
 *   current grant per contract and account.
 * Everything goes with its contract, and a grant with its account.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'co-borrowers',
  sql: `
CREATE TABLE contract_co_borrowers (
  contract_id INTEGER NOT NULL PRIMARY KEY REFERENCES contracts (id) ON DELETE CASCADE,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL
) STRICT;

CREATE TABLE contract_invitations (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
CREATE INDEX contract_invitations_contract ON contract_invitations (contract_id);

CREATE TABLE contract_access (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  granted_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
) STRICT;
CREATE UNIQUE INDEX contract_access_current ON contract_access (contract_id, account_id)
  WHERE revoked_at IS NULL;
CREATE INDEX contract_access_account ON contract_access (account_id);
`,
}
