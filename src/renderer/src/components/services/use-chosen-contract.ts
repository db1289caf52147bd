/**
 * The contract the services page is for: `?contract=<id>` when it is one of the
 * customer's, else the first active one (else the first). Choosing another one
 * replaces the query.
 */
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { ContractSummary } from '../../../../shared/api/contracts.ts'
import { useContractsStore } from '../../stores/contracts.ts'

export function useChosenContract() {
  const route = useRoute()
  const router = useRouter()
  const contractsStore = useContractsStore()

  const queryContract = computed(() =>
    typeof route.query.contract === 'string' ? route.query.contract : null,
  )
  /** The chosen contract: the query's when it is one of the customer's, else the first active one. */
  const contract = computed<ContractSummary | null>(() => {
    const list = contractsStore.list
    const chosen = queryContract.value ? contractsStore.byId.get(queryContract.value) : undefined
    return chosen ?? list.find((c) => c.status === 'active') ?? list[0] ?? null
  })
  const unknownContract = computed(
    () =>
      contractsStore.listStatus === 'ready' &&
      queryContract.value !== null &&
      !contractsStore.byId.has(queryContract.value),
  )

  const contractId = computed({
    get: () => contract.value?.id ?? '',
    set: (id: string) => void router.replace({ name: 'services', query: { contract: id } }),
  })

  return { contract, unknownContract, contractId }
}
