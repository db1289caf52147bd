// @vitest-environment jsdom
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { ContractDetail, Schedule } from '../../../src/shared/api/contracts.ts'
import {
  CONTRACTS_MAX_AGE_MS,
  useContractsStore,
} from '../../../src/renderer/src/stores/contracts.ts'
import { useDemoStore } from '../../../src/renderer/src/stores/demo.ts'
import { useSessionStore } from '../../../src/renderer/src/stores/session.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { LEASING_CONTRACT, LOAN_CONTRACT } from './support/fake-documents.ts'

const LEASING = LEASING_CONTRACT.id
const LOAN = LOAN_CONTRACT.id

const LEASING_DETAIL: ContractDetail = {
  ...LEASING_CONTRACT,
  financedAmountCents: 2_400_000,
  downPaymentCents: 500_000,
  nominalRatePct: 3.99,
  effectiveRatePct: 4.12,
  finalInstalmentCents: null,
  residualValueCents: 1_200_000,
  mileagePerYearKm: 15_000,
  paymentsRemaining: 16,
  paymentDay: 1,
  bankAccount: { ibanMasked: 'AT61 **** **** **** 1234' },
  parties: [{ role: 'holder', name: 'Anna Huber' }],
}
const LOAN_DETAIL: ContractDetail = {
  ...LEASING_DETAIL,
  ...LOAN_CONTRACT,
  residualValueCents: null,
}
const PLAN: Schedule = {
  currency: 'EUR',
  items: [
    {
      n: 1,
      dueDate: '2023-10-01',
      instalmentCents: 45_781,
      interestCents: 7_980,
      principalCents: 37_801,
      balanceAfterCents: 2_362_199,
      status: 'paid',
    },
  ],
}

/** An answer that waits until the test lets it go. */
function held<T>(value: T): { answer: Promise<T>; release: () => void } {
  let release = (): void => undefined
  const answer = new Promise<T>((resolve) => (release = () => resolve(value)))
  return { answer, release }
}

