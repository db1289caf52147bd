// @vitest-environment jsdom
/**
 * The payment difficulties page: whom to call (the support contacts) before
 * anything else, the deferral's preview (new end, extra interest) before
 * anything is sent, a contract that cannot have one says why, and the request
 * signed with the password (a wrong one is said at the password field).
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContractDetail, ScheduleRow } from '../../../src/shared/api/contracts.ts'
import { ANNA, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { LOAN_ID, TEN_MONTH_SCHEDULE, tenMonthLoan } from './support/ten-month-loan.ts'
import { button, click, errorOf, field } from './support/queries.ts'

const ID = LOAN_ID
const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

const LOAN: ContractDetail = tenMonthLoan({ nominalRatePct: 6, effectiveRatePct: 6.17 })
const SCHEDULE: ScheduleRow[] = TEN_MONTH_SCHEDULE

function previewOf(months: number, firstDueDate: string) {
  const k = SCHEDULE.findIndex((r) => r.dueDate === firstDueDate)
  const rows = [
    ...SCHEDULE.slice(0, k).map(({ status: _s, ...r }) => r),
    ...Array.from({ length: months }, (_, j) => ({
      n: k + 1 + j,
      dueDate: `2026-${String(k + 2 + j).padStart(2, '0')}-01`,
      instalmentCents: 0,
      interestCents: 0,
      principalCents: 0,
      balanceAfterCents: 800_000,
    })),
  ]
  return {
    newEndDate: `2027-0${months}-01`.replace('2027-00', '2026-12'),
    extraInterestCents: 4_000 * months,
    schedule: rows,
  }
}

describe('the payment difficulties page', () => {
  let mounted: MountedApp
  let api: FakeApi
  const previews = () => api.callsTo('POST', `/contracts/${ID}/deferral-preview`)

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
      .on('POST', `/contracts/${ID}/deferral-preview`, (request) => {
        const body = request.body as { months: number; firstDueDate: string }
        return { status: 200, body: previewOf(body.months, body.firstDueDate) }
      })
  })
  afterEach(() => {
    mounted.wrapper.unmount()
    vi.restoreAllMocks()
  })

  const open = async () => {
    mounted = await mountApp(`/contracts/${ID}/payment-difficulties`, api)
    await flushPromises()
  }

  it('says whom to call and that asking early helps, with the support contacts, before the deferral', async () => {
    await open()
    const text = plain(mounted.wrapper.get('main').text())
    expect(text).toContain('Je früher Sie uns ansprechen, desto mehr Möglichkeiten haben wir')
    expect(text).toContain('telefonisch unter +43 662 2191 4920 oder per E-Mail an ksc@mini.at')
    expect(text.indexOf('Sprechen Sie uns früh an')).toBeLessThan(text.indexOf('Raten stunden'))
  })

  it('previews the new end and the extra interest before anything is sent, again when the months change', async () => {
    await open()
    expect(previews().map((c) => c.body)).toEqual([{ months: 1, firstDueDate: '2026-04-01' }])
    const preview = plain(mounted.wrapper.get('[data-testid="deferral-preview"]').text())
    expect(preview).toContain('Neues Vertragsende01.01.2027')
    expect(preview).toContain('Zusätzliche Zinsen€ 40,00')
    // The whole new plan: the deferred month is in it as a row of € 0,00.
    const plan = mounted.wrapper.get('[data-testid="deferral-plan"]')
    expect(plan.get('summary').text()).toBe('Den ganzen neuen Ratenplan anzeigen')
    const rows = plan.findAll('tbody tr').map((r) =>
      r
        .findAll('td')
        .map((td) => plain(td.text()))
        .join(' | '),
    )
    expect(rows).toContain('3 | 01.04.2026 | € 0,00 | € 0,00 | € 0,00 | € 8.000,00 | Nächste Rate')
    await field(mounted.wrapper, 'Wie viele Raten?').setValue('3')
    await flushPromises()
    expect(previews().at(-1)?.body).toEqual({ months: 3, firstDueDate: '2026-04-01' })
    expect(plain(mounted.wrapper.text())).toContain('Zusätzliche Zinsen€ 120,00')
    // Only the next three instalments can be the first deferred one.
    const options = field(mounted.wrapper, 'Ab der Rate am')
      .findAll('option')
      .map((o) => o.text())
    expect(options).toEqual(['01.04.2026', '01.05.2026', '01.06.2026'])
    expect(api.callsTo('POST', '/service-requests')).toHaveLength(0)
  })

  it('says why when the contract cannot have a deferral (409 deferral_within_year), and offers no form', async () => {
    api.on('POST', `/contracts/${ID}/deferral-preview`, {
      status: 409,
      body: { error: { code: 'not_eligible', message: 'no', reason: 'deferral_within_year' } },
    })
    await open()
    expect(mounted.wrapper.get('[data-testid="deferral-not-eligible"]').text()).toContain(
      'in den letzten zwölf Monaten bereits eine Stundung',
    )
    expect(mounted.wrapper.find('#deferral-password').exists()).toBe(false)
  })

  it('files the deferral signed with the password; a wrong password is said at its field', async () => {
    let attempts = 0
    api.on('POST', '/service-requests', (request) => {
      attempts++
      if (attempts === 1)
        return {
          status: 403,
          body: { error: { code: 'invalid_credentials', message: 'no', attemptsLeft: 2 } },
        }
      return {
        status: 201,
        body: {
          id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
          reference: 'SR-2026-000124',
          type: 'payment_deferral',
          contractId: ID,
          contractNumber: LOAN.number,
          status: 'received',
          details: (request.body as { details: unknown }).details,
          createdAt: '2026-03-20T09:00:00Z',
          updatedAt: '2026-03-20T09:00:00Z',
          documentId: null,
          documentTitle: null,
        },
      }
    })
    await open()
    await click(button(mounted.wrapper, 'Stundung verbindlich beantragen'))
    expect(errorOf(field(mounted.wrapper, 'Grund'))).toBe('Bitte nennen Sie kurz den Grund.')
    expect(api.callsTo('POST', '/service-requests')).toHaveLength(0)
    await field(mounted.wrapper, 'Grund').setValue('Kurzarbeit')
    await field(mounted.wrapper, 'Monatliches Einkommen in Euro (optional)').setValue('1.850,00')
    await field(mounted.wrapper, 'Ihr Passwort').setValue('falsch')
    await click(button(mounted.wrapper, 'Stundung verbindlich beantragen'))
    await flushPromises()
    expect(errorOf(field(mounted.wrapper, 'Ihr Passwort'))).not.toBe('')
    await field(mounted.wrapper, 'Ihr Passwort').setValue('Donaukanal-Sonnenuntergang-77')
    await click(button(mounted.wrapper, 'Stundung verbindlich beantragen'))
    await flushPromises()
    expect(api.callsTo('POST', '/service-requests').at(-1)?.body).toEqual({
      type: 'payment_deferral',
      contractId: ID,
      details: {
        months: 1,
        firstDueDate: '2026-04-01',
        reason: 'Kurzarbeit',
        monthlyIncomeCents: 185_000,
      },
      password: 'Donaukanal-Sonnenuntergang-77',
    })
    expect(mounted.wrapper.get('[data-testid="deferral-filed"]').text()).toContain('SR-2026-000124')
  })
})
