/**
 * A running ten-month loan of € 10,000 (two instalments collected, the third
 * due), with its plan: the contract the simulator and payment-difficulties tests
 * open. Interest-free unless the test says otherwise, so figures are easy to read.
 */
import type { ContractDetail, ScheduleRow } from '../../../../src/shared/api/contracts.ts'

export const LOAN_ID = '3f0c1a52-7b4e-4d1a-9c2b-5e6f7a8b9c0d'

export function tenMonthLoan(patch: Partial<ContractDetail> = {}): ContractDetail {
  return {
    id: LOAN_ID,
    number: 'KR-2025-048211',
    role: 'holder',
    parties: [{ role: 'holder', name: 'Anna Huber' }],
    product: 'loan',
    status: 'active',
    vehicle: {
      make: 'MINI',
      model: 'Cooper SE',
      vin: 'WMW11DJ0402T71234',
      registrationPlate: 'S-MINI 42',
    },
    startDate: '2026-01-15',
    endDate: '2026-11-01',
    termMonths: 10,
    monthlyInstalmentCents: 100_000,
    outstandingBalanceCents: 800_000,
    nextPaymentDate: '2026-04-01',
    paymentsMade: 2,
    currency: 'EUR',
    financedAmountCents: 1_000_000,
    downPaymentCents: 0,
    nominalRatePct: 0,
    effectiveRatePct: 0,
    finalInstalmentCents: null,
    residualValueCents: null,
    mileagePerYearKm: null,
    paymentsRemaining: 8,
    paymentDay: 1,
    bankAccount: null,
    ...patch,
  }
}

/** Its plan: € 1,000 a month from 1 February, two paid, the third due. */
export const TEN_MONTH_SCHEDULE: ScheduleRow[] = Array.from({ length: 10 }, (_, i) => ({
  n: i + 1,
  dueDate: `2026-${String(i + 2).padStart(2, '0')}-01`,
  instalmentCents: 100_000,
  interestCents: 0,
  principalCents: 100_000,
  balanceAfterCents: 1_000_000 - (i + 1) * 100_000,
  status: i < 2 ? 'paid' : i === 2 ? 'due' : 'upcoming',
}))
