/**
 * The repayment simulator: both variants (same instalment, same term) for one
 * amount and day, asked for together once the customer pauses (debounced), of
 * which only the latest answer counts.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Simulation, SimulationKeep } from '../../../shared/api/simulator.ts'
import type { UserError } from '../api/errors.ts'
import * as simulatorApi from '../api/simulator.ts'
import { latestLoad } from './latest-load.ts'

/** How long the customer may pause on the slider before the figures are asked for. */
export const SIMULATION_DEBOUNCE_MS = 350

export type Variants = Record<SimulationKeep, Simulation>

export interface SimulationInput {
  contractId: string
  amountCents: number
  date: string
}

export const useSimulatorStore = defineStore('simulator', () => {
  const variants = shallowRef<Variants | null>(null)
  /** The input the variants shown are for. */
  const shownFor = shallowRef<SimulationInput | null>(null)
  const loading = ref(false)
  const error = ref<UserError | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  const simulations = latestLoad()

  async function run(input: SimulationInput): Promise<void> {
    const body = { specialRepaymentCents: input.amountCents, date: input.date }
    await simulations.run(
      () =>
        Promise.all([
          simulatorApi.simulate(input.contractId, { ...body, keep: 'instalment' }),
          simulatorApi.simulate(input.contractId, { ...body, keep: 'term' }),
        ]),
      {
        done: ([instalment, term]) => {
          variants.value = { instalment, term }
          shownFor.value = input
          error.value = null
        },
        failed: (failure) => (error.value = failure),
        loading,
      },
    )
  }

  /** Asks for both variants once nothing has changed for SIMULATION_DEBOUNCE_MS. */
  function request(input: SimulationInput): void {
    if (timer !== null) clearTimeout(timer)
    loading.value = true
    timer = setTimeout(() => {
      timer = null
      void run(input)
    }, SIMULATION_DEBOUNCE_MS)
  }

  /** Drops what is pending and shown (another contract, an amount the app refuses itself). */
  function clear(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    simulations.cancel()
    loading.value = false
    variants.value = null
    shownFor.value = null
    error.value = null
  }

  return { variants, shownFor, loading, error, request, clear }
})
