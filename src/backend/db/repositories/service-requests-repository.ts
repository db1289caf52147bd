import type { ServiceRequestStatus, ServiceType } from '../../../shared/api/service-requests.ts'
import type { DocumentParams } from '../../documents/kinds.ts'
import { jsonFieldSql, jsonListSql, type Engine } from '../database.ts'
import { type Queryable, insertInto, nthNewestSince, prepare } from '../sql.ts'

/** A service request as stored, with its contract's and answer's public ids. */
export interface ServiceRequestRecord {
  id: number
  publicId: string
  reference: string
  customerId: number
  contractId: number
  contractPublicId: string
  contractNumber: string
  type: ServiceType
  status: ServiceRequestStatus
  details: Record<string, unknown>
  documentId: number | null
  documentPublicId: string | null
  /** What the answer was written from: its title follows from it, in the customer's language. */
  documentParams: DocumentParams | null
  createdAt: string
  updatedAt: string
  /** Demo back office: when it takes the request up / answers it (null: not its job). */
  progressDueAt: string | null
  answerDueAt: string | null
}

export interface NewServiceRequest {
  id: number
  publicId: string
  reference: string
  customerId: number
  contractId: number
  type: ServiceType
  status: ServiceRequestStatus
  details: Record<string, unknown>
  documentId: number | null
  createdAt: string
  progressDueAt: string | null
  answerDueAt: string | null
}

/** A remembered Idempotency-Key. */
export interface IdempotencyKeyRecord {
  bodySha256: string
  requestId: number
  answerJson: string
  createdAt: string
}

interface Row {
  id: number
  public_id: string
  reference: string
  customer_id: number
  contract_id: number
  contract_public_id: string
  contract_number: string
  type: ServiceType
  status: ServiceRequestStatus
  details_json: string
  document_id: number | null
  document_public_id: string | null
  document_params: string | null
  created_at: string
  updated_at: string
  progress_due_at: string | null
  answer_due_at: string | null
}

const toRecord = (r: Row): ServiceRequestRecord => ({
  id: r.id,
  publicId: r.public_id,
  reference: r.reference,
  customerId: r.customer_id,
  contractId: r.contract_id,
  contractPublicId: r.contract_public_id,
  contractNumber: r.contract_number,
  type: r.type,
  status: r.status,
  details: JSON.parse(r.details_json) as Record<string, unknown>,
  documentId: r.document_id,
  documentPublicId: r.document_public_id,
  documentParams:
    r.document_params === null ? null : (JSON.parse(r.document_params) as DocumentParams),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  progressDueAt: r.progress_due_at,
  answerDueAt: r.answer_due_at,
})

/** The requests with their contract's and answer's public ids, in the engine's JSON words. */
const selectFor = (engine: Engine): string => `SELECT r.*, c.public_id AS contract_public_id,
  c.number AS contract_number, d.public_id AS document_public_id,
  ${jsonFieldSql(engine, 'd.spec_json', 'params')} AS document_params
  FROM service_requests r
  JOIN contracts c ON c.id = r.contract_id
  LEFT JOIN documents d ON d.id = r.document_id`

