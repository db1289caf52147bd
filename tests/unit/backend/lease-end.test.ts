/**
 * Lease end and mileage through the API (api.md "Lease end, mileage"): readings
 * and their projection with the contract's demo terms, the reasons a reading is
 * refused, the end of term of each product and its milestones as
 * notifications, the purchase quote, the demo terms. Who may call:
 * lease-end.security.test.ts. The helpers' clock starts on Sunday 2026-05-17
 * 08:30 UTC.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CONTRACTS, demoContractRecord } from '../../../src/backend/demo/seed-contracts.ts'
import { runNotificationSweep } from '../../../src/backend/services/notifications.ts'
import { addDays, viennaDay } from '../../../src/shared/dates.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { signInAnna, type Auth } from '../../helpers/customers.ts'
import { notificationsOfKind } from './notifications-fixtures.ts'
import { formatDate, formatMoney } from '../../../src/shared/format.ts'
import { expectText, pdfText } from '../../helpers/pdf-text.ts'
import {
  ANNA_BALLOON,
  ANNA_LEASING,
  ANNA_LOAN,
  contentOf,
  contractOf,
  file,
  postRequest,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const mileage = (auth: Auth, id: string) =>
  backend.json('GET', `/api/v1/contracts/${id}/mileage`, undefined, auth)
const read = (auth: Auth, id: string, body: unknown) =>
  backend.json('POST', `/api/v1/contracts/${id}/mileage-readings`, body, auth)
const endOfTerm = (auth: Auth, id: string) =>
  backend.json('GET', `/api/v1/contracts/${id}/end-of-term`, undefined, auth)
const today = () => viennaDay(backend.clock.now())

async function annasLeasing() {
  const auth = await signInAnna(backend)
  return { auth, leasing: await contractOf(backend, auth, ANNA_LEASING) }
}

describe('mileage', () => {
  it('shows the demo terms and no projection before the first reading', async () => {
    backend = await createTestBackend()
    const { auth, leasing } = await annasLeasing()
    const answer = await mileage(auth, leasing.id)
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.json()).toEqual({
      startDate: leasing.startDate,
      endDate: leasing.endDate,
      allowanceKmPerYear: 15_000,
      allowanceTotalKm: 60_000,
      toleranceKm: 2_500,
      excessKmRateCents: 8,
      unusedKmRefundCents: 4,
      unusedKmRefundCapKm: 5_000,
      readings: [],
      projection: null,
    })
  })

  it('records a reading (201) and projects it to the end: the charge beyond allowance + tolerance', async () => {
    backend = await createTestBackend()
    const { auth, leasing } = await annasLeasing()
    const elapsed = (Date.parse(today()) - Date.parse(leasing.startDate)) / 86_400_000
    const total = (Date.parse(leasing.endDate) - Date.parse(leasing.startDate)) / 86_400_000
    // A pace that ends at 70,000 km: 7,500 km beyond 60,000 + 2,500, at 8 cents.
    const km = Math.round((70_000 * elapsed) / total)
    const created = await read(auth, leasing.id, { date: today(), km })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toEqual({ date: today(), km })
    const { readings, projection } = (await mileage(auth, leasing.id)).json()
    expect(readings).toEqual([{ date: today(), km }])
    const atEndKm = Math.floor((2 * km * total + elapsed) / (2 * elapsed))
    expect(Math.abs(atEndKm - 70_000)).toBeLessThan(2)
    expect(projection).toEqual({
      atEndKm,
      excessKm: atEndKm - 62_500,
      unusedKm: 0,
      estimatedChargeCents: (atEndKm - 62_500) * 8,
      estimatedRefundCents: 0,
    })
  })

  it('refunds the unused km up to the cap', async () => {
    backend = await createTestBackend()
    const { auth, leasing } = await annasLeasing()
    // Half the allowance's pace: 30,000 km unused, 5,000 refunded at 4 cents.
    const elapsed = (Date.parse(today()) - Date.parse(leasing.startDate)) / 86_400_000
    const total = (Date.parse(leasing.endDate) - Date.parse(leasing.startDate)) / 86_400_000
    const km = Math.round((30_000 * elapsed) / total)
    expect((await read(auth, leasing.id, { date: today(), km })).statusCode).toBe(201)
    const { projection } = (await mileage(auth, leasing.id)).json()
    expect(Math.abs(projection.unusedKm - 30_000)).toBeLessThan(2)
    expect(projection).toMatchObject({ excessKm: 0, estimatedRefundCents: 20_000 })
  })

  it('refuses a reading with the field and the reason, and records nothing', async () => {
    backend = await createTestBackend()
    const { auth, leasing } = await annasLeasing()
    const earlier = addDays(today(), -30)
    expect((await read(auth, leasing.id, { date: earlier, km: 40_000 })).statusCode).toBe(201)
    const refused = async (body: unknown, field: string, reason: string) => {
      const answer = await read(auth, leasing.id, body)
      expect(answer.statusCode, JSON.stringify(body)).toBe(400)
      expect(answer.json().error).toMatchObject({
        code: 'validation_failed',
        fields: { [field]: reason },
      })
    }
    await refused({ date: today(), km: 39_999 }, 'km', 'below_previous')
    await refused({ date: addDays(earlier, -1), km: 40_001 }, 'km', 'above_later')
    await refused({ date: addDays(today(), 1), km: 41_000 }, 'date', 'in_future')
    await refused({ date: addDays(leasing.startDate, -1), km: 0 }, 'date', 'before_start')
    await refused({ date: earlier, km: 40_000 }, 'date', 'already_recorded')
    await refused({ date: today(), km: 5_000_000 }, 'km', 'out_of_range')
    await refused({ date: today(), km: -1 }, 'km', 'out_of_range')
    await refused({ date: today(), km: 41_000.5 }, 'km', 'invalid_type')
    await refused({ date: '2026-02-30', km: 41_000 }, 'date', 'invalid_format')
    await refused({ date: today() }, 'km', 'required')
    // A pace of more than 1,500 km a day since the start is a typing error.
    await refused({ date: addDays(leasing.startDate, 1), km: 3_001 }, 'km', 'out_of_range')
    expect((await mileage(auth, leasing.id)).json().readings).toEqual([
      { date: earlier, km: 40_000 },
    ])
  })

  it('refuses a date after the end of the term', async () => {
    backend = await createTestBackend()
    const { leasing } = await annasLeasing()
    backend.clock.advance(
      (Date.parse(leasing.endDate) - backend.clock.now().getTime()) / 1000 + 5 * 86_400,
    )
    // The session has run out meanwhile.
    const auth = await signInAnna(backend)
    const answer = await read(auth, leasing.id, { date: addDays(leasing.endDate, 1), km: 50_000 })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().error.fields).toEqual({ date: 'after_end' })
  })

  it('is for leasing only: a loan or balloon is 409 not_eligible', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    for (const number of [ANNA_LOAN, ANNA_BALLOON]) {
      const contract = await contractOf(backend, auth, number)
      const answer = await mileage(auth, contract.id)
      expect(answer.statusCode).toBe(409)
      expect(answer.json().error).toMatchObject({
        code: 'not_eligible',
        reason: 'product_not_eligible',
      })
      expect((await read(auth, contract.id, { date: today(), km: 1 })).statusCode).toBe(409)
    }
  })
})

describe('end of term', () => {
  it('leasing: the days left, return / purchase at the residual value / extension, the milestones', async () => {
    backend = await createTestBackend()
    const { auth, leasing } = await annasLeasing()
    const answer = await endOfTerm(auth, leasing.id)
    expect(answer.statusCode, answer.body).toBe(200)
    const days = (Date.parse(leasing.endDate) - Date.parse(today())) / 86_400_000
    // The ready login's leasing ends within 6 months.
    expect(days).toBeGreaterThan(0)
    expect(days).toBeLessThanOrEqual(183)
    expect(answer.json()).toEqual({
      product: 'leasing',
      endDate: leasing.endDate,
      daysLeft: days,
      options: ['return', 'purchase', 'extension'],
      purchasePriceCents: 1_480_000,
      milestones: [
        { date: addDays(leasing.endDate, -180), kind: 'days_180' },
        { date: addDays(leasing.endDate, -90), kind: 'days_90' },
        { date: addDays(leasing.endDate, -45), kind: 'days_45' },
      ],
    })
  })

  it('balloon: pay or refinance the final instalment; a loan has no end-of-term options', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const answer = (await endOfTerm(auth, balloon.id)).json()
    expect(answer).toMatchObject({
      product: 'balloon',
      options: ['pay_final_instalment', 'refinance_final_instalment'],
      finalInstalmentCents: balloon.finalInstalmentCents,
    })
    expect(answer).not.toHaveProperty('purchasePriceCents')
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    expect((await endOfTerm(auth, loan.id)).statusCode).toBe(409)
  })

  it('each milestone reached becomes one lease_end_approaching notification, opening the contract', async () => {
    backend = await createTestBackend()
    const { leasing } = await annasLeasing()
    const sweep = () => runNotificationSweep(backend.app.services)
    // A new session each time: the clock moves past the old one's end.
    const ofLeasing = async () =>
      (
        await notificationsOfKind(backend, await signInAnna(backend), 'lease_end_approaching')
      ).filter((n) => n.target?.id === leasing.id)
    await sweep()
    await sweep()
    // Past the 180-day milestone already: that one, once, not three.
    const [first, ...more] = await ofLeasing()
    expect(more).toEqual([])
    expect(first?.target).toEqual({ kind: 'contract', id: leasing.id })
    expect(first?.title.de).toMatch(new RegExp(`^Ihr Vertrag ${ANNA_LEASING} endet am `))
    // The day before the 90-day milestone: nothing new; on it: the second.
    const to = (day: string) =>
      backend.clock.advance((Date.parse(`${day}T08:00:00Z`) - backend.clock.now().getTime()) / 1000)
    to(addDays(leasing.endDate, -91))
    await sweep()
    expect(await ofLeasing()).toHaveLength(1)
    to(addDays(leasing.endDate, -90))
    await sweep()
    await sweep()
    expect(await ofLeasing()).toHaveLength(2)
  })
})

describe('purchase quote', () => {
  it('is answered at once with a letter at the residual value, for leasing only', async () => {
    backend = await createTestBackend()
    const { auth, leasing } = await annasLeasing()
    const filed = await file(backend, auth, {
      type: 'purchase_quote',
      contractId: leasing.id,
      details: {},
    })
    expect(filed).toMatchObject({ type: 'purchase_quote', status: 'completed' })
    const text = await pdfText(await contentOf(backend, auth, String(filed.documentId)))
    expectText(text, [
      `Kaufpreis: ${formatMoney(1_480_000, 'EUR', 'de')}, der im Vertrag vereinbarte Restwert.`,
      `Das Angebot gilt bis zum Vertragsende am ${formatDate(leasing.endDate, 'de')}.`,
    ])
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const refused = await postRequest(backend, auth, {
      type: 'purchase_quote',
      contractId: balloon.id,
      details: {},
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.reason).toBe('product_not_eligible')
  })
})

describe('demo terms', () => {
  it('every leasing contract has mileage terms, no other contract has any', () => {
    for (const demo of DEMO_CONTRACTS) {
      const record = demoContractRecord(demo, 1, '2026-05-17')
      if (demo.product === 'leasing') {
        expect(record.mileageTerms, demo.number).toMatchObject({
          toleranceKm: expect.any(Number),
          excessKmRateCents: expect.any(Number),
          unusedKmRefundCents: expect.any(Number),
          unusedKmRefundCapKm: expect.any(Number),
        })
        // The refund of an unused km is less than the charge of an excess one.
        const terms = record.mileageTerms
        expect(terms && terms.unusedKmRefundCents < terms.excessKmRateCents).toBe(true)
      } else {
        expect(record.mileageTerms, demo.number).toBeNull()
      }
    }
  })
})
