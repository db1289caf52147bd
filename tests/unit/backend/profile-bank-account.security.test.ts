/**
 * PUT /me/bank-account through the real backend: the IBAN rules, the account
 * holder, the SEPA mandate, the password (counted with sign-in), activation,
 * If-Match and its race; the SEPA mandate letter and the e-mail; the contracts
 * debit the new account. The full IBAN never appears in any answer, letter or
 * e-mail: only `AT61 **** **** **** 3201`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { createTestBackend, GOOD_PASSWORD, type TestBackend } from '../../helpers/backend.ts'
import {
  ANNA,
  ANNA_LOGIN,
  customerRecord,
  LUKAS,
  registeredCustomer,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'
import { pdfText } from '../../helpers/pdf-text.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const AT_IBAN = 'AT611904300234573201'
const DE_IBAN = 'DE89370400440532013000'

const put = (auth: Auth, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  backend.json(
    'PUT',
    '/api/v1/me/bank-account',
    {
      iban: 'AT61 1904 3002 3457 3201',
      accountHolder: 'Anna Huber',
      sepaMandateAccepted: true,
      password: ANNA_LOGIN.password,
      ...body,
    },
    { ...auth, ...headers },
  )

const getJson = async (auth: Auth, url: string) => {
  const response = await backend.json('GET', url, undefined, auth)
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
  return response
}

/** The bank account of Anna's customer record, straight from the database. */
const storedIban = async () => (await customerRecord(backend, ANNA)).iban

/** Every form in which a full IBAN could be written out. */
const spellings = (iban: string): string[] => [
  iban,
  iban.toLowerCase(),
  iban.replace(/(.{4})/g, '$1 ').trim(),
  // The account number alone (BBAN) is as revealing.
  iban.slice(4),
]

function expectNoFullIban(text: string, iban: string, where: string): void {
  for (const form of spellings(iban)) expect(text, `${where} has ${form}`).not.toContain(form)
}

/** Of parallel writers with one ETag, expects exactly one 200 and 412 for the rest; returns the codes. */
function expectOneWinner(answers: readonly LightMyRequestResponse[]): number[] {
  const codes = answers.map((a) => a.statusCode)
  expect(
    codes.filter((c) => c === 200),
    codes.join(),
  ).toHaveLength(1)
  expect(
    codes.filter((c) => c === 412),
    codes.join(),
  ).toHaveLength(answers.length - 1)
  return codes
}

