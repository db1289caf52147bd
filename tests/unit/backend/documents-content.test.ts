/**
 * GET /documents/{id}/content through the real backend: a real PDF (parsed
 * with pdf.js) that says what the letter is about in the customer's language,
 * the same bytes on every request and after a restart, and every header of
 * api.md's "Correspondence" (Content-Disposition, strong ETag, Repr-Digest,
 * Cache-Control, If-None-Match, Range, If-Range). Also the filing service that
 * the profile's address change calls.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import type { ContractDetail, ScheduleRow } from '../../../src/shared/api/contracts.ts'
import type { DocumentListAnswer, DocumentSummary } from '../../../src/shared/api/documents.ts'
import { addDays, viennaDay } from '../../../src/shared/dates.ts'
import {
  formatDate,
  formatInteger,
  formatMoney,
  formatPercent,
} from '../../../src/shared/format.ts'
import { maskIban } from '../../../src/shared/iban.ts'
import { DEMO_CUSTOMERS } from '../../../src/backend/demo/seed.ts'
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentParams,
} from '../../../src/backend/documents/kinds.ts'
import { fileChangeConfirmation, fileDocument } from '../../../src/backend/services/documents.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import {
  ANNA,
  customerRecord,
  demoCustomer,
  ELENA,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'
import { listDocuments } from '../../helpers/documents.ts'
import { expectText, pdfPages } from '../../helpers/pdf-text.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

/** A demo customer as the seed has it. */
const seedCustomer = (customerNumber: string) => {
  const found = DEMO_CUSTOMERS.find((c) => c.customerNumber === customerNumber)
  if (!found) throw new Error(`no demo customer ${customerNumber}`)
  return found
}

/** Elena Pichler, the English-speaking demo customer: registered, confirmed, activated. */
const elena = (): Promise<Auth> => demoCustomer(backend, ELENA, { email: 'elena.p@example.at' })

const list = (auth: Auth, query = 'limit=100'): Promise<DocumentListAnswer> =>
  listDocuments(backend, auth, query)

const contentOf = (auth: Auth, id: string, headers: Record<string, string> = {}) =>
  backend.app.inject({
    method: 'GET',
    url: `/api/v1/documents/${id}/content`,
    headers: { ...auth, ...headers },
  })

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest()

const find = (items: readonly DocumentSummary[], title: string | RegExp): DocumentSummary => {
  const found = items.find((d) =>
    typeof title === 'string' ? d.title === title : title.test(d.title),
  )
  if (!found) throw new Error(`no document ${String(title)}`)
  return found
}

