/**
 * The postbox's filter, kept in the route query (router/postbox-query.ts): the
 * documents store follows the query, a change of filter goes into the history
 * (back returns to the last one; typing in the search replaces it). Also the
 * years the year filter offers.
 */
import { computed, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { DocumentFilter } from '../../../../shared/api/documents.ts'
import { viennaDay } from '../../../../shared/dates.ts'
import { filterFromQuery, queryFromFilter, YEAR_MIN } from '../../router/postbox-query.ts'
import { useContractsStore } from '../../stores/contracts.ts'
import { useDocumentsStore } from '../../stores/documents.ts'

export function usePostboxFilter() {
  const route = useRoute()
  const router = useRouter()
  const documents = useDocumentsStore()
  const contractsStore = useContractsStore()

  const filter = computed<DocumentFilter>(() => filterFromQuery(route.query))

  // Route query → list. Not while leaving: the next page's query is not a filter.
  watch(
    filter,
    (next) => {
      if (route.name === 'postbox') void documents.setFilter(next)
    },
    { immediate: true },
  )

  /** A new filter goes into the history (back returns to the last one); typing replaces it. */
  function changeFilter(next: DocumentFilter, typing = false): void {
    const location = { name: 'postbox', query: queryFromFilter(next) }
    void (typing ? router.replace(location) : router.push(location))
  }

  function clearFilters(): void {
    changeFilter({})
  }

  /** The years a letter can be from: from the oldest contract's start to this year. */
  const years = computed<number[]>(() => {
    const thisYear = Number(viennaDay(new Date()).slice(0, 4))
    const starts = contractsStore.list.map((c) => Number(c.startDate.slice(0, 4)))
    const first = Math.max(YEAR_MIN, Math.min(thisYear - 1, ...starts))
    const list: number[] = []
    for (let year = thisYear; year >= first; year--) list.push(year)
    const chosen = filter.value.year
    if (chosen !== undefined && !list.includes(chosen)) list.push(chosen)
    return list.sort((a, b) => b - a)
  })

  return { changeFilter, clearFilters, years }
}
