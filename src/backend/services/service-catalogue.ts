/**
 * The service catalogue's rules against one contract: whether a type fits it
 * (409 not_eligible with a reason), the bounds its details must keep that
 * depend on the contract and the day (400 validation_failed naming the field),
 * and the catalogue answered for a contract with those bounds in its schemas.
 * The shapes of the details are checked earlier, by the route's JSON schema.
 */
import {
  DEFERRAL_FIRST_WITHIN_INSTALMENTS,
  DEFERRAL_INTERVAL_MONTHS,
  DEFERRAL_NOT_IN_LAST_MONTHS,
  PAYMENT_DAYS,
  PAYOFF_MAX_DAYS_AHEAD,
  RECENT_ADDRESS_CHANGE_DAYS,
  RETURN_APPOINTMENT_MAX_DAYS_AFTER_END,
  RETURN_APPOINTMENT_MIN_DAYS_AHEAD,
  SPECIAL_REPAYMENT_MIN_CENTS,
  SERVICE_CATALOGUE,
  serviceDefinition,
  TRAVEL_MAX_MONTHS_AHEAD,
  type DetailsSchema,
  type JsonSchema,
  type NotEligibleReason,
  type ServiceType,
  type ServiceTypeInfo,
} from '../../shared/api/service-requests.ts'
import { addDays, addMonths } from '../../shared/dates.ts'
import type { FieldReason } from '../../shared/errors.ts'
import { ibanFromBban } from '../../shared/iban.ts'
import { deferralStart } from '../contracts/deferral.ts'
import { buildPlan, type PlanRow } from '../contracts/plan.ts'
import type { ContractRecord } from '../db/repositories/contracts-repository.ts'
import type { ServiceRequestsRepository } from '../db/repositories/service-requests-repository.ts'
import type { TransferDetails } from '../documents/kinds.ts'
import { ApiError } from '../errors.ts'

/** The bank's account for transfers from customers (payoff, special repayment). */
/** The bank's SEPA creditor identifier (ISO 7064 check digits), printed on every mandate. */
export const SEPA_CREDITOR_ID = 'AT25ZZZ00000004821'

export const BANK_ACCOUNT = {
  accountHolder: 'BMW Austria Bank GmbH',
  iban: ibanFromBban('AT', '1950000004821170'),
  bic: 'BMWBATW1XXX',
} as const

/** Where a payment for the contract goes: the bank's account, with the contract and request as reference. */
export const transferFor = (contract: ContractRecord, reference: string): TransferDetails => ({
  ...BANK_ACCOUNT,
  paymentReference: `${contract.number} ${reference}`,
})

/** 409 not_eligible with the reason the app shows (`error.reason`). */
export class NotEligibleError extends ApiError {
  declare readonly reason: NotEligibleReason

  constructor(reason: NotEligibleReason) {
    super(409, 'not_eligible', `This service does not apply to this contract (${reason}).`, {
      reason,
    })
  }
}

/** A contract as the services see it on a day. */
export interface ContractState {
  contract: ContractRecord
  plan: PlanRow[]
  /** The bank's day (Vienna). */
  today: string
  /** Instalments collected (due before today), as GET /contracts counts them. */
  paid: number
  settled: boolean
  /** The first instalment not yet collected (null once settled). */
  due: PlanRow | null
  endDate: string
}

/** The contract's state on a day. */
export function contractState(contract: ContractRecord, today: string): ContractState {
  const plan = buildPlan(contract)
  const next = plan.findIndex((row) => row.dueDate >= today)
  const paid = next === -1 ? plan.length : next
  return {
    contract,
    plan,
    today,
    paid,
    settled: paid === plan.length,
    due: plan[paid] ?? null,
    endDate: plan.at(-1)?.dueDate ?? contract.startDate,
  }
}

type Bound = { min?: string | number; max?: string | number; values?: readonly number[] }

