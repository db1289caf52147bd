/**
 * Demo data, written on the first start of a demo database: customers of
 * MINI Financial Services Austria, their financing agreements, and one
 * ready-made, activated login. The contracts are in seed-contracts.ts, the
 * letters in documents-seed.ts.
 */
import type { Queryable } from '../db/database.ts'
import { viennaDay } from '../../shared/dates.ts'
import { ibanFromBban } from '../../shared/iban.ts'
import type { NewCustomerRecord } from '../db/repositories/customers-repository.ts'
import { createSettingsRepository } from '../db/repositories/settings-repository.ts'
import type { ServiceContext } from '../services/context.ts'
import { DEMO_CONTRACTS, demoContractRecord } from './seed-contracts.ts'
import { DEMO_CO_BORROWER_CUSTOMER, seedDemoCoBorrowers } from './seed-co-borrowers.ts'
import { seedOnce } from './seed-once.ts'

/** The demo customers (README lists the same). */
export const DEMO_CUSTOMERS: readonly NewCustomerRecord[] = [
  {
    customerNumber: '100482117',
    salutation: 'ms',
    firstName: 'Anna',
    lastName: 'Huber',
    dateOfBirth: '1984-03-12',
    street: 'Getreidegasse',
    houseNumber: '9',
    postalCode: '5020',
    city: 'Salzburg',
    country: 'AT',
    phone: '+436641234567',
    email: 'anna.huber@demo.mini.at',
    locale: 'de',
    iban: ibanFromBban('AT', '2040400012345678'),
    accountHolder: 'Anna Huber',
  },
  {
    customerNumber: '100517903',
    salutation: 'mr',
    firstName: 'Lukas',
    lastName: 'Gruber',
    dateOfBirth: '1990-07-28',
    street: 'Mariahilfer Straße',
    houseNumber: '45/12',
    postalCode: '1060',
    city: 'Wien',
    country: 'AT',
    phone: '+436769876543',
    email: null,
    locale: 'de',
    iban: ibanFromBban('AT', '1200051634987201'),
    accountHolder: 'Lukas Gruber',
  },
  {
    customerNumber: '100603258',
    salutation: 'ms',
    firstName: 'Sophie',
    lastName: 'Wagner',
    dateOfBirth: '1978-11-02',
    street: 'Herrengasse',
    houseNumber: '16',
    postalCode: '8010',
    city: 'Graz',
    country: 'AT',
    phone: null,
    email: 'sophie.wagner@demo.mini.at',
    locale: 'de',
    iban: ibanFromBban('AT', '3800000004711042'),
    accountHolder: 'Sophie Wagner',
  },
  {
    customerNumber: '100711640',
    salutation: 'mr',
    firstName: 'Maximilian',
    lastName: 'Bauer',
    dateOfBirth: '1969-05-19',
    street: 'Landstraße',
    houseNumber: '22',
    postalCode: '4020',
    city: 'Linz',
    country: 'AT',
    phone: '+43732556677',
    email: 'm.bauer@demo.mini.at',
    locale: 'de',
    iban: ibanFromBban('AT', '3400000021930817'),
    accountHolder: 'Maximilian Bauer',
  },
  {
    customerNumber: '100825371',
    salutation: 'ms',
    firstName: 'Elena',
    lastName: 'Pichler',
    dateOfBirth: '1995-01-30',
    street: 'Maria-Theresien-Straße',
    houseNumber: '18',
    postalCode: '6020',
    city: 'Innsbruck',
    country: 'AT',
    phone: '+436601112233',
    email: 'elena.pichler@demo.mini.at',
    locale: 'en',
    iban: ibanFromBban('AT', '3600000000884512'),
    accountHolder: 'Elena Pichler',
  },
  {
    customerNumber: '100934582',
    salutation: 'mr',
    firstName: 'Thomas',
    lastName: 'Moser',
    dateOfBirth: '1982-09-14',
    street: 'Alter Platz',
    houseNumber: '3',
    postalCode: '9020',
    city: 'Klagenfurt am Wörthersee',
    country: 'AT',
    phone: null,
    email: null,
    locale: 'de',
    iban: ibanFromBban('AT', '3900000003265119'),
    accountHolder: 'Thomas Moser',
  },
  {
    customerNumber: '101046219',
    salutation: 'ms',
    firstName: 'Katharina',
    lastName: 'Steiner',
    dateOfBirth: '1988-04-07',
    street: 'Bahnhofstraße',
    houseNumber: '12',
    postalCode: '6900',
    city: 'Bregenz',
    country: 'AT',
    phone: '+435574998877',
    email: null,
    locale: 'de',
    iban: ibanFromBban('AT', '3700000007740358'),
    accountHolder: 'Katharina Steiner',
  },
  // Co-borrower on Anna Huber's leasing contract, without a contract of his own.
  DEMO_CO_BORROWER_CUSTOMER,
]

