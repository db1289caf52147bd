// @vitest-environment jsdom
/**
 * Co-borrowers in the app: the holder's access section (invite, list, revoke
 * after asking), the co-borrower's read-only contract page, and the
 * invitation page asking for the date of birth.
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ContractAccess } from '../../../src/shared/api/co-borrowers.ts'
import type { ContractDetail } from '../../../src/shared/api/contracts.ts'
import { ANNA, apiError, installFakeApi, type FakeApi } from './support/fake-api.ts'
import { LEASING_CONTRACT, LOAN_CONTRACT } from './support/fake-documents.ts'
import { mountApp, resetLocale, type MountedApp } from './support/mount-app.ts'
import { button, click, field, fill, hasButton } from './support/queries.ts'

const ID = LEASING_CONTRACT.id
const DETAIL: ContractDetail = {
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
  parties: [
    { role: 'holder', name: 'Anna Huber' },
    { role: 'co_borrower', name: 'Markus Huber' },
  ],
}
const MARKUS_ACCESS: ContractAccess = {
  id: '5b0c1d2e-3f40-4152-8364-758697a8b9c0',
  name: 'Markus Huber',
  email: 'markus.huber@example.at',
  since: '2026-05-10T08:00:00Z',
  lastUsedAt: '2026-05-12T16:30:00Z',
}
const TOKEN = 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345'

let mounted: MountedApp
let api: FakeApi

beforeEach(() => {
  resetLocale()
  api = installFakeApi()
  api.on('GET', '/session', {
    status: 200,
    body: { signedIn: true, customer: { ...ANNA, activated: true } },
  })
})
afterEach(() => mounted.wrapper.unmount())

/** The leasing's mileage before any reading. */
const NO_READINGS = {
  startDate: DETAIL.startDate,
  endDate: DETAIL.endDate,
  allowanceKmPerYear: 15_000,
  allowanceTotalKm: 60_000,
  toleranceKm: 2_500,
  excessKmRateCents: 8,
  unusedKmRefundCents: 4,
  unusedKmRefundCapKm: 5_000,
  readings: [],
  projection: null,
}

const main = () => mounted.wrapper.get('main')
const plain = (text: string) => text.replace(/\s+/g, ' ').trim()

function contractAs(role: 'holder' | 'co_borrower'): void {
  api
    .on('GET', `/contracts/${ID}`, {
      status: 200,
      body: { ...DETAIL, role, bankAccount: role === 'holder' ? DETAIL.bankAccount : null },
    })
    .on('GET', `/contracts/${ID}/schedule`, { status: 200, body: { currency: 'EUR', items: [] } })
    .on('GET', `/contracts/${ID}/mileage`, { status: 200, body: NO_READINGS })
}

async function openContract(): Promise<void> {
  mounted = await mountApp(`/contracts/${ID}`, api)
  await vi.waitFor(() => expect(main().find('h1').text()).toContain('MINI'))
}

describe('the holder’s access section', () => {
  it('lists who has access, invites by e-mail and revokes after asking', async () => {
    contractAs('holder')
    let access = [MARKUS_ACCESS]
    api
      .on('GET', `/contracts/${ID}/access`, () => ({ status: 200, body: { items: access } }))
      .on('POST', `/contracts/${ID}/invitations`, {
        status: 202,
        body: { status: 'invitation_sent', expiresAt: '2026-05-24T08:30:00Z' },
      })
      .on('DELETE', `/contracts/${ID}/access/${MARKUS_ACCESS.id}`, () => {
        access = []
        return { status: 204 }
      })
    await openContract()
    // The holder is offered the services.
    expect(main().text()).toContain('Service anfordern')
    const section = () => main().get('[data-testid="co-borrower-access"]')
    await vi.waitFor(() => expect(section().text()).toContain('markus.huber@example.at'))
    expect(section().get('h2').text()).toBe('Zugang für Mitantragsteller/in')
    expect(plain(section().get('[data-testid="co-borrower-list"]').text())).toContain(
      'Zugang seit 10.05.2026',
    )

    await fill(field(section(), 'E-Mail-Adresse für die Einladung'), 'markus@example.at')
    await click(button(section(), 'Einladung senden'))
    await vi.waitFor(() => expect(section().text()).toContain('Einladung gesendet'))
    expect(api.callsTo('POST', `/contracts/${ID}/invitations`)[0]?.body).toEqual({
      email: 'markus@example.at',
    })
    expect(section().text()).toContain('an markus@example.at gesendet')

    await click(button(section(), 'Zugang beenden'))
    const dialog = () => mounted.wrapper.get('[data-testid="co-borrower-revoke-dialog"]')
    expect(dialog().text()).toContain('Zugang von Markus Huber beenden?')
    // Nothing happens before the holder confirms.
    expect(api.callsTo('DELETE', `/contracts/${ID}/access/${MARKUS_ACCESS.id}`)).toHaveLength(0)
    await click(button(dialog(), 'Zugang beenden'))
    await vi.waitFor(() =>
      expect(section().text()).toContain('Der Zugang von Markus Huber ist beendet.'),
    )
    expect(api.callsTo('DELETE', `/contracts/${ID}/access/${MARKUS_ACCESS.id}`)).toHaveLength(1)
    expect(section().find('[data-testid="co-borrower-none"]').exists()).toBe(true)
  })

  it('is not there for a contract without a co-borrower', async () => {
    api
      .on('GET', `/contracts/${ID}`, {
        status: 200,
        body: { ...DETAIL, parties: [{ role: 'holder', name: 'Anna Huber' }] },
      })
      .on('GET', `/contracts/${ID}/schedule`, { status: 200, body: { currency: 'EUR', items: [] } })
    await openContract()
    expect(main().find('[data-testid="co-borrower-access"]').exists()).toBe(false)
    expect(api.callsTo('GET', `/contracts/${ID}/access`)).toHaveLength(0)
  })
})

