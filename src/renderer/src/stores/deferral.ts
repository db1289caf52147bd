/**
 * Payment difficulties: the preview of a payment deferral (the new plan and the
 * extra interest) for the months and first due date chosen, of which only the
 * latest answer counts, and why a contract cannot have one (409 not_eligible).
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { NotEligibleReason } from '../../../shared/api/service-requests.ts'
import type { DeferralPreview } from '../../../shared/api/simulator.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import { notEligibleReason } from '../api/services.ts'
import * as simulatorApi from '../api/simulator.ts'

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
  let latest = 0

  async function load(input: DeferralInput): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const answer = await simulatorApi.previewDeferral(input.contractId, {
        months: input.months,
        firstDueDate: input.firstDueDate,
      })
      if (ticket !== latest) return
      preview.value = answer
      previewFor.value = input
      error.value = null
      notEligible.value = null
    } catch (caught) {
      if (ticket !== latest) return
      preview.value = null
      notEligible.value = notEligibleReason(caught)
      error.value = notEligible.value ? null : toUserError(caught)
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  function clear(): void {
    latest++
    preview.value = null
    previewFor.value = null
    loading.value = false
    error.value = null
    notEligible.value = null
  }

  return { preview, previewFor, loading, error, notEligible, load, clear }
})
