/** The customer's contracts (api.md "Contracts"), with their shapes checked. */
import {
  PRODUCTS,
  type ContractDetail,
  type ContractSummary,
  type Schedule,
  type ScheduleRow,
} from '../../../shared/api/contracts.ts'
import { apiClient } from './client.ts'
import { isDate, isInteger, isRecord, oneOf, unexpected } from './shape.ts'

const isNullable =
  <T>(check: (value: unknown) => value is T) =>
  (value: unknown): value is T | null =>
    value === null || check(value)

function isSummary(value: unknown): value is ContractSummary {
  if (!isRecord(value) || !isRecord(value.vehicle)) return false
  const v = value.vehicle
  return (
    typeof value.id === 'string' &&
    typeof value.number === 'string' &&
    oneOf(PRODUCTS, value.product) &&
    oneOf(['active', 'settled'] as const, value.status) &&
    typeof v.make === 'string' &&
    typeof v.model === 'string' &&
    typeof v.vin === 'string' &&
    typeof v.registrationPlate === 'string' &&
    isDate(value.startDate) &&
    isDate(value.endDate) &&
    isInteger(value.termMonths) &&
    isInteger(value.monthlyInstalmentCents) &&
    isInteger(value.outstandingBalanceCents) &&
    isNullable(isDate)(value.nextPaymentDate) &&
    isInteger(value.paymentsMade) &&
    typeof value.currency === 'string'
  )
}

function isDetail(value: unknown): value is ContractDetail {
  if (!isSummary(value)) return false
  const d = value as unknown as Record<string, unknown>
  return (
    isInteger(d.financedAmountCents) &&
    isInteger(d.downPaymentCents) &&
    typeof d.nominalRatePct === 'number' &&
    typeof d.effectiveRatePct === 'number' &&
    isNullable(isInteger)(d.finalInstalmentCents) &&
    isNullable(isInteger)(d.residualValueCents) &&
    isNullable(isInteger)(d.mileagePerYearKm) &&
    isInteger(d.paymentsRemaining) &&
    isInteger(d.paymentDay) &&
    (d.bankAccount === null ||
      (isRecord(d.bankAccount) && typeof d.bankAccount.ibanMasked === 'string'))
  )
}

function isRow(value: unknown): value is ScheduleRow {
  return (
    isRecord(value) &&
    isInteger(value.n) &&
    isDate(value.dueDate) &&
    isInteger(value.instalmentCents) &&
    isInteger(value.interestCents) &&
    isInteger(value.principalCents) &&
    isInteger(value.balanceAfterCents) &&
    oneOf(['paid', 'due', 'upcoming'] as const, value.status)
  )
}

/** GET /contracts. */
export async function listContracts(): Promise<ContractSummary[]> {
  const { data } = await apiClient.get<unknown>('/contracts')
  if (!isRecord(data) || !Array.isArray(data.items) || !data.items.every(isSummary))
    throw unexpected('GET /contracts')
  return data.items
}

/** GET /contracts/{id}; rejects with 404 for a contract that is not the customer's. */
export async function getContract(id: string): Promise<ContractDetail> {
  const { data } = await apiClient.get<unknown>(`/contracts/${encodeURIComponent(id)}`)
  if (!isDetail(data)) throw unexpected('GET /contracts/{id}')
  return data
}

/** GET /contracts/{id}/schedule. */
export async function getSchedule(id: string): Promise<Schedule> {
  const { data } = await apiClient.get<unknown>(`/contracts/${encodeURIComponent(id)}/schedule`)
  if (
    !isRecord(data) ||
    typeof data.currency !== 'string' ||
    !Array.isArray(data.items) ||
    !data.items.every(isRow)
  )
    throw unexpected('GET /contracts/{id}/schedule')
  return { currency: data.currency, items: data.items }
}
