/**
 * POST /documents/{id}/email through the real backend (temp database, fixed
 * clock): who may send which letter, that it only ever goes to the account's
 * registered address, the e-mail in the customer's language with the PDF
 * byte for byte as GET …/content serves it, the rate limits on the fake clock,
 * and the demo mailbox listing and serving the attachment.
 */
import { createHash, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentSummary } from '../../../src/shared/api/documents.ts'
import { viennaDay } from '../../../src/shared/dates.ts'
import { maskEmail } from '../../../src/backend/services/document-email.ts'
import { createTestBackend, registration, type TestBackend } from '../../helpers/backend.ts'
import {
  activateWithLetter,
  ANNA,
  ANNA_LOGIN,
  customerRecord,
  demoCustomer,
  ELENA,
  LUKAS,
  registeredCustomer,
  signInAnna,
  type Auth,
} from '../../helpers/customers.ts'
import { allDocuments, listDocuments } from '../../helpers/documents.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

/** The letter's date (YYYY-MM-DD): the Vienna day it was filed. */
const letterDate = (doc: DocumentSummary): string => viennaDay(new Date(doc.createdAt))

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

const sendEmail = (id: string, auth: Auth, body?: unknown) =>
  backend.json('POST', `/api/v1/documents/${id}/email`, body, auth)

/** The e-mails with attachments in the outbox table, newest first. */
const documentMails = async (to?: string) =>
  (
    await backend.app.services.repos.outbox.list({
      ...(to !== undefined ? { to } : {}),
      kind: 'email',
      limit: 100,
    })
  ).filter((m) => m.attachments.length > 0)

/** A customer's document ids straight from the repository (to try them as someone else). */
async function documentIdsOf(customerNumber: string): Promise<string[]> {
  const { id } = await customerRecord(backend, customerNumber)
  const documents = await backend.app.services.repos.documents.page({ customerId: id, limit: 100 })
  return documents.map((d) => d.publicId)
}

async function firstUnread(auth: Auth): Promise<DocumentSummary> {
  const doc = (await allDocuments(backend, auth)).items.find((d) => !d.read)
  if (!doc) throw new Error('no unread document')
  return doc
}

describe('POST /documents/{id}/email: access', () => {
  it('needs a session: 401 without a token or with a made-up one, and sends nothing', async () => {
    backend = await createTestBackend()
    const [own = ''] = await documentIdsOf(ANNA)
    for (const headers of [{}, { authorization: 'Bearer made-up' }] as Auth[]) {
      const response = await sendEmail(own, headers)
      expect(response.statusCode).toBe(401)
      expect(response.json().error.code).toBe('unauthenticated')
    }
    expect(await documentMails()).toEqual([])
  })

  it('needs an activated account: 403 activation_required, also for the customer’s own letter', async () => {
    backend = await createTestBackend()
    const auth = await registeredCustomer(backend)
    const [own = ''] = await documentIdsOf(LUKAS)
    for (const id of [own, randomUUID()]) {
      const response = await sendEmail(id, auth)
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('activation_required')
    }
    expect(await documentMails()).toEqual([])
    await activateWithLetter(backend, auth)
    expect((await sendEmail(own, auth)).statusCode).toBe(202)
  })

  it('answers another customer’s, an unknown or a malformed id with the same 404 as the other documents routes', async () => {
    backend = await createTestBackend()
    const lukas = await demoCustomer(backend, LUKAS)
    const [anna = ''] = await documentIdsOf(ANNA)
    const bodies = new Set<string>()
    for (const id of [
      anna,
      randomUUID(),
      'not-a-document',
      encodeURIComponent("' OR '1'='1"),
      encodeURIComponent(anna.toUpperCase()),
      '%2E%2E',
      'x'.repeat(80),
    ]) {
      const response = await sendEmail(id, lukas)
      expect(response.statusCode, id).toBe(404)
      expect(response.json().error.code).toBe('not_found')
      bodies.add(response.body)
    }
    // The content route's answer for a foreign letter, and for an address that names nothing.
    bodies.add(
      (await backend.json('GET', `/api/v1/documents/${anna}/content`, undefined, lukas)).body,
    )
    bodies.add((await backend.json('GET', '/api/v1/documents/x/y', undefined, lukas)).body)
    expect(bodies.size).toBe(1)
    expect(await documentMails()).toEqual([])
  })

  it('never takes the address from the request: any body property is 400 unknown_property', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const doc = await firstUnread(auth)
    for (const body of [
      { to: 'attacker@example.com' },
      { email: 'attacker@example.com' },
      { cc: ['attacker@example.com'] },
    ]) {
      const response = await sendEmail(doc.id, auth, body)
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toMatchObject({
        code: 'validation_failed',
        fields: { [Object.keys(body)[0] as string]: 'unknown_property' },
      })
    }
    for (const body of [[], 'attacker@example.com', 42]) {
      expect((await sendEmail(doc.id, auth, body)).statusCode).toBe(400)
    }
    // Neither does a query parameter change the recipient (the route ignores the query).
    const withQuery = await backend.json(
      'POST',
      `/api/v1/documents/${doc.id}/email?to=attacker@example.com`,
      {},
      auth,
    )
    expect(withQuery.statusCode).toBe(202)
    expect(
      await backend.app.services.repos.outbox.list({ to: 'attacker@example.com', limit: 10 }),
    ).toEqual([])
    expect((await documentMails()).map((m) => m.to)).toEqual([ANNA_LOGIN.email])
  })
})