/** Ready-made logins by customer number (signed up, confirmed and activated). */
export const DEMO_LOGINS: Readonly<Record<string, { email: string; password: string }>> = {
  '100482117': { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' },
}

const SEEDED = 'demo_seeded'
const CONTRACTS_SEEDED = 'demo_contracts_seeded'

/**
 * Seeds a demo database once; returns whether it wrote anything. A demo
 * database from a version before contracts gets its contracts (and the demo
 * customers their bank accounts) on the next start, once.
 */
export async function seedDemoData(ctx: ServiceContext): Promise<boolean> {
  const customers = await seedDemoCustomers(ctx)
  const contracts = await seedDemoContracts(ctx)
  const coBorrowers = await seedDemoCoBorrowers(ctx)
  return customers || contracts || coBorrowers
}

function seedDemoCustomers(ctx: ServiceContext): Promise<boolean> {
  const hashes = new Map<string, string>()
  const hashPasswords = async (): Promise<void> => {
    for (const [number, login] of Object.entries(DEMO_LOGINS))
      hashes.set(number, await ctx.hasher.hash(login.password))
  }
  return seedOnce(
    ctx,
    SEEDED,
    async (ctx, now) => {
      for (const customer of DEMO_CUSTOMERS) {
        const customerId = await ctx.repos.customers.insert(customer, now)
        const login = DEMO_LOGINS[customer.customerNumber]
        const hash = hashes.get(customer.customerNumber)
        if (login && hash) {
          const accountId = await ctx.repos.accounts.insert({
            email: login.email,
            passwordHash: hash,
            salutation: customer.salutation,
            firstName: customer.firstName,
            lastName: customer.lastName,
            dateOfBirth: customer.dateOfBirth,
            customerNumber: customer.customerNumber,
            locale: customer.locale,
            status: 'pending',
            confirmExpiresAt: now.toISOString(),
            createdAt: now.toISOString(),
          })
          await ctx.repos.accounts.confirm(accountId, now, customerId)
          await ctx.repos.accounts.activate(accountId, customerId, now)
        }
      }
    },
    hashPasswords,
  )
}

function seedDemoContracts(ctx: ServiceContext): Promise<boolean> {
  return seedOnce(ctx, CONTRACTS_SEEDED, async (ctx, now) => {
    const today = viennaDay(now)
    for (const customer of await ctx.repos.customers.all()) {
      const demo = DEMO_CUSTOMERS.find((c) => c.customerNumber === customer.customerNumber)
      if (!demo) continue
      if (!customer.iban && demo.iban && demo.accountHolder)
        await ctx.repos.customers.setBankAccount(customer.id, demo.iban, demo.accountHolder)
      for (const contract of DEMO_CONTRACTS.filter(
        (c) => c.customerNumber === customer.customerNumber,
      ))
        await ctx.repos.contracts.insert(demoContractRecord(contract, customer.id, today), now)
    }
  })
}

const CLOCK_OFFSET = 'demo_clock_offset'

/** The demo clock's persisted offset in seconds (0 when never moved or unreadable). */
export async function readClockOffset(db: Queryable): Promise<number> {
  const offset = Number((await createSettingsRepository(db).get(CLOCK_OFFSET)) ?? '0')
  // A hand-edited or damaged value must not throw the clock into NaN.
  return Number.isFinite(offset) ? offset : 0
}

/** Persists the demo clock's offset, so that a restarted demo backend keeps its time. */
export async function writeClockOffset(db: Queryable, offsetSeconds: number): Promise<void> {
  await createSettingsRepository(db).set(CLOCK_OFFSET, String(offsetSeconds))
}
