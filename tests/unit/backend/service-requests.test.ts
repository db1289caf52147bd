/**
 * GET /service-types, POST /service-requests, GET /service-requests(/{id})
 * through the real backend: the catalogue and its schemas, the validation of
 * every type's details, eligibility (409 not_eligible with its reason), who
 * may see what (401, 403, 404 across customers), and the immediate answers.
 * The helpers' clock stands at Sunday 2026-05-17 08:30 UTC (10:30 in Vienna).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import {
  SERVICE_TYPES,
  stripAnnotations,
  type ServiceTypeInfo,
} from '../../../src/shared/api/service-requests.ts'
import type { DocumentListAnswer } from '../../../src/shared/api/documents.ts'
import { addDays, addMonths } from '../../../src/shared/dates.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { demoCustomer, LUKAS, signInAnna, SOPHIE, type Auth } from '../../helpers/customers.ts'
import {
  ANNA_BALLOON,
  ANNA_LEASING,
  ANNA_LOAN,
  contractOf,
  file,
  listRequests,
  postRequest,
  scheduleOf,
  SOPHIE_SETTLED_LOAN,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const TODAY = '2026-05-17'

async function types(auth: Auth, query = ''): Promise<ServiceTypeInfo[]> {
  const response = await backend.json('GET', `/api/v1/service-types${query}`, undefined, auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items
}

const typeOf = (items: readonly ServiceTypeInfo[], type: string): ServiceTypeInfo => {
  const found = items.find((item) => item.type === type)
  if (!found) throw new Error(`no type ${type}`)
  return found
}

/** Expects a 400 naming exactly this field with this reason, and nothing filed. */
async function expectInvalid(
  auth: Auth,
  body: unknown,
  field: string,
  reason: string,
): Promise<void> {
  const before = (await listRequests(backend, auth)).length
  const response = await postRequest(backend, auth, body)
  expect(response.statusCode, JSON.stringify(body)).toBe(400)
  expect(response.json().error).toMatchObject({
    code: 'validation_failed',
    fields: { [field]: reason },
  })
  expect(await listRequests(backend, auth)).toHaveLength(before)
}

async function expectNotEligible(auth: Auth, body: unknown, reason: string): Promise<void> {
  const before = (await listRequests(backend, auth)).length
  const response = await postRequest(backend, auth, body)
  expect(response.statusCode, response.body).toBe(409)
  expect(response.json().error).toMatchObject({ code: 'not_eligible', reason })
  expect(await listRequests(backend, auth)).toHaveLength(before)
}

