/**
 * One language setting (issue 13, point 9): what the backend answers follows
 * the account's preferences.locale — the postbox's titles, its search, the
 * file names, the copy by e-mail, the service requests' answers, the vehicle
 * names of the contracts — and changing the preference changes them at once.
 * Letters already filed keep their bytes; new ones come in the language set.
 */
import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContractDetail, ContractSummary } from '../../../src/shared/api/contracts.ts'
import type { DocumentSummary } from '../../../src/shared/api/documents.ts'
import type { ServiceRequestView } from '../../../src/shared/api/service-requests.ts'
import { viennaDay } from '../../../src/shared/dates.ts'
import { DEMO_CUSTOMERS } from '../../../src/backend/demo/seed.ts'
import { fileDocument } from '../../../src/backend/services/documents.ts'
import {
  createTestBackend,
  GOOD_PASSWORD,
  registerAndConfirm,
  type TestBackend,
} from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA,
  ANNA_LOGIN,
  customerRecord,
  demoCustomer,
  ELENA,
  signIn,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'
import { allDocuments } from '../../helpers/documents.ts'
import { pdfText } from '../../helpers/pdf-text.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

/** The first words of every kind of title the demo's postboxes hold. */
const GERMAN_TITLE =
  /^(Vertragsabschrift|Ratenplan|Willkommen bei|Jahreskontoauszug|Kontoauszug|Kontoinformation|Zahlungserinnerung|Ihr Aktivierungscode|Bestätigung Ihrer)/
const ENGLISH_TITLE =
  /^(Copy of contract|Instalment plan|Welcome to|Annual account statement|Account statement|Account information|Payment reminder|Your activation code|Confirmation of your)/

const titles = async (auth: Auth, query: Record<string, string> = {}) =>
  (await allDocuments(backend, auth, query)).items

const ids = (items: readonly DocumentSummary[]) => items.map((d) => d.id).sort()

const setLocale = async (auth: Auth, locale: 'de' | 'en') => {
  const response = await backend.json('PATCH', '/api/v1/me', { preferences: { locale } }, auth)
  expect(response.statusCode, response.body).toBe(200)
}

