/** Contracts (api.md "Contracts"): what the backend answers and the renderer shows. */

export const PRODUCTS = ['loan', 'leasing', 'balloon'] as const
/** `GET /contracts` lists at most this many (newest first): far more than any customer has. */
export const CONTRACTS_MAX = 100
export type Product = (typeof PRODUCTS)[number]
export type ContractStatus = 'active' | 'settled'
export type InstalmentStatus = 'paid' | 'due' | 'upcoming'

export interface Vehicle {
  make: string
  model: string
  vin: string
  registrationPlate: string
}

/** One item of `GET /contracts`. */
export interface ContractSummary {
  id: string
  number: string
  product: Product
  status: ContractStatus
  vehicle: Vehicle
  startDate: string
  endDate: string
  termMonths: number
  monthlyInstalmentCents: number
  outstandingBalanceCents: number
  /** null once settled. */
  nextPaymentDate: string | null
  /** Project extension: instalments paid so far (the overview's progress). */
  paymentsMade: number
  currency: string
}

/** `GET /contracts/{id}`. Product-specific fields are null where they do not apply. */
export interface ContractDetail extends ContractSummary {
  financedAmountCents: number
  downPaymentCents: number
  nominalRatePct: number
  effectiveRatePct: number
  /** Balloon only. */
  finalInstalmentCents: number | null
  /** Leasing only. */
  residualValueCents: number | null
  /** Leasing only. */
  mileagePerYearKm: number | null
  paymentsRemaining: number
  paymentDay: number
  bankAccount: { ibanMasked: string } | null
}

/** One row of `GET /contracts/{id}/schedule`. */
export interface ScheduleRow {
  n: number
  dueDate: string
  instalmentCents: number
  interestCents: number
  principalCents: number
  balanceAfterCents: number
  status: InstalmentStatus
}

export interface Schedule {
  currency: string
  items: ScheduleRow[]
}
