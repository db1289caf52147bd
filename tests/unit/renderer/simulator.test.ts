// @vitest-environment jsdom
/**
 * The repayment simulator page: both variants side by side from the API's
 * answer, the slider and the field in step, the calls debounced (one pair per
 * pause, not per slider step), the bounds checked before anything is asked,
 * and "Diese Sondertilgung beantragen" filing the special-repayment request.
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContractDetail, ScheduleRow } from '../../../src/shared/api/contracts.ts'
import type { Simulation } from '../../../src/shared/api/simulator.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { LOAN_ID, TEN_MONTH_SCHEDULE, tenMonthLoan } from './support/ten-month-loan.ts'
import { button, click, field } from './support/queries.ts'

const ID = LOAN_ID
const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

const LOAN: ContractDetail = tenMonthLoan()
const SCHEDULE: ScheduleRow[] = TEN_MONTH_SCHEDULE

function simulation(keep: string, amount: number): Simulation {
  const shorter = keep === 'instalment'
  return {
    bookedOn: '2026-04-01',
    newEndDate: shorter ? '2026-09-01' : '2026-11-01',
    newInstalmentCents: shorter ? 100_000 : 100_000 - Math.floor(amount / 7),
    interestSavedCents: shorter ? 4_321 : 2_100,
    feeCents: 1_000,
    schedule: [],
  }
}

/** A variant's figures: each term with its description, in one plain line. */
function figures(mounted: MountedApp, keep: string): Record<string, string> {
  const variant = mounted.wrapper.get(`[data-testid="variant-${keep}"]`)
  const dds = variant.findAll('dd')
  return Object.fromEntries(
    variant.findAll('dt').map((dt, i) => [plain(dt.text()), plain(dds[i]?.text() ?? '')]),
  )
}

