import type { Migration } from './index.ts'

/**
 * Online accounts, their e-mail links, sessions (token families), sign-in
 * failures per address and activation codes. Every token is stored hashed.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'accounts',
  sql: `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  salutation TEXT NOT NULL CHECK (salutation IN ('ms', 'mr', 'none')),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  customer_number TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('de', 'en')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
  confirm_expires_at TEXT NOT NULL,
  confirmed_at TEXT,
  customer_id INTEGER UNIQUE REFERENCES customers (id),
  activated_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX accounts_pending ON accounts (status, confirm_expires_at);

CREATE TABLE email_links (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset', 'email_change')),
  token_hash TEXT NOT NULL UNIQUE,
  payload TEXT,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX email_links_account ON email_links (account_id, purpose);

-- Confirmation links of registrations that expired and were deleted: only the
-- hash is kept, so the app can say "expired, your data was deleted".
CREATE TABLE expired_links (
  token_hash TEXT PRIMARY KEY,
  expired_at TEXT NOT NULL
) STRICT;

CREATE TABLE session_families (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  revoked_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX session_families_account ON session_families (account_id);

CREATE TABLE access_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL REFERENCES session_families (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL REFERENCES session_families (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  used_at TEXT
) STRICT;

CREATE TABLE sign_in_failures (
  email TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  locked_at TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE activation_codes (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  voided_at TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX activation_codes_account ON activation_codes (account_id, id);
`,
}
