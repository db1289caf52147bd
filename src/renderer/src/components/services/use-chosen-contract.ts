/**
 * The contract the services page is for: `?contract=<id>` when it is one of the
 * customer's, else the first active one (else the first). Choosing another one
 * replaces the query. Only the contracts the customer holds: services on a
 * contract read as co-borrower are its holder's (403 holder_only).
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
  /** The contracts services can be asked for: the customer's own. */
  const contracts = computed(() => contractsStore.list.filter((c) => c.role === 'holder'))
  const held = (id: string | null): ContractSummary | undefined =>
    id === null ? undefined : contracts.value.find((c) => c.id === id)
  /** The chosen contract: the query's when it is one of the customer's, else the first active one. */
  const contract = computed<ContractSummary | null>(() => {
    const list = contracts.value
    return held(queryContract.value) ?? list.find((c) => c.status === 'active') ?? list[0] ?? null
  })
  const unknownContract = computed(
    () =>
      contractsStore.listStatus === 'ready' &&
      queryContract.value !== null &&
      held(queryContract.value) === undefined,
  )

  const contractId = computed({
    get: () => contract.value?.id ?? '',
    set: (id: string) => void router.replace({ name: 'services', query: { contract: id } }),
  })

  return { contracts, contract, unknownContract, contractId }
}
