/**
 * Lease end and mileage (api.md "Lease end, mileage"): a leasing contract's
 * odometer readings and their projection to the end date, and what the end of
 * a leasing or balloon contract offers. Only the contract's holder sees them: a
 * contract of another customer is not found (404), one of the wrong product is
 * 409 not_eligible.
 */
import {
  END_OF_TERM_MILESTONE_DAYS,
  END_OF_TERM_MILESTONES,
  type EndOfTerm,
  type EndOfTermOption,
  type Mileage,
  type MileageReading,
  type MileageReadingBody,
} from '../../shared/api/lease-end.ts'
import { addDays, daysBetween, viennaDay } from '../../shared/dates.ts'
import type { ContractRecord, MileageTerms } from '../contracts/contract-record.ts'
import { allowanceTotalKm, projectMileage, readingProblems } from '../contracts/mileage.ts'
import { buildPlan } from '../contracts/plan.ts'
import { ApiError, validationFailed } from '../errors.ts'
import type { ServiceContext } from './context.ts'
import { heldContract, readableContract } from './contract-access.ts'
import type { Principal } from './sessions.ts'

const notEligible = (what: string): ApiError =>
  new ApiError(409, 'not_eligible', `This contract has no ${what}.`, {
    reason: 'product_not_eligible',
  })

/** A leasing contract with its mileage terms and allowance, or 409. */
function leasingTerms(contract: ContractRecord): { terms: MileageTerms; perYear: number } {
  const { mileageTerms, mileagePerYearKm } = contract
  if (contract.product !== 'leasing' || !mileageTerms || mileagePerYearKm === null)
    throw notEligible('mileage allowance')
  return { terms: mileageTerms, perYear: mileagePerYearKm }
}

/** The contract's last due date: its end of term. */
export function endDateOf(contract: ContractRecord): string {
  return buildPlan(contract).at(-1)?.dueDate ?? contract.startDate
}

/** GET /contracts/{id}/mileage. */
export async function getMileage(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<Mileage> {
  const { contract } = await readableContract(ctx, principal, id)
  const { terms, perYear } = leasingTerms(contract)
  const readings = await ctx.repos.mileageReadings.list(contract.id)
  const allowance = allowanceTotalKm(perYear, contract.termMonths)
  const period = { startDate: contract.startDate, endDate: endDateOf(contract) }
  return {
    ...period,
    allowanceKmPerYear: perYear,
    allowanceTotalKm: allowance,
    toleranceKm: terms.toleranceKm,
    excessKmRateCents: terms.excessKmRateCents,
    unusedKmRefundCents: terms.unusedKmRefundCents,
    unusedKmRefundCapKm: terms.unusedKmRefundCapKm,
    readings,
    projection: projectMileage(terms, allowance, period, readings),
  }
}

/** POST /contracts/{id}/mileage-readings: 400 naming the field when the reading does not fit. */
export async function addMileageReading(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
  body: MileageReadingBody,
): Promise<MileageReading> {
  // A reading is a change: the holder's (a co-borrower 403 holder_only).
  const contract = await heldContract(ctx, principal, id)
  leasingTerms(contract)
  const period = {
    startDate: contract.startDate,
    endDate: endDateOf(contract),
    today: viennaDay(ctx.clock.now()),
  }
  const reading = { date: body.date, km: body.km }
  // In one transaction: two readings sent at once are checked against each other.
  await ctx.transaction(async (tx) => {
    const readings = await tx.repos.mileageReadings.list(contract.id)
    const problems = readingProblems(reading, period, readings)
    if (Object.keys(problems).length > 0) throw validationFailed(problems)
    if (!(await tx.repos.mileageReadings.add(contract.id, reading, tx.clock.now())))
      throw validationFailed({ date: 'already_recorded' })
  })
  return reading
}

const OPTIONS: Readonly<Record<'leasing' | 'balloon', readonly EndOfTermOption[]>> = {
  leasing: ['return', 'purchase', 'extension'],
  balloon: ['pay_final_instalment', 'refinance_final_instalment'],
}

/** The milestones of an end date: 180, 90 and 45 days before it. */
export function milestonesOf(endDate: string): EndOfTerm['milestones'] {
  return END_OF_TERM_MILESTONE_DAYS.map((days, i) => ({
    date: addDays(endDate, -days),
    kind: END_OF_TERM_MILESTONES[i] ?? 'days_45',
  }))
}

/** GET /contracts/{id}/end-of-term. */
export async function getEndOfTerm(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<EndOfTerm> {
  const { contract } = await readableContract(ctx, principal, id)
  const product = contract.product
  if (product === 'loan') throw notEligible('end-of-term options')
  const plan = buildPlan(contract)
  const endDate = plan.at(-1)?.dueDate ?? contract.startDate
  const today = viennaDay(ctx.clock.now())
  return {
    product,
    endDate,
    daysLeft: Math.max(0, daysBetween(today, endDate)),
    options: [...OPTIONS[product]],
    ...(product === 'leasing'
      ? { purchasePriceCents: contract.finalAmountCents }
      : { finalInstalmentCents: plan.at(-1)?.instalmentCents ?? 0 }),
    milestones: milestonesOf(endDate),
  }
}
