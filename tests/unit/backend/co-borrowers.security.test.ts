/**
 * Co-borrowers (api.md "Co-borrowers"): only the holder invites; the link works
 * 7 days, once, and only with the date of birth on the contract (five wrong
 * ones void it); a co-borrower reads that contract and its letters and nothing
 * else of the holder's, changes nothing (403 holder_only), and loses access
 * at once when the holder revokes it.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, GOOD_PASSWORD, type TestBackend } from '../../helpers/backend.ts'
import { demoCustomer, signIn, signInAnna, SOPHIE } from '../../helpers/customers.ts'
import {
  confirm,
  contractIdOf,
  fileAnnaLetter,
  invitationToken,
  invite,
  MARKUS_INBOX,
  markusJoined,
  signInMarkus,
} from './co-borrowers-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const get = (path: string, auth: Record<string, string>) =>
  backend.json('GET', `/api/v1${path}`, undefined, auth)

describe('the invitation', () => {
  it('goes by e-mail with a 7-day link; the right date of birth joins, and the contract is listed as co_borrower', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const markus = await signInMarkus(backend)
    const leasing = await contractIdOf(backend, 'LS-2026-048212')
    expect((await get('/contracts', markus)).json().items).toEqual([])
    const token = await invitationToken(backend, anna, leasing)
    const email = await backend.lastMessage(MARKUS_INBOX, 'email')
    expect(email?.links[0]).toMatch(/^myminifinance:\/\/invitation\?token=/)
    expect(email?.text).toContain('LS-2026-048212')

    const joined = await confirm(backend, markus, token)
    expect(joined.statusCode, joined.body).toBe(200)
    expect(joined.json()).toEqual({ status: 'joined', contractId: leasing })
    const list = (await get('/contracts', markus)).json().items as { id: string; role: string }[]
    expect(list.map((c) => [c.id, c.role])).toEqual([[leasing, 'co_borrower']])
    const annas = (await get('/contracts', anna)).json().items as { role: string }[]
    expect(annas.map((c) => c.role)).toEqual(['holder', 'holder', 'holder'])
    const detail = await get(`/contracts/${leasing}`, markus)
    expect(detail.statusCode).toBe(200)
    expect(detail.json().parties).toEqual([
      { role: 'holder', name: 'Anna Huber' },
      { role: 'co_borrower', name: 'Markus Huber' },
    ])
    // The holder's bank account is hers.
    expect(detail.json().bankAccount).toBeNull()
    expect((await get(`/contracts/${leasing}`, anna)).json().bankAccount).not.toBeNull()
    expect((await get(`/contracts/${leasing}/schedule`, markus)).statusCode).toBe(200)
    // Used: once only.
    expect((await confirm(backend, markus, token)).json().error.code).toBe('link_invalid')
  })

  it('expires after 7 days (410 link_expired); an unknown or malformed token is link_invalid', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    await signInMarkus(backend)
    const leasing = await contractIdOf(backend, 'LS-2026-048212')
    const token = await invitationToken(backend, anna, leasing)
    backend.clock.advance(7 * 86_400 + 1)
    const markusAgain = await signIn(backend, 'markus.huber@example.at', GOOD_PASSWORD)
    const late = await confirm(backend, markusAgain, token)
    expect(late.statusCode).toBe(410)
    expect(late.json().error.code).toBe('link_expired')
    for (const other of ['x'.repeat(43), 'not a token!']) {
      const answer = await confirm(backend, markusAgain, other)
      expect(answer.statusCode).toBe(400)
      expect(answer.json().error.code).toBe('link_invalid')
    }
    expect((await get(`/contracts/${leasing}`, markusAgain)).statusCode).toBe(404)
  })

  it('counts wrong dates of birth and is void after five, even for the right one then', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const markus = await signInMarkus(backend)
    const leasing = await contractIdOf(backend, 'LS-2026-048212')
    const token = await invitationToken(backend, anna, leasing)
    for (const left of [4, 3, 2, 1]) {
      const wrong = await confirm(backend, markus, token, '1982-06-04')
      expect(wrong.statusCode).toBe(400)
      expect(wrong.json().error).toMatchObject({
        code: 'validation_failed',
        fields: { dateOfBirth: 'invalid_value' },
        attemptsLeft: left,
      })
    }
    const fifth = await confirm(backend, markus, token, '1982-06-04')
    expect(fifth.json().error.code).toBe('link_invalid')
    expect((await confirm(backend, markus, token)).json().error.code).toBe('link_invalid')
    expect((await get(`/contracts/${leasing}`, markus)).statusCode).toBe(404)
  })

  it('lets no third person with the link in without the date of birth, and not the holder herself', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const sophie = await demoCustomer(backend, SOPHIE)
    const leasing = await contractIdOf(backend, 'LS-2026-048212')
    const token = await invitationToken(backend, anna, leasing)
    // Sophie's own date of birth is not the co-borrower's.
    const third = await confirm(backend, sophie, token, '1978-11-02')
    expect(third.statusCode).toBe(400)
    // Knowing Markus's date of birth does not make her Markus.
    const knowing = await confirm(backend, sophie, token)
    expect(knowing.statusCode).toBe(400)
    expect(knowing.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { dateOfBirth: 'invalid_value' },
    })
    expect((await get(`/contracts/${leasing}`, sophie)).statusCode).toBe(404)
    const own = await confirm(backend, anna, token)
    expect(own.statusCode).toBe(409)
    expect(own.json().error).toMatchObject({ code: 'not_eligible', reason: 'own_contract' })
  })

  it('needs a contract that names a co-borrower, and is the holder’s alone to send', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const sophie = await demoCustomer(backend, SOPHIE)
    const loan = await contractIdOf(backend, 'KR-2025-048211')
    const none = await invite(backend, anna, loan)
    expect(none.statusCode).toBe(409)
    expect(none.json().error.reason).toBe('no_co_borrower')
    // Another customer's contract answers like one that does not exist.
    const leasing = await contractIdOf(backend, 'LS-2026-048212')
    const theirs = await invite(backend, sophie, leasing)
    const unknown = await invite(backend, sophie, '00000000-0000-4000-8000-000000000000')
    expect(theirs.statusCode).toBe(404)
    expect(theirs.body).toBe(unknown.body)
    expect((await get(`/contracts/${leasing}/access`, sophie)).statusCode).toBe(404)
    expect(await backend.lastMessage(MARKUS_INBOX, 'email')).toBeUndefined()
  })

  it('is used once when two confirmations race: one joins, the other is link_invalid', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const markus = await signInMarkus(backend)
    const leasing = await contractIdOf(backend, 'LS-2026-048212')
    const token = await invitationToken(backend, anna, leasing)
    const answers = await Promise.all([
      confirm(backend, markus, token),
      confirm(backend, markus, token),
    ])
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400])
    const access = (await get(`/contracts/${leasing}/access`, anna)).json().items
    expect(access).toHaveLength(1)
  })
})

describe('a co-borrower', () => {
  it('changes nothing: every change or request on the contract is 403 holder_only', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const { markus, leasing } = await markusJoined(backend, anna)
    const letter = await fileAnnaLetter(backend, 'LS-2026-048212')
    const calls: [string, string, unknown][] = [
      ['POST', `/contracts/${leasing}/invitations`, { email: 'someone@example.at' }],
      ['GET', `/contracts/${leasing}/access`, undefined],
      ['DELETE', `/contracts/${leasing}/access/00000000-0000-4000-8000-000000000000`, undefined],
      ['GET', `/service-types?contractId=${leasing}`, undefined],
      [
        'POST',
        '/service-requests',
        { type: 'payoff_quote', contractId: leasing, details: { payoffDate: '2026-05-27' } },
      ],
      [
        'POST',
        `/contracts/${leasing}/simulations`,
        { specialRepaymentCents: 100_000, date: '2026-05-27', keep: 'term' },
      ],
      ['POST', `/contracts/${leasing}/deferral-preview`, { months: 1, firstDueDate: '2026-06-01' }],
      ['POST', `/contracts/${leasing}/mileage-readings`, { date: '2026-05-01', km: 30_000 }],
      ['POST', `/documents/${letter}/read`, undefined],
      ['POST', `/documents/${letter}/email`, undefined],
    ]
    for (const [method, path, body] of calls) {
      const answer = await backend.json(method, `/api/v1${path}`, body, markus)
      expect(answer.statusCode, `${method} ${path}: ${answer.body}`).toBe(403)
      expect(answer.json().error.code).toBe('holder_only')
    }
  })

  it('reads that contract’s letters only: not the holder’s other contracts or letters', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const { markus, leasing } = await markusJoined(backend, anna)
    const onLeasing = await fileAnnaLetter(backend, 'LS-2026-048212')
    const onLoan = await fileAnnaLetter(backend, 'KR-2025-048211')
    const personal = await fileAnnaLetter(backend, null)
    const loan = await contractIdOf(backend, 'KR-2025-048211')

    const filtered = (await get(`/documents?contractId=${leasing}`, markus)).json().items as {
      id: string
      contractId: string
    }[]
    expect(filtered.map((d) => d.id)).toContain(onLeasing)
    expect(new Set(filtered.map((d) => d.contractId))).toEqual(new Set([leasing]))
    expect((await get(`/documents/${onLeasing}`, markus)).statusCode).toBe(200)
    expect((await get(`/documents/${onLeasing}/content`, markus)).statusCode).toBe(200)
    const own = (await get('/documents', markus)).json().items as { id: string }[]
    expect(own.map((d) => d.id)).not.toContain(onLeasing)
    for (const id of [onLoan, personal]) {
      expect((await get(`/documents/${id}`, markus)).statusCode).toBe(404)
      expect((await get(`/documents/${id}/content`, markus)).statusCode).toBe(404)
    }
    // The leasing's mileage and end of term are part of reading it.
    expect((await get(`/contracts/${leasing}/mileage`, markus)).statusCode).toBe(200)
    expect((await get(`/contracts/${leasing}/end-of-term`, markus)).statusCode).toBe(200)
    expect((await get(`/documents?contractId=${loan}`, markus)).json().items).toEqual([])
    expect((await get(`/contracts/${loan}`, markus)).statusCode).toBe(404)
    expect((await get(`/contracts/${loan}/schedule`, markus)).statusCode).toBe(404)
  })
})

describe('the holder’s list and revocation', () => {
  it('shows who has access since when and last when; revoking ends access on the next call and tells both', async () => {
    backend = await createTestBackend()
    const anna = await signInAnna(backend)
    const { markus, leasing } = await markusJoined(backend, anna)
    const [fresh] = (await get(`/contracts/${leasing}/access`, anna)).json().items
    expect(fresh).toMatchObject({ name: 'Markus Huber', lastUsedAt: null })
    backend.clock.advance(120)
    expect((await get(`/contracts/${leasing}`, markus)).statusCode).toBe(200)
    const [used] = (await get(`/contracts/${leasing}/access`, anna)).json().items
    expect(used.lastUsedAt).toBe(backend.clock.now().toISOString())
    expect(used.since < used.lastUsedAt).toBe(true)

    const revoked = await backend.json(
      'DELETE',
      `/api/v1/contracts/${leasing}/access/${used.id}`,
      undefined,
      anna,
    )
    expect(revoked.statusCode, revoked.body).toBe(204)
    expect((await get(`/contracts/${leasing}`, markus)).statusCode).toBe(404)
    expect((await get(`/contracts/${leasing}/schedule`, markus)).statusCode).toBe(404)
    expect((await get('/contracts', markus)).json().items).toEqual([])
    expect((await get(`/contracts/${leasing}/access`, anna)).json().items).toEqual([])
    const again = await backend.json(
      'DELETE',
      `/api/v1/contracts/${leasing}/access/${used.id}`,
      undefined,
      anna,
    )
    expect(again.statusCode).toBe(404)

    for (const auth of [anna, markus]) {
      const kinds = ((await get('/notifications', auth)).json().items as { kind: string }[]).map(
        (n) => n.kind,
      )
      expect(kinds).toContain('co_borrower_joined')
      expect(kinds).toContain('co_borrower_removed')
    }
  })
})
