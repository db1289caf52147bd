import type { Migration } from './index.ts'

/**
 * Lease end and mileage (api.md "Lease end, mileage"):
 * - contracts: a leasing contract's mileage terms: the tolerance (km beyond the
 *   allowance that cost nothing), the charge per excess km, the refund per unused
 *   km and the most unused km refunded. NULL for loans and balloon financing.
 * - mileage_readings: the odometer readings the customer records (one a day per
 *   contract; km never decrease with the date, which the service checks).
 */
export const migration0019: Migration = {
  version: 19,
  name: 'lease-mileage',
  sql: `
ALTER TABLE contracts ADD COLUMN mileage_tolerance_km INTEGER CHECK (mileage_tolerance_km >= 0);
ALTER TABLE contracts ADD COLUMN excess_km_rate_cents INTEGER CHECK (excess_km_rate_cents >= 0);
ALTER TABLE contracts ADD COLUMN unused_km_refund_cents INTEGER CHECK (unused_km_refund_cents >= 0);
ALTER TABLE contracts ADD COLUMN unused_km_refund_cap_km INTEGER CHECK (unused_km_refund_cap_km >= 0);

CREATE TABLE mileage_readings (
  id INTEGER PRIMARY KEY,
  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
  reading_date TEXT NOT NULL,
  km INTEGER NOT NULL CHECK (km >= 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX mileage_readings_contract_date ON mileage_readings (contract_id, reading_date);
`,
}
