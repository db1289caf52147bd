/** Shared pieces of the service-request tests: the demo's contracts, calls. */
import { expect } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import type { ContractDetail, ScheduleRow } from '../../../src/shared/api/contracts.ts'
import type { ServiceRequestView } from '../../../src/shared/api/service-requests.ts'
import type { ContractRecord } from '../../../src/backend/db/repositories/contracts-repository.ts'
import type { TestBackend } from '../../helpers/backend.ts'
import { customerRecord, type Auth } from '../../helpers/customers.ts'

/** Anna Huber's contracts (the ready login): loan, leasing, balloon, all running. */
export const ANNA_LOAN = 'KR-2025-048211'
export const ANNA_LEASING = 'LS-2026-048212'
export const ANNA_BALLOON = 'BF-2025-048213'
/** Sophie Wagner's settled loan and running balloon. */
export const SOPHIE_SETTLED_LOAN = 'KR-2021-060325'
export const SOPHIE_BALLOON = 'BF-2025-060326'

/** A contract of the signed-in customer by its number, as GET /contracts/{id} shows it. */
export async function contractOf(
  backend: TestBackend,
  auth: Auth,
  number: string,
): Promise<ContractDetail> {
  const list = await backend.json('GET', '/api/v1/contracts', undefined, auth)
  expect(list.statusCode, list.body).toBe(200)
  const found = (list.json().items as { id: string; number: string }[]).find(
    (c) => c.number === number,
  )
  if (!found) throw new Error(`no contract ${number}`)
  return (await backend.json('GET', `/api/v1/contracts/${found.id}`, undefined, auth)).json()
}

/** The rows of a contract's schedule, as GET /contracts/{id}/schedule shows them. */
export async function scheduleOf(
  backend: TestBackend,
  auth: Auth,
  contractId: string,
): Promise<ScheduleRow[]> {
  const response = await backend.json(
    'GET',
    `/api/v1/contracts/${contractId}/schedule`,
    undefined,
    auth,
  )
  return response.json().items
}

/** The stored record of a contract (its terms, for the arithmetic). */
export async function contractRecord(
  backend: TestBackend,
  publicId: string,
): Promise<ContractRecord> {
  const record = await backend.app.services.db.get<{ id: number }>(
    'SELECT id FROM contracts WHERE public_id = ?',
    publicId,
  )
  const contract = record ? await backend.app.services.repos.contracts.byId(record.id) : null
  if (!contract) throw new Error(`no contract ${publicId}`)
  return contract
}

/** A hand-made running loan (a MINI, no down payment, in euros) for a customer, straight into the repository; returns its id. */
export async function insertLoan(
  backend: TestBackend,
  customerNumber: string,
  loan: Pick<
    ContractRecord,
    'number' | 'startDate' | 'termMonths' | 'paymentDay' | 'financedAmountCents' | 'nominalRateBp'
  > &
    Pick<ContractRecord['vehicle'], 'model' | 'vin' | 'registrationPlate'>,
): Promise<string> {
  const { model, vin, registrationPlate, ...terms } = loan
  const publicId = randomUUID()
  await backend.app.services.repos.contracts.insert(
    {
      ...terms,
      publicId,
      customerId: (await customerRecord(backend, customerNumber)).id,
      product: 'loan',
      vehicle: { make: 'MINI', model, vin, registrationPlate },
      downPaymentCents: 0,
      finalAmountCents: 0,
      mileagePerYearKm: null,
      currency: 'EUR',
    },
    backend.clock.now(),
  )
  return publicId
}

/** POST /service-requests, with an Idempotency-Key when given. */
export function postRequest(
  backend: TestBackend,
  auth: Auth,
  body: unknown,
  key?: string,
): Promise<LightMyRequestResponse> {
  return backend.json('POST', '/api/v1/service-requests', body, {
    ...auth,
    ...(key !== undefined ? { 'idempotency-key': key } : {}),
  })
}

/** Files a request that must succeed; returns its answer. */
export async function file(
  backend: TestBackend,
  auth: Auth,
  body: unknown,
  key?: string,
): Promise<ServiceRequestView> {
  const response = await postRequest(backend, auth, body, key)
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

export async function listRequests(
  backend: TestBackend,
  auth: Auth,
): Promise<ServiceRequestView[]> {
  const response = await backend.json('GET', '/api/v1/service-requests', undefined, auth)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items
}

export async function contentOf(backend: TestBackend, auth: Auth, id: string): Promise<Buffer> {
  const response = await backend.app.inject({
    method: 'GET',
    url: `/api/v1/documents/${id}/content`,
    headers: auth,
  })
  expect(response.statusCode).toBe(200)
  return response.rawPayload
}