describe('the contracts store', () => {
  let api: FakeApi

  beforeEach(async () => {
    api = installFakeApi()
      .on('GET', '/contracts', { status: 200, body: { items: [LEASING_CONTRACT, LOAN_CONTRACT] } })
      .on('POST', '/sessions', { status: 201, body: { customer: { ...ANNA, activated: true } } })
      .on('POST', '/dev/clock', {
        status: 200,
        body: { now: '2026-06-02T08:00:00Z', offsetSeconds: 86_400 },
      })
      .on('GET', '/dev/outbox', { status: 200, body: { items: [] } })
      .on('GET', '/dev/customers', { status: 200, body: { items: [] } })
    setActivePinia(createPinia())
    await useSessionStore().signIn({ email: ANNA.email, password: 'x'.repeat(15) })
  })

  afterEach(() => vi.useRealTimers())

  const listCalls = (): number => api.callsTo('GET', '/contracts').length

  it('asks for the list once for all the pages that show it; a retry asks again', async () => {
    const contracts = useContractsStore()
    await contracts.loadList() // "Meine Verträge"
    await contracts.loadList() // the postbox
    await contracts.loadList() // the services
    expect(listCalls()).toBe(1)
    expect(contracts.listStatus).toBe('ready')
    expect(contracts.list.map((c) => c.number)).toEqual(['LE-2025-000731', 'KR-2021-000017'])
    expect(contracts.byId.get(LOAN)?.vehicle.model).toBe('One')

    api.on('GET', '/contracts', { status: 200, body: { items: [LOAN_CONTRACT] } })
    await contracts.loadList({ force: true })
    expect(listCalls()).toBe(2)
    expect(contracts.list.map((c) => c.id)).toEqual([LOAN])
  })

  it('pages opened at the same time share one request', async () => {
    const { answer, release } = held({
      status: 200,
      body: { items: [LEASING_CONTRACT] },
    })
    api.on('GET', '/contracts', () => answer)
    const contracts = useContractsStore()
    const both = Promise.all([contracts.loadList(), contracts.loadList()])
    expect(contracts.listStatus).toBe('loading')
    release()
    await both
    expect(listCalls()).toBe(1)
    expect(contracts.list).toHaveLength(1)
  })

  it('asks again once the list is five minutes old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const contracts = useContractsStore()
    await contracts.loadList()
    vi.advanceTimersByTime(CONTRACTS_MAX_AGE_MS - 1_000)
    await contracts.loadList()
    expect(listCalls()).toBe(1)
    vi.advanceTimersByTime(1_000)
    await contracts.loadList()
    expect(listCalls()).toBe(2)
  })

  it('keeps no failure: the error is said, and the next page asks again', async () => {
    api.on('GET', '/contracts', apiError(503, 'upstream_unavailable'))
    const contracts = useContractsStore()
    await contracts.loadList()
    expect(contracts.listStatus).toBe('failed')
    expect(contracts.listError?.status).toBe(503)
    expect(contracts.list).toEqual([])

    api.on('GET', '/contracts', { status: 200, body: { items: [LEASING_CONTRACT] } })
    await contracts.loadList()
    expect(listCalls()).toBe(2)
    expect(contracts.listStatus).toBe('ready')
    expect(contracts.listError).toBeNull()
  })

  it('a refresh that fails keeps the list shown, with the error beside it', async () => {
    const contracts = useContractsStore()
    await contracts.loadList()
    api.on('GET', '/contracts', 'network')
    await contracts.loadList({ force: true })
    expect(contracts.listStatus).toBe('ready')
    expect(contracts.list).toHaveLength(2)
    expect(contracts.listError?.messageKey).toBe('errors.network')
  })

  it('says the list is loading until it is there, failed only without one, and retries', async () => {
    const contracts = useContractsStore()
    expect(contracts.listState).toMatchObject({ loading: true, error: null })
    api.on('GET', '/contracts', apiError(503, 'upstream_unavailable'))
    await contracts.loadList()
    expect(contracts.listState.loading).toBe(false)
    expect(contracts.listState.error?.status).toBe(503)

    api.on('GET', '/contracts', { status: 200, body: { items: [LEASING_CONTRACT] } })
    await contracts.listState.retry?.()
    expect(contracts.listState).toMatchObject({ loading: false, error: null })
    expect(contracts.list).toHaveLength(1)

    // A reload that fails keeps the list: nothing failed as far as the page is concerned.
    api.on('GET', '/contracts', 'network')
    await contracts.listState.retry?.()
    expect(listCalls()).toBe(3)
    expect(contracts.listState.error).toBeNull()
    expect(contracts.list).toHaveLength(1)
  })

  it('an answer of the wrong shape is an error, and none of it is kept', async () => {
    api.on('GET', '/contracts', {
      status: 200,
      body: { items: [{ ...LEASING_CONTRACT, vehicle: { model: 'Hacked' } }] },
    })
    const contracts = useContractsStore()
    await contracts.loadList()
    expect(contracts.listStatus).toBe('failed')
    expect(contracts.list).toEqual([])
  })

  it('asks again in the customer’s new language (the vehicles’ names)', async () => {
    const contracts = useContractsStore()
    const session = useSessionStore()
    await contracts.loadList()
    session.$patch({ customer: { ...ANNA, activated: true, locale: 'en' } })
    await nextTick()
    await contracts.loadList()
    expect(listCalls()).toBe(2)
  })

  it('forgets the list when the customer signs out, and the next one’s is asked for', async () => {
    const contracts = useContractsStore()
    const session = useSessionStore()
    await contracts.loadList()
    await contracts.loadDetail(LEASING).catch(() => undefined)
    session.reset()
    await nextTick()
    expect(contracts.list).toEqual([])
    expect(contracts.listStatus).toBe('idle')
    expect(contracts.detail).toBeNull()

    await session.signIn({ email: 'max@example.at', password: 'x'.repeat(15) })
    await contracts.loadList()
    expect(listCalls()).toBe(2)
  })

  it('an answer for the customer before does not land after the switch', async () => {
    const { answer, release } = held({ status: 200, body: { items: [LEASING_CONTRACT] } })
    api.on('GET', '/contracts', () => answer)
    const contracts = useContractsStore()
    const loading = contracts.loadList()
    useSessionStore().reset()
    await nextTick()
    release()
    await loading
    expect(contracts.list).toEqual([])
    expect(contracts.listStatus).toBe('idle')
  })

  it('asks again after the demo clock moved (instalments may have fallen due)', async () => {
    const contracts = useContractsStore()
    await contracts.loadList()
    await useDemoStore().advanceClock(86_400)
    await contracts.loadList()
    expect(listCalls()).toBe(2)
  })

  describe('one contract', () => {
    beforeEach(() => {
      api
        .on('GET', `/contracts/${LEASING}`, { status: 200, body: LEASING_DETAIL })
        .on('GET', `/contracts/${LEASING}/schedule`, { status: 200, body: PLAN })
        .on('GET', `/contracts/${LOAN}`, { status: 200, body: LOAN_DETAIL })
        .on('GET', `/contracts/${LOAN}/schedule`, { status: 200, body: { ...PLAN, items: [] } })
    })

    it('loads the detail and the plan together', async () => {
      const contracts = useContractsStore()
      await contracts.loadDetail(LEASING)
      expect(contracts.detail?.number).toBe('LE-2025-000731')
      expect(contracts.detail?.bankAccount?.ibanMasked).toBe('AT61 **** **** **** 1234')
      expect(contracts.schedule?.items).toHaveLength(1)
      expect(contracts.detailLoading).toBe(false)
      expect(contracts.detailError).toBeNull()
    })

    it('a contract that is not the customer’s is a 404 and shows nothing', async () => {
      const contracts = useContractsStore()
      await contracts.loadDetail(LEASING)
      await contracts.loadDetail('c-other')
      expect(contracts.detailError?.status).toBe(404)
      expect(contracts.detail).toBeNull()
      expect(contracts.schedule).toBeNull()
    })

    it('another contract does not show the one before while it loads', async () => {
      const contracts = useContractsStore()
      await contracts.loadDetail(LEASING)
      const { answer, release } = held({ status: 200, body: LOAN_DETAIL })
      api.on('GET', `/contracts/${LOAN}`, () => answer)
      const loading = contracts.loadDetail(LOAN)
      expect(contracts.detail).toBeNull()
      expect(contracts.detailLoading).toBe(true)
      release()
      await loading
      expect(contracts.detail?.id).toBe(LOAN)
    })

    it('the same contract again stays shown until the new answer is there', async () => {
      const contracts = useContractsStore()
      await contracts.loadDetail(LEASING)
      const { answer, release } = held({ status: 200, body: LEASING_DETAIL })
      api.on('GET', `/contracts/${LEASING}`, () => answer)
      const loading = contracts.loadDetail(LEASING)
      expect(contracts.detail?.id).toBe(LEASING)
      release()
      await loading
      expect(api.callsTo('GET', `/contracts/${LEASING}`)).toHaveLength(2)
    })

    it('a slow answer for the contract before never replaces the one chosen since', async () => {
      const contracts = useContractsStore()
      const { answer, release } = held({ status: 200, body: LEASING_DETAIL })
      api.on('GET', `/contracts/${LEASING}`, () => answer)
      const first = contracts.loadDetail(LEASING)
      await contracts.loadDetail(LOAN)
      release()
      await first
      expect(contracts.detail?.id).toBe(LOAN)
      expect(contracts.schedule?.items).toEqual([])
    })
  })
})
