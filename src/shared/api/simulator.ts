/**
 * The repayment simulator (api.md "Lease end, mileage, simulator, payment
 * difficulties"): what a special repayment on a day would do to a contract's
 * plan, without filing anything.
 */
import { Type, type Static } from 'typebox'
import type { RouteTable } from './contract.ts'
import { NO_SUCH_CONTRACT_ERRORS, instalmentFigures, onContract } from './contracts.ts'
import {
  centsSchema,
  closedObject,
  codeSchema,
  countSchema,
  dateSchema,
  TERM_MONTHS_MAX,
} from './limits.ts'
import {
  DEFERRAL_MONTHS_MAX,
  NOT_ELIGIBLE_REASONS,
  SPECIAL_REPAYMENT_MAX_CENTS,
  SPECIAL_REPAYMENT_MIN_CENTS,
} from './service-requests/types.ts'

/** What stays the same after the repayment: the instalment (the term shortens) or the term (the instalment falls). */
export const SIMULATION_KEEPS = ['instalment', 'term'] as const
export type SimulationKeep = (typeof SIMULATION_KEEPS)[number]

export const simulationBodySchema = closedObject({
  specialRepaymentCents: Type.Integer({
    format: 'int32',
    minimum: SPECIAL_REPAYMENT_MIN_CENTS,
    maximum: SPECIAL_REPAYMENT_MAX_CENTS,
  }),
  /** From today up to the last instalment but one; booked on the first due date on or after it. */
  date: dateSchema,
  keep: codeSchema(SIMULATION_KEEPS),
})
export type SimulationBody = Static<typeof simulationBodySchema>

/** One row of a simulated plan (no status: it has not happened). */
export const simulatedRowSchema = closedObject({
  n: countSchema(TERM_MONTHS_MAX + DEFERRAL_MONTHS_MAX, 1),
  ...instalmentFigures,
})
export type SimulatedRow = Static<typeof simulatedRowSchema>

export const simulationSchema = closedObject({
  /** The due date the repayment is booked on (project extension). */
  bookedOn: dateSchema,
  newEndDate: dateSchema,
  newInstalmentCents: centsSchema,
  interestSavedCents: centsSchema,
  /** The early-repayment fee of the payoff rules: 1 % (0.5 % with a year or less left), at most the interest saved. */
  feeCents: centsSchema,
  schedule: Type.Array(simulatedRowSchema, { maxItems: TERM_MONTHS_MAX }),
})
export type Simulation = Static<typeof simulationSchema>

/** POST /contracts/{id}/deferral-preview. */
export const deferralPreviewBodySchema = closedObject({
  months: Type.Integer({ format: 'int32', minimum: 1, maximum: DEFERRAL_MONTHS_MAX }),
  /** The due date of one of the next three instalments. */
  firstDueDate: dateSchema,
})
export type DeferralPreviewBody = Static<typeof deferralPreviewBodySchema>

export const deferralPreviewSchema = closedObject({
  newEndDate: dateSchema,
  /** The interest of the deferred months, paid with the last instalment. */
  extraInterestCents: centsSchema,
  /** The whole new plan; the deferred months are rows of 0. */
  schedule: Type.Array(simulatedRowSchema, { maxItems: TERM_MONTHS_MAX + DEFERRAL_MONTHS_MAX }),
})
export type DeferralPreview = Static<typeof deferralPreviewSchema>

export const simulatorRoutes = {
  'POST /contracts/{id}/simulations': {
    summary:
      'Simulate a special repayment on a day: shorter term or lower instalment, interest saved and fee',
    ...onContract,
    body: simulationBodySchema,
    answers: { 200: simulationSchema },
    errors: {
      ...NO_SUCH_CONTRACT_ERRORS,
      400: 'validation_failed (specialRepaymentCents: out_of_range above the balance; date: out_of_range in the past or too close to the end)',
      409: 'not_eligible with error.reason (product_not_eligible: leasing; contract_settled)',
    },
  },
  'POST /contracts/{id}/deferral-preview': {
    summary:
      'Preview a payment deferral: the new plan and the extra interest, before anything is filed',
    ...onContract,
    body: deferralPreviewBodySchema,
    answers: { 200: deferralPreviewSchema },
    errors: {
      ...NO_SUCH_CONTRACT_ERRORS,
      400: 'validation_failed (firstDueDate: out_of_range / invalid_value, not one of the next three due dates; months: out_of_range, reaching the last instalment)',
      409: `not_eligible with error.reason (${NOT_ELIGIBLE_REASONS.join(', ')}): term_ending in the last 3 months, deferral_within_year`,
    },
  },
} as const satisfies RouteTable