const content = (auth: Auth, id: string) =>
  backend.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/content`, headers: auth })

/** The UTF-8 file name of a Content-Disposition (`filename*=UTF-8''…`). */
const fileName = (disposition: unknown): string =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(disposition))?.[1] ?? '')

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const contracts = async (auth: Auth): Promise<ContractSummary[]> =>
  (await backend.json('GET', '/api/v1/contracts', undefined, auth)).json().items

const leasingModel = async (auth: Auth): Promise<string | undefined> => {
  const leasing = (await contracts(auth)).find((c) => c.product === 'leasing')
  const detail = (
    await backend.json('GET', `/api/v1/contracts/${leasing?.id}`, undefined, auth)
  ).json() as ContractDetail
  expect(detail.vehicle.model).toBe(leasing?.vehicle.model)
  return detail.vehicle.model
}

describe('answers follow preferences.locale', () => {
  it('an English customer gets English titles, file names and vehicle names; a German one German', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const elena = await demoCustomer(backend, ELENA, { email: 'elena.p@example.at' })

    const german = await titles(anna)
    expect(german.length).toBeGreaterThan(5)
    for (const doc of german) expect(doc.title).toMatch(GERMAN_TITLE)
    const english = await titles(elena)
    expect(english.length).toBeGreaterThan(1)
    for (const doc of english) expect(doc.title).toMatch(ENGLISH_TITLE)

    for (const [auth, doc] of [
      [anna, german[0]],
      [elena, english[0]],
    ] as const) {
      const response = await content(auth, doc?.id ?? '')
      expect(response.statusCode).toBe(200)
      expect(fileName(response.headers['content-disposition'])).toBe(
        `${viennaDay(new Date(doc?.createdAt ?? ''))} ${doc?.title.replaceAll('/', '-')}.pdf`,
      )
    }

    expect(await leasingModel(anna)).toBe('Cooper SE 3-Türer')
    expect(await leasingModel(elena)).toBe('Cooper C 3-door')
  })

  it('switching the preference switches titles, search, file names and vehicle names; a filed PDF keeps its bytes, new letters come in the new language', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const before = await titles(anna)
    const statementsDe = await titles(anna, { q: 'Kontoauszug' })
    expect(statementsDe.length).toBeGreaterThan(1)
    expect(await titles(anna, { q: 'statement' })).toEqual([])
    const statement = statementsDe[0] as DocumentSummary
    const german = await content(anna, statement.id)
    expect(fileName(german.headers['content-disposition'])).toContain(' Kontoauszug ')

    await setLocale(anna, 'en')

    const after = await titles(anna)
    expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id))
    for (const doc of after) expect(doc.title).toMatch(ENGLISH_TITLE)
    // The search looks at the titles as shown: the same letters, now by their English name.
    expect(ids(await titles(anna, { q: 'statement' }))).toEqual(ids(statementsDe))
    expect(await titles(anna, { q: 'Kontoauszug' })).toEqual([])
    const english = await content(anna, statement.id)
    expect(fileName(english.headers['content-disposition'])).toContain(' Account statement ')
    // A letter once sent does not change.
    expect(sha256(english.rawPayload)).toBe(sha256(german.rawPayload))
    expect(english.headers.etag).toBe(german.headers.etag)
    expect(await leasingModel(anna)).toBe('Cooper SE 3-door')

    // A new letter is written in English, and named so.
    const leasing = (await contracts(anna)).find((c) => c.product === 'leasing')
    const filed = await backend.json(
      'POST',
      '/api/v1/service-requests',
      { type: 'contract_copy', contractId: leasing?.id, details: {} },
      anna,
    )
    expect(filed.statusCode, filed.body).toBe(201)
    const request = filed.json() as ServiceRequestView
    expect(request.documentTitle).toBe(`Copy of contract ${leasing?.number}`)
    const letter = await pdfText((await content(anna, request.documentId ?? '')).rawPayload)
    expect(letter).toContain('Dear Ms Huber,')
    expect(letter).toContain('MINI Cooper SE 3-door')
    expect(letter).not.toMatch(/Sehr geehrte|Türer/)

    // And back: the request's answer is named in German now, its PDF stays English.
    await setLocale(anna, 'de')
    const again = await backend.json(
      'GET',
      `/api/v1/service-requests/${request.id}`,
      undefined,
      anna,
    )
    expect(again.json().documentTitle).toBe(`Vertragsabschrift ${leasing?.number}`)
    for (const doc of await titles(anna)) expect(doc.title).toMatch(GERMAN_TITLE)
    expect(await leasingModel(anna)).toBe('Cooper SE 3-Türer')
  })

  it('the answer to a request is named after it in the language shown', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const customer = await customerRecord(backend, ANNA)
    const [contract] = await backend.app.services.repos.contracts.listByCustomer(customer.id)
    const id = await fileDocument(backend.app.services, {
      customer,
      contract: contract ?? null,
      params: {
        kind: 'service_answer',
        subject: 'Ihre Anfrage SR-2026-000042',
        reference: 'SR-2026-000042',
        paragraphs: ['leider können wir Ihre Anfrage nicht ausführen.'],
      },
      date: viennaDay(backend.clock.now()),
      filedAt: backend.clock.now(),
    })
    const titleOf = async () => (await titles(anna)).find((d) => d.id === id)?.title
    expect(await titleOf()).toBe('Ihre Anfrage SR-2026-000042')
    await setLocale(anna, 'en')
    expect(await titleOf()).toBe('Your request SR-2026-000042')
    expect(ids(await titles(anna, { q: 'your request' }))).toEqual([id])
  })

  it('e-mails follow it: the copy by e-mail, and an address change told in the language chosen with it', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    await setLocale(anna, 'en')
    const [statement] = await titles(anna, { q: 'statement' })
    const sent = await backend.json('POST', `/api/v1/documents/${statement?.id}/email`, {}, anna)
    expect(sent.statusCode, sent.body).toBe(202)
    const mails = () =>
      backend.app.services.repos.outbox.list({
        to: ANNA_LOGIN.email,
        kind: 'email',
        limit: 1,
      })
    const [copy] = await mails()
    expect(copy?.subject).toBe(`Your document “${statement?.title}”`)
    expect(copy?.attachments[0]?.fileName).toContain(' Account statement ')

    const moved = await backend.json(
      'PATCH',
      '/api/v1/me',
      {
        address: {
          street: 'Linzer Gasse',
          houseNumber: '12',
          postalCode: '5020',
          city: 'Salzburg',
          country: 'AT',
        },
        password: ANNA_LOGIN.password,
        preferences: { locale: 'de' },
      },
      anna,
    )
    expect(moved.statusCode, moved.body).toBe(200)
    expect((await mails())[0]?.subject).toBe('Ihre Adresse wurde geändert')
  })

  it('activation gives the letters the account’s language: a customer the bank has as English who registered in German gets German letters', async () => {
    backend = await createTestBackend()
    const c = DEMO_CUSTOMERS.find((d) => d.customerNumber === ELENA)
    expect(c?.locale).toBe('en')
    const email = await registerAndConfirm(backend, {
      email: 'elena.de@example.at',
      salutation: c?.salutation,
      firstName: c?.firstName,
      lastName: c?.lastName,
      dateOfBirth: c?.dateOfBirth,
      customerNumber: ELENA,
      locale: 'de',
    })
    const elena = await signIn(backend, email, GOOD_PASSWORD)
    await activateWithLetter(backend, elena)
    expect((await customerRecord(backend, ELENA)).locale).toBe('de')

    const [contract] = await contracts(elena)
    expect(contract?.vehicle.model).toBe('Cooper C 3-Türer')
    const filed = await backend.json(
      'POST',
      '/api/v1/service-requests',
      { type: 'contract_copy', contractId: contract?.id, details: {} },
      elena,
    )
    expect(filed.statusCode, filed.body).toBe(201)
    const { documentId } = filed.json() as ServiceRequestView
    const letter = await pdfText((await content(elena, documentId ?? '')).rawPayload)
    expect(letter).toContain('Sehr geehrte Frau Pichler,')
    expect(letter).not.toContain('Dear Ms')
  })
})
