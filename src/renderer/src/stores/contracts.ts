/**
 * The customer's contracts: the list (which the contracts, postbox and services
 * pages share) and one contract's detail with its instalment plan. The list is
 * kept while nothing can have changed it, so moving between the pages asks once;
 * a retry, another language (the vehicles' names) or another customer asks again.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { ContractDetail, ContractSummary, Schedule } from '../../../shared/api/contracts.ts'
import * as contractsApi from '../api/contracts.ts'
import type { UserError } from '../api/errors.ts'
import type { ListStatus } from './documents.ts'
import { latestLoad, loadView } from './latest-load.ts'
import { resetOnCustomerChange, useSessionStore } from './session.ts'

/**
 * How long a loaded list is served without asking again: long enough for a
 * walk through the pages, short enough that a window left open shows today's
 * figures (a payment booked, the next due date moved on).
 */
export const CONTRACTS_MAX_AGE_MS = 5 * 60_000

export const useContractsStore = defineStore('contracts', () => {
  const session = useSessionStore()

  /** The list; empty until loaded. */
  const list = shallowRef<readonly ContractSummary[]>([])
  const listStatus = ref<ListStatus>('idle')
  const listError = ref<UserError | null>(null)
  const byId = computed(() => new Map(list.value.map((c) => [c.id, c])))
  /**
   * The list's state as a page that needs it shows it (LoadState's props): loading
   * until it is there; failed only when there is none (a quiet reload that fails
   * keeps the list); the retry asks again.
   */
  const listState = loadView({ status: listStatus, error: listError }, retryList, true)

  /** The contract shown on its own page, with its plan; null while unknown. */
  const detail = shallowRef<ContractDetail | null>(null)
  const schedule = shallowRef<Schedule | null>(null)
  const detailLoading = ref(false)
  const detailError = ref<UserError | null>(null)

  // When the list shown was asked for (Date.now()), null when it must be asked again.
  let listLoadedAt: number | null = null
  let listRequest: Promise<void> | null = null
  const listLoad = latestLoad()
  const detailLoad = latestLoad()

  function listIsFresh(): boolean {
    return (
      listStatus.value === 'ready' &&
      listLoadedAt !== null &&
      Date.now() - listLoadedAt < CONTRACTS_MAX_AGE_MS
    )
  }

  /**
   * The list: the kept one while it is fresh, else from the API (one request for
   * callers at the same time). `force` asks again in any case (a retry, a refresh).
   * A failure sets `listError` and keeps a list shown before ('ready'); it never rejects.
   */
  function loadList(options: { force?: boolean } = {}): Promise<void> {
    if (!options.force && listIsFresh()) return Promise.resolve()
    if (!options.force && listRequest) return listRequest
    // A list already shown stays (with the error beside it when the reload fails).
    const request = listLoad.show(
      { status: listStatus, error: listError, keep: true },
      () => contractsApi.listContracts(),
      (items) => {
        list.value = items
        listLoadedAt = Date.now()
      },
    )
    listRequest = request
    void request.then(() => {
      if (listRequest === request) listRequest = null
    })
    return request
  }

  function retryList(): Promise<void> {
    return loadList({ force: true })
  }

  /** The next `loadList` asks the API (the contracts may have changed). */
  function invalidateList(): void {
    listLoadedAt = null
  }

  /**
   * One contract and its plan. Another contract than the one shown is not shown
   * meanwhile; the same one again stays on screen until the new answer is there.
   * A contract that is not the customer's fails with status 404.
   */
  async function loadDetail(id: string): Promise<void> {
    if (detail.value?.id !== id) {
      detail.value = null
      schedule.value = null
    }
    detailError.value = null
    await detailLoad.run(
      () => Promise.all([contractsApi.getContract(id), contractsApi.getSchedule(id)]),
      {
        done: ([contract, plan]) => {
          detail.value = contract
          schedule.value = plan
        },
        failed: (error) => {
          detail.value = null
          schedule.value = null
          detailError.value = error
        },
        loading: detailLoading,
      },
    )
  }

  /** Forgets everything (another customer, or none). */
  function reset(): void {
    listLoad.cancel()
    detailLoad.cancel()
    listRequest = null
    listLoadedAt = null
    list.value = []
    listStatus.value = 'idle'
    listError.value = null
    detail.value = null
    schedule.value = null
    detailLoading.value = false
    detailError.value = null
  }

  resetOnCustomerChange((customer) => customer.customerNumber, reset)
  // The backend names the vehicles in the customer's language.
  watch(
    () => session.customer?.locale,
    (now, before) => {
      if (now !== before) invalidateList()
    },
  )

  return {
    list,
    listStatus,
    listError,
    byId,
    listState,
    detail,
    schedule,
    detailLoading,
    detailError,
    loadList,
    invalidateList,
    loadDetail,
    reset,
  }
})
