/**
 * The repayment simulator (api.md "Lease end, mileage, simulator, payment
 * difficulties"): the pure arithmetic is contracts/simulation.ts; here the
 * ownership, the day and the contract's bounds.
 */
import type {
  DeferralPreview,
  DeferralPreviewBody,
  Simulation,
  SimulationBody,
} from '../../shared/api/simulator.ts'
import { viennaDay } from '../../shared/dates.ts'
import { deferInstalments } from '../contracts/deferral.ts'
import { maxSpecialRepayment, simulateSpecialRepayment } from '../contracts/simulation.ts'
import { validationFailed } from '../errors.ts'
import type { ServiceContext } from './context.ts'
import {
  contractState,
  detailProblems,
  ineligibility,
  NotEligibleError,
  type ContractState,
} from './service-catalogue.ts'
import type { Principal } from './sessions.ts'
import { heldContract } from './contract-access.ts'

/**
 * The customer's contract on the bank's day; another customer's is not found, like an
 * unknown one. Both calls prepare a request only the holder may file: a co-borrower
 * gets 403 holder_only.
 */
async function ownContractState(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<ContractState> {
  const contract = await heldContract(ctx, principal, id)
  return contractState(contract, viennaDay(ctx.clock.now()))
}

/** POST /contracts/{id}/simulations. */
export async function simulate(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
  body: SimulationBody,
): Promise<Simulation> {
  const state = await ownContractState(ctx, principal, id)
  const { contract } = state
  if (contract.product === 'leasing') throw new NotEligibleError('product_not_eligible')
  if (state.settled) throw new NotEligibleError('contract_settled')
  // Not before today, and on a day that still leaves an instalment after its booking.
  const max = maxSpecialRepayment(state.plan, body.date)
  if (body.date < state.today || max < 0) throw validationFailed({ date: 'out_of_range' })
  if (body.specialRepaymentCents > max)
    throw validationFailed({ specialRepaymentCents: 'out_of_range' })
  return simulateSpecialRepayment(
    contract,
    { amountCents: body.specialRepaymentCents, date: body.date, keep: body.keep },
    state.plan,
  )
}

/**
 * POST /contracts/{id}/deferral-preview: the rules of the payment_deferral
 * request (409 not_eligible, 400 naming the field), then the new plan.
 */
export async function previewDeferral(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
  body: DeferralPreviewBody,
): Promise<DeferralPreview> {
  const state = await ownContractState(ctx, principal, id)
  const { contract } = state
  const reason = await ineligibility('payment_deferral', state, ctx.repos.serviceRequests)
  if (reason) throw new NotEligibleError(reason)
  const problems = detailProblems('payment_deferral', { ...body }, state)
  if (Object.keys(problems).length > 0)
    throw validationFailed(
      Object.fromEntries(Object.entries(problems).map(([k, v]) => [k.replace('details.', ''), v])),
    )
  return deferInstalments(contract, state.plan, body.firstDueDate, body.months)
}
