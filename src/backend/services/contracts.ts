/**
 * The customer's financing agreements (api.md "Contracts"). Every call needs
 * an activated account; a contract of another customer is simply not found.
 * The plan is computed from the stored terms; which instalments are paid
 * follows from the bank's calendar day (instalments are collected by SEPA
 * direct debit on their due date, so one whose date has passed is paid).
 * The vehicle's model is named in the customer's language (preferences.locale).
 */
import type { Locale } from '../../shared/api/auth.ts'
import {
  CONTRACTS_MAX,
  type ContractDetail,
  type ContractSummary,
  type Schedule,
} from '../../shared/api/contracts.ts'
import { viennaDay } from '../../shared/dates.ts'
import { maskIban } from '../../shared/iban.ts'
import { buildPlan, effectiveRatePct, regularInstalment, type PlanRow } from '../contracts/plan.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import { ApiError } from '../errors.ts'
import { activatedCustomerId } from './activation.ts'
import type { ServiceContext } from './context.ts'
import type { Principal } from './sessions.ts'

/** GET /contracts: newest first. */
export async function listContracts(
  ctx: ServiceContext,
  principal: Principal,
): Promise<ContractSummary[]> {
  const customerId = activatedCustomerId(principal)
  const today = viennaDay(ctx.clock.now())
  return (await ctx.repos.contracts.listByCustomer(customerId))
    .slice(0, CONTRACTS_MAX)
    .map((contract) => summary(contract, buildPlan(contract), today, principal.account.locale))
}

/** GET /contracts/{id}. */
export async function getContract(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<ContractDetail> {
  const contract = await ownContract(ctx, principal, id)
  const plan = buildPlan(contract)
  const today = viennaDay(ctx.clock.now())
  const base = summary(contract, plan, today, principal.account.locale)
  const customer = await ctx.repos.customers.byId(contract.customerId)
  const last = plan.at(-1)
  return {
    ...base,
    financedAmountCents: contract.financedAmountCents,
    downPaymentCents: contract.downPaymentCents,
    nominalRatePct: contract.nominalRateBp / 100,
    effectiveRatePct: effectiveRatePct(contract, plan),
    finalInstalmentCents: contract.product === 'balloon' && last ? last.instalmentCents : null,
    residualValueCents: contract.product === 'leasing' ? contract.finalAmountCents : null,
    mileagePerYearKm: contract.product === 'leasing' ? contract.mileagePerYearKm : null,
    paymentsRemaining: plan.length - base.paymentsMade,
    paymentDay: contract.paymentDay,
    bankAccount: customer?.iban ? { ibanMasked: maskIban(customer.iban) } : null,
  }
}

/** GET /contracts/{id}/schedule. */
export async function getSchedule(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<Schedule> {
  const contract = await ownContract(ctx, principal, id)
  const plan = buildPlan(contract)
  const paid = paidCount(plan, viennaDay(ctx.clock.now()))
  return {
    currency: contract.currency,
    items: plan.map((row, index) => ({
      ...row,
      status: index < paid ? 'paid' : index === paid ? 'due' : 'upcoming',
    })),
  }
}

/** The caller's contract `id`; 404 when it is not theirs (or does not exist). */
export async function ownContract(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<ContractRecord> {
  const contract = await ctx.repos.contracts.byPublicId(activatedCustomerId(principal), id)
  if (!contract) throw new ApiError(404, 'not_found', 'There is no such contract.')
  return contract
}

/** Instalments whose due date lies before today have been collected. */
function paidCount(plan: readonly PlanRow[], today: string): number {
  const next = plan.findIndex((row) => row.dueDate >= today)
  return next === -1 ? plan.length : next
}

function summary(
  contract: ContractRecord,
  plan: readonly PlanRow[],
  today: string,
  locale: Locale,
): ContractSummary {
  const paid = paidCount(plan, today)
  const settled = paid === plan.length
  const lastPaid = plan[paid - 1]
  return {
    id: contract.publicId,
    number: contract.number,
    product: contract.product,
    status: settled ? 'settled' : 'active',
    vehicle: { ...contract.vehicle, model: contract.vehicle.model[locale] },
    startDate: contract.startDate,
    endDate: plan.at(-1)?.dueDate ?? contract.startDate,
    termMonths: contract.termMonths,
    monthlyInstalmentCents: regularInstalment(contract),
    outstandingBalanceCents: settled
      ? 0
      : (lastPaid?.balanceAfterCents ?? contract.financedAmountCents),
    nextPaymentDate: settled ? null : (plan[paid]?.dueDate ?? null),
    paymentsMade: paid,
    currency: contract.currency,
  }
}