describe('GET /service-types', () => {
  it('lists every type with German and English texts, its products and a labelled schema of its details', async () => {
    backend = await createTestBackend()
    const items = await types(await signInAnna(backend))
    expect(items.map((i) => i.type)).toEqual([...SERVICE_TYPES])
    for (const item of items) {
      for (const text of [item.title, item.description]) {
        expect(text.de.length, item.type).toBeGreaterThan(3)
        expect(text.en.length, item.type).toBeGreaterThan(3)
        expect(text.de).not.toBe(text.en)
      }
      expect(item.products.length).toBeGreaterThan(0)
      expect(item.fields).toMatchObject({ type: 'object', additionalProperties: false })
      // Every field a form shows has a label and a help text in both languages, not a raw name.
      for (const [name, field] of Object.entries(item.fields.properties)) {
        const label = field['x-label'] as { de: string; en: string }
        const help = field['x-help'] as { de: string; en: string }
        expect(label.de, `${item.type}.${name}`).not.toBe(name)
        expect(label.en, `${item.type}.${name}`).toMatch(/^[A-Z]/)
        expect(help.de.length && help.en.length).toBeGreaterThan(0)
      }
    }
    expect(typeOf(items, 'payoff_quote').fields.required).toEqual(['payoffDate'])
    expect(typeOf(items, 'special_repayment').products).toEqual(['loan', 'balloon'])
    expect(typeOf(items, 'vehicle_certificate_release').contractStatuses).toEqual(['settled'])
    expect(typeOf(items, 'bank_details_change')).toMatchObject({
      handling: 'profile',
      endpoint: 'PUT /me/bank-account',
    })
    expect(typeOf(items, 'payoff_quote').handling).toBe('immediate')
    expect(typeOf(items, 'travel_abroad_permission').handling).toBe('back_office')
    // Without a contract there is no eligibility to tell.
    expect(items.every((i) => i.eligibility === undefined)).toBe(true)
  })

  it('for a contract: whether each type fits it, and that contract’s bounds in the schemas', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const forLoan = await types(auth, `?contractId=${loan.id}`)
    const eligibility = Object.fromEntries(forLoan.map((i) => [i.type, i.eligibility]))
    expect(eligibility).toEqual({
      payoff_quote: { eligible: true, reason: null },
      payment_day_change: { eligible: true, reason: null },
      bank_details_change: { eligible: false, reason: 'use_profile' },
      vehicle_certificate_release: { eligible: false, reason: 'contract_not_settled' },
      travel_abroad_permission: { eligible: true, reason: null },
      balance_confirmation: { eligible: true, reason: null },
      special_repayment: { eligible: true, reason: null },
      contract_copy: { eligible: true, reason: null },
      payment_deferral: { eligible: true, reason: null },
      purchase_quote: { eligible: false, reason: 'product_not_eligible' },
      lease_return_appointment: { eligible: false, reason: 'product_not_eligible' },
      contract_extension: { eligible: false, reason: 'product_not_eligible' },
      final_instalment_refinance: { eligible: false, reason: 'product_not_eligible' },
    })
    expect(typeOf(forLoan, 'payoff_quote').fields.properties.payoffDate).toMatchObject({
      formatMinimum: TODAY,
      formatMaximum: addDays(TODAY, 30),
    })
    // The loan is debited on the 1st: only the 15th is a change.
    expect(loan.paymentDay).toBe(1)
    expect(typeOf(forLoan, 'payment_day_change').fields.properties.newPaymentDay?.enum).toEqual([
      15,
    ])
    const due = (await scheduleOf(backend, auth, loan.id)).find((r) => r.status === 'due')
    expect(typeOf(forLoan, 'special_repayment').fields.properties.amountCents).toMatchObject({
      minimum: 50_000,
      maximum: (due?.balanceAfterCents ?? 0) - 1,
    })
    const forLeasing = await types(auth, `?contractId=${leasing.id}`)
    expect(typeOf(forLeasing, 'special_repayment').eligibility).toEqual({
      eligible: false,
      reason: 'product_not_eligible',
    })
    expect(typeOf(forLeasing, 'vehicle_certificate_release').eligibility?.reason).toBe(
      'product_not_eligible',
    )
  })

  it('answers 404 for another customer’s contract, 401 without a session, 403 before activation', async () => {
    backend = await createTestBackend()
    const sophie = await demoCustomer(backend, SOPHIE)
    const settled = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    const auth = await signInAnna(backend)
    for (const id of [settled.id, randomUUID(), 'x'.repeat(64)]) {
      const response = await backend.json(
        'GET',
        `/api/v1/service-types?contractId=${id}`,
        undefined,
        auth,
      )
      expect(response.statusCode).toBe(404)
      expect(response.json().error.code).toBe('not_found')
    }
    expect((await backend.json('GET', '/api/v1/service-types')).statusCode).toBe(401)
    const lukas = await demoCustomer(backend, LUKAS, { activate: false })
    const early = await backend.json('GET', '/api/v1/service-types', undefined, lukas)
    expect(early.statusCode).toBe(403)
    expect(early.json().error.code).toBe('activation_required')
  })

  it('bounds that the POST keeps: the last date offered is accepted, the day after is not', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const payoff = typeOf(await types(auth, `?contractId=${loan.id}`), 'payoff_quote')
    const last = String(payoff.fields.properties.payoffDate?.formatMaximum)
    await file(backend, auth, {
      type: 'payoff_quote',
      contractId: loan.id,
      details: { payoffDate: last },
    })
    await expectInvalid(
      auth,
      { type: 'payoff_quote', contractId: loan.id, details: { payoffDate: addDays(last, 1) } },
      'details.payoffDate',
      'out_of_range',
    )
    // The schema without its annotations is what the server validates the shape with.
    expect(JSON.stringify(stripAnnotations(payoff.fields))).not.toContain('x-')
  })
})

