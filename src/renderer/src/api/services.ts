/**
 * Service requests (api.md "Service requests"): the catalogue for a contract,
 * filing a request with its Idempotency-Key, and the customer's requests. Answers
 * are checked before anyone relies on them; ids become part of a path only
 * encoded.
 */
import {
  NOT_ELIGIBLE_REASONS,
  SERVICE_REQUEST_STATUSES,
  SERVICE_TYPES,
  type NotEligibleReason,
  type ServiceRequestBody,
  type ServiceRequestView,
  type ServiceTypeInfo,
} from '../../../shared/api/service-requests.ts'
import axios from 'axios'
import { apiClient } from './client.ts'
import { isRecord, oneOf, unexpected } from './shape.ts'

const isText = (value: unknown): boolean =>
  isRecord(value) && typeof value.de === 'string' && typeof value.en === 'string'

const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string'

function isDetailsSchema(value: unknown): boolean {
  return (
    isRecord(value) &&
    value.type === 'object' &&
    isRecord(value.properties) &&
    Object.values(value.properties).every(isRecord) &&
    Array.isArray(value.required) &&
    value.required.every((name) => typeof name === 'string')
  )
}

function isServiceType(value: unknown): value is ServiceTypeInfo {
  if (!isRecord(value)) return false
  const eligibility = value.eligibility
  return (
    oneOf(SERVICE_TYPES, value.type) &&
    isText(value.title) &&
    isText(value.description) &&
    Array.isArray(value.products) &&
    Array.isArray(value.contractStatuses) &&
    oneOf(['immediate', 'back_office', 'profile'] as const, value.handling) &&
    isNullableString(value.endpoint) &&
    isDetailsSchema(value.fields) &&
    (eligibility === undefined ||
      (isRecord(eligibility) &&
        typeof eligibility.eligible === 'boolean' &&
        (eligibility.reason === null || oneOf(NOT_ELIGIBLE_REASONS, eligibility.reason))))
  )
}

function isRequest(value: unknown): value is ServiceRequestView {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.reference === 'string' &&
    oneOf(SERVICE_TYPES, value.type) &&
    typeof value.contractId === 'string' &&
    typeof value.contractNumber === 'string' &&
    oneOf(SERVICE_REQUEST_STATUSES, value.status) &&
    isRecord(value.details) &&
    typeof value.createdAt === 'string' &&
    !Number.isNaN(Date.parse(value.createdAt)) &&
    typeof value.updatedAt === 'string' &&
    isNullableString(value.documentId) &&
    isNullableString(value.documentTitle)
  )
}

/** GET /service-types?contractId=…: the catalogue with each type's eligibility for that contract. */
export async function listServiceTypes(contractId: string): Promise<ServiceTypeInfo[]> {
  const { data } = await apiClient.get<unknown>('/service-types', { params: { contractId } })
  if (!isRecord(data) || !Array.isArray(data.items) || !data.items.every(isServiceType))
    throw unexpected('GET /service-types')
  return data.items
}

/** POST /service-requests with the submission's Idempotency-Key (the same key on a retry). */
export async function createServiceRequest(
  body: ServiceRequestBody,
  idempotencyKey: string,
): Promise<ServiceRequestView> {
  const { data } = await apiClient.post<unknown>('/service-requests', body, {
    headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' },
  })
  if (!isRequest(data)) throw unexpected('POST /service-requests')
  return data
}

/** GET /service-requests: the customer's requests, newest first. */
export async function listServiceRequests(): Promise<ServiceRequestView[]> {
  const { data } = await apiClient.get<unknown>('/service-requests')
  if (!isRecord(data) || !Array.isArray(data.items) || !data.items.every(isRequest))
    throw unexpected('GET /service-requests')
  return data.items
}

/** The reason of a `409 not_eligible` answer, or null when the error is another one. */
export function notEligibleReason(error: unknown): NotEligibleReason | null {
  if (!axios.isAxiosError(error) || error.response?.status !== 409) return null
  const body: unknown = error.response.data
  if (!isRecord(body) || !isRecord(body.error) || body.error.code !== 'not_eligible') return null
  return oneOf(NOT_ELIGIBLE_REASONS, body.error.reason) ? body.error.reason : null
}
