/**
 * A page about one of the customer's contracts (simulator, payment
 * difficulties): the contracts store's detail once it is that contract's,
 * whether the contract does not exist (404: the page says so instead of an
 * error), and what the page's LoadState shows meanwhile.
 */
import { computed, type ComputedRef } from 'vue'
import type { ContractDetail, ScheduleRow } from '../../../shared/api/contracts.ts'
import type { UserError } from '../api/errors.ts'
import { useContractsStore } from '../stores/contracts.ts'

export interface ContractPage {
  contract: ComputedRef<ContractDetail | null>
  notFound: ComputedRef<boolean>
  /** Still loading, with no earlier answer of this contract to show. */
  loading: ComputedRef<boolean>
  /** The contract's instalment plan once it is loaded, else none. */
  schedule: ComputedRef<ScheduleRow[]>
  /** A failure worth "Erneut versuchen" (not a 404). */
  error: ComputedRef<UserError | null>
  /** Loads the contract (again). */
  load(): void
}

export function useContractPage(id: () => string): ContractPage {
  const contracts = useContractsStore()
  const contract = computed(() => (contracts.detail?.id === id() ? contracts.detail : null))
  const notFound = computed(() => contracts.detailError?.status === 404)
  return {
    contract,
    notFound,
    loading: computed(() => contracts.detailLoading && !contract.value),
    schedule: computed(() => (contract.value ? (contracts.schedule?.items ?? []) : [])),
    error: computed(() => (notFound.value ? null : contracts.detailError)),
    load: () => void contracts.loadDetail(id()),
  }
}
