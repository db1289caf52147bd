import type { Migration } from './index.ts'

/**
 * The e-mail address the bank has on file for a customer (none for many), and
 * an optional HTML part of outgoing e-mails. Added columns only: older rows stay valid.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'contact-email-and-html',
  sql: `
ALTER TABLE customers ADD COLUMN email TEXT;
ALTER TABLE outbox ADD COLUMN html TEXT;
`,
}
