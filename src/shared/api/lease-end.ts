/**
 * Lease end and mileage (api.md "Lease end, mileage"): the odometer readings
 * of a leasing contract with the projection to its end, and what a leasing or
 * balloon contract's end of term offers.
 */
import { Type, type Static } from 'typebox'
import type { RouteTable } from './contract.ts'
import { NO_SUCH_CONTRACT_ERRORS, onContract } from './contracts.ts'
import {
  centsSchema,
  closedObject,
  codeSchema,
  countSchema,
  dateSchema,
  nullable,
  TERM_MONTHS_MAX,
} from './limits.ts'

/** The highest odometer reading accepted (km): no car comes near it within a contract. */
export const MILEAGE_KM_MAX = 999_999
/** At most one reading a day: a contract of TERM_MONTHS_MAX months has no more days. */
export const MILEAGE_READINGS_MAX = TERM_MONTHS_MAX * 31
/** Days before the end of term that are milestones (each a notification). */
export const END_OF_TERM_MILESTONE_DAYS = [180, 90, 45] as const
export const END_OF_TERM_MILESTONES = ['days_180', 'days_90', 'days_45'] as const
export type EndOfTermMilestone = (typeof END_OF_TERM_MILESTONES)[number]
/** Leasing: return the car, buy it at the residual value, extend; balloon: pay or refinance the final instalment. */
export const END_OF_TERM_OPTIONS = [
  'return',
  'purchase',
  'extension',
  'pay_final_instalment',
  'refinance_final_instalment',
] as const
export type EndOfTermOption = (typeof END_OF_TERM_OPTIONS)[number]

const kmSchema = countSchema(MILEAGE_KM_MAX)
/** Cents per km: a few cents in practice, at most one euro. */
const kmRateSchema = countSchema(100)

export const mileageReadingSchema = closedObject({ date: dateSchema, km: kmSchema })
export type MileageReading = Static<typeof mileageReadingSchema>

/** Where the kilometres are heading, null before the first reading. */
export const mileageProjectionSchema = closedObject({
  /** Kilometres on the odometer at the end date, at the pace of the latest reading. */
  atEndKm: countSchema(100_000_000),
  /** Kilometres beyond the allowance and the tolerance: each costs excessKmRateCents. */
  excessKm: countSchema(100_000_000),
  /** Kilometres below the allowance (refunded up to unusedKmRefundCapKm). */
  unusedKm: countSchema(100_000_000),
  estimatedChargeCents: centsSchema,
  estimatedRefundCents: centsSchema,
})
export type MileageProjection = Static<typeof mileageProjectionSchema>

/** `GET /contracts/{id}/mileage`. */
export const mileageSchema = closedObject({
  startDate: dateSchema,
  endDate: dateSchema,
  allowanceKmPerYear: kmSchema,
  allowanceTotalKm: countSchema(100_000_000),
  toleranceKm: kmSchema,
  excessKmRateCents: kmRateSchema,
  unusedKmRefundCents: kmRateSchema,
  unusedKmRefundCapKm: kmSchema,
  /** Oldest first. */
  readings: Type.Array(mileageReadingSchema, { maxItems: MILEAGE_READINGS_MAX }),
  projection: nullable(mileageProjectionSchema),
})
export type Mileage = Static<typeof mileageSchema>

/** `POST /contracts/{id}/mileage-readings`. */
export const mileageReadingBodySchema = closedObject({
  date: dateSchema,
  km: Type.Integer({ format: 'int32', minimum: 0, maximum: MILEAGE_KM_MAX }),
})
export type MileageReadingBody = Static<typeof mileageReadingBodySchema>

/** `GET /contracts/{id}/end-of-term`. */
export const endOfTermSchema = closedObject({
  product: codeSchema(['leasing', 'balloon'] as const),
  endDate: dateSchema,
  /** Days from today (Vienna) to the end date; 0 on it and after it. */
  daysLeft: countSchema(TERM_MONTHS_MAX * 31),
  options: Type.Array(codeSchema(END_OF_TERM_OPTIONS), { maxItems: END_OF_TERM_OPTIONS.length }),
  /** Leasing: the residual value, the price of buying the car. */
  purchasePriceCents: Type.Optional(centsSchema),
  /** Balloon: the final instalment. */
  finalInstalmentCents: Type.Optional(centsSchema),
  milestones: Type.Array(
    closedObject({ date: dateSchema, kind: codeSchema(END_OF_TERM_MILESTONES) }),
    { maxItems: END_OF_TERM_MILESTONES.length },
  ),
})
export type EndOfTerm = Static<typeof endOfTermSchema>

export const leaseEndRoutes = {
  'GET /contracts/{id}/mileage': {
    summary: 'A leasing contract’s allowance, odometer readings and the projection to its end',
    ...onContract,
    answers: { 200: mileageSchema },
    errors: {
      ...NO_SUCH_CONTRACT_ERRORS,
      409: 'not_eligible (reason product_not_eligible: not a leasing contract)',
    },
  },
  'POST /contracts/{id}/mileage-readings': {
    summary: 'Record an odometer reading of a leasing contract',
    ...onContract,
    body: mileageReadingBodySchema,
    answers: { 201: mileageReadingSchema },
    errors: {
      ...NO_SUCH_CONTRACT_ERRORS,
      400: 'validation_failed (km: below_previous, above_later, out_of_range; date: in_future, before_start, after_end, already_recorded)',
      409: 'not_eligible (reason product_not_eligible: not a leasing contract)',
    },
  },
  'GET /contracts/{id}/end-of-term': {
    summary: 'The end of a leasing or balloon contract: days left, options, milestones',
    ...onContract,
    answers: { 200: endOfTermSchema },
    errors: {
      ...NO_SUCH_CONTRACT_ERRORS,
      409: 'not_eligible (reason product_not_eligible: a loan)',
    },
  },
} as const satisfies RouteTable
