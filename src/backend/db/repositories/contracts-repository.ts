import { type Queryable, insertInto, prepare, recordBy } from '../sql.ts'
import type { Product } from '../../../shared/api/contracts.ts'
import type {
  ContractRecord,
  MileageTerms,
  NewContractRecord,
  VehicleModel,
} from '../../contracts/contract-record.ts'

// Declared with the contracts' arithmetic, so that documents/ needs nothing of db/.
export type { ContractRecord, MileageTerms, NewContractRecord, VehicleModel }

interface Row {
  id: number
  public_id: string
  customer_id: number
  number: string
  product: Product
  vehicle_make: string
  vehicle_model: string
  /** NULL: the same as the German name. */
  vehicle_model_en: string | null
  vin: string
  registration_plate: string
  start_date: string
  term_months: number
  payment_day: number
  financed_amount_cents: number
  down_payment_cents: number
  nominal_rate_bp: number
  final_amount_cents: number
  mileage_per_year_km: number | null
  mileage_tolerance_km: number | null
  excess_km_rate_cents: number | null
  unused_km_refund_cents: number | null
  unused_km_refund_cap_km: number | null
  currency: string
}

/** The mileage terms, when the contract has all four (leasing). */
function mileageTermsOf(r: Row): MileageTerms | null {
  if (
    r.mileage_tolerance_km === null ||
    r.excess_km_rate_cents === null ||
    r.unused_km_refund_cents === null ||
    r.unused_km_refund_cap_km === null
  )
    return null
  return {
    toleranceKm: Number(r.mileage_tolerance_km),
    excessKmRateCents: Number(r.excess_km_rate_cents),
    unusedKmRefundCents: Number(r.unused_km_refund_cents),
    unusedKmRefundCapKm: Number(r.unused_km_refund_cap_km),
  }
}

const toRecord = (r: Row): ContractRecord => ({
  id: r.id,
  publicId: r.public_id,
  customerId: r.customer_id,
  number: r.number,
  product: r.product,
  vehicle: {
    make: r.vehicle_make,
    model: { de: r.vehicle_model, en: r.vehicle_model_en ?? r.vehicle_model },
    vin: r.vin,
    registrationPlate: r.registration_plate,
  },
  startDate: r.start_date,
  termMonths: r.term_months,
  paymentDay: r.payment_day,
  financedAmountCents: r.financed_amount_cents,
  downPaymentCents: r.down_payment_cents,
  nominalRateBp: r.nominal_rate_bp,
  finalAmountCents: r.final_amount_cents,
  mileagePerYearKm: r.mileage_per_year_km,
  mileageTerms: mileageTermsOf(r),
  currency: r.currency,
})

/** The financing agreements; every read is scoped to one customer. */
export function createContractsRepository(db: Queryable) {
  const insert = insertInto(
    db,
    'contracts',
    `public_id, customer_id, number, product, vehicle_make, vehicle_model, vehicle_model_en,
    vin, registration_plate, start_date, term_months, payment_day, financed_amount_cents,
    down_payment_cents, nominal_rate_bp, final_amount_cents, mileage_per_year_km, currency,
    created_at, mileage_tolerance_km, excess_km_rate_cents, unused_km_refund_cents,
    unused_km_refund_cap_km`,
    'id',
  )
  const byCustomer = prepare(
    db,
    'SELECT * FROM contracts WHERE customer_id = ? ORDER BY start_date DESC, id DESC',
  )
  const byPublicId = recordBy(db, 'contracts', 'public_id, customer_id', toRecord)
  const byId = recordBy(db, 'contracts', 'id', toRecord)
  // One query whether or not the contract exists: an unknown id and another customer's
  // contract take the same path (co-borrowers, migration 20).
  const sharedWith = prepare(
    db,
    `SELECT c.*, a.id AS access_id FROM contracts c
    JOIN contract_access a ON a.contract_id = c.id
    WHERE c.public_id = ? AND a.account_id = ? AND a.revoked_at IS NULL`,
  )
  return {
    insert(contract: NewContractRecord, createdAt: Date): Promise<number> {
      return insert(
        contract.publicId,
        contract.customerId,
        contract.number,
        contract.product,
        contract.vehicle.make,
        contract.vehicle.model.de,
        contract.vehicle.model.en === contract.vehicle.model.de ? null : contract.vehicle.model.en,
        contract.vehicle.vin,
        contract.vehicle.registrationPlate,
        contract.startDate,
        contract.termMonths,
        contract.paymentDay,
        contract.financedAmountCents,
        contract.downPaymentCents,
        contract.nominalRateBp,
        contract.finalAmountCents,
        contract.mileagePerYearKm,
        contract.currency,
        createdAt.toISOString(),
        contract.mileageTerms?.toleranceKm ?? null,
        contract.mileageTerms?.excessKmRateCents ?? null,
        contract.mileageTerms?.unusedKmRefundCents ?? null,
        contract.mileageTerms?.unusedKmRefundCapKm ?? null,
      )
    },
    /** A customer's contracts, newest first. */
    async listByCustomer(customerId: number): Promise<ContractRecord[]> {
      return (await byCustomer.all<Row>(customerId)).map(toRecord)
    },
    /** By row id (internal use: the contract of a document). */
    byId(id: number): Promise<ContractRecord | null> {
      return byId(id)
    },
    /** A contract the account reads as co-borrower (current access), with the access's row id. */
    async sharedWith(
      accountId: number,
      publicId: string,
    ): Promise<{ contract: ContractRecord; accessId: number } | null> {
      const row = await sharedWith.get<Row & { access_id: number }>(publicId, accountId)
      return row ? { contract: toRecord(row), accessId: Number(row.access_id) } : null
    },
    /** One contract, only if it belongs to the customer. */
    byPublicId(customerId: number, publicId: string): Promise<ContractRecord | null> {
      return byPublicId(publicId, customerId)
    },
  }
}
export type ContractsRepository = ReturnType<typeof createContractsRepository>
