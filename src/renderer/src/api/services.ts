/**
 * Service requests (api.md "Service requests"): the catalogue for a contract,
 * filing a request with its Idempotency-Key, and the customer's requests. The
 * answers are checked against the contract before anyone relies on them.
 */
import axios from 'axios'
import {
  NOT_ELIGIBLE_REASONS,
  type NotEligibleReason,
  type ServiceRequestBody,
  type ServiceRequestView,
  type ServiceTypeInfo,
} from '../../../shared/api/service-requests.ts'
import { call } from './call.ts'
import { isRecord, oneOf } from './shape.ts'

/** GET /service-types?contractId=…: the catalogue with each type's eligibility for that contract. */
export async function listServiceTypes(contractId: string): Promise<ServiceTypeInfo[]> {
  return (await call('GET /service-types', { query: { contractId } })).items
}

/** POST /service-requests with the submission's Idempotency-Key (the same key on a retry). */
export async function createServiceRequest(
  body: ServiceRequestBody,
  idempotencyKey: string,
): Promise<ServiceRequestView> {
  return call(
    'POST /service-requests',
    { body },
    { headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' } },
  )
}

/** GET /service-requests: the customer's requests, newest first. */
export async function listServiceRequests(): Promise<ServiceRequestView[]> {
  return (await call('GET /service-requests', {})).items
}

/** The reason of a `409 not_eligible` answer, or null when the error is another one. */
export function notEligibleReason(error: unknown): NotEligibleReason | null {
  if (!axios.isAxiosError(error) || error.response?.status !== 409) return null
  const body: unknown = error.response.data
  if (!isRecord(body) || !isRecord(body.error) || body.error.code !== 'not_eligible') return null
  return oneOf(NOT_ELIGIBLE_REASONS, body.error.reason) ? body.error.reason : null
}
