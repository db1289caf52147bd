/** A financing agreement as the backend keeps it (db/ stores it, documents/ writes letters about it). */
import type { Locale } from '../../shared/api/auth.ts'
import type { PlanTerms } from './plan.ts'

/** The vehicle's model in each language ("Cooper SE 3-Türer" / "Cooper SE 3-door"). */
export type VehicleModel = Record<Locale, string>

/** A financing agreement as stored: its terms; the plan is computed from them. */
export interface ContractRecord extends PlanTerms {
  id: number
  /** The id in URLs: random, so that one customer cannot guess another's. */
  publicId: string
  customerId: number
  number: string
  vehicle: { make: string; model: VehicleModel; vin: string; registrationPlate: string }
  downPaymentCents: number
  mileagePerYearKm: number | null
  /** Leasing only: what excess and unused kilometres cost or bring at the end. */
  mileageTerms: MileageTerms | null
  currency: string
}

/** A leasing contract's mileage terms (migration 0019). */
export interface MileageTerms {
  /** Kilometres beyond the allowance that cost nothing. */
  toleranceKm: number
  excessKmRateCents: number
  unusedKmRefundCents: number
  /** At most this many unused kilometres are refunded. */
  unusedKmRefundCapKm: number
}

/** A contract to store; without mileage terms unless it says them. */
export type NewContractRecord = Omit<ContractRecord, 'id' | 'mileageTerms'> & {
  mileageTerms?: MileageTerms | null
}