describe('POST /service-requests: the details of each type', () => {
  it('checks the body’s shape: type, contract id, details, no other properties', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const copy = { type: 'contract_copy', contractId: loan.id, details: {} }
    await expectInvalid(auth, { ...copy, type: 'oil_change' }, 'type', 'invalid_value')
    await expectInvalid(auth, { ...copy, extra: true }, 'extra', 'unknown_property')
    await expectInvalid(auth, { type: copy.type, contractId: loan.id }, 'details', 'required')
    await expectInvalid(auth, { ...copy, details: [] }, 'details', 'invalid_type')
    await expectInvalid(auth, { ...copy, contractId: 7 }, 'contractId', 'invalid_type')
    await expectInvalid(auth, { ...copy, details: { x: 1 } }, 'details.x', 'unknown_property')
  })

  it('payoff_quote: a real date from today up to 30 days ahead', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { id } = await contractOf(backend, auth, ANNA_LOAN)
    const payoff = (details: unknown) => ({ type: 'payoff_quote', contractId: id, details })
    await expectInvalid(auth, payoff({}), 'details.payoffDate', 'required')
    await expectInvalid(
      auth,
      payoff({ payoffDate: 20260520 }),
      'details.payoffDate',
      'invalid_type',
    )
    await expectInvalid(
      auth,
      payoff({ payoffDate: '2026-02-30' }),
      'details.payoffDate',
      'invalid_format',
    )
    await expectInvalid(
      auth,
      payoff({ payoffDate: '20.05.2026' }),
      'details.payoffDate',
      'invalid_format',
    )
    await expectInvalid(
      auth,
      payoff({ payoffDate: addDays(TODAY, -1) }),
      'details.payoffDate',
      'out_of_range',
    )
    await expectInvalid(
      auth,
      payoff({ payoffDate: addDays(TODAY, 31) }),
      'details.payoffDate',
      'out_of_range',
    )
    const filed = await file(backend, auth, payoff({ payoffDate: TODAY }))
    expect(filed).toMatchObject({ type: 'payoff_quote', status: 'completed' })
  })

  it('payment_day_change: the 1st or the 15th, not the day in force', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const change = (contractId: string, newPaymentDay: unknown) => ({
      type: 'payment_day_change',
      contractId,
      details: { newPaymentDay },
    })
    await expectInvalid(auth, change(loan.id, 5), 'details.newPaymentDay', 'invalid_value')
    await expectInvalid(auth, change(loan.id, '15'), 'details.newPaymentDay', 'invalid_type')
    await expectInvalid(auth, change(loan.id, 15.5), 'details.newPaymentDay', 'invalid_type')
    // The loan is debited on the 1st, the leasing on the 15th.
    await expectInvalid(auth, change(loan.id, 1), 'details.newPaymentDay', 'invalid_value')
    await expectInvalid(auth, change(leasing.id, 15), 'details.newPaymentDay', 'invalid_value')
    expect((await file(backend, auth, change(loan.id, 15))).status).toBe('received')
    expect((await file(backend, auth, change(leasing.id, 1))).status).toBe('received')
  })

  it('travel_abroad_permission: countries from the list, dates from today, within 12 months, in order', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { id } = await contractOf(backend, auth, ANNA_BALLOON)
    const trip = { countries: ['CH', 'RS'], from: '2026-07-01', to: '2026-07-21' }
    const travel = (details: unknown) => ({
      type: 'travel_abroad_permission',
      contractId: id,
      details,
    })
    await expectInvalid(auth, travel({ ...trip, countries: [] }), 'details.countries', 'too_short')
    // Within the EU no permission is needed: Germany is not on the list.
    await expectInvalid(
      auth,
      travel({ ...trip, countries: ['DE'] }),
      'details.countries.0',
      'invalid_value',
    )
    await expectInvalid(
      auth,
      travel({ ...trip, countries: ['CH', 'CH'] }),
      'details.countries',
      'invalid_value',
    )
    await expectInvalid(
      auth,
      travel({
        ...trip,
        countries: ['AL', 'BA', 'CH', 'GB', 'IS', 'LI', 'MA', 'MD', 'ME', 'MK', 'NO'],
      }),
      'details.countries',
      'too_long',
    )
    await expectInvalid(
      auth,
      travel({ countries: ['CH'], from: trip.from }),
      'details.to',
      'required',
    )
    await expectInvalid(
      auth,
      travel({ ...trip, from: addDays(TODAY, -1) }),
      'details.from',
      'out_of_range',
    )
    await expectInvalid(auth, travel({ ...trip, to: '2026-06-30' }), 'details.to', 'out_of_range')
    await expectInvalid(
      auth,
      travel({ ...trip, to: addDays(addMonths(TODAY, 12), 1) }),
      'details.to',
      'out_of_range',
    )
    await expectInvalid(
      auth,
      travel({ ...trip, purpose: 'Urlaub\u0007' }),
      'details.purpose',
      'invalid_format',
    )
    await expectInvalid(
      auth,
      travel({ ...trip, purpose: 'x'.repeat(201) }),
      'details.purpose',
      'too_long',
    )
    const filed = await file(backend, auth, travel({ ...trip, purpose: 'Familienbesuch' }))
    expect(filed).toMatchObject({
      status: 'received',
      details: { ...trip, purpose: 'Familienbesuch' },
      documentId: null,
    })
    // A one-day trip starting today is fine.
    await file(backend, auth, travel({ countries: ['TR'], from: TODAY, to: TODAY }))
  })

  it('balance_confirmation: a day between the contract’s start and today, today by default', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const confirm = (details: unknown) => ({
      type: 'balance_confirmation',
      contractId: loan.id,
      details,
    })
    await expectInvalid(auth, confirm({ asOf: addDays(TODAY, 1) }), 'details.asOf', 'out_of_range')
    await expectInvalid(
      auth,
      confirm({ asOf: addDays(loan.startDate, -1) }),
      'details.asOf',
      'out_of_range',
    )
    expect((await file(backend, auth, confirm({}))).status).toBe('completed')
    expect((await file(backend, auth, confirm({ asOf: loan.startDate }))).status).toBe('completed')
  })

  it('special_repayment: at least € 500, less than what the next instalment leaves, loans and balloons only', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const due = (await scheduleOf(backend, auth, loan.id)).find((r) => r.status === 'due')
    const limit = due?.balanceAfterCents ?? 0
    expect(limit).toBeGreaterThan(100_000)
    const repay = (contractId: string, amountCents: unknown) => ({
      type: 'special_repayment',
      contractId,
      details: { amountCents },
    })
    await expectInvalid(auth, repay(loan.id, 49_999), 'details.amountCents', 'out_of_range')
    await expectInvalid(auth, repay(loan.id, '100000'), 'details.amountCents', 'invalid_type')
    await expectInvalid(auth, repay(loan.id, 1000.5), 'details.amountCents', 'invalid_type')
    // Above the balance: a validation error naming the amount (the app shows it at the field).
    await expectInvalid(
      auth,
      repay(loan.id, loan.outstandingBalanceCents + 1),
      'details.amountCents',
      'out_of_range',
    )
    await expectInvalid(auth, repay(loan.id, limit), 'details.amountCents', 'out_of_range')
    await expectNotEligible(auth, repay(leasing.id, 100_000), 'product_not_eligible')
    const filed = await file(backend, auth, repay(loan.id, limit - 1))
    expect(filed).toMatchObject({ status: 'received', details: { amountCents: limit - 1 } })
  })

  it('vehicle_certificate_release: by post or for collection; contract_copy: no details', async () => {
    backend = await createTestBackend()
    const sophie = await demoCustomer(backend, SOPHIE)
    const { id } = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    const release = (details: unknown) => ({
      type: 'vehicle_certificate_release',
      contractId: id,
      details,
    })
    await expectInvalid(sophie, release({}), 'details.delivery', 'required')
    await expectInvalid(sophie, release({ delivery: 'drone' }), 'details.delivery', 'invalid_value')
    // Never to another address: the Typenschein proves ownership.
    await expectInvalid(
      sophie,
      release({ delivery: 'post', address: 'Elsewhere 1' }),
      'details.address',
      'unknown_property',
    )
    expect((await file(backend, sophie, release({ delivery: 'pickup' }))).status).toBe('received')
    await expectInvalid(
      sophie,
      { type: 'contract_copy', contractId: id, details: { copies: 2 } },
      'details.copies',
      'unknown_property',
    )
  })
})

