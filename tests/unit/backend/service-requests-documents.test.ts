/**
 * The documents that answer service requests at once, read back as real PDFs
 * (pdf.js): the payoff quote's itemised figures agree with the payoff
 * arithmetic and with the contract's own schedule; the balance confirmation
 * with what GET /contracts shows; the contract copy with the contract.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { ScheduleRow } from '../../../src/shared/api/contracts.ts'
import type { DocumentListAnswer } from '../../../src/shared/api/documents.ts'
import { formatDate, formatMoney } from '../../../src/shared/format.ts'
import { maskIban } from '../../../src/shared/iban.ts'
import { payoffQuote } from '../../../src/backend/contracts/payoff.ts'
import { BANK_ACCOUNT } from '../../../src/backend/services/service-catalogue.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import {
  ANNA,
  customerRecord,
  demoCustomer,
  ELENA,
  signInAnna,
  SOPHIE,
} from '../../helpers/customers.ts'
import { expectText, pdfText } from '../../helpers/pdf-text.ts'
import {
  ANNA_LEASING,
  ANNA_LOAN,
  contentOf,
  contractOf,
  contractRecord,
  file,
  insertLoan,
  scheduleOf,
  SOPHIE_SETTLED_LOAN,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const de = (cents: number) => formatMoney(cents, 'EUR', 'de')
const en = (cents: number) => formatMoney(cents, 'EUR', 'en')
const ibanGroups = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ')

/** The balance after the last instalment due on or before a day, from the API's schedule. */
const balanceAfterLastDue = (rows: readonly ScheduleRow[], day: string) =>
  rows.filter((r) => r.dueDate <= day).at(-1)