describe('POST /documents/{id}/email: the e-mail', () => {
  it('sends the PDF, byte for byte as GET …/content, under its file name, to the registered address', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const doc = await firstUnread(auth)
    const before = await listDocuments(backend, auth, 'limit=100')
    const response = await sendEmail(doc.id, auth)
    expect(response.statusCode, response.body).toBe(202)
    expect(response.json()).toEqual({ status: 'sent', to: maskEmail(ANNA_LOGIN.email) })
    expect(ANNA_LOGIN.email).toBe('anna.huber@demo.mini.at')
    expect(response.json().to).toBe('a***.h***@demo.mini.at')

    const [mail, ...more] = await documentMails()
    expect(more).toEqual([])
    expect(mail?.to).toBe(ANNA_LOGIN.email)
    expect(mail?.subject).toBe(`Ihr Dokument „${doc.title}“`)
    const date = letterDate(doc).split('-').reverse().join('.')
    expect(mail?.text).toMatch(/^Guten Tag, Frau Huber,\n/)
    expect(mail?.text).toContain(`das Dokument „${doc.title}“ vom ${date}`)
    expect(mail?.text).toContain('im Anhang')
    const { support } = backend.app.services.config
    expect(mail?.text).toContain(support.phone)
    expect(mail?.text).toContain(support.email)
    expect(mail?.links).toEqual([])

    const content = await backend.json(
      'GET',
      `/api/v1/documents/${doc.id}/content`,
      undefined,
      auth,
    )
    expect(content.statusCode).toBe(200)
    expect(mail?.attachments).toEqual([
      { fileName: expect.any(String), contentType: 'application/pdf', sizeBytes: doc.sizeBytes },
    ])
    // The stored bytes, and the demo mailbox's copy of them: the PDF the postbox serves.
    const stored = await backend.app.services.repos.outbox.attachment(mail?.id ?? 0, 0)
    expect(sha256(stored?.bytes ?? new Uint8Array())).toBe(doc.sha256)
    expect(sha256(content.rawPayload)).toBe(doc.sha256)
    const served = await backend.json('GET', `/api/v1/dev/outbox/${mail?.id}/attachments/0`)
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('application/pdf')
    expect(sha256(served.rawPayload)).toBe(doc.sha256)
    expect(served.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // The same safe name as the postbox's download.
    expect(served.headers['content-disposition']).toBe(content.headers['content-disposition'])
    expect(stored?.fileName).toBe(mail?.attachments[0]?.fileName)
    expect(content.headers['content-disposition']).toContain(
      encodeURIComponent(stored?.fileName ?? '-'),
    )

    // Sending is not reading: the letter stays unread, the count unchanged.
    const after = await listDocuments(backend, auth, 'limit=100')
    expect(after.unreadCount).toBe(before.unreadCount)
    expect(after.items.find((d) => d.id === doc.id)?.read).toBe(false)
  })

  it('takes an empty JSON object like no body', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const doc = await firstUnread(auth)
    const response = await sendEmail(doc.id, auth, {})
    expect(response.statusCode, response.body).toBe(202)
    expect(await documentMails(ANNA_LOGIN.email)).toHaveLength(1)
  })

  it('writes in the customer’s language: English for an English account', async () => {
    backend = await createTestBackend()
    const email = `elena.${ELENA}@example.at`
    const auth = await demoCustomer(backend, ELENA)
    const doc = (await allDocuments(backend, auth)).items[0] as DocumentSummary
    const response = await sendEmail(doc.id, auth)
    expect(response.statusCode, response.body).toBe(202)
    expect(response.json().to).toBe(`e***.1***@example.at`)
    const [mail] = await documentMails(email)
    expect(mail?.subject).toBe(`Your document “${doc.title}”`)
    expect(mail?.text).toMatch(/^Hello Ms Pichler,\n/)
    expect(mail?.text).toContain('attached as a PDF')
    expect(mail?.text).toContain('customer service')
    expect(mail?.text).not.toMatch(/Guten Tag|Anhang/)
  })
})