/** The contract's and the day's bounds of a type's details, by field. */
export function detailBounds(type: ServiceType, state: ContractState): Record<string, Bound> {
  const { today, contract } = state
  switch (type) {
    case 'payoff_quote': {
      const latest = addDays(today, PAYOFF_MAX_DAYS_AHEAD)
      const beforeEnd = addDays(state.endDate, -1)
      return { payoffDate: { min: today, max: latest < beforeEnd ? latest : beforeEnd } }
    }
    case 'payment_day_change':
      return { newPaymentDay: { values: PAYMENT_DAYS.filter((d) => d !== contract.paymentDay) } }
    case 'travel_abroad_permission': {
      const latest = addMonths(today, TRAVEL_MAX_MONTHS_AHEAD)
      return { from: { min: today, max: latest }, to: { min: today, max: latest } }
    }
    case 'balance_confirmation':
      return { asOf: { min: contract.startDate, max: today } }
    case 'special_repayment':
      // Less than what is left after the next instalment: the back office answers within
      // days, so at most that instalment is collected before the repayment is booked.
      return {
        amountCents: {
          min: SPECIAL_REPAYMENT_MIN_CENTS,
          max: (state.due?.balanceAfterCents ?? 0) - 1,
        },
      }
    case 'payment_deferral':
      // One of the next instalments not yet collected.
      return {
        firstDueDate: {
          min: state.due?.dueDate ?? state.today,
          max:
            state.plan[state.paid + DEFERRAL_FIRST_WITHIN_INSTALMENTS - 1]?.dueDate ??
            state.endDate,
        },
      }
    case 'bank_details_change':
    case 'vehicle_certificate_release':
    case 'contract_copy':
    case 'purchase_quote':
    case 'contract_extension':
    case 'final_instalment_refinance':
      return {}
    case 'lease_return_appointment':
      return {
        date: {
          min: addDays(today, RETURN_APPOINTMENT_MIN_DAYS_AHEAD),
          max: addDays(state.endDate, RETURN_APPOINTMENT_MAX_DAYS_AFTER_END),
        },
      }
  }
}

/** What else the eligibility needs to know: the contract's other requests. */
export type RequestLookup = Pick<ServiceRequestsRepository, 'countForContract'>

/** Why the type does not fit the contract, or null when it does. */
export async function ineligibility(
  type: ServiceType,
  state: ContractState,
  requests: RequestLookup,
): Promise<NotEligibleReason | null> {
  const definition = serviceDefinition(type)
  const { contract } = state
  if (definition.handling === 'profile') return 'use_profile'
  if (!definition.products.includes(contract.product)) return 'product_not_eligible'
  if (state.settled && !definition.contractStatuses.includes('settled')) return 'contract_settled'
  if (!state.settled && !definition.contractStatuses.includes('active'))
    return 'contract_not_settled'
  const open = async (): Promise<boolean> =>
    (await requests.countForContract(contract.id, type, ['received', 'in_progress'])) > 0
  switch (type) {
    case 'payoff_quote': {
      const { min, max } = detailBounds(type, state).payoffDate ?? {}
      return min !== undefined && max !== undefined && max < min ? 'term_ending' : null
    }
    case 'payment_day_change':
      if (state.endDate <= addMonths(state.today, 2)) return 'term_ending'
      return (await open()) ? 'request_pending' : null
    case 'special_repayment': {
      const { min, max } = detailBounds(type, state).amountCents ?? {}
      if (state.due === state.plan.at(-1) || Number(max) < Number(min)) return 'term_ending'
      return (await open()) ? 'request_pending' : null
    }
    case 'vehicle_certificate_release':
      if ((await requests.countForContract(contract.id, type, ['completed'])) > 0)
        return 'already_released'
      return (await open()) ? 'request_pending' : null
    case 'payment_deferral': {
      if (state.endDate <= addMonths(state.today, DEFERRAL_NOT_IN_LAST_MONTHS)) return 'term_ending'
      const since = `${addMonths(state.today, -DEFERRAL_INTERVAL_MONTHS)}T00:00:00.000Z`
      const recent = await requests.countForContract(
        contract.id,
        type,
        ['received', 'in_progress', 'completed'],
        since,
      )
      return recent > 0 ? 'deferral_within_year' : null
    }
    case 'travel_abroad_permission':
    case 'balance_confirmation':
    case 'contract_copy':
    case 'bank_details_change':
      return null
    case 'purchase_quote':
      // Bought at the end of term: once that day has come, the contract is settled.
      return state.endDate < state.today ? 'term_ending' : null
    case 'lease_return_appointment':
    case 'contract_extension':
    case 'final_instalment_refinance':
      return (await open()) ? 'request_pending' : null
  }
}