/** Service requests and idempotency keys; reads for the API are scoped to one customer. */
export function createServiceRequestsRepository(db: Queryable) {
  const SELECT = selectFor(db.engine)
  const nextId = prepare(db, 'SELECT COALESCE(MAX(id), 0) + 1 AS id FROM service_requests')
  const insert = insertInto(
    db,
    'service_requests',
    `id, public_id, reference, customer_id, contract_id, type, status, details_json,
    document_id, created_at, updated_at, progress_due_at, answer_due_at`,
  )
  const byCustomer = prepare(
    db,
    `${SELECT} WHERE r.customer_id = ? ORDER BY r.created_at DESC, r.id DESC`,
  )
  const byPublicId = prepare(db, `${SELECT} WHERE r.public_id = ? AND r.customer_id = ?`)
  const byId = prepare(db, `${SELECT} WHERE r.id = ?`)
  const nthNewest = nthNewestSince(db, 'service_requests', 'customer_id', 'created_at')
  const countForContract = prepare(
    db,
    `SELECT COUNT(*) AS n FROM service_requests WHERE contract_id = ? AND type = ?
      AND status IN ${jsonListSql(db.engine, 'text')}`,
  )
  const countForContractSince = prepare(
    db,
    `SELECT COUNT(*) AS n FROM service_requests WHERE contract_id = ? AND type = ?
      AND status IN ${jsonListSql(db.engine, 'text')} AND created_at >= ?`,
  )
  const due = prepare(
    db,
    `${SELECT} WHERE r.status IN ('received', 'in_progress')
    AND ((r.status = 'received' AND r.progress_due_at <= ?) OR r.answer_due_at <= ?)
    ORDER BY r.id`,
  )
  const toInProgress = prepare(
    db,
    `UPDATE service_requests SET status = 'in_progress',
    updated_at = ? WHERE id = ? AND status = 'received'`,
  )
  const toFinished = prepare(
    db,
    `UPDATE service_requests SET status = ?,
    document_id = ?, updated_at = ? WHERE id = ? AND status IN ('received', 'in_progress')`,
  )
  const findKey = prepare(
    db,
    `SELECT body_sha256, request_id, answer_json, created_at
    FROM idempotency_keys WHERE customer_id = ? AND key = ? AND created_at > ?`,
  )
  const dropKeys = prepare(db, 'DELETE FROM idempotency_keys WHERE created_at <= ?')
  const insertKey = insertInto(
    db,
    'idempotency_keys',
    `customer_id, key, body_sha256, request_id, answer_json, created_at`,
  )
  return {
    /** The id the next request gets (its reference is made from it); inside a transaction. */
    async nextId(): Promise<number> {
      return (await nextId.get<{ id: number }>())?.id ?? 1
    },
    async insert(request: NewServiceRequest): Promise<void> {
      await insert(
        request.id,
        request.publicId,
        request.reference,
        request.customerId,
        request.contractId,
        request.type,
        request.status,
        JSON.stringify(request.details),
        request.documentId,
        request.createdAt,
        request.createdAt,
        request.progressDueAt,
        request.answerDueAt,
      )
    },
    /** A customer's requests, newest first. */
    async listByCustomer(customerId: number): Promise<ServiceRequestRecord[]> {
      return (await byCustomer.all<Row>(customerId)).map(toRecord)
    },
    /** One request, only if it belongs to the customer. */
    async byPublicId(customerId: number, publicId: string): Promise<ServiceRequestRecord | null> {
      const row = await byPublicId.get<Row>(publicId, customerId)
      return row ? toRecord(row) : null
    },
    async byId(id: number): Promise<ServiceRequestRecord | null> {
      const row = await byId.get<Row>(id)
      return row ? toRecord(row) : null
    },
    /** When the n-th newest request of the customer filed after `since` was filed (n from 1); null when fewer. */
    nthNewestSince(customerId: number, since: Date, n: number): Promise<string | null> {
      return nthNewest(customerId, since, n)
    },
    /** How many requests of a type a contract has in these states (filed since `since`, an ISO instant, when given). */
    async countForContract(
      contractId: number,
      type: ServiceType,
      statuses: readonly ServiceRequestStatus[],
      since?: string,
    ): Promise<number> {
      const row =
        since === undefined
          ? await countForContract.get<{ n: number }>(contractId, type, JSON.stringify(statuses))
          : await countForContractSince.get<{ n: number }>(
              contractId,
              type,
              JSON.stringify(statuses),
              since,
            )
      return row?.n ?? 0
    },
    /** Open requests the back office has to take up or answer by `now` (ISO instant). */
    async dueForBackOffice(now: string): Promise<ServiceRequestRecord[]> {
      return (await due.all<Row>(now, now)).map(toRecord)
    },
    /** received → in_progress; false when it was not `received` any more. */
    async markInProgress(id: number, at: string): Promise<boolean> {
      return (await toInProgress.run(at, id)).changes === 1
    },
    /** → completed or rejected, with its answer; false when it was no longer open. */
    async finish(
      id: number,
      status: 'completed' | 'rejected',
      documentId: number | null,
      at: string,
    ): Promise<boolean> {
      return (await toFinished.run(status, documentId, at, id)).changes === 1
    },
    /** A key of the customer remembered after `notBefore` (ISO instant). */
    async findKey(
      customerId: number,
      key: string,
      notBefore: string,
    ): Promise<IdempotencyKeyRecord | null> {
      const row = await findKey.get<{
        body_sha256: string
        request_id: number
        answer_json: string
        created_at: string
      }>(customerId, key, notBefore)
      return row
        ? {
            bodySha256: row.body_sha256,
            requestId: row.request_id,
            answerJson: row.answer_json,
            createdAt: row.created_at,
          }
        : null
    },
    /** Forgets every key remembered at or before `before`. */
    async dropKeys(before: string): Promise<void> {
      await dropKeys.run(before)
    },
    async insertKey(customerId: number, key: string, record: IdempotencyKeyRecord): Promise<void> {
      await insertKey(
        customerId,
        key,
        record.bodySha256,
        record.requestId,
        record.answerJson,
        record.createdAt,
      )
    },
  }
}
export type ServiceRequestsRepository = ReturnType<typeof createServiceRequestsRepository>
