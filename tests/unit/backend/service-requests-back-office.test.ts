/**
 * The demo back office (demo/back-office.ts) on the fake clock: a request not
 * answered at once is taken up within an hour and answered within two working
 * days, filing its letter in the postbox (real PDFs, read with pdf.js) and
 * e-mailing the customer that there is a new document, without its content.
 * The helpers' clock starts on Sunday 2026-05-17 08:30 UTC (10:30 in Vienna).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceRequestView } from '../../../src/shared/api/service-requests.ts'
import type { DocumentListAnswer } from '../../../src/shared/api/documents.ts'
import { addDays, viennaDay } from '../../../src/shared/dates.ts'
import { formatDate, formatMoney } from '../../../src/shared/format.ts'
import { specialRepaymentEffect } from '../../../src/backend/contracts/payoff.ts'
import { specialRepaymentFee } from '../../../src/backend/contracts/simulation.ts'
import { buildPlan, regularInstalment } from '../../../src/backend/contracts/plan.ts'
import { backOfficeSchedule } from '../../../src/backend/demo/back-office.ts'
import { DEMO_CONTRACTS, demoContractRecord } from '../../../src/backend/demo/seed-contracts.ts'
import { DEMO_CUSTOMERS, DEMO_LOGINS } from '../../../src/backend/demo/seed.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  testHasher,
  type TestBackend,
} from '../../helpers/backend.ts'
import {
  ANNA,
  demoCustomer,
  ELENA,
  signIn,
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
  file,
  insertLoan,
  postRequest,
  SOPHIE_SETTLED_LOAN,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const ANNA_EMAIL = (DEMO_LOGINS[ANNA] as { email: string }).email
const MINUTE = 60
const HOUR = 3600

const SUBJECT_DE = 'Neues Dokument in Ihrem Postfach'

async function requestOf(auth: Auth, id: string): Promise<ServiceRequestView> {
  const response = await backend.json('GET', `/api/v1/service-requests/${id}`, undefined, auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** Moves the clock to an instant (forward only) and signs in again (tokens live 10 minutes). */
async function at(instant: string, signIn: () => Promise<Auth>): Promise<Auth> {
  const seconds = (Date.parse(instant) - backend.clock.now().getTime()) / 1000
  expect(seconds).toBeGreaterThanOrEqual(0)
  if (seconds > 0) backend.clock.advance(seconds)
  return signIn()
}

const emailsTo = async (to: string, subject: string) =>
  (await backend.app.services.repos.outbox.list({ to, kind: 'email', limit: 100 })).filter(
    (m) => m.subject === subject,
  )

describe('the back office’s timetable', () => {
  it('takes a request up within the hour and answers it on the next working day, never later than two', () => {
    // Every three hours through a week that holds a weekend, in summer time and in winter time.
    for (const start of ['2026-05-18T00:00:00Z', '2026-01-12T00:00:00Z']) {
      for (let hours = 0; hours < 7 * 24; hours += 3) {
        const filed = new Date(Date.parse(start) + hours * HOUR * 1000)
        const { progressDueAt, answerDueAt } = backOfficeSchedule(filed)
        const progressMs = Date.parse(progressDueAt) - filed.getTime()
        expect(progressMs).toBeGreaterThan(0)
        expect(progressMs).toBeLessThanOrEqual(HOUR * 1000)
        const answerDay = viennaDay(new Date(answerDueAt))
        const weekday = new Date(`${answerDay}T12:00:00Z`).getUTCDay()
        expect(weekday, answerDueAt).not.toBe(0)
        expect(weekday, answerDueAt).not.toBe(6)
        // Working days from the day after filing to the answer's day, both included.
        let workingDays = 0
        for (let d = addDays(viennaDay(filed), 1); d <= answerDay; d = addDays(d, 1)) {
          const w = new Date(`${d}T12:00:00Z`).getUTCDay()
          if (w !== 0 && w !== 6) workingDays++
        }
        expect(workingDays, filed.toISOString()).toBeGreaterThanOrEqual(1)
        expect(workingDays, filed.toISOString()).toBeLessThanOrEqual(2)
        expect(Date.parse(answerDueAt)).toBeGreaterThan(Date.parse(progressDueAt))
      }
    }
    // Friday evening in Vienna: Monday evening.
    expect(backOfficeSchedule(new Date('2026-05-22T16:00:00Z')).answerDueAt).toBe(
      '2026-05-25T16:00:00.000Z',
    )
  })
})

