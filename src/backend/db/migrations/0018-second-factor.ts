import type { Migration } from './index.ts'

/**
 * The second factor (api.md "Second factor"), all in the database so that every
 * node of a PostgreSQL cluster sees the same state (a code used on one node is
 * refused on the others):
 * - mfa_totp: an account's TOTP, one row while it is on. The secret is sealed
 *   with AES-256-GCM under a key from the configuration (never in the database;
 *   services/mfa-crypto.ts): `v1.<iv>.<tag>.<ciphertext>`, base64url each.
 *   last_step is the RFC 6238 time step of the newest code used: a code of that
 *   step or an earlier one is refused (replay), and the update that raises it is
 *   the one of parallel uses that wins.
 * - mfa_enrolments: an enrolment started but not yet confirmed with a first code
 *   (its sealed secret), until it expires.
 * - mfa_recovery_codes: the current set's codes as keyed hashes (HMAC-SHA-256),
 *   each usable once (used_at); a new set replaces the old one.
 * - mfa_challenges: the sign-in's code step after the right password, by the
 *   SHA-256 hash of its id (the id is a bearer secret for 5 minutes), used once.
 * Everything goes with its account when the account is deleted.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'second-factor',
  sql: `
CREATE TABLE mfa_totp (
  account_id INTEGER NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL,
  enabled_at TEXT NOT NULL,
  last_step INTEGER NOT NULL
) STRICT;

CREATE TABLE mfa_enrolments (
  id_hash TEXT NOT NULL PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX mfa_enrolments_account ON mfa_enrolments (account_id);

CREATE TABLE mfa_recovery_codes (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
CREATE INDEX mfa_recovery_codes_account ON mfa_recovery_codes (account_id);

CREATE TABLE mfa_challenges (
  id_hash TEXT NOT NULL PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
CREATE INDEX mfa_challenges_account ON mfa_challenges (account_id);
`,
}
