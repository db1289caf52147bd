/**
 * Demo data, written on the first start of a demo database: customers of
 * MINI Financial Services Austria, their financing agreements, and one
 * ready-made, activated login. Contract start dates are relative to the day
 * the demo is seeded, so the demo shows running contracts whenever it starts.
 * Later issues add correspondence.
 */
import { randomUUID } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import type { Product } from '../../shared/api/contracts.ts'
import { addMonths, viennaDay } from '../../shared/dates.ts'
import { ibanFromBban } from '../../shared/iban.ts'
import { assertValidTerms } from '../contracts/plan.ts'
import { transaction } from '../db/connection.ts'
import type { NewContractRecord } from '../db/repositories/contracts-repository.ts'
import type { NewCustomerRecord } from '../db/repositories/customers-repository.ts'
import { createSettingsRepository } from '../db/repositories/settings-repository.ts'
import type { ServiceContext } from '../services/context.ts'

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
]

/** Ready-made logins by customer number (signed up, confirmed and activated). */
export const DEMO_LOGINS: Readonly<Record<string, { email: string; password: string }>> = {
  '100482117': { email: 'anna.huber@demo.mini.at', password: 'Festungsberg-Regenschirm-2026' },
}

/** A demo contract; the money is in euros here for readability, stored in cents. */
export interface DemoContract {
  customerNumber: string
  number: string
  product: Product
  /** The model as the German papers name it. */
  model: string
  /** The English name, where it differs ("3-door" for "3-Türer"). */
  modelEn?: string
  vin: string
  registrationPlate: string
  /** Months between the contract's start and the day the demo is seeded. */
  startedMonthsAgo: number
  paymentDay: number
  termMonths: number
  financedEuros: number
  downPaymentEuros: number
  /** Nominal rate in percent per year. */
  nominalRatePct: number
  /** Leasing: residual value; balloon: the principal left for the final instalment. */
  finalEuros?: number
  mileagePerYearKm?: number
}

/**
 * Every product, several contracts for some customers, one settled. Anna
 * Huber, the ready login, has one contract of each product.
 */
export const DEMO_CONTRACTS: readonly DemoContract[] = [
  {
    customerNumber: '100482117',
    number: 'KR-2025-048211',
    product: 'loan',
    model: 'One Clubman',
    vin: 'WMWLV710502M48211',
    registrationPlate: 'S-482 HU',
    startedMonthsAgo: 20,
    paymentDay: 1,
    termMonths: 60,
    financedEuros: 18_400,
    downPaymentEuros: 4_000,
    nominalRatePct: 5.49,
  },
  {
    customerNumber: '100482117',
    number: 'LS-2026-048212',
    product: 'leasing',
    model: 'Cooper SE 3-Türer',
    modelEn: 'Cooper SE 3-door',
    vin: 'WMW11DJ0X02T48212',
    registrationPlate: 'S-715 AH',
    startedMonthsAgo: 8,
    paymentDay: 15,
    termMonths: 48,
    financedEuros: 32_900,
    downPaymentEuros: 5_000,
    nominalRatePct: 3.99,
    finalEuros: 14_800,
    mileagePerYearKm: 15_000,
  },
  {
    customerNumber: '100482117',
    number: 'BF-2025-048213',
    product: 'balloon',
    model: 'Countryman S ALL4',
    vin: 'WMW21GA0703R48213',
    registrationPlate: 'SL-204 HB',
    startedMonthsAgo: 14,
    paymentDay: 1,
    termMonths: 48,
    financedEuros: 38_600,
    downPaymentEuros: 8_000,
    nominalRatePct: 4.49,
    finalEuros: 16_200,
  },
  {
    customerNumber: '100517903',
    number: 'LS-2025-051791',
    product: 'leasing',
    model: 'Cooper 5-Türer',
    modelEn: 'Cooper 5-door',
    vin: 'WMW31DK0602S51791',
    registrationPlate: 'W-381 LG',
    startedMonthsAgo: 11,
    paymentDay: 5,
    termMonths: 36,
    financedEuros: 26_450,
    downPaymentEuros: 3_500,
    nominalRatePct: 4.29,
    finalEuros: 13_900,
    mileagePerYearKm: 10_000,
  },
  {
    customerNumber: '100603258',
    number: 'KR-2021-060325',
    product: 'loan',
    model: 'Cooper Cabrio',
    modelEn: 'Cooper Convertible',
    vin: 'WMWWG310X03L60325',
    registrationPlate: 'G-603 SW',
    startedMonthsAgo: 62,
    paymentDay: 10,
    termMonths: 48,
    financedEuros: 21_800,
    downPaymentEuros: 6_000,
    nominalRatePct: 2.99,
  },
  {
    customerNumber: '100603258',
    number: 'BF-2025-060326',
    product: 'balloon',
    model: 'Aceman SE',
    vin: 'WMW71DF0205Y60326',
    registrationPlate: 'G-326 WS',
    startedMonthsAgo: 9,
    paymentDay: 10,
    termMonths: 36,
    financedEuros: 34_200,
    downPaymentEuros: 7_500,
    nominalRatePct: 4.79,
    finalEuros: 17_100,
  },
  {
    customerNumber: '100711640',
    number: 'KR-2024-071164',
    product: 'loan',
    model: 'John Cooper Works',
    vin: 'WMW61GD0X02P71164',
    registrationPlate: 'L-711 MB',
    startedMonthsAgo: 27,
    paymentDay: 1,
    termMonths: 72,
    financedEuros: 36_900,
    downPaymentEuros: 9_000,
    nominalRatePct: 6.19,
  },
  {
    customerNumber: '100825371',
    number: 'LS-2026-082537',
    product: 'leasing',
    model: 'Cooper C 3-Türer',
    modelEn: 'Cooper C 3-door',
    vin: 'WMW11GD0203T82537',
    registrationPlate: 'I-825 EP',
    startedMonthsAgo: 4,
    paymentDay: 20,
    termMonths: 42,
    financedEuros: 24_300,
    downPaymentEuros: 2_900,
    nominalRatePct: 3.49,
    finalEuros: 12_150,
    mileagePerYearKm: 12_000,
  },
  {
    customerNumber: '100934582',
    number: 'BF-2024-093458',
    product: 'balloon',
    model: 'Clubman Cooper S',
    vin: 'WMWLU510X02N93458',
    registrationPlate: 'K-934 TM',
    startedMonthsAgo: 30,
    paymentDay: 15,
    termMonths: 60,
    financedEuros: 29_750,
    downPaymentEuros: 5_000,
    nominalRatePct: 5.29,
    finalEuros: 11_900,
  },
  {
    customerNumber: '101046219',
    number: 'KR-2023-104621',
    product: 'loan',
    model: 'Countryman D',
    vin: 'WMWYU510303M04621',
    registrationPlate: 'B-104 KS',
    startedMonthsAgo: 38,
    paymentDay: 1,
    termMonths: 84,
    financedEuros: 27_300,
    downPaymentEuros: 3_000,
    nominalRatePct: 5.99,
  },
  {
    customerNumber: '101046219',
    number: 'LS-2026-104622',
    product: 'leasing',
    model: 'Cooper SE Countryman ALL4',
    vin: 'WMW21GA0105S04622',
    registrationPlate: 'B-622 ST',
    startedMonthsAgo: 2,
    paymentDay: 1,
    termMonths: 48,
    financedEuros: 44_900,
    downPaymentEuros: 6_500,
    nominalRatePct: 3.79,
    finalEuros: 20_650,
    mileagePerYearKm: 20_000,
  },
]

