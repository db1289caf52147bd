import type { DatabaseSync } from 'node:sqlite'
import type { Locale, Salutation } from '../../../shared/api/auth.ts'

/** A customer record of the bank (not an online account). */
export interface CustomerRecord {
  id: number
  customerNumber: string
  salutation: Salutation
  firstName: string
  lastName: string
  dateOfBirth: string
  street: string
  houseNumber: string
  postalCode: string
  city: string
  country: string
  phone: string | null
  /** The address the bank has on file; not the online account's address. */
  email: string | null
  locale: Locale
  /** The account the instalments are debited from (SEPA direct debit). */
  iban: string | null
  accountHolder: string | null
}

export type NewCustomerRecord = Omit<CustomerRecord, 'id'>

interface Row {
  id: number
  customer_number: string
  salutation: Salutation
  first_name: string
  last_name: string
  date_of_birth: string
  street: string
  house_number: string
  postal_code: string
  city: string
  country: string
  phone: string | null
  email: string | null
  locale: Locale
  iban: string | null
  account_holder: string | null
}

const toRecord = (r: Row): CustomerRecord => ({
  id: r.id,
  customerNumber: r.customer_number,
  salutation: r.salutation,
  firstName: r.first_name,
  lastName: r.last_name,
  dateOfBirth: r.date_of_birth,
  street: r.street,
  houseNumber: r.house_number,
  postalCode: r.postal_code,
  city: r.city,
  country: r.country,
  phone: r.phone,
  email: r.email,
  locale: r.locale,
  iban: r.iban,
  accountHolder: r.account_holder,
})

/** The customer records. */
export function createCustomersRepository(db: DatabaseSync) {
  const insert =
    db.prepare(`INSERT INTO customers (customer_number, salutation, first_name, last_name,
    date_of_birth, street, house_number, postal_code, city, country, phone, email, locale,
    iban, account_holder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const byId = db.prepare('SELECT * FROM customers WHERE id = ?')
  const all = db.prepare('SELECT * FROM customers ORDER BY customer_number')
  const setBankAccount = db.prepare(
    'UPDATE customers SET iban = ?, account_holder = ? WHERE id = ?',
  )
  // Identification: number, last name (case-insensitive, trimmed) and date of birth must all match.
  const match = db.prepare(
    `SELECT * FROM customers WHERE customer_number = ? AND date_of_birth = ?`,
  )
  return {
    insert(customer: NewCustomerRecord, createdAt: Date): number {
      const result = insert.run(
        customer.customerNumber,
        customer.salutation,
        customer.firstName,
        customer.lastName,
        customer.dateOfBirth,
        customer.street,
        customer.houseNumber,
        customer.postalCode,
        customer.city,
        customer.country,
        customer.phone,
        customer.email,
        customer.locale,
        customer.iban,
        customer.accountHolder,
        createdAt.toISOString(),
      )
      return Number(result.lastInsertRowid)
    },
    byId(id: number): CustomerRecord | null {
      const row = byId.get(id) as Row | undefined
      return row ? toRecord(row) : null
    },
    /** The account instalments are debited from. */
    setBankAccount(id: number, iban: string, accountHolder: string): void {
      setBankAccount.run(iban, accountHolder, id)
    },
    all(): CustomerRecord[] {
      return (all.all() as unknown as Row[]).map(toRecord)
    },
    findMatch(
      customerNumber: string,
      lastName: string,
      dateOfBirth: string,
    ): CustomerRecord | null {
      const rows = match.all(customerNumber.trim(), dateOfBirth) as unknown as Row[]
      const wanted = lastName.trim().normalize('NFC').toLocaleLowerCase('de')
      const row = rows.find((r) => r.last_name.normalize('NFC').toLocaleLowerCase('de') === wanted)
      return row ? toRecord(row) : null
    },
  }
}
export type CustomersRepository = ReturnType<typeof createCustomersRepository>