describe('POST /service-requests: eligibility', () => {
  it('releases the Typenschein only for a settled contract, once', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const release = (contractId: string) => ({
      type: 'vehicle_certificate_release',
      contractId,
      details: { delivery: 'post' },
    })
    await expectNotEligible(auth, release(loan.id), 'contract_not_settled')
    await expectNotEligible(auth, release(leasing.id), 'product_not_eligible')
    const sophie = await demoCustomer(backend, SOPHIE)
    const settled = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    expect(settled.status).toBe('settled')
    const filed = await file(backend, sophie, release(settled.id))
    expect(filed).toMatchObject({ type: 'vehicle_certificate_release', status: 'received' })
    await expectNotEligible(sophie, release(settled.id), 'request_pending')
  })

  it('refuses what a settled contract no longer needs, and keeps what it still may', async () => {
    backend = await createTestBackend()
    const sophie = await demoCustomer(backend, SOPHIE)
    const { id } = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    await expectNotEligible(
      sophie,
      { type: 'payoff_quote', contractId: id, details: { payoffDate: TODAY } },
      'contract_settled',
    )
    await expectNotEligible(
      sophie,
      { type: 'payment_day_change', contractId: id, details: { newPaymentDay: 1 } },
      'contract_settled',
    )
    await expectNotEligible(
      sophie,
      {
        type: 'travel_abroad_permission',
        contractId: id,
        details: { countries: ['CH'], from: TODAY, to: TODAY },
      },
      'contract_settled',
    )
    await expectNotEligible(
      sophie,
      { type: 'special_repayment', contractId: id, details: { amountCents: 50_000 } },
      'contract_settled',
    )
    for (const type of ['balance_confirmation', 'contract_copy']) {
      expect((await file(backend, sophie, { type, contractId: id, details: {} })).status).toBe(
        'completed',
      )
    }
  })

  it('sends bank details to the profile, and files one payment-day change at a time', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    await expectNotEligible(
      auth,
      { type: 'bank_details_change', contractId: loan.id, details: {} },
      'use_profile',
    )
    const change = {
      type: 'payment_day_change',
      contractId: loan.id,
      details: { newPaymentDay: 15 },
    }
    await file(backend, auth, change)
    await expectNotEligible(auth, change, 'request_pending')
    // Another contract's change is its own matter.
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    await file(backend, auth, { ...change, contractId: balloon.id })
  })

  it('answers the eligibility before the contract-dependent details', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    // Far above any balance, on a product that has no special repayments: the product is the answer.
    await expectNotEligible(
      auth,
      { type: 'special_repayment', contractId: leasing.id, details: { amountCents: 99_000_000 } },
      'product_not_eligible',
    )
  })
})

