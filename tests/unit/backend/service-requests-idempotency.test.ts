/**
 * The Idempotency-Key of POST /service-requests (api.md): the same key with the
 * same body answers the first answer again and files one request, also when
 * the POSTs run in parallel; another body → 409 idempotency_key_reused; keys
 * are kept 24 hours per customer (the fake clock moves past them).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentListAnswer } from '../../../src/shared/api/documents.ts'
import { createTestBackend, type TestBackend } from '../../helpers/backend.ts'
import { demoCustomer, signInAnna, SOPHIE, type Auth } from '../../helpers/customers.ts'
import {
  ANNA_BALLOON,
  ANNA_LOAN,
  contractOf,
  file,
  listRequests,
  postRequest,
  SOPHIE_SETTLED_LOAN,
} from './service-requests-fixtures.ts'

let backend: TestBackend
afterEach(async () => backend?.dispose())

async function documentCount(auth: Auth): Promise<number> {
  const page: DocumentListAnswer = (
    await backend.json('GET', '/api/v1/documents?limit=100', undefined, auth)
  ).json()
  return page.items.length
}

async function payoffBody(auth: Auth, payoffDate = '2026-05-29') {
  const loan = await contractOf(backend, auth, ANNA_LOAN)
  return { type: 'payoff_quote', contractId: loan.id, details: { payoffDate } }
}

describe('Idempotency-Key on POST /service-requests', () => {
  it('answers the same key and body with the first answer again, filing one request and one document', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const body = await payoffBody(auth)
    const documentsBefore = await documentCount(auth)
    const first = await postRequest(backend, auth, body, 'submit-7f3a')
    expect(first.statusCode).toBe(201)
    backend.clock.advance(5)
    // The same body with its keys in another order is the same request.
    const again = await postRequest(
      backend,
      auth,
      { details: body.details, contractId: body.contractId, type: body.type },
      'submit-7f3a',
    )
    expect(again.statusCode).toBe(201)
    expect(again.json()).toEqual(first.json())
    expect(await listRequests(backend, auth)).toHaveLength(1)
    expect(await documentCount(auth)).toBe(documentsBefore + 1)
  })

  it('refuses the key with another body (409 idempotency_key_reused) and files nothing for it', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const first = await file(backend, auth, await payoffBody(auth), 'key-1')
    const other = await postRequest(backend, auth, await payoffBody(auth, '2026-05-30'), 'key-1')
    expect(other.statusCode).toBe(409)
    expect(other.json().error.code).toBe('idempotency_key_reused')
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const otherType = await postRequest(
      backend,
      auth,
      { type: 'contract_copy', contractId: balloon.id, details: {} },
      'key-1',
    )
    expect(otherType.statusCode).toBe(409)
    expect((await listRequests(backend, auth)).map((r) => r.id)).toEqual([first.id])
    // Without a key, every POST is a request of its own.
    await file(backend, auth, await payoffBody(auth))
    await file(backend, auth, await payoffBody(auth))
    expect(await listRequests(backend, auth)).toHaveLength(3)
  })

  it('files exactly one request for parallel POSTs with one key, and answers them all alike', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const body = await payoffBody(auth)
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => postRequest(backend, auth, body, 'double-click')),
    )
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201))
    expect(new Set(answers.map((a) => a.body)).size).toBe(1)
    expect(await listRequests(backend, auth)).toHaveLength(1)
    // The same parallel burst without a key files eight: the key is what makes the difference.
    await Promise.all(Array.from({ length: 8 }, () => postRequest(backend, auth, body)))
    expect(await listRequests(backend, auth)).toHaveLength(9)
  })

  it('keeps a key 24 hours: just before, the first answer; after, a new request', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const body = { type: 'contract_copy', contractId: loan.id, details: {} }
    const first = await file(backend, auth, body, 'daily')
    backend.clock.advance(24 * 3600 - 1)
    auth = await signInAnna(backend) // the access token lives 10 minutes
    const within = await file(backend, auth, body, 'daily')
    expect(within).toEqual(first)
    backend.clock.advance(1)
    auth = await signInAnna(backend)
    const after = await file(backend, auth, body, 'daily')
    expect(after.id).not.toBe(first.id)
    expect(after.createdAt).toBe('2026-05-18T08:30:00.000Z')
    expect(await listRequests(backend, auth)).toHaveLength(2)
    // From now on the key names the new request.
    expect(await file(backend, auth, body, 'daily')).toEqual(after)
    const balloon = await contractOf(backend, auth, ANNA_BALLOON)
    const other = await postRequest(backend, auth, { ...body, contractId: balloon.id }, 'daily')
    expect(other.statusCode).toBe(409)
  })

  it('answers the first answer even after the request has moved on', async () => {
    backend = await createTestBackend()
    let auth = await signInAnna(backend)
    const loan = await contractOf(backend, auth, ANNA_LOAN)
    const body = { type: 'payment_day_change', contractId: loan.id, details: { newPaymentDay: 15 } }
    const first = await file(backend, auth, body, 'pd-change')
    backend.clock.advance(3600)
    auth = await signInAnna(backend)
    const now = await backend.json('GET', `/api/v1/service-requests/${first.id}`, undefined, auth)
    expect(now.json().status).toBe('in_progress')
    // A retry of the submission gets what the submission got, not a 409 request_pending.
    expect(await file(backend, auth, body, 'pd-change')).toEqual(first)
  })

  it('keeps keys per customer: another customer’s same key is their own', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const hers = await file(backend, auth, await payoffBody(auth), 'shared-key')
    const sophie = await demoCustomer(backend, SOPHIE)
    const settled = await contractOf(backend, sophie, SOPHIE_SETTLED_LOAN)
    const theirs = await file(
      backend,
      sophie,
      { type: 'contract_copy', contractId: settled.id, details: {} },
      'shared-key',
    )
    expect(theirs.id).not.toBe(hers.id)
    expect(theirs.contractNumber).toBe(SOPHIE_SETTLED_LOAN)
    // Anna's key cannot fetch Sophie's answer, nor the other way round.
    const replay = await postRequest(backend, sophie, await payoffBody(auth), 'shared-key')
    expect(replay.statusCode).toBe(409)
    expect(replay.json().error.code).toBe('idempotency_key_reused')
  })

  it('does not spend a key on a request that failed', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const bad = await postRequest(backend, auth, await payoffBody(auth, '2026-01-01'), 'retry-me')
    expect(bad.statusCode).toBe(400)
    const good = await postRequest(backend, auth, await payoffBody(auth), 'retry-me')
    expect(good.statusCode).toBe(201)
    expect(await listRequests(backend, auth)).toHaveLength(1)
  })

  it('takes 1 to 100 visible ASCII characters as a key, nothing else', async () => {
    backend = await createTestBackend()
    const auth = await signInAnna(backend)
    const body = await payoffBody(auth)
    for (const [key, reason] of [
      ['', 'invalid_format'],
      ['x'.repeat(101), 'too_long'],
      ['two words', 'invalid_format'],
      ['schlüssel', 'invalid_format'],
      ['tab\there', 'invalid_format'],
    ] as const) {
      const response = await postRequest(backend, auth, body, key)
      expect(response.statusCode, JSON.stringify(key)).toBe(400)
      expect(response.json().error).toMatchObject({
        code: 'validation_failed',
        fields: { 'idempotency-key': reason },
      })
    }
    expect(await listRequests(backend, auth)).toHaveLength(0)
    for (const key of ['a', 'x'.repeat(100), '!~{}"#', '0f3c2a9e-1b7d-4c55-9a1e-7d2f7a0b9c11']) {
      await file(backend, auth, body, key)
    }
    expect(await listRequests(backend, auth)).toHaveLength(4)
  })
})