describe('payoff quote: the PDF', () => {
  it('itemises principal, accrued interest, fee and total as the arithmetic and the schedule say', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const payoffDate = '2026-05-29'
    const filed = await file(backend, auth, {
      type: 'payoff_quote',
      contractId: loan.id,
      details: { payoffDate },
    })
    const quote = payoffQuote(await contractRecord(backend, loan.id), payoffDate)
    // Independently: the schedule's last collected row, 28 days (30E/360) of 5.49 %, 1 % fee.
    const last = balanceAfterLastDue(await scheduleOf(backend, auth, loan.id), payoffDate)
    expect(last?.dueDate).toBe('2026-05-01')
    expect(quote.principalCents).toBe(last?.balanceAfterCents)
    expect(quote.interestDays).toBe(28)
    expect(quote.interestCents).toBe(Math.round((quote.principalCents * 549 * 28) / 3_600_000))
    expect(quote.feeCents).toBe(Math.floor(quote.principalCents / 100))
    expect(quote.totalCents).toBe(quote.principalCents + quote.interestCents + quote.feeCents)

    const text = await pdfText(await contentOf(backend, auth, String(filed.documentId)))
    expectText(text, [
      `Ablöseangebot ${ANNA_LOAN}`,
      'Sehr geehrte Frau Huber,',
      `vollständig zurückzahlen (Ihre Anfrage ${filed.reference})`,
      `Offenes Kapital nach der ${last?.n}. Rate ${de(quote.principalCents)}`,
      `Zinsen vom 01.05.2026 bis 29.05.2026 (28 Tage, 30/360) ${de(quote.interestCents)}`,
      `Vorfälligkeitsentschädigung (1,00 % des Kapitals, § 16 VKrG) ${de(quote.feeCents)}`,
      `Ablösebetrag ${de(quote.totalCents)}`,
      `Empfänger ${BANK_ACCOUNT.accountHolder}`,
      `IBAN ${ibanGroups(BANK_ACCOUNT.iban)}`,
      `BIC ${BANK_ACCOUNT.bic}`,
      `Verwendungszweck ${ANNA_LOAN} ${filed.reference}`,
      'Eingang bis 29.05.2026',
      'Dieses Angebot ist gültig bis 29.05.2026.',
    ])
  })

  it('on a due date: the schedule’s balance after that instalment, no interest, plus the fee', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const row = (await scheduleOf(backend, auth, loan.id)).find((r) => r.status === 'due')
    if (!row) throw new Error('no due instalment')
    const filed = await file(backend, auth, {
      type: 'payoff_quote',
      contractId: loan.id,
      details: { payoffDate: row.dueDate },
    })
    const fee = Math.floor(row.balanceAfterCents / 100)
    const text = await pdfText(await contentOf(backend, auth, String(filed.documentId)))
    expectText(text, [
      `Offenes Kapital nach der ${row.n}. Rate ${de(row.balanceAfterCents)}`,
      `(0 Tage, 30/360) ${de(0)}`,
      `Ablösebetrag ${de(row.balanceAfterCents + fee)}`,
    ])
  })

  it('for leasing: the early purchase, the residual value included and said so', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const leasing = await contractOf(backend, auth, ANNA_LEASING)
    const filed = await file(backend, auth, {
      type: 'payoff_quote',
      contractId: leasing.id,
      details: { payoffDate: '2026-06-10' },
    })
    const quote = payoffQuote(await contractRecord(backend, leasing.id), '2026-06-10')
    expect(quote.principalCents).toBe(
      balanceAfterLastDue(await scheduleOf(backend, auth, leasing.id), '2026-06-10')
        ?.balanceAfterCents,
    )
    expect(quote.principalCents).toBeGreaterThan(leasing.residualValueCents ?? Infinity)
    const text = await pdfText(await contentOf(backend, auth, String(filed.documentId)))
    expectText(text, [
      `Ablösebetrag ${de(quote.totalCents)}`,
      `Der Betrag enthält den Restwert von ${de(leasing.residualValueCents ?? 0)}: Mit der Zahlung kaufen Sie das Fahrzeug.`,
    ])
  })

  it('charges 0.5 % when a year or less remains', async () => {
    backend = await createTestBackend()
    // A 24-month loan with 8 months to go.
    const publicId = await insertLoan(backend, ANNA, {
      number: 'KR-2024-999002',
      model: { de: 'One', en: 'One' },
      vin: 'WMW00000000999002',
      registrationPlate: 'S-998 T',
      startDate: '2024-09-05',
      termMonths: 24,
      paymentDay: 5,
      financedAmountCents: 1_500_000,
      nominalRateBp: 450,
    })
    const auth = await signInAnna(backend)
    const filed = await file(backend, auth, {
      type: 'payoff_quote',
      contractId: publicId,
      details: { payoffDate: '2026-06-01' },
    })
    const quote = payoffQuote(await contractRecord(backend, publicId), '2026-06-01')
    expect(quote.feeRateBp).toBe(50)
    expect(quote.feeCents).toBe(Math.floor(quote.principalCents / 200))
    const text = await pdfText(await contentOf(backend, auth, String(filed.documentId)))
    expectText(text, [
      `Vorfälligkeitsentschädigung (0,50 % des Kapitals, § 16 VKrG) ${de(quote.feeCents)}`,
      `Ablösebetrag ${de(quote.totalCents)}`,
    ])
  })

  it('is in English for an English-speaking customer', async () => {
    backend = await createTestBackend()
    const auth = await demoCustomer(backend, ELENA)
    const list = (await backend.json('GET', '/api/v1/contracts', undefined, auth)).json().items
    const leasing = list[0] as { id: string; number: string }
    const filed = await file(backend, auth, {
      type: 'payoff_quote',
      contractId: leasing.id,
      details: { payoffDate: '2026-06-05' },
    })
    expect(filed.documentTitle).toBe(`Payoff quote ${leasing.number}`)
    const quote = payoffQuote(await contractRecord(backend, leasing.id), '2026-06-05')
    const text = await pdfText(await contentOf(backend, auth, String(filed.documentId)))
    expectText(text, [
      'Dear Ms Pichler,',
      `Principal outstanding after instalment ${quote.instalmentsPaid} ${en(quote.principalCents)}`,
      `Interest from ${formatDate(quote.interestFrom, 'en')} to 05/06/2026 (${quote.interestDays} days, 30/360) ${en(quote.interestCents)}`,
      `Early repayment fee (1.00% of the principal, § 16 VKrG) ${en(quote.feeCents)}`,
      `Payoff amount ${en(quote.totalCents)}`,
      'This quote is valid until 05/06/2026.',
    ])
  })
})

