import type { Migration } from './index.ts'

/**
 * One language setting, the account's preferences.locale:
 * - the vehicle's model in English beside the German one (NULL: the same in
 *   both), so that the contracts answer and new letters name it in the
 *   customer's language ("Cooper SE 3-door", not "3-Türer"); contracts stored
 *   before get the English names of the German body styles the demo uses;
 * - the customer record's language (that of the letters) becomes that of the
 *   activated account bound to it, as activation and every change of the
 *   preference keep it from now on.
 */
/** The migration's statements with the engine's substring search (the rest is the same). */
const statements = (position: 'instr' | 'strpos'): string => `
ALTER TABLE contracts ADD COLUMN vehicle_model_en TEXT;
UPDATE contracts
  SET vehicle_model_en = replace(replace(vehicle_model, '-Türer', '-door'), 'Cabrio', 'Convertible')
  WHERE ${position}(vehicle_model, '-Türer') > 0 OR ${position}(vehicle_model, 'Cabrio') > 0;
UPDATE customers
  SET locale = (SELECT a.locale FROM accounts a WHERE a.customer_id = customers.id)
  WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = customers.id
    AND a.activated_at IS NOT NULL AND a.locale <> customers.locale);
`

export const migration0013: Migration = {
  version: 13,
  name: 'one-language',
  sql: statements('instr'),
  // PostgreSQL has strpos() for SQLite's instr().
  postgres: statements('strpos'),
}
