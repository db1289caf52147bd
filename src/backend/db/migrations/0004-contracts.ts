import type { Migration } from './index.ts'

/**
 * Financing agreements (their terms; the plan is computed from them) and the
 * bank account the instalments are debited from.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'contracts',
  sql: `
ALTER TABLE customers ADD COLUMN iban TEXT;
ALTER TABLE customers ADD COLUMN account_holder TEXT;

CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  number TEXT NOT NULL UNIQUE,
  product TEXT NOT NULL CHECK (product IN ('loan', 'leasing', 'balloon')),
  vehicle_make TEXT NOT NULL,
  vehicle_model TEXT NOT NULL,
  vin TEXT NOT NULL,
  registration_plate TEXT NOT NULL,
  start_date TEXT NOT NULL,
  term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 120),
  payment_day INTEGER NOT NULL CHECK (payment_day BETWEEN 1 AND 28),
  financed_amount_cents INTEGER NOT NULL CHECK (financed_amount_cents > 0),
  down_payment_cents INTEGER NOT NULL CHECK (down_payment_cents >= 0),
  nominal_rate_bp INTEGER NOT NULL CHECK (nominal_rate_bp BETWEEN 0 AND 3000),
  final_amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (final_amount_cents >= 0),
  mileage_per_year_km INTEGER CHECK (mileage_per_year_km > 0),
  currency TEXT NOT NULL DEFAULT 'EUR',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX contracts_customer ON contracts (customer_id, start_date);
`,
}