describe('PUT /me/bank-account', () => {
  it('stores the account, answers it masked, files the SEPA mandate and e-mails the customer', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = (await getJson(auth, '/api/v1/documents')).json()
    const response = await put(auth, {
      iban: 'at61 1904 3002 3457 3201',
      accountHolder: '  Anna   Huber ',
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().customer.bankAccount).toEqual({
      ibanMasked: 'AT61 **** **** **** 3201',
      accountHolder: 'Anna Huber',
    })
    expect(response.headers.etag).toBeTruthy()
    expect(await storedIban()).toBe(AT_IBAN)

    const mandates = await backend.app.services.repos.customers.mandates(
      (await customerRecord(backend, ANNA)).id,
    )
    expect(mandates).toMatchObject([
      { reference: 'MMF-100482117-001', iban: AT_IBAN, accountHolder: 'Anna Huber' },
    ])

    const after = (await getJson(auth, '/api/v1/documents')).json()
    expect(after.unreadCount).toBe(before.unreadCount + 1)
    expect(after.items[0]).toMatchObject({
      title: 'Bestätigung Ihrer neuen Bankverbindung',
      category: 'letter',
      read: false,
    })

    // The letter is the mandate: its reference, the bank's creditor identifier, the day.
    const letter = await backend.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${after.items[0].id}/content`,
      headers: auth,
    })
    const text = (await pdfText(letter.rawPayload)).replace(/\s+/g, ' ')
    expect(text).toContain('Mandatsreferenz MMF-100482117-001')
    expect(text).toContain('Gläubiger-Identifikationsnummer AT25ZZZ00000004821')
    expect(text).toMatch(/Mandat erteilt am \d{2}\.\d{2}\.\d{4}/)
    expect(text).toContain('SEPA-Basislastschrift, wiederkehrend')
    expect(text).toContain('acht Wochen')

    const mail = await backend.lastMessage(ANNA_LOGIN.email, 'email')
    expect(mail?.subject).toBe('Ihre Bankverbindung wurde geändert')
    expect(mail?.text).toContain('AT61 **** **** **** 3201')
    expect(mail?.text).toContain('+43 662 2191 4920')
    expect(mail?.text).toContain('ksc@mini.at')
  })

  it('accepts a German IBAN', async () => {
    backend = await createTestBackend()
    const response = await put(await signInAnna(backend), { iban: 'DE89 3704 0044 0532 0130 00' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().customer.bankAccount.ibanMasked).toBe('DE89 **** **** **** **** 3000')
    expect(await storedIban()).toBe(DE_IBAN)
  })

  it('makes the contracts debit the new account', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    await put(auth, {})
    const contracts = (await getJson(auth, '/api/v1/contracts')).json().items as { id: string }[]
    expect(contracts.length).toBeGreaterThan(0)
    for (const { id } of contracts) {
      const detail = (await getJson(auth, `/api/v1/contracts/${id}`)).json()
      expect(detail.bankAccount).toEqual({ ibanMasked: 'AT61 **** **** **** 3201' })
    }
  })

  it.each([
    ['AT62 1904 3002 3457 3201', 'invalid_checksum'],
    ['AT61 1904 3002 3457 3202', 'invalid_checksum'],
    ['DE88 3704 0044 0532 0130 00', 'invalid_checksum'],
    ['US64 SVBK US6S 3300 9673 8637', 'not_sepa'],
    ['BR15 0036 0305 0000 1000 9795 493P 1', 'not_sepa'],
    ['AT61 1904 3002 3457 320', 'invalid_length'],
    ['DE89 3704 0044 0532 0130 0', 'invalid_length'],
    ['AT61-1904-3002-3457-3201', 'invalid_format'],
    ['1904 3002 3457 3201', 'invalid_format'],
  ])('refuses %s: %s', async (iban, reason) => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = await storedIban()
    const response = await put(auth, { iban })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { iban: reason },
    })
    expect(await storedIban()).toBe(before)
  })

  it('checks the account holder, the mandate and the body', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ accountHolder: '   ' }, { accountHolder: 'required' }],
      [{ accountHolder: 'A'.repeat(61) }, { accountHolder: 'too_long' }],
      [
        { accountHolder: 'Anna Huber\nhttps://evil.example' },
        { accountHolder: 'invalid_characters' },
      ],
      [{ sepaMandateAccepted: false }, { sepaMandateAccepted: 'invalid_value' }],
      [{ sepaMandateAccepted: 'true' }, { sepaMandateAccepted: 'invalid_type' }],
      [{ password: undefined }, { password: 'required' }],
      [{ bic: 'BKAUATWW' }, { bic: 'unknown_property' }],
    ]
    for (const [body, fields] of cases) {
      const response = await put(auth, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json().error.fields, JSON.stringify(body)).toEqual(fields)
    }
  })

  it('refuses a wrong password with 403 and changes nothing', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = await storedIban()
    const response = await put(auth, { password: 'Das-ist-nicht-das-Passwort' })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('invalid_credentials')
    expect(await storedIban()).toBe(before)
    expect(await backend.lastMessage(ANNA_LOGIN.email, 'email')).toBeUndefined()
  })

  it('counts wrong passwords with sign-in: the third locks the account and ends the session', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = await storedIban()
    expect((await put(auth, { password: 'Geraten-Nummer-1-xx' })).statusCode).toBe(403)
    expect((await put(auth, { password: 'Geraten-Nummer-2-xx' })).statusCode).toBe(403)
    const third = await put(auth, { password: 'Geraten-Nummer-3-xx' })
    expect(third.statusCode).toBe(423)
    expect(third.json().error.code).toBe('account_locked')
    // Even the right password does not help now, and the session is over.
    expect((await put(auth, {})).statusCode).toBe(401)
    expect(await storedIban()).toBe(before)
  })

  it('needs an activated customer: before activation 403 activation_required, even with the right password', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const response = await put(auth, { accountHolder: 'Lukas Gruber', password: GOOD_PASSWORD })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('activation_required')
    expect((await customerRecord(backend, LUKAS)).iban).not.toBe(AT_IBAN)
  })

  it('needs a session', async () => {
    backend = await createTestBackend()
    expect((await put({}, {})).statusCode).toBe(401)
  })

  it('honours If-Match: stale is 412 before the password is even checked', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { etag } = (await getJson(auth, '/api/v1/me')).headers as { etag: string }
    await backend.json('PATCH', '/api/v1/me', { phone: '0676 9876543' }, auth)
    const stale = await put(auth, { password: 'Das-ist-nicht-das-Passwort' }, { 'if-match': etag })
    expect(stale.statusCode).toBe(412)
    expect(stale.json().error.code).toBe('precondition_failed')
    const current = String((await getJson(auth, '/api/v1/me')).headers.etag)
    expect((await put(auth, {}, { 'if-match': current })).statusCode).toBe(200)
  })

  it('lets exactly one of three parallel PUTs with one ETag win: the check is repeated in SQL after the password', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const etag = String((await getJson(auth, '/api/v1/me')).headers.etag)
    const ibans = [AT_IBAN, DE_IBAN, 'CH9300762011623852957']
    const answers = await Promise.all(
      ibans.map((iban) => put(auth, { iban }, { 'if-match': etag })),
    )
    const codes = expectOneWinner(answers)
    expect(await storedIban()).toBe(ibans[codes.indexOf(200)])
    const mandates = await backend.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sepa_mandates')
    expect(mandates?.n).toBe(1)
  })

  it('lets exactly one of parallel writers with one ETag win, across PATCH and PUT', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const etag = String((await getJson(auth, '/api/v1/me')).headers.etag)
    const answers = await Promise.all([
      put(auth, { iban: AT_IBAN }, { 'if-match': etag }),
      put(auth, { iban: DE_IBAN }, { 'if-match': etag }),
      backend.json('PATCH', '/api/v1/me', { phone: '0699 1234567' }, { ...auth, 'if-match': etag }),
    ])
    const codes = expectOneWinner(answers)
    const winner = answers.find((a) => a.statusCode === 200)?.json().customer
    expect((await getJson(auth, '/api/v1/me')).json().customer).toEqual(winner)
    // Only the winner's change happened: a new mandate and its e-mail only if a PUT won.
    const putWon = codes[0] === 200 || codes[1] === 200
    const mails = (
      await backend.app.services.repos.outbox.list({ to: ANNA_LOGIN.email, limit: 10 })
    ).filter((m) => m.subject === 'Ihre Bankverbindung wurde geändert')
    expect(mails).toHaveLength(putWon ? 1 : 0)
    const mandates = await backend.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sepa_mandates')
    expect(mandates?.n).toBe(putWon ? 1 : 0)
  })

  it('never shows the full IBAN: not in answers, the postbox’s PDFs, the outbox or the demo mailbox', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const answers: LightMyRequestResponse[] = []
    answers.push(await put(auth, { iban: 'at61 1904 3002 3457 3201' }))
    answers.push(await put(auth, { iban: DE_IBAN, accountHolder: 'Anna Huber-Moser' }))
    answers.push(await put(auth, { iban: 'AT62 1904 3002 3457 3201' }))
    answers.push(await getJson(auth, '/api/v1/me'))
    const postbox = await getJson(auth, '/api/v1/documents?limit=100')
    answers.push(postbox)
    const contracts = await getJson(auth, '/api/v1/contracts')
    answers.push(contracts)
    for (const { id } of contracts.json().items as { id: string }[])
      answers.push(await getJson(auth, `/api/v1/contracts/${id}`))
    answers.push(await backend.json('GET', '/api/v1/dev/outbox'))
    for (const answer of answers) {
      const text = `${JSON.stringify(answer.headers)}\n${answer.body}`
      expectNoFullIban(text, AT_IBAN, answer.raw.req.url ?? '')
      expectNoFullIban(text, DE_IBAN, answer.raw.req.url ?? '')
    }
    for (const message of await backend.app.services.repos.outbox.list({ limit: 100 })) {
      const text = `${message.subject}\n${message.text}\n${message.html ?? ''}\n${message.links.join()}`
      expectNoFullIban(text, AT_IBAN, `outbox ${message.subject}`)
      expectNoFullIban(text, DE_IBAN, `outbox ${message.subject}`)
    }
    const letters = (postbox.json().items as { id: string; title: string }[]).filter(
      (d) => d.title === 'Bestätigung Ihrer neuen Bankverbindung',
    )
    expect(letters).toHaveLength(2)
    const masked: string[] = []
    for (const letter of letters) {
      const content = await backend.app.inject({
        method: 'GET',
        url: `/api/v1/documents/${letter.id}/content`,
        headers: auth,
      })
      const text = await pdfText(content.rawPayload)
      expectNoFullIban(text, AT_IBAN, letter.title)
      expectNoFullIban(text, DE_IBAN, letter.title)
      masked.push(text)
    }
    expect(masked.join('\n')).toContain('AT61 **** **** **** 3201')
    expect(masked.join('\n')).toContain('DE89 **** **** **** **** 3000')
  })
})
