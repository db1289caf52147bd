/**
 * The end-of-term service types answered by the demo back office (api.md
 * "Lease end, mileage"): the return appointment confirmed with its day and
 * place, the extension with its new instalment, the balloon's final instalment
 * refinanced at the demo's rate of today; the products and bounds each takes.
 * The helpers' clock starts on Sunday 2026-05-17 08:30 UTC.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceRequestView } from '../../../src/shared/api/service-requests.ts'
import { DEMO_REFINANCE_RATE_BP } from '../../../src/shared/api/service-requests.ts'
import { addDays } from '../../../src/shared/dates.ts'
import { formatDate, formatMoney } from '../../../src/shared/format.ts'
import { buildPlan, regularInstalment } from '../../../src/backend/contracts/plan.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { signInAnna, type Auth } from '../../helpers/customers.ts'
import { expectText, pdfText } from '../../helpers/pdf-text.ts'
import {
  ANNA_BALLOON,
  ANNA_LEASING,
  contentOf,
  contractOf,
  contractRecord,
  file,
  postRequest,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const de = (cents: number) => formatMoney(cents, 'EUR', 'de')
const TODAY = '2026-05-17'

/** The request once the back office has answered it (3 days later; a new session). */
async function answered(id: string): Promise<{ view: ServiceRequestView; text: string }> {
  backend.clock.advance(3 * 86_400)
  const auth = await signInAnna(backend)
  const view = (await backend.json('GET', `/api/v1/service-requests/${id}`, undefined, auth)).json()
  expect(view.status).toBe('completed')
  return { view, text: await pdfText(await contentOf(backend, auth, String(view.documentId))) }
}

async function refused(auth: Auth, body: unknown, field: string, reason: string) {
  const response = await postRequest(backend, auth, body)
  expect(response.statusCode, JSON.stringify(body)).toBe(400)
  expect(response.json().error.fields).toMatchObject({ [field]: reason })
}

describe('lease_return_appointment', () => {
  it('confirms the day and the place by letter; the day from 3 days ahead to 2 weeks after the end', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const body = (date: string, branch = 'wien') => ({
      type: 'lease_return_appointment',
      contractId: leasing.id,
      details: { date, branch },
    })
    await refused(auth, body(addDays(TODAY, 2)), 'details.date', 'out_of_range')
    await refused(auth, body(addDays(leasing.endDate, 15)), 'details.date', 'out_of_range')
    await refused(auth, body(leasing.endDate, 'paris'), 'details.branch', 'invalid_value')
    const filed = await file(backend, auth, body(leasing.endDate))
    // One at a time per contract.
    const again = await postRequest(backend, auth, body(addDays(leasing.endDate, -1)))
    expect(again.json().error).toMatchObject({ code: 'not_eligible', reason: 'request_pending' })
    const { text } = await answered(filed.id)
    expectText(text, [
      `wir bestätigen Ihren Termin für die Rückgabe Ihres Fahrzeugs MINI Cooper SE 3-Türer (S-715 AH): am ${formatDate(leasing.endDate, 'de')} bei MINI Wien, Heiligenstädter Straße.`,
    ])
  })
})

describe('contract_extension', () => {
  it('states the new instalment: the residual value financed on at the contract’s rate', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const body = (months: unknown) => ({
      type: 'contract_extension',
      contractId: leasing.id,
      details: { months },
    })
    await refused(auth, body(5), 'details.months', 'out_of_range')
    await refused(auth, body(25), 'details.months', 'out_of_range')
    const filed = await file(backend, auth, body(12))
    const c = await contractRecord(backend, leasing.id)
    // 12 months' loss of value at the contract's average: (32,900 − 14,800) / 48 a month.
    const newResidual = 1_480_000 - Math.round((3_290_000 - 1_480_000) / 48) * 12
    const instalment = regularInstalment({
      product: 'leasing',
      financedAmountCents: 1_480_000,
      nominalRateBp: c.nominalRateBp,
      termMonths: 12,
      finalAmountCents: newResidual,
      startDate: leasing.endDate,
      paymentDay: c.paymentDay,
    })
    expect(instalment).toBeGreaterThan(0)
    const { text } = await answered(filed.id)
    expectText(text, [
      `gerne verlängern wir Ihren Leasingvertrag ${ANNA_LEASING} um 12 Monate.`,
      `Ihre neue monatliche Rate: ${de(instalment)}, erstmals am`,
      `Der Restwert am Ende der Verlängerung: ${de(newResidual)}.`,
    ])
  })

  it('is for leasing only', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const response = await postRequest(backend, auth, {
      type: 'contract_extension',
      contractId: balloon.id,
      details: { months: 12 },
    })
    expect(response.json().error).toMatchObject({
      code: 'not_eligible',
      reason: 'product_not_eligible',
    })
  })
})

describe('final_instalment_refinance', () => {
  it('states a new plan for the final instalment at the demo rate of today', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const body = (months: unknown) => ({
      type: 'final_instalment_refinance',
      contractId: balloon.id,
      details: { months },
    })
    await refused(auth, body(11), 'details.months', 'out_of_range')
    await refused(auth, body(49), 'details.months', 'out_of_range')
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const wrong = await postRequest(backend, auth, { ...body(24), contractId: leasing.id })
    expect(wrong.json().error.reason).toBe('product_not_eligible')
    const filed = await file(backend, auth, body(24))
    const final = balloon.finalInstalmentCents ?? 0
    const c = await contractRecord(backend, balloon.id)
    const terms = {
      product: 'loan' as const,
      financedAmountCents: final,
      nominalRateBp: DEMO_REFINANCE_RATE_BP,
      termMonths: 24,
      finalAmountCents: 0,
      startDate: balloon.endDate,
      paymentDay: c.paymentDay,
    }
    const plan = buildPlan(terms)
    // The new plan repays exactly the final instalment.
    expect(plan.reduce((sum, row) => sum + row.principalCents, 0)).toBe(final)
    const interest = plan.reduce((sum, row) => sum + row.interestCents, 0)
    const { text } = await answered(filed.id)
    expectText(text, [
      `gerne finanzieren wir die Schlussrate Ihres Vertrags ${ANNA_BALLOON} von ${de(final)} in 24 monatlichen Raten.`,
      `Ihre monatliche Rate: ${de(regularInstalment(terms))}, vom ${formatDate(plan[0]?.dueDate ?? '', 'de')} bis ${formatDate(plan.at(-1)?.dueDate ?? '', 'de')}`,
      `Zinsen insgesamt: ${de(interest)}.`,
    ])
  })
})
