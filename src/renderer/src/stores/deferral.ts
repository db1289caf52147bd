/**
 * Payment difficulties: the preview of a payment deferral (the new plan and the
 * extra interest) for the months and first due date chosen, of which only the
 * latest answer counts, and why a contract cannot have one (409 not_eligible).
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { NotEligibleReason } from '../../../shared/api/service-requests.ts'
import type { DeferralPreview } from '../../../shared/api/simulator.ts'
import type { UserError } from '../api/errors.ts'
import { notEligibleReason } from '../api/services.ts'
import * as simulatorApi from '../api/simulator.ts'
import { latestLoad } from './latest-load.ts'

export interface DeferralInput {
  contractId: string
  months: number
  firstDueDate: string
}

export const useDeferralStore = defineStore('deferral', () => {
  const preview = shallowRef<DeferralPreview | null>(null)
  const previewFor = shallowRef<DeferralInput | null>(null)
  const loading = ref(false)
  const error = ref<UserError | null>(null)
  /** Why the contract cannot have a deferral now, from the preview's 409. */
  const notEligible = ref<NotEligibleReason | null>(null)
  const previews = latestLoad()

  async function load(input: DeferralInput): Promise<void> {
    const body = { months: input.months, firstDueDate: input.firstDueDate }
    await previews.run(() => simulatorApi.previewDeferral(input.contractId, body), {
      done: (answer) => {
        preview.value = answer
        previewFor.value = input
        error.value = null
        notEligible.value = null
      },
      failed: (failure, caught) => {
        preview.value = null
        notEligible.value = notEligibleReason(caught)
        error.value = notEligible.value ? null : failure
      },
      loading,
    })
  }

  function clear(): void {
    previews.cancel()
    preview.value = null
    previewFor.value = null
    loading.value = false
    error.value = null
    notEligible.value = null
  }

  return { preview, previewFor, loading, error, notEligible, load, clear }
})
