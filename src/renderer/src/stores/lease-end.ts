/**
 * Lease end and mileage: one contract's odometer readings with the projection,
 * and one contract's end of term. Each is loaded for the page that shows it; a
 * recorded reading loads the mileage again (the projection is the backend's).
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { EndOfTerm, Mileage, MileageReadingBody } from '../../../shared/api/lease-end.ts'
import type { UserError } from '../api/errors.ts'
import * as leaseEndApi from '../api/lease-end.ts'
import { latestLoad } from './latest-load.ts'
import { resetOnCustomerChange } from './session.ts'

export const useLeaseEndStore = defineStore('leaseEnd', () => {
  /** The mileage of `mileageOf`; null while unknown. */
  const mileage = shallowRef<Mileage | null>(null)
  const mileageOf = ref<string | null>(null)
  const mileageLoading = ref(false)
  const mileageError = ref<UserError | null>(null)
  /** The end of term of `endOfTermOf`; null while unknown. */
  const endOfTerm = shallowRef<EndOfTerm | null>(null)
  const endOfTermOf = ref<string | null>(null)
  const endOfTermLoading = ref(false)
  const endOfTermError = ref<UserError | null>(null)
  const mileageLoad = latestLoad()
  const endOfTermLoad = latestLoad()

  /** The mileage of contract `id`; a failure sets `mileageError` (never rejects). */
  async function loadMileage(id: string): Promise<void> {
    if (mileageOf.value !== id) mileage.value = null
    mileageOf.value = id
    mileageLoading.value = true
    mileageError.value = null
    await mileageLoad.run(() => leaseEndApi.getMileage(id), {
      done: (value) => (mileage.value = value),
      failed: (error) => (mileageError.value = error),
    })
    mileageLoading.value = false
  }

  /** Records a reading (rejects with the API's refusal), then shows the new projection. */
  async function recordReading(id: string, body: MileageReadingBody): Promise<void> {
    await leaseEndApi.addMileageReading(id, body)
    await loadMileage(id)
  }

  /** The end of term of contract `id`; a failure sets `endOfTermError` (never rejects). */
  async function loadEndOfTerm(id: string): Promise<void> {
    if (endOfTermOf.value !== id) endOfTerm.value = null
    endOfTermOf.value = id
    endOfTermLoading.value = true
    endOfTermError.value = null
    await endOfTermLoad.run(() => leaseEndApi.getEndOfTerm(id), {
      done: (value) => (endOfTerm.value = value),
      failed: (error) => (endOfTermError.value = error),
    })
    endOfTermLoading.value = false
  }

  function reset(): void {
    mileage.value = null
    mileageOf.value = null
    endOfTerm.value = null
    endOfTermOf.value = null
    mileageError.value = null
    endOfTermError.value = null
  }
  resetOnCustomerChange((customer) => customer.customerNumber, reset)

  return {
    mileage,
    mileageOf,
    mileageLoading,
    mileageError,
    endOfTerm,
    endOfTermOf,
    endOfTermLoading,
    endOfTermError,
    loadMileage,
    recordReading,
    loadEndOfTerm,
    reset,
  }
})