describe('documents: content', () => {
  it('is a real PDF with every header api.md names, agreeing with the list', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { items } = await list(auth)
    for (const doc of [
      find(items, 'Bestätigung Ihrer neuen Adresse'),
      find(items, /^Kontoauszug Q\d\/\d{4} /),
      find(items, /^Ratenplan /),
    ]) {
      const response = await contentOf(auth, doc.id)
      expect(response.statusCode).toBe(200)
      const bytes = response.rawPayload
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/)
      expect(response.headers['content-type']).toBe('application/pdf')
      expect(response.headers['content-length']).toBe(String(bytes.byteLength))
      expect(bytes.byteLength).toBe(doc.sizeBytes)
      // Strong ETag and Repr-Digest (RFC 9530): both the SHA-256 of exactly these bytes.
      expect(response.headers.etag).toBe(`"${doc.sha256}"`)
      expect(sha256(bytes).toString('hex')).toBe(doc.sha256)
      expect(response.headers['repr-digest']).toBe(`sha-256=:${sha256(bytes).toString('base64')}:`)
      expect(response.headers['cache-control']).toBe('private')
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['accept-ranges']).toBe('bytes')
      // RFC 6266: an ASCII fallback and the real name (RFC 8187), date first.
      const disposition = String(response.headers['content-disposition'])
      const match =
        /^attachment; filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/.exec(
          disposition,
        )
      expect(match, disposition).not.toBeNull()
      const [, ascii = '', encoded = ''] = match ?? []
      const name = decodeURIComponent(encoded)
      const date = viennaDay(new Date(doc.createdAt))
      expect(name).toBe(`${date} ${doc.title.replace('/', '-')}.pdf`)
      expect(name).not.toContain('/')
      expect(ascii).toMatch(/^[\x20-\x7e]+$/)
      expect(ascii).not.toMatch(/[\\%"/]/)
      expect(ascii.startsWith(`${date} `) && ascii.endsWith('.pdf')).toBe(true)
    }
    const confirmation = await contentOf(auth, find(items, 'Bestätigung Ihrer neuen Adresse').id)
    expect(String(confirmation.headers['content-disposition'])).toContain(
      `filename="${viennaDay(new Date(find(items, 'Bestätigung Ihrer neuen Adresse').createdAt))} Bestatigung Ihrer neuen Adresse.pdf"`,
    )
    expect(String(confirmation.headers['content-disposition'])).toContain(
      'Best%C3%A4tigung%20Ihrer',
    )
  })

  it('says what the letter is about, in German for a German customer', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { items } = await list(auth)
    const support = backend.config.support
    const contracts = (await backend.json('GET', '/api/v1/contracts', undefined, auth)).json()
      .items as { id: string; number: string; vehicle: { registrationPlate: string } }[]
    const c = seedCustomer(ANNA)
    const common = [
      `${c.firstName} ${c.lastName}`,
      `${c.street} ${c.houseNumber}`,
      `${c.postalCode} ${c.city}`,
      `Kundennummer ${c.customerNumber}`,
      `${support.phone} · ${support.email} · ${support.hours}`,
      'Sehr geehrte Frau Huber,',
      'Mit freundlichen Grüßen',
    ]
    const statement = find(items, /^Kontoauszug Q\d\/\d{4} /)
    const contract = contracts.find((k) => k.id === statement.contractId)
    expect(contract).toBeDefined()
    const { pages, text } = await pdfPages((await contentOf(auth, statement.id)).rawPayload)
    expect(pages).toBe(1)
    expectText(text, [
      ...common,
      statement.title,
      `Vertrag ${contract?.number}`,
      `Fahrzeug ${contract?.vehicle.registrationPlate}`,
      `Datum ${formatDate(viennaDay(new Date(statement.createdAt)), 'de')}`,
      'Seite 1 von 1',
    ])
    expect(text).not.toContain('Dear')
    // The instalment plan is a table across pages, each page numbered.
    const plan = find(items, /^Ratenplan /)
    const planPdf = await pdfPages((await contentOf(auth, plan.id)).rawPayload)
    expect(planPdf.pages).toBeGreaterThan(1)
    expectText(planPdf.text, [...common, plan.title, `Seite 2 von ${planPdf.pages}`])
    // A letter about no contract names no contract.
    const activation = find(items, 'Ihr Aktivierungscode für My MINI Finance')
    expect(activation.contractId).toBeNull()
    const activationText = (await pdfPages((await contentOf(auth, activation.id)).rawPayload)).text
    expectText(activationText, [...common, activation.title])
    expect(activationText).not.toContain('Vertrag ')
  })

  it('is in English for an English-speaking customer', async () => {
    backend = await createTestBackend()
    const auth = await elena()
    const { items } = await list(auth)
    expect(items.length).toBeGreaterThan(0)
    const support = backend.config.support
    const c = seedCustomer(ELENA)
    const contracts = (await backend.json('GET', '/api/v1/contracts', undefined, auth)).json()
      .items as { id: string; number: string }[]
    for (const doc of items.slice(0, 3)) {
      const { text } = await pdfPages((await contentOf(auth, doc.id)).rawPayload)
      expectText(text, [
        doc.title,
        `${c.firstName} ${c.lastName}`,
        `Customer no. ${c.customerNumber}`,
        `Contract ${contracts.find((k) => k.id === doc.contractId)?.number}`,
        `Date ${formatDate(viennaDay(new Date(doc.createdAt)), 'en')}`,
        'Dear Ms Pichler,',
        'Kind regards',
        `Customer service: ${support.phone} · ${support.email}`,
        'Page 1 of',
        'AUSTRIA',
      ])
      expect(text).not.toMatch(/Sehr geehrte|Kundennummer|Seite \d/)
    }
  })

  it('letters beyond the PDF fonts’ character set print as their nearest letter, never as garbage', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const subject = 'Antwort für Frau Wąsowska-Łęcka aus Łódź 😀'
    const id = await fileDocument(backend.app.services, {
      customer: await customerRecord(backend, ANNA),
      contract: null,
      params: {
        kind: 'service_answer',
        subject,
        paragraphs: ['Ihr Ansprechpartner Đorđe Šimić − Durchwahl 12 ‑ gern für Sie da.'],
      },
      date: viennaDay(backend.clock.now()),
      filedAt: backend.clock.now(),
    })
    // The list keeps the title as written.
    expect((await list(auth, 'limit=1')).items[0]?.title).toBe(subject)
    const { text } = await pdfPages((await contentOf(auth, id)).rawPayload)
    expectText(text, [
      'Antwort für Frau Wasowska-Lecka aus Lódz ?',
      'Ihr Ansprechpartner Dorde Šimic - Durchwahl 12 - gern für Sie da.',
      'Sehr geehrte Frau Huber,',
    ])
    // eslint-disable-next-line no-control-regex -- no control character may appear
    expect(text).not.toMatch(/[\u0000-\u0008\u000e-\u001f]/)
  })

  it('offers a file name without path separators, control or direction-override characters', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const id = await fileDocument(backend.app.services, {
      customer: await customerRecord(backend, ANNA),
      contract: null,
      params: {
        kind: 'service_answer',
        subject: '../Antwort\u202Efdp.exe\u0007 a/b\\c',
        paragraphs: ['Danke.'],
      },
      date: viennaDay(backend.clock.now()),
      filedAt: backend.clock.now(),
    })
    const disposition = String((await contentOf(auth, id)).headers['content-disposition'])
    const name = decodeURIComponent(/filename\*=UTF-8''(\S+)$/.exec(disposition)?.[1] ?? '')
    expect(name).toBe(`${viennaDay(backend.clock.now())} ..-Antwortfdp.exe a-b-c.pdf`)
    expect(disposition).toContain(
      `filename="${viennaDay(backend.clock.now())} ..-Antwortfdp.exe a-b-c.pdf"`,
    )
  })

  it('is byte-identical on every request, after a restart, and when generated again from its record', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const { items } = await list(auth)
    const doc = find(items, /^Jahreskontoauszug /)
    const first = await contentOf(auth, doc.id)
    const second = await contentOf(auth, doc.id)
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true)
    expect(second.headers.etag).toBe(first.headers.etag)

    const dataDir = backend.dataDir
    await backend.close()
    backend = await createTestBackend({ dataDir })
    auth = await signInAnna(backend)
    const restarted = await contentOf(auth, doc.id)
    expect(restarted.rawPayload.equals(first.rawPayload)).toBe(true)
    expect(restarted.headers.etag).toBe(first.headers.etag)
    expect((await list(auth)).items.find((d) => d.id === doc.id)).toEqual(doc)

    // The stored bytes gone (as for a letter filed in bulk): written again, the same bytes.
    await backend.db.run(
      'UPDATE documents SET content = NULL, size_bytes = NULL, sha256 = NULL WHERE public_id = ?',
      doc.id,
    )
    const regenerated = await contentOf(auth, doc.id)
    expect(regenerated.rawPayload.equals(first.rawPayload)).toBe(true)
    expect(regenerated.headers.etag).toBe(first.headers.etag)
  })

  it('If-None-Match with its ETag, in a list of tags, weak or * → 304 without a body; another tag → 200', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const [doc] = (await list(auth)).items
    if (!doc) throw new Error('no document')
    const etag = `"${doc.sha256}"`
    for (const ifNoneMatch of [
      etag,
      `"0000", ${etag}`,
      `"a","b",${etag} , "c"`,
      `W/${etag}`,
      '*',
    ]) {
      const response = await contentOf(auth, doc.id, { 'if-none-match': ifNoneMatch })
      expect(response.statusCode, ifNoneMatch).toBe(304)
      expect(response.rawPayload.byteLength).toBe(0)
      expect(response.headers.etag).toBe(etag)
      expect(response.headers['repr-digest']).toBe(
        `sha-256=:${Buffer.from(doc.sha256, 'hex').toString('base64')}:`,
      )
      expect(response.headers['cache-control']).toBe('private')
    }
    for (const ifNoneMatch of [`"${'0'.repeat(64)}"`, doc.sha256, `"${doc.sha256.slice(1)}"`]) {
      const response = await contentOf(auth, doc.id, { 'if-none-match': ifNoneMatch })
      expect(response.statusCode, ifNoneMatch).toBe(200)
      expect(response.rawPayload.byteLength).toBe(doc.sizeBytes)
    }
  })

  it('Range: one range, open-ended and suffix → 206 with Content-Range; beyond the end → 416 bytes */size', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const doc = find((await list(auth)).items, /^Ratenplan /)
    const whole = (await contentOf(auth, doc.id)).rawPayload
    const size = whole.byteLength
    expect(size).toBeGreaterThan(1000)
    const partial = async (range: string, start: number, end: number) => {
      const response = await contentOf(auth, doc.id, { range })
      expect(response.statusCode, range).toBe(206)
      expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`)
      expect(response.headers['content-length']).toBe(String(end - start + 1))
      expect(response.rawPayload.equals(whole.subarray(start, end + 1)), range).toBe(true)
      expect(response.headers['content-type']).toBe('application/pdf')
      expect(response.headers.etag).toBe(`"${doc.sha256}"`)
      // Repr-Digest is the whole document's; Content-Digest that of the part sent.
      expect(response.headers['repr-digest']).toBe(`sha-256=:${sha256(whole).toString('base64')}:`)
      expect(response.headers['content-digest']).toBe(
        `sha-256=:${sha256(whole.subarray(start, end + 1)).toString('base64')}:`,
      )
    }
    await partial('bytes=0-99', 0, 99)
    await partial('bytes=100-', 100, size - 1)
    await partial('bytes=-500', size - 500, size - 1)
    await partial(`bytes=${size - 1}-${size - 1}`, size - 1, size - 1)
    // A last position beyond the end (however long) and a suffix longer than the file: up to the end.
    await partial(`bytes=10-${size + 1000}`, 10, size - 1)
    await partial('bytes=10-99999999999999999999999', 10, size - 1)
    await partial(`bytes=-${size * 2}`, 0, size - 1)
    await partial('BYTES=0-0', 0, 0)

    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
      const response = await contentOf(auth, doc.id, { range })
      expect(response.statusCode, range).toBe(416)
      expect(response.headers['content-range']).toBe(`bytes */${size}`)
      expect(response.headers['content-disposition']).toBeUndefined()
      expect(response.json().error.code).toBe('range_not_satisfiable')
    }
  })

  it('several ranges, a malformed range or another unit: the whole document with 200 (decided here)', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const [doc] = (await list(auth)).items
    if (!doc) throw new Error('no document')
    for (const range of [
      'bytes=0-9,20-29',
      'bytes=0-9, -5',
      'bytes=50-10',
      'bytes=abc',
      'bytes=-',
      'items=0-9',
      'bytes 0-9',
    ]) {
      const response = await contentOf(auth, doc.id, { range })
      expect(response.statusCode, range).toBe(200)
      expect(response.headers['content-range']).toBeUndefined()
      expect(response.rawPayload.byteLength).toBe(doc.sizeBytes)
      expect(sha256(response.rawPayload).toString('hex')).toBe(doc.sha256)
    }
  })

  it('If-Range: its ETag → 206; another tag, a weak one or a date → the whole 200', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const [doc] = (await list(auth)).items
    if (!doc) throw new Error('no document')
    const etag = `"${doc.sha256}"`
    const matching = await contentOf(auth, doc.id, { range: 'bytes=100-', 'if-range': etag })
    expect(matching.statusCode).toBe(206)
    expect(matching.headers['content-range']).toBe(
      `bytes 100-${doc.sizeBytes - 1}/${doc.sizeBytes}`,
    )
    for (const ifRange of [`"${'0'.repeat(64)}"`, `W/${etag}`, new Date().toUTCString()]) {
      const response = await contentOf(auth, doc.id, { range: 'bytes=100-', 'if-range': ifRange })
      expect(response.statusCode, ifRange).toBe(200)
      expect(response.headers['content-range']).toBeUndefined()
      expect(sha256(response.rawPayload).toString('hex')).toBe(doc.sha256)
    }
  })

  it('HEAD tells the size and the headers without sending the bytes', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const [doc] = (await list(auth)).items
    if (!doc) throw new Error('no document')
    const response = await backend.app.inject({
      method: 'HEAD',
      url: `/api/v1/documents/${doc.id}/content`,
      headers: auth,
    })
    expect(response.statusCode).toBe(200)
    expect(response.rawPayload.byteLength).toBe(0)
    expect(response.headers['content-length']).toBe(String(doc.sizeBytes))
    expect(response.headers.etag).toBe(`"${doc.sha256}"`)
  })
})

describe('documents: filing a confirmation of a change', () => {
  it('an address change files an unread letter, first in the list, with both addresses', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = await list(auth)
    const customer = await customerRecord(backend, ANNA)
    const oldAddress = ['Anna Huber', 'Getreidegasse 9', '5020 Salzburg', 'ÖSTERREICH']
    const newAddress = ['Anna Huber', 'Linzer Gasse 41/3', '5020 Salzburg', 'ÖSTERREICH']
    const id = await fileChangeConfirmation(backend.app.services, customer, {
      kind: 'address_change',
      oldAddress,
      newAddress,
    })
    const after = await list(auth)
    expect(after.items[0]).toMatchObject({
      id,
      title: 'Bestätigung Ihrer neuen Adresse',
      category: 'letter',
      contractId: null,
      read: false,
      createdAt: backend.clock.now().toISOString(),
    })
    expect(after.items.slice(1)).toEqual(before.items.slice(0, 99))
    expect(after.unreadCount).toBe(before.unreadCount + 1)
    expect((await list(auth, 'unread=true&limit=1')).items[0]?.id).toBe(id)

    const response = await contentOf(auth, id)
    expect(response.statusCode).toBe(200)
    const { pages, text } = await pdfPages(response.rawPayload)
    expect(pages).toBe(1)
    expectText(text, [
      'Bestätigung Ihrer neuen Adresse',
      'Sehr geehrte Frau Huber,',
      `Kundennummer ${ANNA}`,
      `Datum ${formatDate(viennaDay(backend.clock.now()), 'de')}`,
      `Neue Adresse ${newAddress.join(' ')}`,
      `Bisherige Adresse ${oldAddress.join(' ')}`,
      'Waren Sie das nicht?',
      backend.config.support.phone,
      backend.config.support.email,
    ])
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${viennaDay(backend.clock.now())}%20Best%C3%A4tigung`,
    )
  })

  it('the other confirmations (bank details, e-mail) in the customer’s language', async () => {
    backend = await createTestBackend()
    const auth = await elena()
    const customer = await customerRecord(backend, ELENA)
    const iban = 'AT483200000012345864'
    const bankId = await fileChangeConfirmation(backend.app.services, customer, {
      kind: 'bank_account_change',
      ibanMasked: maskIban(iban),
      accountHolder: 'Elena Pichler',
    })
    backend.clock.advance(1)
    const emailId = await fileChangeConfirmation(backend.app.services, customer, {
      kind: 'email_change',
      newEmail: 'elena.new@example.at',
    })
    const { items } = await list(auth)
    expect(items.slice(0, 2).map((d) => [d.id, d.title, d.category, d.read])).toEqual([
      [emailId, 'Confirmation of your new e-mail address', 'letter', false],
      [bankId, 'Confirmation of your new bank details', 'letter', false],
    ])
    const bank = (await pdfPages((await contentOf(auth, bankId)).rawPayload)).text
    expectText(bank, [
      'Dear Ms Pichler,',
      `IBAN ${maskIban(iban)}`,
      'Account holder Elena Pichler',
      'Was this not you?',
    ])
    expect(bank).not.toContain(iban)
    const email = (await pdfPages((await contentOf(auth, emailId)).rawPayload)).text
    expectText(email, ['elena.new@example.at', 'Confirmation of your new e-mail address'])
  })
})