describe('POST /documents/{id}/email: rate limits', () => {
  it('allows 5 per customer per hour, then 429 with Retry-After until the hour has passed', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const doc = await firstUnread(anna)
    for (let i = 0; i < 5; i++) expect((await sendEmail(doc.id, anna)).statusCode).toBe(202)
    const refused = await sendEmail(doc.id, anna)
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('rate_limited')
    expect(refused.headers['retry-after']).toBe('3600')
    expect(await documentMails(ANNA_LOGIN.email)).toHaveLength(5)

    // Another customer has limits of their own.
    const lukas = await demoCustomer(backend, LUKAS)
    const [lukasDoc = ''] = await documentIdsOf(LUKAS)
    expect((await sendEmail(lukasDoc, lukas)).statusCode).toBe(202)

    // Access tokens expire while the clock moves: sign in again after each step.
    backend.clock.advance(1800)
    const later = await sendEmail(doc.id, await signInAnna(backend))
    expect(later.statusCode).toBe(429)
    expect(later.headers['retry-after']).toBe('1800')
    backend.clock.advance(1800)
    expect((await sendEmail(doc.id, await signInAnna(backend))).statusCode).toBe(202)
    expect(await documentMails(ANNA_LOGIN.email)).toHaveLength(6)
  })

  it('allows 20 per customer in 24 hours, whatever the hours', async () => {
    backend = await createTestBackend()
    const [first, second] = (await allDocuments(backend, await signInAnna(backend))).items
    for (let hour = 0; hour < 4; hour++) {
      const anna = await signInAnna(backend)
      for (let i = 0; i < 5; i++) {
        const id = i % 2 === 0 ? first?.id : second?.id
        expect((await sendEmail(id ?? '', anna)).statusCode).toBe(202)
      }
      backend.clock.advance(3600)
    }
    // Four hours after the first: a new hour, but the day's 20 are used up until 24 h after it.
    const refused = await sendEmail(first?.id ?? '', await signInAnna(backend))
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('rate_limited')
    expect(refused.headers['retry-after']).toBe(String(20 * 3600))
    expect(await documentMails(ANNA_LOGIN.email)).toHaveLength(20)
    backend.clock.advance(20 * 3600)
    expect((await sendEmail(first?.id ?? '', await signInAnna(backend))).statusCode).toBe(202)
  })

  it('does not count requests for letters that are not found', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    for (let i = 0; i < 10; i++) expect((await sendEmail(randomUUID(), anna)).statusCode).toBe(404)
    const doc = await firstUnread(anna)
    for (let i = 0; i < 5; i++) expect((await sendEmail(doc.id, anna)).statusCode).toBe(202)
  })
})

describe('demo mailbox: attachments', () => {
  it('lists each e-mail’s attachments (none for the others) and serves only those that exist', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const doc = await firstUnread(auth)
    expect((await sendEmail(doc.id, auth)).statusCode).toBe(202)
    const listed = await backend.json('GET', `/api/v1/dev/outbox?to=${ANNA_LOGIN.email}`)
    expect(listed.statusCode).toBe(200)
    const [mail] = listed.json().items
    expect(mail.subject).toBe(`Ihr Dokument „${doc.title}“`)
    expect(mail.attachments).toEqual([
      {
        fileName: `${letterDate(doc)} ${doc.title.replace(/[/\\]/g, '-')}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: doc.sizeBytes,
      },
    ])
    // A message without attachments lists none.
    expect((await backend.json('POST', '/api/v1/registrations', registration())).statusCode).toBe(
      202,
    )
    const plain = await backend.json('GET', '/api/v1/dev/outbox?to=lukas.g@example.at')
    const [plainMail] = plain.json().items
    expect(plainMail.attachments).toEqual([])
    for (const url of [
      `/api/v1/dev/outbox/${mail.id}/attachments/1`,
      `/api/v1/dev/outbox/${mail.id + 1000}/attachments/0`,
      `/api/v1/dev/outbox/${plainMail.id}/attachments/0`,
    ]) {
      const response = await backend.json('GET', url)
      expect(response.statusCode, url).toBe(404)
      expect(response.json().error.code).toBe('not_found')
    }
    for (const url of [
      `/api/v1/dev/outbox/${mail.id}/attachments/-1`,
      `/api/v1/dev/outbox/0/attachments/0`,
      `/api/v1/dev/outbox/abc/attachments/0`,
    ]) {
      expect((await backend.json('GET', url)).statusCode, url).toBe(400)
    }
  })

  it('has no attachment route outside demo mode', async () => {
    backend = await createTestBackend({ demo: false })
    expect((await backend.json('GET', '/api/v1/dev/outbox/1/attachments/0')).statusCode).toBe(404)
  })
})

describe('OpenAPI', () => {
  it('lists the route with its answers, and the demo mailbox’s attachment route', async () => {
    backend = await createTestBackend()
    const document = (await backend.json('GET', '/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
    }
    const email = document.paths['/api/v1/documents/{id}/email']?.post
    expect(Object.keys(email?.responses ?? {}).sort()).toEqual(
      ['202', '400', '401', '403', '404', '413', '415', '429', '500'].sort(),
    )
    expect(email?.responses['202']).toMatchObject({
      content: { 'application/json': { schema: { required: ['status', 'to'] } } },
    })
    expect(document.paths['/api/v1/dev/outbox/{id}/attachments/{n}']?.get).toBeDefined()
  })
})