describe('POST and GET /service-requests: who may see what', () => {
  it('needs a session (401) and an activated account (403) on every call, and files nothing before', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const body = { type: 'contract_copy', contractId: loan.id, details: {} }
    const filed = await file(backend, auth, body)
    const calls: [string, string, unknown?][] = [
      ['POST', '/api/v1/service-requests', body],
      ['GET', '/api/v1/service-requests'],
      ['GET', `/api/v1/service-requests/${filed.id}`],
    ]
    for (const [method, url, payload] of calls) {
      const anonymous = await backend.json(method, url, payload)
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401)
      expect(anonymous.json().error.code).toBe('unauthenticated')
      const forged = await backend.json(method, url, payload, {
        authorization: 'Bearer not-a-real-token-at-all',
      })
      expect(forged.statusCode).toBe(401)
    }
    const lukas = await demoCustomer(backend, LUKAS, { activate: false })
    for (const [method, url, payload] of calls) {
      const early = await backend.json(method, url, payload, lukas)
      expect(early.statusCode, `${method} ${url}`).toBe(403)
      expect(early.json().error.code).toBe('activation_required')
    }
    expect(await listRequests(backend, auth)).toHaveLength(1)
  })

  it('answers 404 for another customer’s contract or request, exactly like for none', async () => {
    backend = await createTestBackend()
    const sophie = await demoCustomer(backend, SOPHIE)
    const settled = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    const theirs = await file(backend, sophie, {
      type: 'contract_copy',
      contractId: settled.id,
      details: {},
    })
    const auth = await signInAnna(backend)
    const bodies = [settled.id, randomUUID(), 'KR-2021-060325'].map((contractId) => ({
      type: 'contract_copy',
      contractId,
      details: {},
    }))
    const answers = new Set<string>()
    for (const body of bodies) {
      const response = await postRequest(backend, auth, body)
      expect(response.statusCode).toBe(404)
      answers.add(response.body)
    }
    expect(answers.size).toBe(1)
    for (const id of [theirs.id, randomUUID(), 'nope', 'x'.repeat(300)]) {
      const response = await backend.json('GET', `/api/v1/service-requests/${id}`, undefined, auth)
      expect(response.statusCode, id).toBe(404)
      expect(response.json().error.code).toBe('not_found')
    }
    expect(await listRequests(backend, auth)).toEqual([])
    expect((await listRequests(backend, sophie)).map((r) => r.id)).toEqual([theirs.id])
  })
})

