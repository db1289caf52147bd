/** The customer's contracts (api.md "Contracts"), their answers checked against the contract. */
import type { ContractDetail, ContractSummary, Schedule } from '../../../shared/api/contracts.ts'
import { call } from './call.ts'

/** GET /contracts. */
export async function listContracts(): Promise<ContractSummary[]> {
  return (await call('GET /contracts', {})).items
}

/** GET /contracts/{id}; rejects with 404 for a contract that is not the customer's. */
export async function getContract(id: string): Promise<ContractDetail> {
  return call('GET /contracts/{id}', { params: { id } })
}

/** GET /contracts/{id}/schedule. */
export async function getSchedule(id: string): Promise<Schedule> {
  return call('GET /contracts/{id}/schedule', { params: { id } })
}
