/** Shared pieces of the co-borrower tests: Anna invites Markus Huber to her leasing contract. */
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { DEMO_CO_BORROWER_CUSTOMER } from '../../../src/backend/demo/seed-co-borrowers.ts'
import { viennaDay } from '../../../src/shared/dates.ts'
import { insertDocument } from '../../../src/backend/services/documents.ts'
import { tokenFrom, type TestBackend } from '../../helpers/backend.ts'
import { customerRecord, demoCustomer, type Auth, ANNA } from '../../helpers/customers.ts'

export const MARKUS = DEMO_CO_BORROWER_CUSTOMER.customerNumber
export const MARKUS_BIRTHDAY = DEMO_CO_BORROWER_CUSTOMER.dateOfBirth
/** Where Anna's invitations go in these tests. */
export const MARKUS_INBOX = 'markus.invited@example.at'

/** The id of a contract by its number, whoever holds it (straight from the database). */
export async function contractIdOf(backend: TestBackend, number: string): Promise<string> {
  const row = await backend.app.services.db.get<{ public_id: string }>(
    'SELECT public_id FROM contracts WHERE number = ?',
    number,
  )
  if (!row) throw new Error(`no contract ${number}`)
  return row.public_id
}

/** POST /contracts/{id}/invitations. */
export function invite(
  backend: TestBackend,
  auth: Auth,
  contractId: string,
  email = MARKUS_INBOX,
): Promise<LightMyRequestResponse> {
  return backend.json('POST', `/api/v1/contracts/${contractId}/invitations`, { email }, auth)
}

/** Invites, expecting 202; the token from the e-mail. */
export async function invitationToken(
  backend: TestBackend,
  auth: Auth,
  contractId: string,
): Promise<string> {
  const response = await invite(backend, auth, contractId)
  expect(response.statusCode, response.body).toBe(202)
  return tokenFrom(await backend.lastMessage(MARKUS_INBOX, 'email'))
}

/** POST /invitations/confirm. */
export function confirm(
  backend: TestBackend,
  auth: Auth,
  token: string,
  dateOfBirth = MARKUS_BIRTHDAY,
): Promise<LightMyRequestResponse> {
  return backend.json('POST', '/api/v1/invitations/confirm', { token, dateOfBirth }, auth)
}

/** Markus Huber registered, confirmed, activated and signed in. */
export const signInMarkus = (backend: TestBackend): Promise<Auth> =>
  demoCustomer(backend, MARKUS, { email: 'markus.huber@example.at' })

/** Markus has joined Anna's leasing contract; the calls' ids. */
export async function markusJoined(
  backend: TestBackend,
  anna: Auth,
): Promise<{ markus: Auth; leasing: string }> {
  const markus = await signInMarkus(backend)
  const leasing = await contractIdOf(backend, 'LS-2026-048212')
  const joined = await confirm(backend, markus, await invitationToken(backend, anna, leasing))
  expect(joined.statusCode, joined.body).toBe(200)
  return { markus, leasing }
}

/** Files a letter for Anna on one of her contracts (by number), or on none; its id. */
export async function fileAnnaLetter(
  backend: TestBackend,
  contractNumber: string | null,
): Promise<string> {
  const ctx = backend.app.services
  const customer = await customerRecord(backend, ANNA)
  const contracts = await ctx.repos.contracts.listByCustomer(customer.id)
  const contract = contracts.find((c) => c.number === contractNumber) ?? null
  const now = ctx.clock.now()
  return insertDocument(ctx, {
    customer,
    contract,
    params: { kind: 'annual_statement', year: 2025 },
    date: viennaDay(now),
    filedAt: now,
  })
}
