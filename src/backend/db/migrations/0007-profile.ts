import type { Migration } from './index.ts'

/**
 * The profile: the account's preferences (paperless correspondence, marketing
 * consent with the instant it was given), a version that every profile change
 * increments (the compare-and-set behind If-Match), and the SEPA direct-debit
 * mandates a customer gave (the current one has no `superseded_at`).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'profile',
  sql: `
ALTER TABLE accounts ADD COLUMN paperless INTEGER NOT NULL DEFAULT 0 CHECK (paperless IN (0, 1));
ALTER TABLE accounts ADD COLUMN marketing_consent_at TEXT;
ALTER TABLE accounts ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sepa_mandates (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  reference TEXT NOT NULL UNIQUE,
  iban TEXT NOT NULL,
  account_holder TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  superseded_at TEXT
) STRICT;
CREATE INDEX sepa_mandates_customer ON sepa_mandates (customer_id, id);
`,
}
