/**
 * The demo customers' financing agreements: one of each product, with figures a
 * MINI customer in Austria would have. Start dates are relative to the day the
 * demo is seeded (seed.ts), so the demo shows running contracts whenever it starts.
 */
import { randomUUID } from 'node:crypto'
import type { Product } from '../../shared/api/contracts.ts'
import { addMonths } from '../../shared/dates.ts'
import { assertValidTerms } from '../contracts/plan.ts'
import type { NewContractRecord } from '../db/repositories/contracts-repository.ts'

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
  /** Leasing: tolerance km, euro cents per excess and per unused km, the most unused km refunded. */
  mileage?: { toleranceKm: number; excessCents: number; refundCents: number; refundCapKm: number }
}

/**
 * Every product, several contracts for some customers, one settled. Anna
 * Huber, the ready login, has one contract of each product; her leasing ends
 * within 6 months (the end-of-term page and its milestones have something to show).
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
    startedMonthsAgo: 43,
    paymentDay: 15,
    termMonths: 48,
    financedEuros: 32_900,
    downPaymentEuros: 5_000,
    nominalRatePct: 3.99,
    finalEuros: 14_800,
    mileagePerYearKm: 15_000,
    mileage: { toleranceKm: 2_500, excessCents: 8, refundCents: 4, refundCapKm: 5_000 },
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
    mileage: { toleranceKm: 2_000, excessCents: 7, refundCents: 3, refundCapKm: 4_000 },
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
    mileage: { toleranceKm: 2_500, excessCents: 7, refundCents: 3, refundCapKm: 5_000 },
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
    mileage: { toleranceKm: 3_000, excessCents: 10, refundCents: 5, refundCapKm: 6_000 },
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
    mileageTerms: demo.mileage
      ? {
          toleranceKm: demo.mileage.toleranceKm,
          excessKmRateCents: demo.mileage.excessCents,
          unusedKmRefundCents: demo.mileage.refundCents,
          unusedKmRefundCapKm: demo.mileage.refundCapKm,
        }
      : null,
    currency: 'EUR',
  }
  assertValidTerms(record)
  return record
}