describe('the demo back office on the backend’s clock', () => {
  it('moves a travel permission from received to in progress to completed, files the letter and e-mails the customer', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const filed = await file(backend, auth, {
      type: 'travel_abroad_permission',
      contractId: balloon.id,
      details: {
        countries: ['CH', 'RS'],
        from: '2026-07-01',
        to: '2026-07-21',
        purpose: '  Familienbesuch in Novi Sad  ',
      },
    })
    expect(filed).toMatchObject({ status: 'received', documentId: null })
    const emailsBefore = await backend.app.services.repos.outbox.list({
      to: ANNA_EMAIL,
      limit: 100,
    })

    auth = await at('2026-05-17T08:59:00Z', () => signInAnna(backend))
    expect((await requestOf(auth, filed.id)).status).toBe('received')
    backend.clock.advance(2 * MINUTE)
    const taken = await requestOf(auth, filed.id)
    expect(taken).toMatchObject({ status: 'in_progress', documentId: null })
    expect(taken.updatedAt).toBe('2026-05-17T09:01:00.000Z')

    // Sunday: the answer comes on Monday at the same time, not a second earlier.
    auth = await at('2026-05-18T08:29:59Z', () => signInAnna(backend))
    expect((await requestOf(auth, filed.id)).status).toBe('in_progress')
    expect(await emailsTo(ANNA_EMAIL, SUBJECT_DE)).toEqual([])
    backend.clock.advance(1)
    const done = await requestOf(auth, filed.id)
    expect(done).toMatchObject({
      status: 'completed',
      documentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      documentTitle: `Genehmigung für Fahrten ins Ausland ${ANNA_BALLOON}`,
      updatedAt: '2026-05-18T08:30:00.000Z',
    })

    const postbox: DocumentListAnswer = (
      await backend.json('GET', '/api/v1/documents?limit=1', undefined, auth)
    ).json()
    expect(postbox.items[0]).toMatchObject({
      id: done.documentId,
      category: 'service',
      contractId: balloon.id,
      read: false,
    })
    const text = await pdfText(await contentOf(backend, auth, String(done.documentId)))
    expectText(text, [
      `Genehmigung für Fahrten ins Ausland ${ANNA_BALLOON}`,
      'Sehr geehrte Frau Huber,',
      `(Ihre Anfrage ${filed.reference})`,
      'Fahrer/in Anna Huber',
      'Länder Schweiz, Serbien',
      'Zeitraum 01.07.2026 – 21.07.2026',
      'Reisezweck Familienbesuch in Novi Sad',
      balloon.vehicle.vin,
      balloon.vehicle.registrationPlate,
      `authorises Anna Huber to take it to Switzerland, Serbia from 01/07/2026 to 21/07/2026.`,
      'Datum 18.05.2026',
    ])

    // One e-mail, which says there is a new document, and nothing of what it says.
    const emails = await emailsTo(ANNA_EMAIL, SUBJECT_DE)
    expect(emails).toHaveLength(1)
    const email = emails[0]
    expect(email?.text).toContain(
      'in Ihrem Postfach in der App My MINI Finance liegt ein neues Dokument',
    )
    expect(email?.text).toContain('Guten Tag, Frau Huber,')
    for (const secret of ['Schweiz', 'Serbien', 'Novi Sad', 'Genehmigung', balloon.vehicle.vin])
      expect(email?.text).not.toContain(secret)
    expect(email?.links).toEqual([])
    expect(
      await backend.app.services.repos.outbox.list({ to: ANNA_EMAIL, limit: 100 }),
    ).toHaveLength(emailsBefore.length + 1)
    // Later calls change nothing more.
    backend.clock.advance(3 * 24 * HOUR)
    auth = await signInAnna(backend)
    expect(await requestOf(auth, filed.id)).toEqual(done)
    expect(await emailsTo(ANNA_EMAIL, SUBJECT_DE)).toHaveLength(1)
  })

  it('answers a request filed on Friday evening on Monday, not over the weekend', async () => {
    backend = await createTestBackend()
    let auth = await at('2026-05-22T16:00:00Z', () => signInAnna(backend))
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const filed = await file(backend, auth, {
      type: 'payment_day_change',
      contractId: loan.id,
      details: { newPaymentDay: 15 },
    })
    for (const instant of [
      '2026-05-23T12:00:00Z',
      '2026-05-24T23:00:00Z',
      '2026-05-25T15:59:59Z',
    ]) {
      auth = await at(instant, () => signInAnna(backend))
      expect((await requestOf(auth, filed.id)).status, instant).toBe('in_progress')
    }
    auth = await at('2026-05-25T16:00:00Z', () => signInAnna(backend))
    const done = await requestOf(auth, filed.id)
    expect(done.status).toBe('completed')
    // From the answer's day, 25 May, 14 days' notice: the first 15th from 8 June is 15 June.
    const text = await pdfText(await contentOf(backend, auth, String(done.documentId)))
    expectText(text, [
      `Bestätigung Ihres neuen Abbuchungstags ${ANNA_LOAN}`,
      'Bisher am 1. jeden Monats',
      'Neu am 15. jeden Monats',
      'Erste Abbuchung am neuen Tag 15.06.2026',
      'Die Höhe Ihrer Rate bleibt gleich.',
    ])
  })

  it('follows POST /dev/clock: the next call after moving the clock shows the answer and the e-mail', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    await file(backend, auth, {
      type: 'travel_abroad_permission',
      contractId: loan.id,
      details: { countries: ['GB'], from: '2026-06-01', to: '2026-06-14' },
    })
    const moved = await backend.json('POST', '/api/v1/dev/clock', { advanceSeconds: 2 * 24 * HOUR })
    expect(moved.statusCode).toBe(200)
    // The demo mailbox is the first thing called after the clock moved.
    const mailbox = await backend.json(
      'GET',
      `/api/v1/dev/outbox?to=${encodeURIComponent(ANNA_EMAIL)}&kind=email&limit=1`,
    )
    expect(mailbox.json().items[0]).toMatchObject({ subject: SUBJECT_DE })
  })

  it('releases the Typenschein of a settled contract with a letter to the address on file, then only once', async () => {
    backend = await createTestBackend()
    let sophie = await demoCustomer(backend, SOPHIE)
    const settled = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    const release = {
      type: 'vehicle_certificate_release',
      contractId: settled.id,
      details: { delivery: 'post' },
    }
    const filed = await file(backend, sophie, release)
    backend.clock.advance(24 * HOUR)
    sophie = await signInAs(`sophie.${SOPHIE}@example.at`)
    const done = await requestOf(sophie, filed.id)
    expect(done).toMatchObject({
      status: 'completed',
      documentTitle: `Freigabe des Typenscheins ${SOPHIE_SETTLED_LOAN}`,
    })
    const text = await pdfText(await contentOf(backend, sophie, String(done.documentId)))
    expectText(text, [
      `Ihr Vertrag ${SOPHIE_SETTLED_LOAN} ist vollständig bezahlt.`,
      'Wir senden ihn per Einschreiben an: Sophie Wagner, Herrengasse 16, 8010 Graz',
      settled.vehicle.vin,
    ])
    const again = await postRequest(backend, sophie, release)
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({ code: 'not_eligible', reason: 'already_released' })
  })

  it('confirms a special repayment with the new figures of the plan', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const filed = await file(backend, auth, {
      type: 'special_repayment',
      contractId: loan.id,
      details: { amountCents: 300_000 },
    })
    auth = await at('2026-05-18T08:30:00Z', () => signInAnna(backend))
    const done = await requestOf(auth, filed.id)
    expect(done.status).toBe('completed')
    // Booked two weeks after the answer: 1 June's instalment is collected first.
    const terms = await contractRecord(backend, loan.id)
    const bookedOn = '2026-06-01'
    const plan = buildPlan(terms)
    const before = plan.filter((r) => r.dueDate <= bookedOn).at(-1)?.balanceAfterCents ?? 0
    const effect = specialRepaymentEffect(terms, bookedOn, 300_000)
    expect(effect.balanceBeforeCents).toBe(before)
    expect(effect.balanceAfterCents).toBe(before - 300_000)
    const money = (cents: number) => formatMoney(cents, 'EUR', 'de')
    const fee = specialRepaymentFee(terms, { amountCents: 300_000, bookedOn, keep: 'term' })
    const text = await pdfText(await contentOf(backend, auth, String(done.documentId)))
    expectText(text, [
      `Bestätigung Ihrer Sondertilgung ${ANNA_LOAN}`,
      `Betrag ${money(300_000)}`,
      `Eingang bis ${formatDate(bookedOn, 'de')}`,
      `Verwendungszweck ${ANNA_LOAN} ${filed.reference}`,
      `Offener Betrag vorher ${money(before)}`,
      `Offener Betrag danach ${money(before - 300_000)}`,
      `Bisherige Rate ${money(regularInstalment(terms))}`,
      `Neue monatliche Rate ${money(effect.newInstalmentCents ?? 0)}`,
      `Verbleibende Raten ${plan.length - plan.filter((r) => r.dueDate <= bookedOn).length}`,
      // The fee the simulator shows for it, collected with the next instalment.
      `Die Vorfälligkeitsentschädigung beträgt ${money(fee)}`,
      'Wir buchen sie mit Ihrer nächsten Rate ab.',
    ])
    expect(fee).toBe(3_000)
    expect(effect.newInstalmentCents ?? Infinity).toBeLessThan(regularInstalment(terms))
  })

  it('writes to an English-speaking customer in English', async () => {
    backend = await createTestBackend()
    let elena = await demoCustomer(backend, ELENA, { email: 'elena.p@example.at' })
    const list = (await backend.json('GET', '/api/v1/contracts', undefined, elena)).json().items
    const leasing = list[0] as { id: string; number: string }
    const filed = await file(backend, elena, {
      type: 'travel_abroad_permission',
      contractId: leasing.id,
      details: { countries: ['NO', 'IS'], from: '2026-08-03', to: '2026-08-24' },
    })
    backend.clock.advance(24 * HOUR)
    elena = await signInAs('elena.p@example.at')
    const done = await requestOf(elena, filed.id)
    expect(done.documentTitle).toBe(`Permission to travel abroad ${leasing.number}`)
    const text = await pdfText(await contentOf(backend, elena, String(done.documentId)))
    expectText(text, [
      'Dear Ms Pichler,',
      'Countries Norway, Iceland',
      'Period 03/08/2026 – 24/08/2026',
    ])
    expect(text).not.toContain('Authorisation:')
    const email = await emailsTo('elena.p@example.at', 'New document in your postbox')
    expect(email).toHaveLength(1)
    expect(email[0]?.text).toContain(
      'There is a new document in your postbox in the My MINI Finance app.',
    )
  })

  it('rejects with a letter saying why when the contract no longer fits by the time of the answer', async () => {
    backend = await createTestBackend()
    // A contract whose last instalment is due today: running today, settled tomorrow.
    const publicId = await insertLoan(backend, ANNA, {
      number: 'KR-2026-999001',
      model: { de: 'Cooper', en: 'Cooper' },
      vin: 'WMW00000000999001',
      registrationPlate: 'S-999 T',
      startDate: '2026-03-10',
      termMonths: 2,
      paymentDay: 17,
      financedAmountCents: 200_000,
      nominalRateBp: 300,
    })
    let auth = await signInAnna(backend)
    const filed = await file(backend, auth, {
      type: 'travel_abroad_permission',
      contractId: publicId,
      details: { countries: ['CH'], from: '2026-06-01', to: '2026-06-05' },
    })
    auth = await at('2026-05-18T08:30:00Z', () => signInAnna(backend))
    const done = await requestOf(auth, filed.id)
    expect(done).toMatchObject({
      status: 'rejected',
      documentTitle: `Ihre Anfrage ${filed.reference}`,
    })
    const text = await pdfText(await contentOf(backend, auth, String(done.documentId)))
    expectText(text, [
      `leider können wir Ihre Anfrage „Genehmigung für Fahrten ins Ausland“ (${filed.reference}) nicht ausführen.`,
      'Ihr Vertrag ist inzwischen vollständig bezahlt.',
    ])
    expect(await emailsTo(ANNA_EMAIL, SUBJECT_DE)).toHaveLength(1)
  })
})