/** The stored record of a demo contract, started relative to `today` (YYYY-MM-DD). */
export function demoContractRecord(
  demo: DemoContract,
  customerId: number,
  today: string,
): NewContractRecord {
  const record: NewContractRecord = {
    publicId: randomUUID(),
    customerId,
    number: demo.number,
    product: demo.product,
    vehicle: {
      make: 'MINI',
      model: { de: demo.model, en: demo.modelEn ?? demo.model },
      vin: demo.vin,
      registrationPlate: demo.registrationPlate,
    },
    startDate: addMonths(today, -demo.startedMonthsAgo),
    termMonths: demo.termMonths,
    paymentDay: demo.paymentDay,
    financedAmountCents: Math.round(demo.financedEuros * 100),
    downPaymentCents: Math.round(demo.downPaymentEuros * 100),
    nominalRateBp: Math.round(demo.nominalRatePct * 100),
    finalAmountCents: Math.round((demo.finalEuros ?? 0) * 100),
    mileagePerYearKm: demo.mileagePerYearKm ?? null,
    currency: 'EUR',
  }
  assertValidTerms(record)
  return record
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
  const contracts = seedDemoContracts(ctx)
  return customers || contracts
}

async function seedDemoCustomers(ctx: ServiceContext): Promise<boolean> {
  if (ctx.repos.settings.get(SEEDED)) return false
  const now = ctx.clock.now()
  const hashes = new Map<string, string>()
  for (const [number, login] of Object.entries(DEMO_LOGINS))
    hashes.set(number, await ctx.hasher.hash(login.password))
  transaction(ctx.db, () => {
    for (const customer of DEMO_CUSTOMERS) {
      const customerId = ctx.repos.customers.insert(customer, now)
      const login = DEMO_LOGINS[customer.customerNumber]
      const hash = hashes.get(customer.customerNumber)
      if (login && hash) {
        const accountId = ctx.repos.accounts.insert({
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
        ctx.repos.accounts.confirm(accountId, now, customerId)
        ctx.repos.accounts.activate(accountId, customerId, now)
      }
    }
    ctx.repos.settings.set(SEEDED, now.toISOString())
  })
  return true
}

function seedDemoContracts(ctx: ServiceContext): boolean {
  if (ctx.repos.settings.get(CONTRACTS_SEEDED)) return false
  const now = ctx.clock.now()
  const today = viennaDay(now)
  transaction(ctx.db, () => {
    for (const customer of ctx.repos.customers.all()) {
      const demo = DEMO_CUSTOMERS.find((c) => c.customerNumber === customer.customerNumber)
      if (!demo) continue
      if (!customer.iban && demo.iban && demo.accountHolder)
        ctx.repos.customers.setBankAccount(customer.id, demo.iban, demo.accountHolder)
      for (const contract of DEMO_CONTRACTS.filter(
        (c) => c.customerNumber === customer.customerNumber,
      ))
        ctx.repos.contracts.insert(demoContractRecord(contract, customer.id, today), now)
    }
    ctx.repos.settings.set(CONTRACTS_SEEDED, now.toISOString())
  })
  return true
}

const CLOCK_OFFSET = 'demo_clock_offset'

/** The demo clock's persisted offset in seconds (0 when never moved or unreadable). */
export function readClockOffset(db: DatabaseSync): number {
  const offset = Number(createSettingsRepository(db).get(CLOCK_OFFSET) ?? '0')
  // A hand-edited or damaged value must not throw the clock into NaN.
  return Number.isFinite(offset) ? offset : 0
}

/** Persists the demo clock's offset, so that a restarted demo backend keeps its time. */
export function writeClockOffset(db: DatabaseSync, offsetSeconds: number): void {
  createSettingsRepository(db).set(CLOCK_OFFSET, String(offsetSeconds))
}
