/**
 * Payment difficulties through the real backend: POST /contracts/{id}/deferral-preview
 * (the plan of deferInstalments, before anything is filed) and the
 * payment_deferral request: signed with the password on the sign-in counter,
 * one per contract per 12 months, not in the last 3 months (409 not_eligible),
 * answered by the demo back office with the agreement PDF and its new plan.
 * The helpers' clock stands at Sunday 2026-05-17 08:30 UTC.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { deferInstalments } from '../../../src/backend/contracts/deferral.ts'
import { buildPlan } from '../../../src/backend/contracts/plan.ts'
import type { DocumentListAnswer } from '../../../src/shared/api/documents.ts'
import { formatDate, formatMoney } from '../../../src/shared/format.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import {
  ANNA,
  ANNA_LOGIN,
  demoCustomer,
  signInAnna,
  SOPHIE,
  type Auth,
} from '../../helpers/customers.ts'
import { expectText, pdfText } from '../../helpers/pdf-text.ts'
import {
  ANNA_BALLOON,
  ANNA_LOAN,
  contentOf,
  contractOf,
  contractRecord,
  insertLoan,
  postRequest,
  scheduleOf,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const preview = (auth: Auth, id: string, body: unknown) =>
  backend.json('POST', `/api/v1/contracts/${id}/deferral-preview`, body, auth)

async function nextDueDates(auth: Auth, id: string): Promise<string[]> {
  return (await scheduleOf(backend, auth, id))
    .filter((r) => r.status !== 'paid')
    .map((r) => r.dueDate)
}

const deferral = (contractId: string, firstDueDate: string, password?: string) => ({
  type: 'payment_deferral',
  contractId,
  details: {
    months: 2,
    firstDueDate,
    reason: 'Kurzarbeit seit April',
    monthlyIncomeCents: 180_000,
    monthlyExpensesCents: 150_000,
  },
  ...(password === undefined ? {} : { password }),
})

describe('POST /contracts/{id}/deferral-preview', () => {
  it('answers the new plan and the extra interest of the contract’s real plan, and files nothing', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const [first] = await nextDueDates(auth, loan.id)
    const response = await preview(auth, loan.id, { months: 2, firstDueDate: first })
    expect(response.statusCode, response.body).toBe(200)
    const terms = await contractRecord(backend, loan.id)
    expect(response.json()).toEqual(deferInstalments(terms, buildPlan(terms), first ?? '', 2))
    expect(response.json().extraInterestCents).toBeGreaterThan(0)
    const requests = await backend.json('GET', '/api/v1/service-requests', undefined, auth)
    expect(requests.json().items).toHaveLength(0)
  })

  it('400 names the field: no due date, a paid one, the fourth next one, 4 months', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const due = await nextDueDates(auth, loan.id)
    const paid = (await scheduleOf(backend, auth, loan.id)).find((r) => r.status === 'paid')
    const cases: [unknown, string][] = [
      [{ months: 1, firstDueDate: '2026-05-30' }, 'firstDueDate'],
      [{ months: 1, firstDueDate: paid?.dueDate }, 'firstDueDate'],
      [{ months: 1, firstDueDate: due[3] }, 'firstDueDate'],
      [{ months: 4, firstDueDate: due[0] }, 'months'],
      [{ months: 0, firstDueDate: due[0] }, 'months'],
    ]
    for (const [body, field] of cases) {
      const response = await preview(auth, loan.id, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(Object.keys(response.json().error.fields), JSON.stringify(body)).toEqual([field])
    }
  })

  it('another customer’s contract is not found; a contract ending within 3 months is not eligible (term_ending)', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const loan = await contractOf(backend, anna, ANNA_LOAN)
    const sophie = await demoCustomer(backend, SOPHIE)
    const [first] = await nextDueDates(anna, loan.id)
    expect((await preview(sophie, loan.id, { months: 1, firstDueDate: first })).statusCode).toBe(
      404,
    )
    const ending = await insertLoan(backend, ANNA, {
      number: 'KR-2025-099001',
      startDate: '2025-08-10',
      termMonths: 12,
      paymentDay: 1,
      financedAmountCents: 1_200_000,
      nominalRateBp: 500,
      model: { de: 'Cooper', en: 'Cooper' },
      vin: 'WMW11DJ0402T79999',
      registrationPlate: 'S-END 1',
    })
    // Ends on 1 August 2026: within 3 months of 17 May.
    const refused = await preview(anna, ending, { months: 1, firstDueDate: '2026-06-01' })
    expect(refused.statusCode, refused.body).toBe(409)
    expect(refused.json().error).toMatchObject({ code: 'not_eligible', reason: 'term_ending' })
  })
})

describe('the payment_deferral request', () => {
  it('is signed with the password: missing → 400, wrong → 403 with the attempts left, nothing filed; the password is not kept', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const [first = ''] = await nextDueDates(auth, loan.id)
    const missing = await postRequest(backend, auth, deferral(loan.id, first))
    expect(missing.statusCode).toBe(400)
    const wrong = await postRequest(
      backend,
      auth,
      deferral(loan.id, first, 'Nicht-mein-Passwort-1'),
    )
    expect(wrong.statusCode).toBe(403)
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', attemptsLeft: 2 })
    const list = await backend.json('GET', '/api/v1/service-requests', undefined, auth)
    expect(list.json().items).toHaveLength(0)
    const filed = await postRequest(
      backend,
      auth,
      deferral(loan.id, first, ANNA_LOGIN.password),
      'k-1',
    )
    expect(filed.statusCode, filed.body).toBe(201)
    expect(filed.json().details).toEqual(deferral(loan.id, first).details)
    expect(filed.body).not.toContain(ANNA_LOGIN.password)
    const stored = await backend.app.services.db.all<Record<string, unknown>>(
      'SELECT * FROM service_requests',
    )
    const keys = await backend.app.services.db.all<Record<string, unknown>>(
      'SELECT * FROM idempotency_keys',
    )
    expect(JSON.stringify([stored, keys])).not.toContain(ANNA_LOGIN.password)
  })

  it('counts on the sign-in counter: the third wrong password locks the account (423)', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const [first = ''] = await nextDueDates(auth, loan.id)
    const body = deferral(loan.id, first, 'Nicht-mein-Passwort-1')
    expect((await postRequest(backend, auth, body)).statusCode).toBe(403)
    expect((await postRequest(backend, auth, body)).statusCode).toBe(403)
    const third = await postRequest(backend, auth, body)
    expect(third.statusCode).toBe(423)
    expect(third.json().error.code).toBe('account_locked')
  })

  it('one per contract in 12 months (409 deferral_within_year, the preview too); another contract still may', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const [first = ''] = await nextDueDates(auth, loan.id)
    const ok = await postRequest(backend, auth, deferral(loan.id, first, ANNA_LOGIN.password))
    expect(ok.statusCode, ok.body).toBe(201)
    const again = await postRequest(backend, auth, deferral(loan.id, first, ANNA_LOGIN.password))
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({ reason: 'deferral_within_year' })
    const refused = await preview(auth, loan.id, { months: 1, firstDueDate: first })
    expect(refused.json().error).toMatchObject({ reason: 'deferral_within_year' })
    // Another contract of hers still may.
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const [balloonFirst] = await nextDueDates(auth, balloon.id)
    expect(
      (await preview(auth, balloon.id, { months: 1, firstDueDate: balloonFirst })).statusCode,
    ).toBe(200)
    // The back office agrees to the first within two days; eleven months later a second
    // is still refused, thirteen months later possible again.
    backend.clock.advance(2 * 86_400)
    await signInAnna(backend)
    backend.clock.advance(333 * 86_400)
    const later = await signInAnna(backend)
    const [eleven = ''] = await nextDueDates(later, loan.id)
    expect((await preview(later, loan.id, { months: 1, firstDueDate: eleven })).statusCode).toBe(
      409,
    )
    backend.clock.advance(60 * 86_400)
    const after = await signInAnna(backend)
    const [thirteen = ''] = await nextDueDates(after, loan.id)
    expect((await preview(after, loan.id, { months: 1, firstDueDate: thirteen })).statusCode).toBe(
      200,
    )
  })

  it('the back office refuses, saying why, when the first deferred instalment was collected before its answer', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const [first = ''] = await nextDueDates(auth, loan.id)
    const filed = await postRequest(backend, auth, deferral(loan.id, first, ANNA_LOGIN.password))
    expect(filed.statusCode, filed.body).toBe(201)
    // Nobody asks until two days after that instalment was due (and collected).
    const past = Date.parse(`${first}T12:00:00Z`) + 2 * 86_400_000
    backend.clock.advance(Math.ceil((past - backend.clock.now().getTime()) / 1000))
    auth = await signInAnna(backend)
    const done = (
      await backend.json('GET', `/api/v1/service-requests/${filed.json().id}`, undefined, auth)
    ).json()
    expect(done.status).toBe('rejected')
    const text = await pdfText(await contentOf(backend, auth, String(done.documentId)))
    expectText(text, ['Die erste Rate, die Sie stunden wollten, ist inzwischen abgebucht.'])
  })

  it('the back office answers with the deferral agreement: new end, extra interest and the new plan in the PDF', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const [first = ''] = await nextDueDates(auth, loan.id)
    const filed = await postRequest(backend, auth, deferral(loan.id, first, ANNA_LOGIN.password))
    expect(filed.statusCode, filed.body).toBe(201)
    backend.clock.advance(2 * 86_400)
    auth = await signInAnna(backend)
    const done = await backend.json(
      'GET',
      `/api/v1/service-requests/${filed.json().id}`,
      undefined,
      auth,
    )
    expect(done.json().status).toBe('completed')
    expect(done.json().documentTitle).toBe(`Stundungsvereinbarung ${ANNA_LOAN}`)
    const terms = await contractRecord(backend, loan.id)
    const expected = deferInstalments(terms, buildPlan(terms), first, 2)
    const docs = (
      await backend.json('GET', '/api/v1/documents', undefined, auth)
    ).json() as DocumentListAnswer
    expect(docs.items.some((d) => d.id === done.json().documentId)).toBe(true)
    const text = await pdfText(await contentOf(backend, auth, String(done.json().documentId)))
    const money = (cents: number) => formatMoney(cents, 'EUR', 'de')
    expectText(text, [
      `Stundungsvereinbarung ${ANNA_LOAN}`,
      `Bisheriges Vertragsende ${formatDate(loan.endDate, 'de')}`,
      `Neues Vertragsende ${formatDate(expected.newEndDate, 'de')}`,
      `Zinsen für die gestundeten Monate ${money(expected.extraInterestCents)}`,
      `${formatDate(first, 'de')} ${money(0)}`,
    ])
  })
})
