/** Demo mode only: the demo mailbox (the outbox), the demo customers and the demo clock. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as devApi from '../api/dev.ts'
import type { DemoCustomer, OutboxItem } from '../api/dev.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import { useContractsStore } from './contracts.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed'

/** Newest first; the id breaks ties within one second. */
function newestFirst(a: OutboxItem, b: OutboxItem): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt)
  return byTime !== 0 && !Number.isNaN(byTime) ? byTime : b.id - a.id
}

export const useDemoStore = defineStore('demo', () => {
  const outbox = ref<OutboxItem[]>([])
  const outboxStatus = ref<LoadStatus>('idle')
  const outboxError = ref<UserError | null>(null)
  const customers = ref<DemoCustomer[]>([])
  const customersStatus = ref<LoadStatus>('idle')
  const customersError = ref<UserError | null>(null)
  /** The demo clock after the last move (ISO instant), or null. */
  const clockNow = ref<string | null>(null)

  /** Loads the outbox; a failure keeps what was shown and says so. */
  async function loadOutbox(): Promise<void> {
    if (outboxStatus.value === 'loading') return
    outboxStatus.value = 'loading'
    try {
      outbox.value = (await devApi.getOutbox()).sort(newestFirst)
      outboxError.value = null
      outboxStatus.value = 'ready'
    } catch (error) {
      outboxError.value = toUserError(error)
      outboxStatus.value = 'failed'
    }
  }

  async function loadCustomers(): Promise<void> {
    if (customersStatus.value === 'loading') return
    customersStatus.value = 'loading'
    try {
      customers.value = await devApi.getDemoCustomers()
      customersError.value = null
      customersStatus.value = 'ready'
    } catch (error) {
      customersError.value = toUserError(error)
      customersStatus.value = 'failed'
    }
  }

  /** The bytes of a message's attachment (`index` its position), to view a PDF in the app. */
  function outboxAttachment(messageId: number, index: number): Promise<ArrayBuffer> {
    return devApi.getOutboxAttachment(messageId, index)
  }

  /** Moves the demo clock forward; rejects with the API error. */
  async function advanceClock(seconds: number): Promise<void> {
    clockNow.value = await devApi.advanceClock(seconds)
    // Instalments may have fallen due meanwhile: the contracts are asked for again.
    useContractsStore().invalidateList()
    // Links may have expired and registrations been swept: show the current state.
    await Promise.all([loadOutbox(), loadCustomers()])
  }

  return {
    outbox,
    outboxStatus,
    outboxError,
    customers,
    customersStatus,
    customersError,
    clockNow,
    loadOutbox,
    loadCustomers,
    outboxAttachment,
    advanceClock,
  }
})