/**
 * Why these details cannot be carried out now, or null: the Typenschein proves
 * ownership, so it goes by post only once the address has been on file for
 * RECENT_ADDRESS_CHANGE_DAYS (an address changed with a stolen session must not
 * receive it). Collection stays possible. `lastAddressChange`: an ISO instant or null.
 */
function deliveryIneligibility(
  type: ServiceType,
  details: Record<string, unknown>,
  lastAddressChange: string | null,
  now: Date,
): NotEligibleReason | null {
  if (type !== 'vehicle_certificate_release' || details.delivery !== 'post') return null
  if (lastAddressChange === null) return null
  const hold = RECENT_ADDRESS_CHANGE_DAYS * 86_400_000
  return Date.parse(lastAddressChange) + hold > now.getTime() ? 'recent_address_change' : null
}

/** Why the request (its type, then its details) cannot be carried out now, or null. */
export async function requestIneligibility(
  request: { type: ServiceType; details: Record<string, unknown> },
  state: ContractState,
  requests: RequestLookup,
  lastAddressChange: string | null,
  now: Date,
): Promise<NotEligibleReason | null> {
  return (
    (await ineligibility(request.type, state, requests)) ??
    deliveryIneligibility(request.type, request.details, lastAddressChange, now)
  )
}

/**
 * The details' problems against the contract and the day, as `details.<field>`
 * reasons (the shape has been checked by the schema already).
 */
export function detailProblems(
  type: ServiceType,
  details: Record<string, unknown>,
  state: ContractState,
): Record<string, FieldReason> {
  const problems: Record<string, FieldReason> = {}
  for (const [field, bound] of Object.entries(detailBounds(type, state))) {
    const value = details[field]
    if (value === undefined) continue
    if (bound.values && !bound.values.includes(Number(value))) {
      problems[`details.${field}`] = 'invalid_value'
    } else if (
      (bound.min !== undefined && (value as string | number) < bound.min) ||
      (bound.max !== undefined && (value as string | number) > bound.max)
    ) {
      problems[`details.${field}`] = 'out_of_range'
    }
  }
  if (
    type === 'travel_abroad_permission' &&
    !problems['details.to'] &&
    String(details.to) < String(details.from)
  ) {
    problems['details.to'] = 'out_of_range'
  }
  if (type === 'payment_deferral' && !problems['details.firstDueDate']) {
    const field = deferralProblem(state, String(details.firstDueDate), Number(details.months))
    if (field) problems[`details.${field}`] = field === 'months' ? 'out_of_range' : 'invalid_value'
  }
  return problems
}

/**
 * A deferral's day must be an instalment's due date, and the deferred ones may
 * not reach the last instalment: the field at fault, or null.
 */
export function deferralProblem(
  state: ContractState,
  firstDueDate: string,
  months: number,
): 'firstDueDate' | 'months' | null {
  const k = deferralStart(state.plan, firstDueDate)
  if (k === -1 || k < state.paid) return 'firstDueDate'
  return k + months > state.plan.length - 1 ? 'months' : null
}

/** A type's schema with the contract's bounds as standard keywords, for the app's form. */
function boundedFields(fields: DetailsSchema, bounds: Record<string, Bound>): DetailsSchema {
  const properties: Record<string, JsonSchema> = {}
  for (const [name, schema] of Object.entries(fields.properties)) {
    const bound = bounds[name]
    if (!bound) {
      properties[name] = schema
      continue
    }
    const dates = schema.format === 'date'
    properties[name] = {
      ...schema,
      ...(bound.min !== undefined ? { [dates ? 'formatMinimum' : 'minimum']: bound.min } : {}),
      ...(bound.max !== undefined ? { [dates ? 'formatMaximum' : 'maximum']: bound.max } : {}),
      ...(bound.values ? { enum: [...bound.values] } : {}),
    }
  }
  return { ...fields, properties }
}

/** GET /service-types: the catalogue, and with a contract, whether and how each type fits it. */
export async function catalogueFor(
  state: ContractState | null,
  requests: RequestLookup,
): Promise<ServiceTypeInfo[]> {
  const items: ServiceTypeInfo[] = []
  for (const definition of SERVICE_CATALOGUE) {
    if (!state) {
      items.push({ ...definition })
      continue
    }
    const reason = await ineligibility(definition.type, state, requests)
    items.push({
      ...definition,
      fields: boundedFields(definition.fields, detailBounds(definition.type, state)),
      eligibility: { eligible: reason === null, reason },
    })
  }
  return items
}
