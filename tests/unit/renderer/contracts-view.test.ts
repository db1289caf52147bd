// @vitest-environment jsdom
import { flushPromises, type DOMWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type {
  ContractDetail,
  ContractSummary,
  ScheduleRow,
} from '../../../src/shared/api/contracts.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, link } from './support/queries.ts'

/** Text with every run of white space (Intl's no-break spaces too) as one plain space. */
const plain = (text: string): string => text.replace(/\s+/g, ' ').trim()

const LEASING: ContractSummary = {
  id: 'e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31',
  number: 'LE-2025-000731',
  product: 'leasing',
  status: 'active',
  vehicle: {
    make: 'MINI',
    model: 'Cooper SE',
    vin: 'WMW11DJ0402T71234',
    registrationPlate: 'S-MINI 42',
  },
  startDate: '2025-09-01',
  endDate: '2026-01-01',
  termMonths: 4,
  monthlyInstalmentCents: 45781,
  outstandingBalanceCents: 1700000,
  nextPaymentDate: '2025-12-01',
  paymentsMade: 2,
  currency: 'EUR',
  role: 'holder',
}

const BALLOON: ContractSummary = {
  id: '7c2a5d10-9e3f-4b61-a8c7-3f5e1d9b2a46',
  number: 'BF-2024-004410',
  product: 'balloon',
  status: 'active',
  vehicle: {
    make: 'MINI',
    model: 'Countryman C',
    vin: 'WMW21GA0X07K55555',
    registrationPlate: 'W-12345B',
  },
  startDate: '2025-10-15',
  endDate: '2026-01-15',
  termMonths: 3,
  monthlyInstalmentCents: 31250,
  outstandingBalanceCents: 1050000,
  nextPaymentDate: '2025-12-15',
  paymentsMade: 1,
  currency: 'EUR',
  role: 'holder',
}

const SETTLED_LOAN: ContractSummary = {
  id: '9a6d2e1f-4b3c-4e7a-8d5f-1c2b3a4d5e6f',
  number: 'KR-2019-000017',
  product: 'loan',
  status: 'settled',
  vehicle: {
    make: 'MINI',
    model: 'One',
    vin: 'WMWXR31060TL00001',
    registrationPlate: 'L-ONE 1',
  },
  startDate: '2019-04-01',
  endDate: '2023-03-01',
  termMonths: 48,
  monthlyInstalmentCents: 21999,
  outstandingBalanceCents: 0,
  nextPaymentDate: null,
  paymentsMade: 48,
  currency: 'EUR',
  role: 'holder',
}

const LEASING_DETAIL: ContractDetail = {
  ...LEASING,
  financedAmountCents: 2000000,
  downPaymentCents: 300000,
  nominalRatePct: 3.99,
  effectiveRatePct: 4.25,
  finalInstalmentCents: null,
  residualValueCents: 1400000,
  mileagePerYearKm: 15000,
  paymentsRemaining: 2,
  paymentDay: 1,
  bankAccount: { ibanMasked: 'AT61 **** **** **** 1234' },
  parties: [{ role: 'holder', name: 'Anna Huber' }],
}

/** Two paid, the next one due, one planned; the balance ends at the residual value. */
const LEASING_SCHEDULE: ScheduleRow[] = [
  {
    n: 1,
    dueDate: '2025-10-01',
    instalmentCents: 45781,
    interestCents: 6650,
    principalCents: 150000,
    balanceAfterCents: 1850000,
    status: 'paid',
  },
  {
    n: 2,
    dueDate: '2025-11-01',
    instalmentCents: 45781,
    interestCents: 6151,
    principalCents: 150000,
    balanceAfterCents: 1700000,
    status: 'paid',
  },
  {
    n: 3,
    dueDate: '2025-12-01',
    instalmentCents: 45781,
    interestCents: 5652,
    principalCents: 150000,
    balanceAfterCents: 1550000,
    status: 'due',
  },
  {
    n: 4,
    dueDate: '2026-01-01',
    instalmentCents: 45781,
    interestCents: 5153,
    principalCents: 150000,
    balanceAfterCents: 1400000,
    status: 'upcoming',
  },
]

const BALLOON_DETAIL: ContractDetail = {
  ...BALLOON,
  financedAmountCents: 1200000,
  downPaymentCents: 0,
  nominalRatePct: 4.5,
  effectiveRatePct: 4.8,
  finalInstalmentCents: 900000,
  residualValueCents: null,
  mileagePerYearKm: null,
  paymentsRemaining: 2,
  paymentDay: 15,
  bankAccount: null,
  parties: [{ role: 'holder', name: 'Anna Huber' }],
}

const BALLOON_SCHEDULE: ScheduleRow[] = [
  {
    n: 1,
    dueDate: '2025-11-15',
    instalmentCents: 31250,
    interestCents: 4500,
    principalCents: 150000,
    balanceAfterCents: 1050000,
    status: 'paid',
  },
  {
    n: 2,
    dueDate: '2025-12-15',
    instalmentCents: 31250,
    interestCents: 3938,
    principalCents: 150000,
    balanceAfterCents: 900000,
    status: 'due',
  },
  {
    n: 3,
    dueDate: '2026-01-15',
    instalmentCents: 900000,
    interestCents: 3375,
    principalCents: 900000,
    balanceAfterCents: 0,
    status: 'upcoming',
  },
]

/** Label → value of the <dl> figures in `root`. */
function figuresOf(root: DOMWrapper<Element>): Map<string, string> {
  return new Map(
    root
      .findAll('dl > div')
      .map((row) => [plain(row.get('dt').text()), plain(row.get('dd').text())]),
  )
}

/** What a card shows: product line, title, figures and all of its text. */
function card(element: DOMWrapper<Element>) {
  return {
    product: plain(element.get('p').text()),
    title: plain(element.get('h3').text()),
    figures: figuresOf(element),
    text: plain(element.text()),
  }
}

function activatedSession(api: FakeApi): void {
  api.on('GET', '/session', {
    status: 200,
    body: { signedIn: true, customer: { ...ANNA, activated: true } },
  })
}

describe('the contracts overview', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    activatedSession(api)
  })

  afterEach(() => mounted.wrapper.unmount())

  const main = () => mounted.wrapper.get('main')
  const cards = () => main().findAll('[data-testid="contract-card"]')

  it('shows a card per contract with vehicle, product, money, date and progress', async () => {
    api.on('GET', '/contracts', {
      status: 200,
      body: { items: [LEASING, SETTLED_LOAN, BALLOON] },
    })
    mounted = await mountApp('/contracts', api)
    expect(mounted.router.currentRoute.value.name).toBe('contracts')
    expect(cards()).toHaveLength(3)

    const [leasing, balloon] = cards().map(card)
    expect(leasing?.product).toBe('Leasing')
    expect(leasing?.title).toBe('MINI Cooper SE')
    expect(leasing?.text).toContain('S-MINI 42')
    expect(leasing?.text).toContain('Vertrag LE-2025-000731')
    expect(leasing?.figures.get('Monatliche Rate')).toBe('€ 457,81')
    expect(leasing?.figures.get('Offener Betrag')).toBe('€ 17.000,00')
    expect(leasing?.figures.get('Nächste Abbuchung')).toBe('01.12.2025')
    expect(leasing?.text).toContain('2 von 4 Raten bezahlt')
    // Intl separates the euro sign with a no-break space.
    expect(cards()[0]?.text()).toMatch(/€\s457,81/)

    expect(balloon?.product).toBe('Ballonfinanzierung')
    expect(balloon?.title).toBe('MINI Countryman C')
    expect(balloon?.text).toContain('W-12345B')
    expect(balloon?.figures.get('Monatliche Rate')).toBe('€ 312,50')
    expect(balloon?.figures.get('Nächste Abbuchung')).toBe('15.12.2025')
    expect(balloon?.text).toContain('1 von 3 Raten bezahlt')

    // The link of a card opens its contract.
    expect(
      link(main().get('[data-testid="contract-card"]'), 'MINI Cooper SE').attributes('href'),
    ).toBe('/contracts/e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
  })

  it('lists settled contracts in their own section, below the running ones', async () => {
    api.on('GET', '/contracts', {
      status: 200,
      body: { items: [SETTLED_LOAN, LEASING, BALLOON] },
    })
    mounted = await mountApp('/contracts', api)

    const running = main().get('[aria-labelledby="contracts-active"]')
    const settled = main().get('[aria-labelledby="contracts-settled"]')
    expect(running.get('h2').text()).toBe('Laufende Verträge (2)')
    expect(settled.get('h2').text()).toBe('Beendete Verträge (1)')
    expect(running.findAll('[data-testid="contract-card"]')).toHaveLength(2)

    const settledCards = settled.findAll('[data-testid="contract-card"]')
    expect(settledCards).toHaveLength(1)
    const loan = settledCards.map(card)[0]
    expect(loan?.product).toBe('Kredit Beendet')
    expect(loan?.title).toBe('MINI One')
    expect(loan?.figures.get('Nächste Abbuchung')).toBe('keine')
    expect(loan?.text).toContain('48 von 48 Raten bezahlt')
    expect(running.text()).not.toContain('MINI One')
    // Running contracts come first on the page.
    const html = main().html()
    expect(html.indexOf('contracts-active')).toBeLessThan(html.indexOf('contracts-settled'))
  })

  it('says when there is no contract', async () => {
    api.on('GET', '/contracts', { status: 200, body: { items: [] } })
    mounted = await mountApp('/contracts', api)
    const callout = main().get('[data-testid="no-contracts"]')
    expect(callout.text()).toContain('Derzeit keine Verträge')
    // The support contacts come with their own answer (its check is loaded on first use).
    await vi.waitFor(() => expect(callout.text()).toContain('+43 662 2191 4920'))
    expect(cards()).toHaveLength(0)
  })

  it('offers to try again when the contracts cannot be loaded', async () => {
    api.on('GET', '/contracts', apiError(500, 'internal_error'))
    mounted = await mountApp('/contracts', api)
    const alert = main().get('[role="alert"]')
    expect(alert.text()).toContain('Ihre Verträge konnten nicht geladen werden.')
    expect(cards()).toHaveLength(0)

    api.on('GET', '/contracts', { status: 200, body: { items: [LEASING] } })
    await click(button(main(), 'Erneut versuchen'))
    expect(api.callsTo('GET', '/contracts')).toHaveLength(2)
    expect(cards()).toHaveLength(1)
    expect(main().find('[role="alert"]').exists()).toBe(false)
  })

  it('asks for the contracts once while the customer moves between the pages that show them', async () => {
    api.on('GET', '/contracts', { status: 200, body: { items: [LEASING, BALLOON] } })
    mounted = await mountApp('/contracts', api)
    for (const page of ['postbox', 'services', 'contracts'] as const) {
      await mounted.router.push({ name: page })
      await flushPromises()
    }
    expect(cards()).toHaveLength(2)
    expect(api.callsTo('GET', '/contracts')).toHaveLength(1)
  })

  it('treats an answer of the wrong shape as an error, and shows nothing of it', async () => {
    const broken = { ...LEASING, monthlyInstalmentCents: '457.81', vehicle: { model: 'Hacked' } }
    // An id that is no contract's: the card would link to another path with it.
    const strayId = {
      ...LEASING,
      id: '../documents',
      vehicle: { ...LEASING.vehicle, model: 'Hacked' },
    }
    for (const body of [
      { items: [broken] },
      { items: [strayId] },
      [LEASING],
      { items: 'none' },
      null,
    ]) {
      api.on('GET', '/contracts', { status: 200, body })
      mounted = await mountApp('/contracts', api)
      expect(main().get('[role="alert"]').text(), JSON.stringify(body)).toContain(
        'Ihre Verträge konnten nicht geladen werden.',
      )
      expect(cards()).toHaveLength(0)
      expect(main().text()).not.toContain('Hacked')
      expect(main().find('[data-testid="no-contracts"]').exists()).toBe(false)
      mounted.wrapper.unmount()
    }
    mounted = await mountApp('/', api)
  })

  it('speaks English when English is chosen', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    api.on('GET', '/contracts', { status: 200, body: { items: [LEASING, SETTLED_LOAN] } })
    mounted = await mountApp('/contracts', api)
    const leasing = cards().map(card)[0]
    expect(leasing?.figures.get('Monthly instalment')).toBe('€457.81')
    expect(leasing?.figures.get('Next direct debit')).toBe('01/12/2025')
    expect(leasing?.text).toContain('2 of 4 instalments paid')
    expect(main().get('[aria-labelledby="contracts-settled"] h2').text()).toBe(
      'Ended contracts (1)',
    )
  })
})