describe('without demo mode', () => {
  it('leaves requests that need the back office received: no simulation, no e-mail of its own', async () => {
    backend = await createTestBackend({ demo: false })
    const ctx = backend.app.services
    // No demo data here: one customer with an activated account and a contract, by hand.
    const now = backend.clock.now()
    const record = DEMO_CUSTOMERS.find((c) => c.customerNumber === ANNA)
    const contract = DEMO_CONTRACTS.find((c) => c.number === ANNA_LOAN)
    if (!record || !contract) throw new Error('no demo data')
    const customerId = await ctx.repos.customers.insert(record, now)
    const accountId = await ctx.repos.accounts.insert({
      email: 'anna@example.at',
      passwordHash: await testHasher.hash(GOOD_PASSWORD),
      salutation: record.salutation,
      firstName: record.firstName,
      lastName: record.lastName,
      dateOfBirth: record.dateOfBirth,
      customerNumber: record.customerNumber,
      locale: record.locale,
      status: 'pending',
      confirmExpiresAt: now.toISOString(),
      createdAt: now.toISOString(),
    })
    await ctx.repos.accounts.confirm(accountId, now, customerId)
    await ctx.repos.accounts.activate(accountId, customerId, now)
    const stored = demoContractRecord(contract, customerId, viennaDay(now))
    await ctx.repos.contracts.insert(stored, now)
    let auth = await signInAs('anna@example.at')
    const filed = await file(backend, auth, {
      type: 'travel_abroad_permission',
      contractId: stored.publicId,
      details: { countries: ['CH'], from: '2026-06-01', to: '2026-06-05' },
    })
    // Immediate answers work as ever.
    const copy = await file(backend, auth, {
      type: 'contract_copy',
      contractId: stored.publicId,
      details: {},
    })
    expect(copy.status).toBe('completed')
    backend.clock.advance(7 * 24 * HOUR)
    auth = await signInAs('anna@example.at')
    expect(await requestOf(auth, filed.id)).toEqual(filed)
    // One e-mail: the one that announces the copy's letter; nothing for the travel request.
    const emails = await ctx.repos.outbox.list({ to: 'anna@example.at', limit: 100 })
    expect(emails.map((m) => m.subject)).toEqual(['Neues Dokument in Ihrem Postfach'])
  })
})

/** A customer registered by demoCustomer, signed in again. */
const signInAs = (email: string): Promise<Auth> => signIn(backend, email, GOOD_PASSWORD)