/** The labels each language prints beside the figures. */
const LABELS = {
  de: {
    customerNo: 'Kundennummer',
    dear: 'Sehr geehrte Frau',
    page: (n: number, of: number) => `Seite ${n} von ${of}`,
    contractNumber: 'Vertragsnummer',
    vin: 'Fahrgestellnummer',
    plate: 'Kennzeichen',
    financed: 'Finanzierungsbetrag',
    down: 'Anzahlung',
    nominal: 'Sollzinssatz p. a.',
    apr: 'Effektivzinssatz p. a.',
    monthly: 'Monatliche Rate',
    start: 'Vertragsbeginn',
    end: 'Vertragsende',
    term: (n: number) => `Laufzeit ${n} Monate`,
    account: 'Abbuchungskonto',
    residual: 'Restwert',
    mileage: 'Kilometerleistung pro Jahr',
    final: 'Schlussrate',
    total: 'Summe',
    firstDebit: 'Erste Abbuchung',
    period: (from: string, to: string) => `für den Zeitraum ${from} bis ${to}`,
    atStart: 'Offener Betrag am Beginn',
    atEnd: 'Offener Betrag am Ende',
    paidInTotal: 'Bezahlte Raten gesamt',
    paid: 'Bezahlte Raten',
    outstanding: 'Offener Betrag',
    code: 'Aktivierungscode',
    validUntil: 'Gültig bis',
    newAddress: 'Neue Adresse',
    oldAddress: 'Bisherige Adresse',
    holder: 'Kontoinhaber/in',
    reminder: (n: number, contract: string, due: string) =>
      `die ${n}. Rate Ihres Vertrags ${contract} am ${due} nicht abbuchen`,
  },
  en: {
    customerNo: 'Customer no.',
    dear: 'Dear Ms',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    contractNumber: 'Contract number',
    vin: 'VIN',
    plate: 'Registration plate',
    financed: 'Amount financed',
    down: 'Down payment',
    nominal: 'Borrowing rate p.a.',
    apr: 'APR',
    monthly: 'Monthly instalment',
    start: 'Start of contract',
    end: 'End of contract',
    term: (n: number) => `Term ${n} months`,
    account: 'Debit account',
    residual: 'Residual value',
    mileage: 'Mileage per year',
    final: 'Final instalment',
    total: 'Total',
    firstDebit: 'First direct debit',
    period: (from: string, to: string) => `For the period ${from} to ${to}`,
    atStart: 'Outstanding at the start',
    atEnd: 'Outstanding at the end',
    paidInTotal: 'Instalments paid in total',
    paid: 'Instalments paid',
    outstanding: 'Outstanding balance',
    code: 'Activation code',
    validUntil: 'Valid until',
    newAddress: 'New address',
    oldAddress: 'Previous address',
    holder: 'Account holder',
    reminder: (n: number, contract: string, due: string) =>
      `instalment ${n} of your contract ${contract} on ${due}`,
  },
} as const

