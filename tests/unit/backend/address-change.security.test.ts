/**
 * An address change with a stolen session must not quietly move the post, and
 * with it the Typenschein: PATCH /me with an address needs the password, the
 * customer is told by e-mail, a letter goes to the old and to the new address,
 * at most 5 changes a day (counted from the database, so a restart forgets
 * nothing), and for 14 days after a change the Typenschein goes by post to
 * nobody (409 recent_address_change; collection stays possible), also when a
 * request filed before the change is answered.
 */
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestBackend, GOOD_PASSWORD, type TestBackend } from '../../helpers/backend.ts'
import {
  ANNA,
  ANNA_LOGIN,
  customerRecord,
  demoCustomer,
  signIn,
  signInAnna,
  SOPHIE,
  type Auth,
} from '../../helpers/customers.ts'
import { contractOf, file, postRequest, SOPHIE_SETTLED_LOAN } from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

const DAY = 86_400
const LINZER_GASSE = {
  street: 'Linzer Gasse',
  houseNumber: '12',
  postalCode: '5020',
  city: 'Salzburg',
  country: 'AT',
}
/** Anna's address in the demo. */
const GETREIDEGASSE = 'Getreidegasse 9'

const patchAddress = (
  auth: Auth,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  backend.json('PATCH', '/api/v1/me', { address: LINZER_GASSE, ...body }, { ...auth, ...headers })

const letters = () => backend.app.services.repos.outbox.list({ kind: 'letter', limit: 50 })
const annaStreet = async () => (await customerRecord(backend, ANNA)).street

describe('PATCH /me with an address', () => {
  it('needs the password: without it 400 password: required, and nothing changes', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await backend.json('PATCH', '/api/v1/me', { address: LINZER_GASSE }, auth)
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      fields: { password: 'required' },
    })
    expect(await annaStreet()).toBe('Getreidegasse')
    expect(await letters()).toEqual([])
  })

  it('refuses a wrong password with 403 and changes nothing, tells nobody', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await patchAddress(auth, { password: 'Das-ist-nicht-das-Passwort' })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('invalid_credentials')
    expect(await annaStreet()).toBe('Getreidegasse')
    expect(await letters()).toEqual([])
    expect(await backend.lastMessage(ANNA_LOGIN.email, 'email')).toBeUndefined()
  })

  it('e-mails the customer and writes to the old and the new address; the old one learns nothing of the new', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const response = await patchAddress(auth, { password: ANNA_LOGIN.password })
    expect(response.statusCode, response.body).toBe(200)
    expect(await annaStreet()).toBe('Linzer Gasse')

    const mail = await backend.lastMessage(ANNA_LOGIN.email, 'email')
    expect(mail?.subject).toBe('Ihre Adresse wurde geändert')
    expect(mail?.text).toContain('Linzer Gasse 12')
    expect(mail?.text).toContain('+43 662 2191 4920')

    const sent = await letters()
    expect(sent).toHaveLength(2)
    const toNew = sent.find((l) => l.to.includes('Linzer Gasse 12'))
    const toOld = sent.find((l) => l.to.includes(GETREIDEGASSE))
    expect(toNew?.subject).toBe('Ihre neue Adresse bei My MINI Finance')
    expect(toNew?.text).toContain('Linzer Gasse 12')
    expect(toOld?.subject).toBe('Ihre Adresse bei My MINI Finance wurde geändert')
    expect(toOld?.text).toContain(GETREIDEGASSE)
    // Someone else may live at the old address by now.
    expect(toOld?.text).not.toContain('Linzer Gasse')
    for (const letter of [toNew, toOld]) {
      expect(letter?.text).toContain('Sehr geehrte Frau Huber,')
      expect(letter?.text).toContain('rufen Sie bitte sofort unsere Kundenbetreuung an')
    }
  })

  it('a stale If-Match answers 412 before the password is checked (no attempt counted)', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const etag = String((await backend.json('GET', '/api/v1/me', undefined, auth)).headers.etag)
    await backend.json('PATCH', '/api/v1/me', { phone: '0676 9876543' }, auth)
    for (let i = 0; i < 3; i++) {
      const stale = await patchAddress(
        auth,
        { password: `Falsch-${i}-xxxxxx` },
        { 'if-match': etag },
      )
      expect(stale.statusCode).toBe(412)
    }
    expect((await patchAddress(auth, { password: ANNA_LOGIN.password })).statusCode).toBe(200)
  })
})

