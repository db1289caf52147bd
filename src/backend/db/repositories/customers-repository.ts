import type { DatabaseSync } from 'node:sqlite'
import type { Locale, Salutation } from '../../../shared/api/auth.ts'
import { insertRecord, preparedOnUse, recordOrNull, type RowOf } from '../sql.ts'

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

/** A SEPA direct-debit mandate the customer gave (the current one is not superseded). */
export interface SepaMandate {
  reference: string
  iban: string
  accountHolder: string
  signedAt: string
  supersededAt: string | null
}

/** The parts of a postal address on a customer record. */
export type PostalAddress = Pick<
  CustomerRecord,
  'street' | 'houseNumber' | 'postalCode' | 'city' | 'country'
>

type Row = RowOf<CustomerRecord>

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
  const insert = insertRecord<NewCustomerRecord & { createdAt: string }>(db, 'customers', [
    'customerNumber',
    'salutation',
    'firstName',
    'lastName',
    'dateOfBirth',
    'street',
    'houseNumber',
    'postalCode',
    'city',
    'country',
    'phone',
    'email',
    'locale',
    'iban',
    'accountHolder',
    'createdAt',
  ])
  const byId = db.prepare('SELECT * FROM customers WHERE id = ?')
  const all = db.prepare('SELECT * FROM customers ORDER BY customer_number')
  const setBankAccount = db.prepare(
    'UPDATE customers SET iban = ?, account_holder = ? WHERE id = ?',
  )
  const setPhone = db.prepare('UPDATE customers SET phone = ? WHERE id = ?')
  const setAddress = db.prepare(
    'UPDATE customers SET street = ?, house_number = ?, postal_code = ?, city = ?, country = ? WHERE id = ?',
  )
  const setLocale = db.prepare('UPDATE customers SET locale = ? WHERE id = ?')
  // The mandate statements are prepared on first use: the repository also serves databases
  // migrated only part of the way (before migration 7), which have no sepa_mandates table.
  const onUse = preparedOnUse(db)
  const supersedeMandates = () =>
    onUse(
      'UPDATE sepa_mandates SET superseded_at = ? WHERE customer_id = ? AND superseded_at IS NULL',
    )
  const insertMandate = () =>
    onUse(`INSERT INTO sepa_mandates (customer_id, reference, iban,
    account_holder, signed_at) VALUES (?, ?, ?, ?, ?)`)
  const mandateCount = () =>
    onUse('SELECT COUNT(*) AS count FROM sepa_mandates WHERE customer_id = ?')
  const mandates = () =>
    onUse(
      'SELECT reference, iban, account_holder, signed_at, superseded_at FROM sepa_mandates WHERE customer_id = ? ORDER BY id DESC',
    )
  // Identification: number, last name (case-insensitive, trimmed) and date of birth must all match.
  const match = db.prepare(
    `SELECT * FROM customers WHERE customer_number = ? AND date_of_birth = ?`,
  )
  return {
    insert(customer: NewCustomerRecord, createdAt: Date): number {
      return insert({ ...customer, createdAt: createdAt.toISOString() })
    },
    byId(id: number): CustomerRecord | null {
      return recordOrNull(byId, toRecord, id)
    },
    /** The account instalments are debited from. */
    setBankAccount(id: number, iban: string, accountHolder: string): void {
      setBankAccount.run(iban, accountHolder, id)
    },
    /** The phone number in E.164, or null for none. */
    setPhone(id: number, phone: string | null): void {
      setPhone.run(phone, id)
    },
    setAddress(id: number, address: PostalAddress): void {
      setAddress.run(
        address.street,
        address.houseNumber,
        address.postalCode,
        address.city,
        address.country,
        id,
      )
    },
    /** The language of the customer's letters. */
    setLocale(id: number, locale: Locale): void {
      setLocale.run(locale, id)
    },
    /**
     * A new bank account with its SEPA mandate: the account on the record
     * changes and every earlier mandate is superseded. Call inside a transaction.
     */
    replaceBankAccount(
      id: number,
      mandate: { reference: string; iban: string; accountHolder: string },
      signedAt: Date,
    ): void {
      supersedeMandates().run(signedAt.toISOString(), id)
      insertMandate().run(
        id,
        mandate.reference,
        mandate.iban,
        mandate.accountHolder,
        signedAt.toISOString(),
      )
      setBankAccount.run(mandate.iban, mandate.accountHolder, id)
    },
    /** How many mandates the customer has given here (for the next reference). */
    mandateCount(id: number): number {
      return (mandateCount().get(id) as { count: number }).count
    },
    /** The customer's mandates, newest first. */
    mandates(id: number): SepaMandate[] {
      return (
        mandates().all(id) as {
          reference: string
          iban: string
          account_holder: string
          signed_at: string
          superseded_at: string | null
        }[]
      ).map((r) => ({
        reference: r.reference,
        iban: r.iban,
        accountHolder: r.account_holder,
        signedAt: r.signed_at,
        supersededAt: r.superseded_at,
      }))
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
