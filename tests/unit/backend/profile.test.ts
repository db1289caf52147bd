/**
 * GET and PATCH /me through the real backend: what the profile shows before
 * and after activation, the strong ETag with If-None-Match and If-Match (and
 * the race of parallel writers), phone and address rules, preferences, and the
 * confirmation letter an address change files in the postbox.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentListAnswer } from '../../../src/shared/api/documents.ts'
import type { ProfileCustomer } from '../../../src/shared/api/profile.ts'
import { maskIban } from '../../../src/shared/iban.ts'
import { DEMO_CUSTOMERS } from '../../../src/backend/demo/seed.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA_LOGIN,
  customerRecord,
  LUKAS,
  registeredCustomer,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'
import { listDocuments } from '../../helpers/documents.ts'
import { pdfText } from '../../helpers/pdf-text.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const ANNA = DEMO_CUSTOMERS.find((c) => c.customerNumber === '100482117')
if (!ANNA?.iban) throw new Error('the demo has no Anna Huber with a bank account')

const getMe = (auth: Auth, headers: Record<string, string> = {}) =>
  backend.json('GET', '/api/v1/me', undefined, { ...auth, ...headers })
const patchMe = (auth: Auth, body: unknown, headers: Record<string, string> = {}) =>
  backend.json('PATCH', '/api/v1/me', body, { ...auth, ...headers })

async function me(auth: Auth): Promise<{ customer: ProfileCustomer; etag: string }> {
  const response = await getMe(auth)
  expect(response.statusCode, response.body).toBe(200)
  return { customer: response.json().customer, etag: String(response.headers.etag) }
}

const documents = (auth: Auth): Promise<DocumentListAnswer> =>
  listDocuments(backend, auth, 'limit=100')

const SALZBURG = {
  street: 'Linzer Gasse',
  houseNumber: '12/3',
  postalCode: '5020',
  city: 'Salzburg',
  country: 'AT',
}

describe('GET /me', () => {
  it('needs a session', async () => {
    backend = await createTestBackend()
    const response = await backend.json('GET', '/api/v1/me')
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('unauthenticated')
  })

  it('shows an activated customer everything, the IBAN masked, with a strong ETag', async () => {
    backend = await createTestBackend()
    const response = await getMe(await signInAnna(backend))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      customer: {
        salutation: 'ms',
        firstName: 'Anna',
        lastName: 'Huber',
        dateOfBirth: '1984-03-12',
        customerNumber: '100482117',
        email: ANNA_LOGIN.email,
        phone: '+436641234567',
        address: {
          street: 'Getreidegasse',
          houseNumber: '9',
          postalCode: '5020',
          city: 'Salzburg',
          country: 'AT',
        },
        bankAccount: { ibanMasked: maskIban(ANNA.iban ?? ''), accountHolder: 'Anna Huber' },
        preferences: {
          locale: 'de',
          paperless: false,
          marketingConsent: false,
          notifications: { emailReminders: false, desktop: true },
        },
        activated: true,
      },
    })
    expect(response.json().customer.bankAccount.ibanMasked).toMatch(
      /^AT\d{2} \*{4} \*{4} \*{4} \d{4}$/,
    )
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/)
    expect(response.body).not.toContain(ANNA.iban)
  })

  it('answers 304 to If-None-Match with the current ETag, 200 otherwise', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { etag } = await me(auth)
    expect((await me(auth)).etag).toBe(etag)
    const notModified = await getMe(auth, { 'if-none-match': etag })
    expect(notModified.statusCode).toBe(304)
    expect(notModified.body).toBe('')
    expect(notModified.headers.etag).toBe(etag)
    expect((await getMe(auth, { 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304)
    expect((await getMe(auth, { 'if-none-match': '"other"' })).statusCode).toBe(200)
    await patchMe(auth, { phone: '0676 9876543' })
    expect((await getMe(auth, { 'if-none-match': etag })).statusCode).toBe(200)
  })

  it('before activation shows what the registrant typed, not the bank’s record', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const before = await me(auth)
    expect(before.customer).toMatchObject({
      firstName: 'Lukas',
      lastName: 'Gruber',
      email: 'lukas.g@example.at',
      phone: null,
      address: null,
      bankAccount: null,
      preferences: {
        locale: 'de',
        paperless: false,
        marketingConsent: false,
        notifications: { emailReminders: false, desktop: true },
      },
      activated: false,
    })
    await activateWithLetter(backend, auth)
    const after = await me(auth)
    expect(after.customer).toMatchObject({
      phone: '+436769876543',
      address: { street: 'Mariahilfer Straße', postalCode: '1060', city: 'Wien' },
      bankAccount: { accountHolder: 'Lukas Gruber' },
      activated: true,
    })
    expect(after.etag).not.toBe(before.etag)
  })
})

describe('PATCH /me: phone', () => {
  it.each(['0676 9876543', '+43 676 9876543', '0043 676 98 76 543', '+43 (0)676 987-6543'])(
    'stores %j in E.164',
    async (phone) => {
      backend = await createTestBackend()
      const auth = await signInAnna(backend)
      const response = await patchMe(auth, { phone })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().customer.phone).toBe('+436769876543')
      expect((await me(auth)).customer.phone).toBe('+436769876543')
    },
  )

  it('refuses what the numbering plan does not have, naming the field and why, and keeps the old one', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { etag } = await me(auth)
    for (const [phone, reason] of [
      // The example: saved as "+43 66412" with a success message before.
      ['0664 12', 'too_short'],
      ['+43 664', 'too_short'],
      ['0664 123456789012', 'too_long'],
      ['0900 123456', 'invalid_value'],
      ['12345', 'invalid_format'],
      ['0664 12a4567', 'invalid_format'],
      ['', 'required'],
      [`0664 ${'1'.repeat(36)}`, 'too_long'],
    ]) {
      const response = await patchMe(auth, { phone })
      expect(response.statusCode, phone).toBe(400)
      expect(response.json().error, phone).toMatchObject({
        code: 'validation_failed',
        fields: { phone: reason },
      })
    }
    const typed = await patchMe(auth, { phone: 6641234567 })
    expect(typed.json().error.fields).toEqual({ phone: 'invalid_type' })
    expect(await me(auth)).toEqual({
      customer: expect.objectContaining({ phone: '+436641234567' }),
      etag,
    })
  })

  it.each([
    ['an Austrian fixed line', '0662 2191 4920', '+4366221914920'],
    ['a German mobile number', '+49 151 23456789', '+4915123456789'],
    ['a Swiss fixed line', '0041 44 668 18 00', '+41446681800'],
  ])('stores %s written internationally or at home in Austria', async (_, phone, e164) => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await patchMe(auth, { phone })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().customer.phone).toBe(e164)
  })

  it('removes the number with null', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    expect((await patchMe(auth, { phone: null })).json().customer.phone).toBeNull()
    expect((await me(auth)).customer.phone).toBeNull()
  })

  it('reads a national number in the country of the new address', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await patchMe(auth, {
      phone: '0151 23456789',
      address: { ...SALZBURG, postalCode: '80331', city: 'München', country: 'DE' },
      password: ANNA_LOGIN.password,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().customer.phone).toBe('+4915123456789')
  })

  it('checks a national number by the plan of the new address: too short for Switzerland', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await patchMe(auth, {
      // Nine digits after the 0 in Switzerland; complete in Austria (a Linz landline).
      phone: '0732 5566',
      address: { ...SALZBURG, postalCode: '8001', city: 'Zürich', country: 'CH' },
      password: ANNA_LOGIN.password,
    })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().error.fields).toEqual({ phone: 'too_short' })
    expect((await me(auth)).customer.address?.country).toBe('AT')
  })
})

describe('PATCH /me: body rules', () => {
  it('refuses unknown properties, an empty body and wrong types', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const cases: [unknown, Record<string, string>][] = [
      [{ nickname: 'Anni' }, { nickname: 'unknown_property' }],
      [{ email: 'new@example.at' }, { email: 'unknown_property' }],
      [{ address: { ...SALZBURG, floor: '2' } }, { 'address.floor': 'unknown_property' }],
      [{ preferences: { theme: 'dark' } }, { 'preferences.theme': 'unknown_property' }],
      [{ preferences: { locale: 'fr' } }, { 'preferences.locale': 'invalid_value' }],
      [{ preferences: { paperless: 'yes' } }, { 'preferences.paperless': 'invalid_type' }],
      [
        { preferences: { marketingConsent: 1 } },
        { 'preferences.marketingConsent': 'invalid_type' },
      ],
    ]
    for (const [body, fields] of cases) {
      const response = await patchMe(auth, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json().error.fields, JSON.stringify(body)).toEqual(fields)
    }
    for (const body of [{}, { preferences: {} }]) {
      const response = await patchMe(auth, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
    }
    expect((await me(auth)).customer.preferences).toEqual({
      locale: 'de',
      paperless: false,
      marketingConsent: false,
      notifications: { emailReminders: false, desktop: true },
    })
  })

  it('needs a session', async () => {
    backend = await createTestBackend()
    expect((await backend.json('PATCH', '/api/v1/me', { phone: null })).statusCode).toBe(401)
  })
})

describe('PATCH /me: address', () => {
  it('changes the address and files a confirmation letter with the old and new address, unread', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const before = await documents(auth)
    const response = await patchMe(auth, {
      address: { ...SALZBURG, street: ' Linzer Gasse ' },
      password: ANNA_LOGIN.password,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().customer.address).toEqual(SALZBURG)
    expect((await me(auth)).customer.address).toEqual(SALZBURG)

    const after = await documents(auth)
    expect(after.unreadCount).toBe(before.unreadCount + 1)
    const letter = after.items[0]
    expect(letter).toMatchObject({
      title: 'Bestätigung Ihrer neuen Adresse',
      category: 'letter',
      contractId: null,
      read: false,
    })
    expect(before.items.map((d) => d.id)).not.toContain(letter?.id)
    const content = await backend.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${letter?.id}/content`,
      headers: auth,
    })
    expect(content.statusCode).toBe(200)
    const text = await pdfText(content.rawPayload)
    expect(text).toContain('Linzer Gasse 12/3')
    expect(text).toContain('Getreidegasse 9')
  })

  it.each([
    [{ ...SALZBURG, postalCode: '80331', city: 'München', country: 'DE' }, '80331'],
    [{ ...SALZBURG, postalCode: '8001', city: 'Zürich', country: 'ch' }, '8001'],
    [{ ...SALZBURG, postalCode: '39100', city: 'Bozen', country: 'IT' }, '39100'],
    [{ ...SALZBURG, postalCode: '1012ab', city: 'Amsterdam', country: 'NL' }, '1012 AB'],
  ])('accepts an address in %j', async (address, postalCode) => {
    backend = await createTestBackend()
    const response = await patchMe(await signInAnna(backend), {
      address,
      password: ANNA_LOGIN.password,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().customer.address).toMatchObject({
      postalCode,
      country: address.country.toUpperCase(),
    })
  })

  it('names the wrong part of an address, and changes nothing', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ ...SALZBURG, postalCode: '502' }, { 'address.postalCode': 'invalid_format' }],
      [{ ...SALZBURG, postalCode: '50201' }, { 'address.postalCode': 'invalid_format' }],
      [{ ...SALZBURG, country: 'DE' }, { 'address.postalCode': 'invalid_format' }],
      [
        { ...SALZBURG, postalCode: '80331', country: 'CH' },
        { 'address.postalCode': 'invalid_format' },
      ],
      [{ ...SALZBURG, country: 'US' }, { 'address.country': 'invalid_value' }],
      [{ ...SALZBURG, street: '   ' }, { 'address.street': 'required' }],
      [{ ...SALZBURG, houseNumber: 'x'.repeat(21) }, { 'address.houseNumber': 'too_long' }],
    ]
    for (const [address, fields] of cases) {
      const response = await patchMe(auth, { address, password: ANNA_LOGIN.password })
      expect(response.statusCode, JSON.stringify(address)).toBe(400)
      expect(response.json().error.fields, JSON.stringify(address)).toEqual(fields)
    }
    const withoutCity: Partial<typeof SALZBURG> = { ...SALZBURG }
    delete withoutCity.city
    const missing = await patchMe(auth, { address: withoutCity, password: ANNA_LOGIN.password })
    expect(missing.json().error.fields).toEqual({ 'address.city': 'required' })
    expect((await me(auth)).customer.address?.street).toBe('Getreidegasse')
  })

  it('files no letter when the address stays the same, and keeps the ETag', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { customer, etag } = await me(auth)
    const before = await documents(auth)
    const response = await patchMe(auth, {
      address: customer.address,
      password: ANNA_LOGIN.password,
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe(etag)
    expect((await documents(auth)).items.length).toBe(before.items.length)
  })

  it('writes the letter in the language chosen in the same change', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await patchMe(auth, {
      address: SALZBURG,
      preferences: { locale: 'en' },
      password: ANNA_LOGIN.password,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect((await documents(auth)).items[0]?.title).toBe('Confirmation of your new address')
  })
})

describe('PATCH /me: preferences', () => {
  it('changes language, paperless and marketing consent, each on its own', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    await patchMe(auth, { preferences: { paperless: true } })
    await patchMe(auth, { preferences: { marketingConsent: true } })
    expect((await me(auth)).customer.preferences).toEqual({
      locale: 'de',
      paperless: true,
      marketingConsent: true,
      notifications: { emailReminders: false, desktop: true },
    })
    const response = await patchMe(auth, { preferences: { locale: 'en', marketingConsent: false } })
    expect(response.json().customer.preferences).toEqual({
      locale: 'en',
      paperless: true,
      marketingConsent: false,
      notifications: { emailReminders: false, desktop: true },
    })
    // The account's e-mails follow the language.
    await backend.json('POST', '/api/v1/password-resets', { email: ANNA_LOGIN.email })
    expect((await backend.lastMessage(ANNA_LOGIN.email, 'email'))?.subject).toBe(
      'Your new password for My MINI Finance',
    )
  })

  it('before activation changes only the language: phone, address, paperless and consent need activation', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const language = await patchMe(auth, { preferences: { locale: 'en' } })
    expect(language.statusCode, language.body).toBe(200)
    expect(language.json().customer.preferences.locale).toBe('en')
    for (const body of [
      { phone: '0664 1234567' },
      { address: SALZBURG },
      { preferences: { paperless: true } },
      { preferences: { locale: 'de', marketingConsent: true } },
    ]) {
      const response = await patchMe(auth, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(403)
      expect(response.json().error.code).toBe('activation_required')
    }
    // The bank's record of the real Lukas Gruber is untouched: the activation letter still goes there.
    expect(await customerRecord(backend, LUKAS)).toMatchObject({
      street: 'Mariahilfer Straße',
      phone: '+436769876543',
    })
    expect((await me(auth)).customer.preferences).toEqual({
      locale: 'en',
      paperless: false,
      marketingConsent: false,
      notifications: { emailReminders: false, desktop: true },
    })
  })
})

describe('PATCH /me: If-Match', () => {
  it('is optional, honoured when sent: the current ETag passes, a stale one is 412', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const first = await me(auth)
    const changed = await patchMe(auth, { phone: '0676 9876543' }, { 'if-match': first.etag })
    expect(changed.statusCode, changed.body).toBe(200)
    const second = String(changed.headers.etag)
    expect(second).not.toBe(first.etag)
    expect((await me(auth)).etag).toBe(second)

    const stale = await patchMe(auth, { phone: '0699 1112223' }, { 'if-match': first.etag })
    expect(stale.statusCode).toBe(412)
    expect(stale.json().error.code).toBe('precondition_failed')
    expect((await me(auth)).customer.phone).toBe('+436769876543')

    // Weak tags never match (strong comparison); "*" and a list with the current tag do.
    expect(
      (await patchMe(auth, { phone: '0699 1112223' }, { 'if-match': `W/${second}` })).statusCode,
    ).toBe(412)
    expect(
      (await patchMe(auth, { phone: '0699 1112223' }, { 'if-match': `"x", ${second}` })).statusCode,
    ).toBe(200)
    expect((await patchMe(auth, { phone: '0699 7778889' }, { 'if-match': '*' })).statusCode).toBe(
      200,
    )
    expect((await patchMe(auth, { phone: '0699 4445556' })).statusCode).toBe(200)
    expect((await me(auth)).customer.phone).toBe('+436994445556')
  })

  it('lets exactly one of ten parallel writers with one ETag win', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const { etag } = await me(auth)
    const phones = Array.from({ length: 10 }, (_, i) => `0699 10000${String(i).padStart(2, '0')}`)
    const answers = await Promise.all(
      phones.map((phone) => patchMe(auth, { phone }, { 'if-match': etag })),
    )
    const winners = answers.filter((a) => a.statusCode === 200)
    expect(winners).toHaveLength(1)
    for (const loser of answers.filter((a) => a.statusCode !== 200)) {
      expect(loser.statusCode).toBe(412)
      expect(loser.json().error.code).toBe('precondition_failed')
    }
    expect((await me(auth)).customer.phone).toBe(winners[0]?.json().customer.phone)
  })

  it('turns stale with the activation, which changes what GET /me shows', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const { etag } = await me(auth)
    await activateWithLetter(backend, auth)
    const response = await patchMe(auth, { preferences: { locale: 'en' } }, { 'if-match': etag })
    expect(response.statusCode).toBe(412)
  })
})

describe('OpenAPI', () => {
  it('lists the profile routes with their error answers', async () => {
    backend = await createTestBackend()
    const document = (await backend.json('GET', '/api/v1/openapi.json')).json() as {
      paths: Record<
        string,
        Record<string, { security?: unknown; responses: Record<string, unknown> }>
      >
    }
    const { paths } = document
    expect(Object.keys(paths['/api/v1/me'] ?? {}).sort()).toEqual(['delete', 'get', 'patch'])
    expect(paths['/api/v1/me']?.get?.responses).toHaveProperty('304')
    expect(paths['/api/v1/me']?.delete?.responses).toHaveProperty('204')
    expect(paths['/api/v1/me']?.delete?.responses).toHaveProperty('403')
    expect(paths['/api/v1/me']?.delete?.responses).toHaveProperty('423')
    expect(paths['/api/v1/me']?.patch?.responses).toHaveProperty('412')
    expect(paths['/api/v1/me']?.patch?.responses).toHaveProperty('423')
    expect(paths['/api/v1/me']?.patch?.responses).toHaveProperty('429')
    expect(paths['/api/v1/me/email-change']?.post?.responses).toHaveProperty('202')
    expect(paths['/api/v1/me/email-change/confirm']?.post?.responses).toHaveProperty('410')
    // Public: anonymous access, said explicitly.
    expect(paths['/api/v1/me/email-change/confirm']?.post?.security).toEqual([{}])
    expect(paths['/api/v1/me/bank-account']?.put?.responses).toHaveProperty('412')
    expect(paths['/api/v1/me/bank-account']?.put?.responses).toHaveProperty('423')
    expect(JSON.stringify(paths['/api/v1/me/bank-account']?.put?.responses['400'])).toContain(
      'not_sepa',
    )
  })
})