describe('the contract details', () => {
  let mounted: MountedApp
  let api: FakeApi

  beforeEach(() => {
    resetLocale()
    api = installFakeApi()
    activatedSession(api)
    api
      .on('GET', '/contracts/e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31', {
        status: 200,
        body: LEASING_DETAIL,
      })
      .on('GET', '/contracts/e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31/schedule', {
        status: 200,
        body: { currency: 'EUR', items: LEASING_SCHEDULE },
      })
      .on('GET', '/contracts/7c2a5d10-9e3f-4b61-a8c7-3f5e1d9b2a46', {
        status: 200,
        body: BALLOON_DETAIL,
      })
      .on('GET', '/contracts/7c2a5d10-9e3f-4b61-a8c7-3f5e1d9b2a46/schedule', {
        status: 200,
        body: { currency: 'EUR', items: BALLOON_SCHEDULE },
      })
  })

  afterEach(() => mounted.wrapper.unmount())

  const main = () => mounted.wrapper.get('main')

  /** The contract data as label → value. */
  function fields(): Map<string, string> {
    const list = main().get('[data-testid="contract-fields"]')
    return new Map(
      list.findAll('div').map((row) => [plain(row.get('dt').text()), plain(row.get('dd').text())]),
    )
  }

  async function open(id: string): Promise<void> {
    mounted = await mountApp(`/contracts/${id}`, api)
    await vi.waitFor(() =>
      expect(main().find('[data-testid="contract-fields"]').exists()).toBe(true),
    )
  }

  it('shows the leasing terms in clear labels', async () => {
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    expect(main().get('h1').text()).toBe('MINI Cooper SE')
    const data = fields()
    expect(data.get('Vertragsnummer')).toBe('LE-2025-000731')
    expect(data.get('Produkt')).toBe('Leasing')
    expect(data.get('Finanzierungsbetrag')).toBe('€ 20.000,00')
    expect(data.get('Anzahlung')).toBe('€ 3.000,00')
    expect(data.get('Sollzinssatz p. a.')).toMatch(/^3,99 ?%$/)
    expect(data.get('Effektivzinssatz p. a.')).toMatch(/^4,25 ?%$/)
    expect(data.get('Restwert')).toBe('€ 14.000,00')
    expect(data.get('Kilometerleistung pro Jahr')).toBe('15.000 km')
    expect(data.get('Vertragsbeginn')).toBe('01.09.2025')
    expect(data.has('Schlussrate')).toBe(false)
    expect(plain(main().get('[data-testid="key-instalment"]').text())).toBe('€ 457,81')
  })

  it('shows the final instalment of a balloon financing and no residual value', async () => {
    await open('7c2a5d10-9e3f-4b61-a8c7-3f5e1d9b2a46')
    const data = fields()
    expect(data.get('Produkt')).toBe('Ballonfinanzierung')
    expect(data.get('Schlussrate')).toBe('€ 9.000,00')
    expect(data.has('Restwert')).toBe(false)
    expect(data.has('Kilometerleistung pro Jahr')).toBe(false)
    expect(data.get('Abbuchungskonto')).toBe('kein Bankkonto hinterlegt')
  })

  it('lists every instalment with its status', async () => {
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    const rows = main().findAll('[data-testid="schedule"] tbody tr')
    expect(rows).toHaveLength(LEASING_SCHEDULE.length)
    const cells = rows.map((row) => row.findAll('td').map((cell) => plain(cell.text())))
    expect(cells.map((row) => row.at(-1))).toEqual([
      'Bezahlt',
      'Bezahlt',
      'Nächste Rate',
      'Geplant',
    ])
    expect(cells[2]).toEqual([
      '3',
      '01.12.2025',
      '€ 457,81',
      '€ 56,52',
      '€ 1.500,00',
      '€ 15.500,00',
      'Nächste Rate',
    ])
  })

  /** A 36-month plan: `paid` instalments paid, the next one due (none once all are paid), the rest planned. */
  function longPlan(paid: number): ScheduleRow[] {
    return Array.from({ length: 36 }, (_, i) => ({
      ...(LEASING_SCHEDULE[0] as ScheduleRow),
      n: i + 1,
      dueDate: `${2025 + Math.floor((i + 9) / 12)}-${String(((i + 9) % 12) + 1).padStart(2, '0')}-01`,
      status: i < paid ? 'paid' : i === paid ? 'due' : 'upcoming',
    }))
  }
  const planRows = () => main().findAll('[data-testid="schedule"] tbody tr')
  const numbers = () => planRows().map((row) => Number(row.get('td').text()))

  it('opens the plan at the next instalment, marked, with "Alle anzeigen" for the rest', async () => {
    api.on('GET', '/contracts/e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31/schedule', {
      status: 200,
      body: { currency: 'EUR', items: longPlan(11) },
    })
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    // A year from the next instalment: number 12 first, not number 1.
    expect(numbers()).toEqual(Array.from({ length: 12 }, (_, i) => i + 12))
    const next = planRows()[0]
    expect(next?.attributes('aria-current')).toBe('true')
    expect(plain(next?.findAll('td').at(-1)?.text() ?? '')).toBe('Nächste Rate')
    expect(planRows().filter((row) => row.attributes('aria-current'))).toHaveLength(1)
    expect(plain(main().get('[data-testid="schedule-range"]').text())).toBe(
      'Raten 12 bis 23 von 36',
    )
    // The table says which part of the plan it shows, for screen readers too.
    expect(plain(main().get('[data-testid="schedule"] caption').text())).toContain(
      'Raten 12 bis 23 von 36',
    )

    const toggle = button(main(), 'Alle anzeigen')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(toggle.attributes('aria-controls')).toBe(
      main().get('[data-testid="schedule"]').attributes('id'),
    )
    await click(toggle)
    expect(numbers()).toEqual(Array.from({ length: 36 }, (_, i) => i + 1))
    expect(plain(main().get('[data-testid="schedule-range"]').text())).toBe('Alle 36 Raten')
    expect(planRows()[11]?.attributes('aria-current')).toBe('true')
    const fewer = button(main(), 'Weniger anzeigen')
    expect(fewer.attributes('aria-expanded')).toBe('true')
    await click(fewer)
    expect(numbers()[0]).toBe(12)
  })

  it('shows the plan’s last year once all is paid, and the whole of a short plan', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    api.on('GET', '/contracts/e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31/schedule', {
      status: 200,
      body: { currency: 'EUR', items: longPlan(36) },
    })
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    expect(numbers()).toEqual(Array.from({ length: 12 }, (_, i) => i + 25))
    expect(plain(main().get('[data-testid="schedule-range"]').text())).toBe(
      'Instalments 25 to 36 of 36',
    )
    await click(button(main(), 'Show all'))
    expect(planRows()).toHaveLength(36)
    mounted.wrapper.unmount()

    // Four instalments fit at once: no choice to make.
    api.on('GET', '/contracts/e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31/schedule', {
      status: 200,
      body: { currency: 'EUR', items: LEASING_SCHEDULE },
    })
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    expect(planRows()).toHaveLength(4)
    expect(main().find('[data-testid="schedule-range"]').exists()).toBe(false)
    expect(
      main()
        .findAll('button')
        .map((b) => plain(b.text())),
    ).not.toContain('Show all')
  })

  it('draws the balance with today and the residual value marked, and says it in words', async () => {
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    const chart = main().get('[data-testid="balance-chart"]')
    expect(chart.element.tagName.toLowerCase()).toBe('svg')
    expect(chart.attributes('role')).toBe('img')
    const description = plain(chart.get('desc').text())
    // Two instalments paid: € 17.000,00 are outstanding today.
    expect(description).toContain('Heute sind € 17.000,00 offen.')
    expect(description).toContain('von € 20.000,00 am 01.09.2025')
    expect(description).toContain('auf € 14.000,00 am 01.01.2026')
    expect(plain(chart.get('[data-testid="chart-today"]').text())).toBe('Heute: € 17.000,00')
    expect(plain(chart.get('[data-testid="chart-end"]').text())).toBe('Restwert € 14.000,00')
  })

  it('marks the final instalment at the end of a balloon financing', async () => {
    await open('7c2a5d10-9e3f-4b61-a8c7-3f5e1d9b2a46')
    const chart = main().get('[data-testid="balance-chart"]')
    expect(plain(chart.get('desc').text())).toContain('Heute sind € 10.500,00 offen.')
    const end = plain(chart.get('[data-testid="chart-end"]').text())
    expect(end).toBe('Schlussrate € 9.000,00')
    expect(end).not.toContain('Restwert')
  })

  it('exports the instalment plan as a German CSV file named after the contract', async () => {
    const blobs: Blob[] = []
    const names: string[] = []
    Object.defineProperty(URL, 'createObjectURL', {
      configurable: true,
      writable: true,
      value: (blob: Blob) => {
        blobs.push(blob)
        return 'blob:plan'
      },
    })
    Object.defineProperty(URL, 'revokeObjectURL', {
      configurable: true,
      writable: true,
      value: () => undefined,
    })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download)
    })
    try {
      await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
      await click(button(main(), 'Als CSV exportieren'))
      expect(names).toEqual(['Ratenplan-LE-2025-000731.csv'])
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
        await (blobs[0] as Blob).arrayBuffer(),
      )
      const lines = text.replace(/^\uFEFF/, '').split('\r\n')
      expect(lines).toEqual([
        'Nr.;Fällig am;Rate;Zinsen;Tilgung;Offen danach;Status',
        '1;01.10.2025;457,81;66,50;1500,00;18500,00;Bezahlt',
        '2;01.11.2025;457,81;61,51;1500,00;17000,00;Bezahlt',
        '3;01.12.2025;457,81;56,52;1500,00;15500,00;Nächste Rate',
        '4;01.01.2026;457,81;51,53;1500,00;14000,00;Geplant',
        '',
      ])
    } finally {
      Reflect.deleteProperty(URL, 'createObjectURL')
      Reflect.deleteProperty(URL, 'revokeObjectURL')
    }
  })

  it('offers no CSV file on a kiosk terminal, but still shows the plan', async () => {
    api.on('GET', '/client-info', {
      status: 200,
      body: { demo: false, kiosk: true, keychain: 'memory' },
    })
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    await vi.waitFor(() => expect(document.documentElement.classList).toContain('kiosk'))
    expect(
      main()
        .findAll('button')
        .map((b) => b.text()),
    ).not.toContain('Als CSV exportieren')
    expect(main().text()).toContain('Nächste Rate')
  })

  it('says "not found" for a contract that is not the customer\'s, without an error dump', async () => {
    api
      .on('GET', '/contracts/c-other', apiError(404, 'not_found'))
      .on('GET', '/contracts/c-other/schedule', apiError(404, 'not_found'))
    api.on('GET', '/contracts', { status: 200, body: { items: [LEASING] } })
    mounted = await mountApp('/contracts/c-other', api)
    await vi.waitFor(() =>
      expect(main().find('[data-testid="contract-not-found"]').exists()).toBe(true),
    )
    const text = main().text()
    expect(main().get('h1').text()).toBe('Vertrag nicht gefunden')
    expect(text).not.toContain('not_found')
    expect(text).not.toContain('404')
    expect(main().find('[role="alert"]').exists()).toBe(false)

    await click(link(main(), 'Zu meinen Verträgen'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('contracts'))
    await flushPromises()
    expect(main().findAll('[data-testid="contract-card"]')).toHaveLength(1)
  })

  it('speaks English when English is chosen', async () => {
    resetLocale('en')
    api.customerSpeaks('en')
    await open('e3b1c9f4-2a7d-4c58-9b16-0d4f7a2e8c31')
    const data = fields()
    expect(data.get('Amount financed')).toBe('€20,000.00')
    expect(data.get('Down payment')).toBe('€3,000.00')
    expect(data.get('Borrowing rate p.a.')).toBe('3.99%')
    expect(data.get('Residual value')).toBe('€14,000.00')
    expect(data.get('Mileage per year')).toBe('15,000 km')
    expect(data.get('Start of contract')).toBe('01/09/2025')
    const statuses = main()
      .findAll('[data-testid="schedule"] tbody tr')
      .map((row) => plain(row.findAll('td').at(-1)?.text() ?? ''))
    expect(statuses).toEqual(['Paid', 'Paid', 'Next instalment', 'Scheduled'])
    const chart = main().get('[data-testid="balance-chart"]')
    expect(plain(chart.get('[data-testid="chart-end"]').text())).toBe('Residual value €14,000.00')
  })
})