describe('at most 5 address changes a day per customer', () => {
  const addresses = Array.from({ length: 7 }, (_, i) => ({
    ...LINZER_GASSE,
    houseNumber: String(i + 1),
  }))

  it('answers the sixth 429 with Retry-After until the first leaves the 24 hours', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    for (const [i, address] of addresses.slice(0, 5).entries()) {
      const response = await patchAddress(auth, { address, password: ANNA_LOGIN.password })
      expect(response.statusCode, response.body).toBe(200)
      backend.clock.advance(60 * 60 * (i === 0 ? 2 : 1))
      auth = await signInAnna(backend)
    }
    // Six hours after the first change.
    const sixth = await patchAddress(auth, { address: addresses[5], password: ANNA_LOGIN.password })
    expect(sixth.statusCode).toBe(429)
    expect(sixth.json().error.code).toBe('rate_limited')
    expect(Number(sixth.headers['retry-after'])).toBe(18 * 3600)
    expect((await customerRecord(backend, ANNA)).houseNumber).toBe('5')
    backend.clock.advance(18 * 3600)
    auth = await signInAnna(backend)
    expect(
      (await patchAddress(auth, { address: addresses[5], password: ANNA_LOGIN.password }))
        .statusCode,
    ).toBe(200)
  })

  it('the limit is checked before the password: an over-limit guess costs no attempt', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    for (const address of addresses.slice(0, 5))
      await patchAddress(auth, { address, password: ANNA_LOGIN.password })
    for (let i = 0; i < 3; i++) {
      const guess = await patchAddress(auth, { address: addresses[5], password: `Falsch-${i}-xx` })
      expect(guess.statusCode).toBe(429)
    }
    expect((await backend.json('POST', '/api/v1/sessions', ANNA_LOGIN)).statusCode).toBe(201)
  })

  it('parallel changes cannot get past the limit', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    for (const address of addresses.slice(0, 4))
      await patchAddress(auth, { address, password: ANNA_LOGIN.password })
    // Three at once (as many as the password counter checks at once) for the one left.
    const answers = await Promise.all(
      addresses
        .slice(4, 7)
        .map((address) => patchAddress(auth, { address, password: ANNA_LOGIN.password })),
    )
    const statuses = answers.map((a) => a.statusCode)
    expect(
      statuses.filter((s) => s === 200),
      statuses.join(),
    ).toHaveLength(1)
    expect(
      statuses.filter((s) => s === 429),
      statuses.join(),
    ).toHaveLength(2)
    expect(await letters()).toHaveLength(10)
  })

  it('counts the changes kept in the database, so a restart forgets none', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mmf-address-'))
    // After afterEach has closed the backend.
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
    backend = await createTestBackend({ dataDir })
    let auth = await signInAnna(backend)
    for (const address of addresses.slice(0, 5))
      await patchAddress(auth, { address, password: ANNA_LOGIN.password })
    await backend.dispose()
    backend = await createTestBackend({ dataDir })
    auth = await signInAnna(backend)
    const after = await patchAddress(auth, { address: addresses[5], password: ANNA_LOGIN.password })
    expect(after.statusCode).toBe(429)
  })
})

describe('the Typenschein by post after an address change', () => {
  async function sophieWithNewAddress(): Promise<{ auth: Auth; contractId: string }> {
    const auth = await demoCustomer(backend, SOPHIE)
    const changed = await patchAddress(auth, { password: GOOD_PASSWORD })
    expect(changed.statusCode, changed.body).toBe(200)
    return { auth, contractId: (await contractOf(backend, auth, SOPHIE_SETTLED_LOAN)).id }
  }
  const release = (contractId: string, delivery: 'post' | 'pickup') => ({
    type: 'vehicle_certificate_release',
    contractId,
    details: { delivery },
  })

  it('answers 409 recent_address_change for 14 days, then goes through', async () => {
    backend = await createTestBackend()
    const { auth, contractId } = await sophieWithNewAddress()
    const refused = await postRequest(backend, auth, release(contractId, 'post'))
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toMatchObject({
      code: 'not_eligible',
      reason: 'recent_address_change',
    })
    backend.clock.advance(14 * DAY - 60)
    const fresh = await signIn(backend, `sophie.${SOPHIE}@example.at`, GOOD_PASSWORD)
    expect((await postRequest(backend, fresh, release(contractId, 'post'))).statusCode).toBe(409)
    backend.clock.advance(60)
    await file(backend, fresh, release(contractId, 'post'))
  })

  it('collection stays possible at once', async () => {
    backend = await createTestBackend()
    const { auth, contractId } = await sophieWithNewAddress()
    const filed = await file(backend, auth, release(contractId, 'pickup'))
    expect(filed).toMatchObject({ status: 'received', details: { delivery: 'pickup' } })
  })

  it('a request filed before the change is not sent to the new address: the back office rejects it', async () => {
    backend = await createTestBackend()
    let auth = await demoCustomer(backend, SOPHIE)
    const { id: contractId } = await contractOf(backend, auth, SOPHIE_SETTLED_LOAN)
    const filed = await file(backend, auth, release(contractId, 'post'))
    expect((await patchAddress(auth, { password: GOOD_PASSWORD })).statusCode).toBe(200)
    backend.clock.advance(3 * DAY)
    auth = await signIn(backend, `sophie.${SOPHIE}@example.at`, GOOD_PASSWORD)
    const done = await backend.json('GET', `/api/v1/service-requests/${filed.id}`, undefined, auth)
    expect(done.json()).toMatchObject({ status: 'rejected' })
  })
})