describe('the repayment simulator', () => {
  let mounted: MountedApp
  let api: FakeApi
  const simulations = () => api.callsTo('POST', `/contracts/${ID}/simulations`)

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    api
      .on('GET', '/session', {
        status: 200,
        body: { signedIn: true, customer: { ...ANNA, activated: true } },
      })
      .on('GET', `/contracts/${ID}`, { status: 200, body: LOAN })
      .on('GET', `/contracts/${ID}/schedule`, {
        status: 200,
        body: { currency: 'EUR', items: SCHEDULE },
      })
      .on('POST', `/contracts/${ID}/simulations`, (request) => {
        const body = request.body as { keep: string; specialRepaymentCents: number }
        return { status: 200, body: simulation(body.keep, body.specialRepaymentCents) }
      })
  })
  afterEach(() => {
    mounted.wrapper.unmount()
    vi.useRealTimers()
  })

  async function open(): Promise<void> {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    mounted = await mountApp(`/contracts/${ID}/simulator`, api)
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
  }

  it('shows both variants side by side for € 1 000 with the next instalment, from one pair of calls', async () => {
    await open()
    expect(simulations().map((c) => c.body)).toEqual([
      { specialRepaymentCents: 100_000, date: '2026-04-01', keep: 'instalment' },
      { specialRepaymentCents: 100_000, date: '2026-04-01', keep: 'term' },
    ])
    expect(mounted.wrapper.get('[data-testid="variant-instalment"] h3').text()).toBe(
      'Kürzere Laufzeit',
    )
    expect(figures(mounted, 'instalment')).toEqual({
      'Neues Vertragsende': '01.09.2026 2 Monate früher',
      'Monatliche Rate': '€ 1.000,00',
      'Ersparte Zinsen': '€ 43,21',
      Vorfälligkeitsentschädigung: '€ 10,00',
    })
    expect(mounted.wrapper.get('[data-testid="variant-term"] h3').text()).toBe('Niedrigere Rate')
    expect(figures(mounted, 'term')).toEqual({
      'Neue monatliche Rate': '€ 857,15 statt € 1.000,00',
      Vertragsende: '01.11.2026',
      'Ersparte Zinsen': '€ 21,00',
      Vorfälligkeitsentschädigung: '€ 10,00',
    })
  })

  it('keeps slider and field in step, and asks once after the customer pauses, not at every step', async () => {
    await open()
    const slider = mounted.wrapper.get<HTMLInputElement>('[data-testid="simulator-slider"]')
    for (const cents of ['200000', '300000', '400000']) {
      await slider.setValue(cents)
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(field(mounted.wrapper, 'Betrag der Sondertilgung').element.value).toBe('4.000,00')
    expect(simulations()).toHaveLength(2)
    expect(mounted.wrapper.text()).toContain('Wird berechnet …')
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(simulations()).toHaveLength(4)
    expect(simulations().at(-1)?.body).toMatchObject({ specialRepaymentCents: 400_000 })
    await field(mounted.wrapper, 'Betrag der Sondertilgung').setValue('2.500,50')
    expect(slider.element.value).toBe('250050')
  })

  it('refuses an amount above what is left after the booked instalment without asking, and says why', async () => {
    await open()
    // After 1 April's instalment € 7 000 are left: € 6 999,99 at most.
    await field(mounted.wrapper, 'Betrag der Sondertilgung').setValue('7.000,00')
    await vi.advanceTimersByTimeAsync(400)
    expect(simulations()).toHaveLength(2)
    expect(mounted.wrapper.text()).toContain('Dieser Betrag ist nicht möglich.')
    expect(mounted.wrapper.find('[data-testid="variant-term"]').exists()).toBe(false)
  })

  it('shows the API’s refusal of the day at the date field', async () => {
    api.on(
      'POST',
      `/contracts/${ID}/simulations`,
      apiError(400, 'validation_failed', { date: 'out_of_range' }),
    )
    await open()
    expect(mounted.wrapper.text()).toContain(
      'Bitte wählen Sie einen Tag ab heute, vor Ihrer letzten Rate.',
    )
  })

  it('files the special-repayment request for the amount shown after a confirmation', async () => {
    api.on('POST', '/service-requests', (request) => ({
      status: 201,
      body: {
        id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
        reference: 'SR-2026-000123',
        type: 'special_repayment',
        contractId: ID,
        contractNumber: 'KR-2025-048211',
        status: 'received',
        details: (request.body as { details: unknown }).details,
        createdAt: '2026-03-20T09:00:00Z',
        updatedAt: '2026-03-20T09:00:00Z',
        documentId: null,
        documentTitle: null,
      },
    }))
    await open()
    await click(button(mounted.wrapper, 'Diese Sondertilgung beantragen'))
    const dialog = mounted.wrapper.get('[data-testid="simulator-request-dialog"]')
    expect(plain(dialog.text())).toContain('Sie beantragen eine Sondertilgung von € 1.000,00.')
    expect(api.callsTo('POST', '/service-requests')).toHaveLength(0)
    // Both variants to choose from, in words with their figure; the term by default.
    const term = field(mounted.wrapper, 'Niedrigere Rate: neue Rate € 857,15')
    const shorter = field(mounted.wrapper, 'Kürzere Laufzeit: Vertragsende 01.09.2026')
    expect(term.element.checked).toBe(true)
    await shorter.setValue(true)
    await click(button(mounted.wrapper, 'Verbindlich beantragen'))
    await flushPromises()
    expect(api.callsTo('POST', '/service-requests').map((c) => c.body)).toEqual([
      {
        type: 'special_repayment',
        contractId: ID,
        details: { amountCents: 100_000, keep: 'instalment' },
      },
    ])
    expect(mounted.wrapper.get('[data-testid="simulator-filed"]').text()).toContain(
      'SR-2026-000123',
    )
  })

  it('says so when no special repayment is possible any more, and asks nothing', async () => {
    // Only the last instalment is left: nothing to repay early besides it.
    const nearEnd = SCHEDULE.map((row, i) => ({
      ...row,
      status: i < 9 ? 'paid' : 'due',
    }))
    api
      .on('GET', `/contracts/${ID}`, {
        status: 200,
        body: { ...LOAN, nextPaymentDate: '2026-11-01' },
      })
      .on('GET', `/contracts/${ID}/schedule`, {
        status: 200,
        body: { currency: 'EUR', items: nearEnd },
      })
    await open()
    expect(mounted.wrapper.get('[data-testid="simulator-no-room"]').text()).toContain(
      'Eine Sondertilgung ist bei diesem Vertrag nicht mehr möglich',
    )
    expect(simulations()).toHaveLength(0)
  })
})
