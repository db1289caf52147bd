import type { Locale, Salutation } from '../../../shared/api/auth.ts'
import {
  type Queryable,
  type RowOf,
  insertRecord,
  prepare,
  recordBy,
  stampEvery,
  updateBy,
} from '../sql.ts'

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
export function createCustomersRepository(db: Queryable) {
  const insert = insertRecord<NewCustomerRecord & { createdAt: string }>(
    db,
    'customers',
    [
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
    ],
    'id',
  )
  const byId = recordBy(db, 'customers', 'id', toRecord)
  const all = prepare(db, 'SELECT * FROM customers ORDER BY customer_number')
  const setBankAccount = updateBy(db, 'customers', 'iban, account_holder', 'id')
  const setPhone = updateBy(db, 'customers', 'phone', 'id')
  const setAddress = updateBy(
    db,
    'customers',
    'street, house_number, postal_code, city, country',
    'id',
  )
  const setLocale = updateBy(db, 'customers', 'locale', 'id')
  // The repository also serves databases migrated only part of the way (before
  // migration 7), which have no sepa_mandates table: statements are prepared when run.
  const supersedeMandates = stampEvery(db, 'sepa_mandates', 'superseded_at', 'customer_id')
  const insertMandate = prepare(
    db,
    `INSERT INTO sepa_mandates (customer_id, reference, iban,
    account_holder, signed_at) VALUES (?, ?, ?, ?, ?)`,
  )
  const mandateCount = prepare(
    db,
    'SELECT COUNT(*) AS count FROM sepa_mandates WHERE customer_id = ?',
  )
  const mandates = prepare(
    db,
    'SELECT reference, iban, account_holder, signed_at, superseded_at FROM sepa_mandates WHERE customer_id = ? ORDER BY id DESC',
  )
  // Identification: number, last name (case-insensitive, trimmed) and date of birth must all match.
  const match = prepare(
    db,
    `SELECT * FROM customers WHERE customer_number = ? AND date_of_birth = ?`,
  )
  return {
    /** Answers the new record's id. */
    insert(customer: NewCustomerRecord, createdAt: Date): Promise<number> {
      return insert({ ...customer, createdAt: createdAt.toISOString() })
    },
    byId(id: number): Promise<CustomerRecord | null> {
      return byId(id)
    },
    /** The account instalments are debited from. */
    async setBankAccount(id: number, iban: string, accountHolder: string): Promise<void> {
      await setBankAccount(id, iban, accountHolder)
    },
    /** The phone number in E.164, or null for none. */
    async setPhone(id: number, phone: string | null): Promise<void> {
      await setPhone(id, phone)
    },
    async setAddress(id: number, address: PostalAddress): Promise<void> {
      await setAddress(
        id,
        address.street,
        address.houseNumber,
        address.postalCode,
        address.city,
        address.country,
      )
    },
    /** The language of the customer's letters. */
    async setLocale(id: number, locale: Locale): Promise<void> {
      await setLocale(id, locale)
    },
    /**
     * A new bank account with its SEPA mandate: the account on the record
     * changes and every earlier mandate is superseded. Call inside a transaction.
     */
    async replaceBankAccount(
      id: number,
      mandate: { reference: string; iban: string; accountHolder: string },
      signedAt: Date,
    ): Promise<void> {
      await supersedeMandates(signedAt, id)
      await insertMandate.run(
        id,
        mandate.reference,
        mandate.iban,
        mandate.accountHolder,
        signedAt.toISOString(),
      )
      await setBankAccount(id, mandate.iban, mandate.accountHolder)
    },
    /** How many mandates the customer has given here (for the next reference). */
    async mandateCount(id: number): Promise<number> {
      return (await mandateCount.get<{ count: number }>(id))?.count ?? 0
    },
    /** The customer's mandates, newest first. */
    async mandates(id: number): Promise<SepaMandate[]> {
      const rows = await mandates.all<{
        reference: string
        iban: string
        account_holder: string
        signed_at: string
        superseded_at: string | null
      }>(id)
      return rows.map((r) => ({
        reference: r.reference,
        iban: r.iban,
        accountHolder: r.account_holder,
        signedAt: r.signed_at,
        supersededAt: r.superseded_at,
      }))
    },
    async all(): Promise<CustomerRecord[]> {
      return (await all.all<Row>()).map(toRecord)
    },
    async findMatch(
      customerNumber: string,
      lastName: string,
      dateOfBirth: string,
    ): Promise<CustomerRecord | null> {
      const rows = await match.all<Row>(customerNumber.trim(), dateOfBirth)
      const wanted = lastName.trim().normalize('NFC').toLocaleLowerCase('de')
      const row = rows.find((r) => r.last_name.normalize('NFC').toLocaleLowerCase('de') === wanted)
      return row ? toRecord(row) : null
    },
  }
}
export type CustomersRepository = ReturnType<typeof createCustomersRepository>
