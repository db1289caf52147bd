// @vitest-environment jsdom
/**
 * The "Kilometerstand" section of a leasing contract's page and the end-of-term
 * page: the projection in words (the three cases, both languages), the chart
 * (allowance line, a point per reading, the dashed projection, its text
 * alternative), and the reading form's checks and the server's reasons.
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContractDetail } from '../../../src/shared/api/contracts.ts'
import type { EndOfTerm, Mileage } from '../../../src/shared/api/lease-end.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, errorOf, field, fill, link } from './support/queries.ts'

const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()
const ID = 'e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31'

const DETAIL: ContractDetail = {
  id: ID,
  number: 'LS-2024-000731',
  role: 'holder',
  parties: [{ role: 'holder', name: 'Anna Huber' }],
  product: 'leasing',
  status: 'active',
  vehicle: {
    make: 'MINI',
    model: 'Cooper SE',
    vin: 'WMW11DJ0402T71234',
    registrationPlate: 'S-MINI 42',
  },
  startDate: '2024-06-15',
  endDate: '2027-06-15',
  termMonths: 36,
  monthlyInstalmentCents: 45781,
  outstandingBalanceCents: 1700000,
  nextPaymentDate: '2026-06-15',
  paymentsMade: 24,
  currency: 'EUR',
  financedAmountCents: 2000000,
  downPaymentCents: 300000,
  nominalRatePct: 3.99,
  effectiveRatePct: 4.25,
  finalInstalmentCents: null,
  residualValueCents: 1400000,
  mileagePerYearKm: 15000,
  paymentsRemaining: 12,
  paymentDay: 15,
  bankAccount: null,
}

const MILEAGE: Mileage = {
  startDate: '2024-06-15',
  endDate: '2027-06-15',
  allowanceKmPerYear: 15_000,
  allowanceTotalKm: 45_000,
  toleranceKm: 2_500,
  excessKmRateCents: 8,
  unusedKmRefundCents: 4,
  unusedKmRefundCapKm: 5_000,
  readings: [
    { date: '2025-06-15', km: 17_000 },
    { date: '2026-05-15', km: 32_000 },
  ],
  projection: {
    atEndKm: 51_700,
    excessKm: 4_200,
    unusedKm: 0,
    estimatedChargeCents: 33_600,
    estimatedRefundCents: 0,
  },
}

let mounted: MountedApp
let api: FakeApi

function signedIn(): void {
  api.on('GET', '/session', {
    status: 200,
    body: { signedIn: true, customer: { ...ANNA, activated: true } },
  })
  api.on('GET', `/contracts/${ID}`, { status: 200, body: DETAIL })
  api.on('GET', `/contracts/${ID}/schedule`, { status: 200, body: { currency: 'EUR', items: [] } })
  api.on('GET', '/contracts', { status: 200, body: { items: [] } })
}

beforeEach(() => {
  // The form's "today" is the customer's: 1 June 2026 here.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-06-01T10:00:00Z'))
  resetLocale()
  api = installFakeApi()
  signedIn()
})
afterEach(() => {
  mounted?.wrapper.unmount()
  vi.useRealTimers()
})

const section = () => mounted.wrapper.get('[data-testid="mileage"]')
const words = () => plain(mounted.wrapper.get('[data-testid="mileage-words"]').text())

describe('the projection', () => {
  it('says the excess and its charge in words, and draws allowance, readings and projection', async () => {
    api.on('GET', `/contracts/${ID}/mileage`, { status: 200, body: MILEAGE })
    mounted = await mountApp(`/contracts/${ID}`, api)
    expect(words()).toBe(
      'Bei gleicher Fahrleistung fahren Sie bis Vertragsende etwa 4.200 km mehr als vereinbart: rund € 336,00.',
    )
    const svg = section().get('svg[role="img"]')
    expect(plain(svg.get('title').text())).toBe('Kilometer über die Laufzeit')
    // The text alternative says the same as the words.
    expect(plain(svg.get('desc').text())).toBe(words())
    expect(svg.findAll('[data-testid="mileage-reading-point"]')).toHaveLength(2)
    const allowance = svg.get('[data-testid="mileage-allowance"]').attributes('d') ?? ''
    const projection = svg.get('[data-testid="mileage-projection"]').attributes('d') ?? ''
    // The projection starts at the latest reading's point and ends where the allowance ends (x).
    const last = svg.findAll('[data-testid="mileage-reading-point"]').at(-1)
    expect(projection.startsWith(`M${Number(last?.attributes('cx')).toFixed(1)},`)).toBe(true)
    expect(allowance.split(' L')[1]?.split(',')[0]).toBe(projection.split(' L')[1]?.split(',')[0])
    // The readings as a table, newest first, and the terms.
    const rows = section()
      .findAll('tbody tr')
      .map((r) =>
        r
          .findAll('td')
          .map((td) => plain(td.text()))
          .join(' '),
      )
    expect(rows).toEqual(['15.05.2026 32.000 km', '15.06.2025 17.000 km'])
    expect(plain(section().text())).toContain('45.000 km (15.000 km pro Jahr)')
  })

  it('says the refund, capped, and the case within the agreement, in English too', async () => {
    const refund = {
      ...MILEAGE.projection,
      atEndKm: 35_000,
      excessKm: 0,
      unusedKm: 10_000,
      estimatedChargeCents: 0,
      estimatedRefundCents: 20_000,
    }
    api.on('GET', `/contracts/${ID}/mileage`, {
      status: 200,
      body: { ...MILEAGE, projection: refund },
    })
    mounted = await mountApp(`/contracts/${ID}`, api)
    expect(words()).toBe(
      'Bei gleicher Fahrleistung fahren Sie bis Vertragsende etwa 10.000 km weniger als vereinbart: Sie erhalten rund € 200,00 zurück (vergütet werden höchstens 5.000 km).',
    )
    mounted.wrapper.unmount()

    resetLocale('en')
    api.customerSpeaks('en')
    const within = { ...refund, atEndKm: 46_000, unusedKm: 0, estimatedRefundCents: 0 }
    api.on('GET', `/contracts/${ID}/mileage`, {
      status: 200,
      body: { ...MILEAGE, projection: within },
    })
    mounted = await mountApp(`/contracts/${ID}`, api)
    expect(words()).toBe(
      'If you keep driving as you do now, you will stay within the agreed mileage by the end of the contract: about 46,000 km of 45,000 km.',
    )
  })

  it('before the first reading asks for one and draws no projection', async () => {
    api.on('GET', `/contracts/${ID}/mileage`, {
      status: 200,
      body: { ...MILEAGE, readings: [], projection: null },
    })
    mounted = await mountApp(`/contracts/${ID}`, api)
    expect(words()).toMatch(/^Erfassen Sie Ihren Kilometerstand/)
    expect(section().find('[data-testid="mileage-projection"]').exists()).toBe(false)
    expect(section().findAll('[data-testid="mileage-reading-point"]')).toHaveLength(0)
  })
})

describe('recording a reading', () => {
  beforeEach(() => {
    api.on('GET', `/contracts/${ID}/mileage`, { status: 200, body: MILEAGE })
  })

  it('checks the fields before sending: required, a date in the future, below an earlier reading', async () => {
    mounted = await mountApp(`/contracts/${ID}`, api)
    const km = field(section(), 'Kilometerstand')
    const date = field(section(), 'Datum')
    await click(button(section(), 'Kilometerstand speichern'))
    expect(errorOf(km)).toBe('Bitte füllen Sie dieses Feld aus.')
    await fill(date, '02.06.2026')
    expect(errorOf(date)).toBe(
      'Das Datum liegt in der Zukunft. Bitte wählen Sie heute oder einen früheren Tag.',
    )
    await fill(date, '01.06.2026')
    await fill(km, '31.999')
    expect(errorOf(km)).toBe(
      'Der Kilometerstand ist niedriger als ein früher erfasster. Bitte prüfen Sie die Zahl.',
    )
    await click(button(section(), 'Kilometerstand speichern'))
    expect(api.callsTo('POST', `/contracts/${ID}/mileage-readings`)).toEqual([])
  })

  it('sends whole kilometres, shows the new projection and says it is saved', async () => {
    api.on('POST', `/contracts/${ID}/mileage-readings`, (request) => ({
      status: 201,
      body: request.body,
    }))
    mounted = await mountApp(`/contracts/${ID}`, api)
    const loads = api.callsTo('GET', `/contracts/${ID}/mileage`).length
    await fill(field(section(), 'Kilometerstand'), '33.250')
    await click(button(section(), 'Kilometerstand speichern'))
    await flushPromises()
    expect(api.callsTo('POST', `/contracts/${ID}/mileage-readings`).map((c) => c.body)).toEqual([
      { date: '2026-06-01', km: 33_250 },
    ])
    expect(api.callsTo('GET', `/contracts/${ID}/mileage`).length).toBe(loads + 1)
    expect(plain(section().get('[data-testid="mileage-recorded"]').text())).toBe(
      'Der Kilometerstand ist gespeichert.',
    )
    expect(field(section(), 'Kilometerstand').element.value).toBe('')
  })

  it('shows the server’s reason under its field', async () => {
    api.on(
      'POST',
      `/contracts/${ID}/mileage-readings`,
      apiError(400, 'validation_failed', { date: 'already_recorded' }),
    )
    mounted = await mountApp(`/contracts/${ID}`, api)
    await fill(field(section(), 'Kilometerstand'), '33250')
    await click(button(section(), 'Kilometerstand speichern'))
    expect(errorOf(field(section(), 'Datum'))).toBe(
      'Für diesen Tag ist schon ein Kilometerstand erfasst.',
    )
  })
})

describe('the end-of-term page', () => {
  const END: EndOfTerm = {
    product: 'leasing',
    endDate: '2026-10-15',
    daysLeft: 136,
    options: ['return', 'purchase', 'extension'],
    purchasePriceCents: 1_480_000,
    milestones: [
      { date: '2026-04-18', kind: 'days_180' },
      { date: '2026-07-17', kind: 'days_90' },
      { date: '2026-08-31', kind: 'days_45' },
    ],
  }

  it('is linked from the contract and shows the days left, the options and the milestones', async () => {
    api.on('GET', `/contracts/${ID}/mileage`, { status: 200, body: MILEAGE })
    api.on('GET', `/contracts/${ID}/end-of-term`, { status: 200, body: END })
    mounted = await mountApp(`/contracts/${ID}`, api)
    const to = link(mounted.wrapper, 'Vertragsende planen')
    expect(to.attributes('href')).toBe(`/contracts/${ID}/end-of-term`)
    // The view loads on demand: the router waits for it.
    await mounted.router.push(`/contracts/${ID}/end-of-term`)
    await flushPromises()
    expect(mounted.router.currentRoute.value.fullPath).toBe(`/contracts/${ID}/end-of-term`)
    const main = mounted.wrapper.get('main')
    expect(plain(main.get('h1').text())).toBe('Vertragsende')
    expect(plain(main.get('[data-testid="days-left"]').text())).toBe(
      'Ihr Vertrag endet am 15.10.2026: in 136 Tagen.',
    )
    expect(plain(main.get('[data-testid="option-purchase"]').text())).toContain(
      'zum Restwert von € 14.800,00',
    )
    const milestones = main.findAll('ol li').map((li) => plain(li.text()))
    expect(milestones[0]).toMatch(/^18\.04\.2026 — 180 Tage vorher.*\(erreicht\)$/)
    expect(milestones[1]).not.toContain('erreicht')
  })
})