describe('POST /service-requests: the answer', () => {
  it('completes an immediate type at once with its document, unread in the postbox', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const response = await postRequest(backend, auth, {
      type: 'payoff_quote',
      contractId: loan.id,
      details: { payoffDate: '2026-05-29' },
    })
    expect(response.statusCode).toBe(201)
    const filed = response.json()
    expect(filed).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: expect.stringMatching(/^SR-2026-\d{6}$/),
      type: 'payoff_quote',
      contractId: loan.id,
      contractNumber: ANNA_LOAN,
      status: 'completed',
      details: { payoffDate: '2026-05-29' },
      createdAt: '2026-05-17T08:30:00.000Z',
      updatedAt: '2026-05-17T08:30:00.000Z',
      documentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      documentTitle: `Ablöseangebot ${ANNA_LOAN}`,
    })
    const postbox: DocumentListAnswer = (
      await backend.json('GET', `/api/v1/documents?contractId=${loan.id}&limit=1`, undefined, auth)
    ).json()
    expect(postbox.items[0]).toMatchObject({
      id: filed.documentId,
      title: `Ablöseangebot ${ANNA_LOAN}`,
      category: 'service',
      contractId: loan.id,
      read: false,
    })
    const one = await backend.json('GET', `/api/v1/service-requests/${filed.id}`, undefined, auth)
    expect(one.statusCode).toBe(200)
    expect(one.json()).toEqual(filed)
  })

  it('lists the customer’s requests newest first, each with its own reference', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const first = await file(backend, auth, {
      type: 'contract_copy',
      contractId: loan.id,
      details: {},
    })
    backend.clock.advance(60)
    const second = await file(backend, auth, {
      type: 'balance_confirmation',
      contractId: balloon.id,
      details: {},
    })
    backend.clock.advance(60)
    const third = await file(backend, auth, {
      type: 'travel_abroad_permission',
      contractId: balloon.id,
      details: { countries: ['NO'], from: '2026-08-01', to: '2026-08-20' },
    })
    const list = await listRequests(backend, auth)
    expect(list.map((r) => r.id)).toEqual([third.id, second.id, first.id])
    expect(list[2]).toMatchObject({
      type: 'contract_copy',
      documentTitle: `Vertragsabschrift ${ANNA_LOAN}`,
    })
    expect(list[1]?.documentTitle).toBe(`Saldobestätigung zum 17.05.2026 ${ANNA_BALLOON}`)
    expect(new Set(list.map((r) => r.reference)).size).toBe(3)
    expect(list[0]).toMatchObject({ status: 'received', documentId: null, documentTitle: null })
  })
})
