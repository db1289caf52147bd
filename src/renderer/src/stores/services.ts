/**
 * Service requests: the catalogue for the chosen contract, filing a request
 * (with one Idempotency-Key per submission, kept when the same submission is
 * tried again), the customer's requests, and the answer document of one.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { DocumentSummary } from '../../../shared/api/documents.ts'
import type {
  NotEligibleReason,
  ServiceRequestBody,
  ServiceRequestView,
  ServiceTypeInfo,
} from '../../../shared/api/service-requests.ts'
import { listDocuments } from '../api/documents.ts'
import { toUserError, type UserError } from '../api/errors.ts'
import * as servicesApi from '../api/services.ts'
import { useDocumentsStore, type ListStatus } from './documents.ts'
import { latestLoad, loadView } from './latest-load.ts'

/** How many of the newest letters are looked through for an answer document. */
const ANSWER_SEARCH_PAGE = 100

/** A failed submission: the mapped error, and the reason when the service does not fit. */
export interface SubmitFailure {
  error: UserError
  reason: NotEligibleReason | null
}

export type SubmitResult =
  { ok: true; request: ServiceRequestView } | { ok: false; failure: SubmitFailure }

/** A random UUID (v4); crypto.randomUUID where there is one. */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const useServicesStore = defineStore('services', () => {
  const documents = useDocumentsStore()
  const types = shallowRef<readonly ServiceTypeInfo[]>([])
  const typesContractId = ref<string | null>(null)
  const typesStatus = ref<ListStatus>('idle')
  const typesError = ref<UserError | null>(null)

  const requests = shallowRef<readonly ServiceRequestView[]>([])
  const requestsStatus = ref<ListStatus>('idle')
  const requestsError = ref<UserError | null>(null)

  const submitting = ref(false)

  // The submission in progress and its key: the same body again is a retry of it.
  let pending: { key: string; body: string } | null = null
  const typesLoad = latestLoad()
  const requestsLoad = latestLoad()

  /** The catalogue with each type's eligibility for one contract. */
  /**
   * The catalogue's and the requests' state as a page shows them (LoadState's
   * props); the catalogue's retry asks for the same contract's again.
   */
  const typesState = loadView({ status: typesStatus, error: typesError }, () =>
    typesContractId.value === null ? undefined : loadTypes(typesContractId.value),
  )
  const requestsState = loadView({ status: requestsStatus, error: requestsError })

  async function loadTypes(contractId: string): Promise<void> {
    typesContractId.value = contractId
    types.value = []
    await typesLoad.show(
      { status: typesStatus, error: typesError },
      () => servicesApi.listServiceTypes(contractId),
      (items) => (types.value = items),
    )
  }

  /** The customer's requests, newest first (again when the page is shown: the back office moves them on). */
  async function loadRequests(): Promise<void> {
    // A refresh keeps the list on screen until the new one is there.
    await requestsLoad.show(
      { status: requestsStatus, error: requestsError, keep: true },
      () => servicesApi.listServiceRequests(),
      (items) => (requests.value = items),
    )
  }

  /** The key of this submission: a new one unless it is the same body as the one in progress. */
  function keyFor(body: ServiceRequestBody): string {
    const text = JSON.stringify(body)
    if (pending?.body !== text) pending = { key: randomKey(), body: text }
    return pending.key
  }

  /**
   * Files a request; nothing while one is on its way (a double click files one).
   * A failure keeps the key, so that trying the same again cannot file twice.
   */
  async function submit(body: ServiceRequestBody): Promise<SubmitResult | null> {
    if (submitting.value) return null
    const key = keyFor(body)
    submitting.value = true
    try {
      const request = await servicesApi.createServiceRequest(body, key)
      pending = null
      requests.value = [request, ...requests.value.filter((r) => r.id !== request.id)]
      return { ok: true, request }
    } catch (caught) {
      return {
        ok: false,
        failure: { error: toUserError(caught), reason: servicesApi.notEligibleReason(caught) },
      }
    } finally {
      submitting.value = false
    }
  }

  /** Starts afresh: the next submission gets a new key. */
  function startOver(): void {
    pending = null
  }

  /**
   * The postbox entry of an answer document (there is no call by id): among the
   * newest letters of its contract. Null when it is not among them. A found one is
   * being opened: it is marked read, and as it is not in the postbox's loaded list,
   * the badge learns of the read from the server.
   */
  async function openAnswer(id: string, contractId: string): Promise<DocumentSummary | null> {
    const page = await listDocuments({ filter: { contractId }, limit: ANSWER_SEARCH_PAGE })
    const doc = page.items.find((item) => item.id === id) ?? null
    if (doc) void documents.markRead(doc.id).then(() => documents.refreshUnreadCount())
    return doc
  }

  /** Forgets everything (after signing out). */
  function reset(): void {
    typesLoad.cancel()
    requestsLoad.cancel()
    types.value = []
    typesContractId.value = null
    typesStatus.value = 'idle'
    typesError.value = null
    requests.value = []
    requestsStatus.value = 'idle'
    requestsError.value = null
    pending = null
  }

  return {
    types,
    typesState,
    requestsState,
    typesContractId,
    typesStatus,
    typesError,
    requests,
    requestsStatus,
    requestsError,
    submitting,
    loadTypes,
    loadRequests,
    submit,
    startOver,
    openAnswer,
    reset,
  }
})