describe('documents: every kind of letter', () => {
  for (const [customerNumber, locale] of [
    [ANNA, 'de'],
    [ELENA, 'en'],
  ] as const) {
    it(`renders each kind for ${locale === 'de' ? 'a German' : 'an English'} customer with its figures from the contract`, async () => {
      backend = await createTestBackend()
      const auth = customerNumber === ANNA ? await signInAnna(backend) : await elena()
      const L = LABELS[locale]
      const money = (cents: number) => formatMoney(cents, 'EUR', locale)
      const date = (iso: string) => formatDate(iso, locale)
      const pct = (value: number) => formatPercent(value, locale)
      const customer = await customerRecord(backend, customerNumber)
      const records = await backend.app.services.repos.contracts.listByCustomer(customer.id)
      const contracts: { detail: ContractDetail; rows: ScheduleRow[] }[] = []
      for (const record of records) {
        const get = (url: string) => backend.json('GET', url, undefined, auth)
        const detail = (await get(`/api/v1/contracts/${record.publicId}`)).json() as ContractDetail
        const rows = (await get(`/api/v1/contracts/${record.publicId}/schedule`)).json().items
        contracts.push({ detail, rows })
      }
      expect(contracts.length).toBeGreaterThan(0)
      const today = viennaDay(backend.clock.now())
      const support = backend.config.support
      const covered = new Set<DocumentKind>()

      /** Files the letter, fetches it through the API and checks that its text holds `expected`. */
      const check = async (
        params: DocumentParams,
        contract: ContractDetail | null,
        expected: readonly string[],
      ) => {
        const record = contract ? records.find((r) => r.publicId === contract.id) : undefined
        const id = await fileDocument(backend.app.services, {
          customer,
          contract: record ?? null,
          params,
          date: today,
          filedAt: backend.clock.now(),
        })
        const listed = (await list(auth, 'limit=100')).items.find((d) => d.id === id)
        const response = await contentOf(auth, id)
        expect(response.statusCode).toBe(200)
        const { pages, text } = await pdfPages(response.rawPayload)
        expectText(text, [
          listed?.title ?? '?',
          `${customer.firstName} ${customer.lastName}`,
          `${L.customerNo} ${customer.customerNumber}`,
          `${L.dear} ${customer.lastName},`,
          support.phone,
          support.email,
          L.page(pages, pages),
          ...(contract ? [contract.number] : []),
          ...expected,
        ])
        covered.add(params.kind)
        return { pages, text }
      }
      const row = (r: ScheduleRow) =>
        [
          r.n,
          date(r.dueDate),
          money(r.instalmentCents),
          money(r.interestCents),
          money(r.principalCents),
          money(r.balanceAfterCents),
        ].join(' ')
      const sum = (
        rows: readonly ScheduleRow[],
        key: 'instalmentCents' | 'interestCents' | 'principalCents',
      ) => rows.reduce((total, r) => total + r[key], 0)
      const totals = (rows: readonly ScheduleRow[]) =>
        `${L.total} ${money(sum(rows, 'instalmentCents'))} ${money(sum(rows, 'interestCents'))} ${money(sum(rows, 'principalCents'))}`

      for (const { detail: c, rows } of contracts) {
        const ibanMasked = c.bankAccount?.ibanMasked ?? null
        const copy = await check({ kind: 'contract_copy', ibanMasked }, c, [
          `${L.contractNumber} ${c.number}`,
          `${L.vin} ${c.vehicle.vin}`,
          `${L.plate} ${c.vehicle.registrationPlate}`,
          `${L.financed} ${money(c.financedAmountCents)}`,
          `${L.down} ${money(c.downPaymentCents)}`,
          `${L.nominal} ${pct(c.nominalRatePct)}`,
          `${L.apr} ${pct(c.effectiveRatePct)}`,
          `${L.monthly} ${money(c.monthlyInstalmentCents)}`,
          `${L.start} ${date(c.startDate)}`,
          `${L.end} ${date(c.endDate)}`,
          L.term(c.termMonths),
          `${L.account} ${ibanMasked}`,
          ...(c.residualValueCents !== null
            ? [`${L.residual} ${money(c.residualValueCents)}`]
            : []),
          ...(c.mileagePerYearKm !== null
            ? [`${L.mileage} ${formatInteger(c.mileagePerYearKm, locale)} km`]
            : []),
          ...(c.finalInstalmentCents !== null
            ? [`${L.final} ${money(c.finalInstalmentCents)}`]
            : []),
        ])
        const iban = DEMO_CUSTOMERS.find((d) => d.customerNumber === customerNumber)?.iban ?? ''
        expect(copy.text).not.toContain(iban)

        // The instalment plan: every row of the schedule the app shows, and its totals.
        const plan = await check({ kind: 'instalment_plan', ibanMasked }, c, [
          ...rows.map(row),
          totals(rows),
          ...(c.residualValueCents !== null ? [money(c.residualValueCents)] : []),
        ])
        expect(plan.pages).toBeGreaterThan(rows.length > 40 ? 1 : 0)
        expect(sum(rows, 'principalCents')).toBe(
          c.financedAmountCents - (c.residualValueCents ?? 0),
        )

        await check({ kind: 'welcome_letter', ibanMasked }, c, [
          `${c.vehicle.make} ${c.vehicle.model}`,
          `${L.monthly} ${money(c.monthlyInstalmentCents)}`,
          `${L.firstDebit} ${date(rows[0]?.dueDate ?? '')}`,
          L.term(c.termMonths),
          date(c.startDate),
        ])

        // The annual statements: per year exactly that year's rows and totals of the schedule.
        const firstYear = Number(c.startDate.slice(0, 4))
        const lastYear = Number(c.endDate.slice(0, 4))
        let instalmentsOverYears = 0
        for (let year = firstYear; year <= lastYear; year++) {
          const inYear = rows.filter((r) => r.dueDate.startsWith(`${year}-`))
          const before = rows.filter((r) => r.dueDate < `${year}-01-01`)
          const opening = before.at(-1)?.balanceAfterCents ?? c.financedAmountCents
          await check({ kind: 'annual_statement', year }, c, [
            L.period(date(`${year}-01-01`), date(`${year}-12-31`)),
            ...inYear.map(row),
            totals(inYear),
            `${L.atStart} ${money(opening)}`,
            `${L.atEnd} ${money(inYear.at(-1)?.balanceAfterCents ?? opening)}`,
            `${L.paidInTotal} ${before.length + inYear.length} / ${rows.length}`,
          ])
          instalmentsOverYears += sum(inYear, 'instalmentCents')
        }
        expect(instalmentsOverYears).toBe(sum(rows, 'instalmentCents'))

        // A quarter: the one of the first instalment.
        const first = rows[0] as ScheduleRow
        const year = Number(first.dueDate.slice(0, 4))
        const quarter = (Math.floor((Number(first.dueDate.slice(5, 7)) - 1) / 3) + 1) as
          1 | 2 | 3 | 4
        const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`
        const inQuarter = rows.filter(
          (r) =>
            r.dueDate >= from &&
            r.dueDate.slice(0, 7) <= `${year}-${String(quarter * 3).padStart(2, '0')}`,
        )
        expect(inQuarter.length).toBeGreaterThan(0)
        await check({ kind: 'account_statement', year, quarter }, c, [
          ...inQuarter.map(row),
          totals(inQuarter),
          `${L.atStart} ${money(c.financedAmountCents)}`,
        ])

        // As of today: what the contract overview shows.
        await check({ kind: 'account_information', number: 7, asOf: today }, c, [
          `${L.paid} ${c.paymentsMade} / ${c.termMonths}`,
          `${L.outstanding} ${money(c.outstandingBalanceCents)}`,
        ])

        const fifth = rows[4] as ScheduleRow
        await check(
          {
            kind: 'payment_reminder',
            instalment: 5,
            dueDate: fifth.dueDate,
            amountCents: fifth.instalmentCents,
          },
          c,
          [L.reminder(5, c.number, date(fifth.dueDate)), money(fifth.instalmentCents)],
        )
      }

      const validUntil = addDays(today, 30)
      const activation = await check({ kind: 'activation_letter', validUntil }, null, [
        `${L.code} ••••-••••-••••`,
        `${L.validUntil} ${date(validUntil)}`,
      ])
      expect(activation.text).not.toMatch(/[3-9A-Z]{4}-[3-9A-Z]{4}-[3-9A-Z]{4}/)

      const oldAddress = ['Elisabethstraße 4', '6020 Innsbruck']
      const newAddress = ['Maria-Theresien-Straße 18/2', '6020 Innsbruck']
      await check({ kind: 'address_change', oldAddress, newAddress }, null, [
        `${L.newAddress} ${newAddress.join(' ')}`,
        `${L.oldAddress} ${oldAddress.join(' ')}`,
      ])
      await check(
        {
          kind: 'bank_account_change',
          ibanMasked: 'AT48 **** **** **** 5864',
          accountHolder: 'E. Pichler',
        },
        null,
        ['IBAN AT48 **** **** **** 5864', `${L.holder} E. Pichler`],
      )
      await check({ kind: 'email_change', newEmail: 'neu@example.at' }, null, ['neu@example.at'])
      const paragraphs = [
        'Wir haben Ihre Anfrage erhalten und beantworten sie gerne.',
        'Die Zulassungsbescheinigung Teil II senden wir Ihnen innerhalb von fünf Werktagen zu.',
      ]
      await check(
        { kind: 'service_answer', subject: 'Freigabe des Typenscheins', paragraphs },
        contracts[0]?.detail ?? null,
        ['Freigabe des Typenscheins', ...paragraphs],
      )
      expect([...covered].sort()).toEqual([...DOCUMENT_KINDS].sort())
    })
  }
})