describe('balance confirmation and contract copy: the PDFs', () => {
  it('confirms the balance GET /contracts shows today, and a past day’s from the schedule', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const today = await file(backend, auth, {
      type: 'balance_confirmation',
      contractId: loan.id,
      details: {},
    })
    expect(today.details).toEqual({})
    let text = await pdfText(await contentOf(backend, auth, String(today.documentId)))
    expectText(text, [
      `Saldobestätigung zum 17.05.2026 ${ANNA_LOAN}`,
      `Offener Betrag ${de(loan.outstandingBalanceCents)}`,
      `Bezahlte Raten ${loan.paymentsMade} von ${loan.termMonths}`,
    ])
    const rows = await scheduleOf(backend, auth, loan.id)
    backend.clock.advance(1)
    const past = await file(backend, auth, {
      type: 'balance_confirmation',
      contractId: loan.id,
      details: { asOf: '2025-12-15' },
    })
    const paid = rows.filter((r) => r.dueDate < '2025-12-15')
    text = await pdfText(await contentOf(backend, auth, String(past.documentId)))
    expectText(text, [
      `Saldobestätigung zum 15.12.2025 ${ANNA_LOAN}`,
      `Offener Betrag ${de(paid.at(-1)?.balanceAfterCents ?? 0)}`,
      `Bezahlte Raten ${paid.length} von ${rows.length}`,
    ])
    const postbox: DocumentListAnswer = (
      await backend.json('GET', '/api/v1/documents?category=statement&limit=2', undefined, auth)
    ).json()
    expect(postbox.items.map((d) => d.id)).toEqual([past.documentId, today.documentId])
  })

  it('confirms a settled contract at zero; copies the contract with the masked account only', async () => {
    backend = await createTestBackend()
    const sophie = await demoCustomer(backend, SOPHIE)
    const settled = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    const confirmation = await file(backend, sophie, {
      type: 'balance_confirmation',
      contractId: settled.id,
      details: {},
    })
    expectText(await pdfText(await contentOf(backend, sophie, String(confirmation.documentId))), [
      `Offener Betrag ${de(0)}`,
      `Bezahlte Raten ${settled.termMonths} von ${settled.termMonths}`,
      'Ihr Vertrag ist vollständig bezahlt.',
    ])
    backend.clock.advance(1)
    const copy = await file(backend, sophie, {
      type: 'contract_copy',
      contractId: settled.id,
      details: {},
    })
    expect(copy).toMatchObject({
      status: 'completed',
      documentTitle: `Vertragsabschrift ${SOPHIE_SETTLED_LOAN}`,
    })
    const iban = (await customerRecord(backend, SOPHIE)).iban ?? ''
    const text = await pdfText(await contentOf(backend, sophie, String(copy.documentId)))
    expectText(text, [
      `Vertragsnummer ${SOPHIE_SETTLED_LOAN}`,
      `Finanzierungsbetrag ${de(settled.financedAmountCents)}`,
      `Abbuchungskonto ${maskIban(iban)}`,
    ])
    expect(text.replace(/\s/g, '')).not.toContain(iban)
    const postbox: DocumentListAnswer = (
      await backend.json('GET', '/api/v1/documents?limit=1', undefined, sophie)
    ).json()
    expect(postbox.items[0]).toMatchObject({ id: copy.documentId, category: 'contract' })
  })
})
