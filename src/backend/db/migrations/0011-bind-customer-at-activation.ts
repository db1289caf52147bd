import type { Migration } from './index.ts'

/**
 * A customer record is bound to an online account when the account is
 * activated (the code from the letter at the address on file proves it), no
 * longer when its e-mail address is confirmed: knowing a customer number, a
 * surname and a birth date must not claim someone else's record. Until then
 * the account only remembers the record its details matched
 * (`matched_customer_id`, which several accounts may share). Bindings made by
 * accounts that never activated are released.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'bind-customer-at-activation',
  sql: `
ALTER TABLE accounts ADD COLUMN matched_customer_id INTEGER REFERENCES customers (id);
UPDATE accounts SET matched_customer_id = customer_id;
UPDATE accounts SET customer_id = NULL WHERE activated_at IS NULL;
CREATE INDEX accounts_matched_customer ON accounts (matched_customer_id);
`,
}