describe('a co-borrower’s contract page', () => {
  it('says it is read-only and offers no service and no access management', async () => {
    contractAs('co_borrower')
    await openContract()
    expect(main().get('[data-testid="co-borrower-note"]').text()).toContain(
      'Sie sehen diesen Vertrag als Mitantragsteller/in.',
    )
    expect(main().text()).toContain('Dokumente zu diesem Vertrag')
    expect(main().text()).not.toContain('Service anfordern')
    expect(main().find('[data-testid="co-borrower-access"]').exists()).toBe(false)
    expect(hasButton(main(), 'Einladung senden')).toBe(false)
    // The parties, and whose account pays (not the holder's IBAN).
    const data = main().get('[data-testid="contract-fields"]')
    expect(data.get('[data-field="bankAccount"]').text()).toBe('Bankkonto von Anna Huber')
    expect(data.get('[data-field="party-holder"]').text()).toBe('Anna Huber')
    expect(data.get('[data-field="party-co_borrower"]').text()).toBe('Markus Huber')
    expect(api.callsTo('GET', `/contracts/${ID}/access`)).toHaveLength(0)
    // The mileage without a reading: not asked to record one, and no form to do it.
    await vi.waitFor(() => expect(main().text()).toContain('Noch ist kein Kilometerstand erfasst.'))
    expect(main().text()).not.toContain('Erfassen Sie Ihren Kilometerstand')
    expect(hasButton(main(), 'Kilometerstand speichern')).toBe(false)
  })
})

describe('the invitation page', () => {
  it('sends the date of birth with the link’s token and opens the contract', async () => {
    contractAs('co_borrower')
    api.on('POST', '/invitations/confirm', {
      status: 200,
      body: { status: 'joined', contractId: ID },
    })
    mounted = await mountApp(`/invitation?token=${TOKEN}`, api)
    await fill(field(main(), 'Geburtsdatum'), '03.06.1982')
    await click(button(main(), 'Bestätigen und Vertrag ansehen'))
    await vi.waitFor(() => expect(mounted.router.currentRoute.value.name).toBe('contract'))
    expect(api.callsTo('POST', '/invitations/confirm')[0]?.body).toEqual({
      token: TOKEN,
      dateOfBirth: '1982-06-03',
    })
  })

  it('says how many attempts are left after a wrong date, and when the link no longer works', async () => {
    const wrong = apiError(400, 'validation_failed', { dateOfBirth: 'invalid_value' })
    ;(wrong.body as { error: { attemptsLeft?: number } }).error.attemptsLeft = 3
    api.on('POST', '/invitations/confirm', wrong)
    mounted = await mountApp(`/invitation?token=${TOKEN}`, api)
    await fill(field(main(), 'Geburtsdatum'), '04.06.1982')
    await click(button(main(), 'Bestätigen und Vertrag ansehen'))
    await vi.waitFor(() =>
      expect(main().text()).toContain(
        'Das Geburtsdatum stimmt nicht mit dem Vertrag überein. Sie haben noch 3 Versuche.',
      ),
    )
    api.on('POST', '/invitations/confirm', apiError(400, 'link_invalid'))
    await click(button(main(), 'Bestätigen und Vertrag ansehen'))
    await vi.waitFor(() => expect(main().text()).toContain('Dieser Link ist nicht mehr gültig.'))
    expect(mounted.router.currentRoute.value.name).toBe('invitation')
  })

  it('sends a signed-out invitee to sign in first, and back afterwards', async () => {
    api.on('GET', '/session', { status: 200, body: { signedIn: false } })
    mounted = await mountApp(`/invitation?token=${TOKEN}`, api)
    await flushPromises()
    const route = mounted.router.currentRoute.value
    expect(route.name).toBe('sign-in')
    expect(route.query.redirect).toBe(`/invitation?token=${TOKEN}`)
  })
})

describe('the services page', () => {
  it('offers only the contracts the customer holds, never one read as co-borrower', async () => {
    const shared = { ...LOAN_CONTRACT, role: 'co_borrower' as const }
    api
      .on('GET', '/contracts', { status: 200, body: { items: [LEASING_CONTRACT, shared] } })
      .on('GET', '/service-types', { status: 200, body: { items: [] } })
      .on('GET', '/service-requests', { status: 200, body: { items: [] } })
    mounted = await mountApp(`/services?contract=${shared.id}`, api)
    const select = () => field<HTMLSelectElement>(main(), 'Vertrag')
    await vi.waitFor(() => expect(select().exists()).toBe(true))
    const options = select()
      .findAll('option')
      .map((option) => option.attributes('value'))
    expect(options).toEqual([LEASING_CONTRACT.id])
    expect(
      api.calls.some(
        (call) => call.path === '/service-types' && call.query?.contractId === shared.id,
      ),
    ).toBe(false)
  })
})
