/**
 * Lease end and mileage: one contract's odometer readings with the projection,
 * and one contract's end of term. Each is loaded for the page that shows it; a
 * recorded reading loads the mileage again (the projection is the backend's).
 */
import { defineStore } from 'pinia'
import type { MileageReadingBody } from '../../../shared/api/lease-end.ts'
import * as leaseEndApi from '../api/lease-end.ts'
import { keyedLoad } from './keyed-load.ts'
import { resetOnCustomerChange } from './session.ts'

export const useLeaseEndStore = defineStore('leaseEnd', () => {
  const mileage = keyedLoad((id) => leaseEndApi.getMileage(id))
  const endOfTerm = keyedLoad((id) => leaseEndApi.getEndOfTerm(id))

  /** Records a reading (rejects with the API's refusal), then shows the new projection. */
  async function recordReading(id: string, body: MileageReadingBody): Promise<void> {
    await leaseEndApi.addMileageReading(id, body)
    await mileage.load(id)
  }

  function reset(): void {
    mileage.reset()
    endOfTerm.reset()
  }
  resetOnCustomerChange((customer) => customer.customerNumber, reset)

  return {
    /** The mileage of `mileageOf`; null while unknown. */
    mileage: mileage.value,
    mileageOf: mileage.of,
    mileageLoading: mileage.loading,
    mileageError: mileage.error,
    /** The end of term of `endOfTermOf`; null while unknown. */
    endOfTerm: endOfTerm.value,
    endOfTermOf: endOfTerm.of,
    endOfTermLoading: endOfTerm.loading,
    endOfTermError: endOfTerm.error,
    /** The mileage of contract `id`; a failure sets `mileageError` (never rejects). */
    loadMileage: mileage.load,
    recordReading,
    /** The end of term of contract `id`; a failure sets `endOfTermError` (never rejects). */
    loadEndOfTerm: endOfTerm.load,
    reset,
  }
})
