/**
 * Service requests (api.md "Service requests"): filing a request for one of
 * the customer's contracts, answering the immediate types at once with their
 * document (payoff quote, balance confirmation, contract copy), leaving the
 * others to the back office (injected: in demo mode the simulated one, demo/back-office.ts),
 * and the Idempotency-Key that makes a repeated POST file one request.
 *
 * Everything a POST decides happens in one synchronous transaction: the key,
 * the contract, the eligibility, the details, the request, its answer's
 * document and the remembered answer. No other request can come between, in
 * this process or another one (BEGIN IMMEDIATE); the PDF is rendered after it.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { Locale } from '../../shared/api/auth.ts'
import {
  IDEMPOTENCY_KEY_HOURS,
  SERVICE_REQUESTS_LIST_MAX,
  SERVICE_REQUESTS_PER_DAY,
  serviceDefinition,
  type ServiceRequestBody,
  type ServiceRequestList,
  type ServiceRequestView,
  type ServiceTypesAnswer,
} from '../../shared/api/service-requests.ts'
import { viennaDay } from '../../shared/dates.ts'
import { maskIban } from '../../shared/iban.ts'
import { payoffQuote } from '../contracts/payoff.ts'
import { purchaseQuoteLetter } from './lease-end-answers.ts'
import type { CustomerRecord } from '../db/repositories/customers-repository.ts'
import type { DocumentRecord } from '../db/repositories/documents-repository.ts'
import {
  type ServiceRequestRecord,
  type ServiceRequestsRepository,
} from '../db/repositories/service-requests-repository.ts'
import { documentTitle } from '../documents/content.ts'
import type { DocumentParams } from '../documents/kinds.ts'
import { ApiError, validationFailed } from '../errors.ts'
import { activatedCustomerId } from './activation.ts'
import { heldContract, notHeldRefusal } from './contract-access.ts'
import type { ServiceContext } from './context.ts'
import { ensureContent, insertDocumentRecord } from './documents.ts'
import { DAY_SECONDS, enforcePersistedLimit, windowStart } from './persisted-limit.ts'
import type { RateLimit } from './rate-limiter.ts'
import {
  catalogueFor,
  contractState,
  detailProblems,
  NotEligibleError,
  requestIneligibility,
  transferFor,
  type ContractState,
} from './service-catalogue.ts'
import { confirmPassword, type Principal } from './sessions.ts'

const KEY_LIFETIME_MS = IDEMPOTENCY_KEY_HOURS * 3_600_000
/** Per customer: one session must not grow the database at will. */
const DAILY_LIMIT: RateLimit = { max: SERVICE_REQUESTS_PER_DAY, windowSeconds: DAY_SECONDS }

const notFound = (): ApiError => new ApiError(404, 'not_found', 'There is nothing at this address.')

function repository(ctx: ServiceContext): ServiceRequestsRepository {
  return ctx.repos.serviceRequests
}

/** The API's view of a stored request; its answer's title in `locale` (the customer's). */
export function viewOf(record: ServiceRequestRecord, locale: Locale): ServiceRequestView {
  return {
    id: record.publicId,
    reference: record.reference,
    type: record.type,
    contractId: record.contractPublicId,
    contractNumber: record.contractNumber,
    status: record.status,
    details: record.details,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    documentId: record.documentPublicId,
    documentTitle:
      record.documentParams === null
        ? null
        : documentTitle(record.documentParams, locale, { number: record.contractNumber }),
  }
}

/** `SR-<year>-<number>`: the year it was filed (Vienna) and its running number. */
export function referenceOf(id: number, filedAt: Date): string {
  return `SR-${viennaDay(filedAt).slice(0, 4)}-${String(id).padStart(6, '0')}`
}

/** JSON with its object keys sorted: one text for every body that means the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The body's hash for the Idempotency-Key, without the password (never kept, not even hashed). */
const bodyHash = (body: ServiceRequestBody): string => {
  const unsigned = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'password'))
  return createHash('sha256').update(canonicalJson(unsigned)).digest('hex')
}

/** GET /service-types; with a contract id, each type's eligibility and that contract's bounds. */
export async function listServiceTypes(
  ctx: ServiceContext,
  principal: Principal,
  contractId?: string,
): Promise<ServiceTypesAnswer> {
  activatedCustomerId(principal)
  let state: ContractState | null = null
  if (contractId !== undefined) {
    // A co-borrower files nothing on the contract: 403 holder_only.
    const contract = await heldContract(ctx, principal, contractId)
    state = contractState(contract, viennaDay(ctx.clock.now()))
  }
  return { items: await catalogueFor(state, repository(ctx)) }
}

/** GET /service-requests: newest first. */
export async function listServiceRequests(
  ctx: ServiceContext,
  principal: Principal,
): Promise<ServiceRequestList> {
  const customerId = activatedCustomerId(principal)
  return {
    items: (await repository(ctx).listByCustomer(customerId))
      .slice(0, SERVICE_REQUESTS_LIST_MAX)
      .map((record) => viewOf(record, principal.account.locale)),
  }
}

/** GET /service-requests/{id}: another customer's request is not found, like an unknown one. */
export async function getServiceRequest(
  ctx: ServiceContext,
  principal: Principal,
  id: string,
): Promise<ServiceRequestView> {
  const record = await repository(ctx).byPublicId(activatedCustomerId(principal), id)
  if (!record) throw notFound()
  return viewOf(record, principal.account.locale)
}

/** The document that answers an immediate type at once; null for the back office's types. */
function immediateAnswer(
  body: ServiceRequestBody,
  state: ContractState,
  customer: CustomerRecord,
  reference: string,
): DocumentParams | null {
  const { contract, plan, today } = state
  switch (body.type) {
    case 'payoff_quote': {
      const { payoffDate } = body.details as ServiceRequestBody<'payoff_quote'>['details']
      const quote = payoffQuote(contract, payoffDate, { plan })
      return {
        kind: 'payoff_quote',
        reference,
        payoffDate: quote.payoffDate,
        principalCents: quote.principalCents,
        interestFrom: quote.interestFrom,
        interestDays: quote.interestDays,
        interestCents: quote.interestCents,
        feeRateBp: quote.feeRateBp,
        feeCents: quote.feeCents,
        totalCents: quote.totalCents,
        instalmentsPaid: quote.instalmentsPaid,
        transfer: transferFor(contract, reference),
      }
    }
    case 'balance_confirmation': {
      const details = body.details as ServiceRequestBody<'balance_confirmation'>['details']
      const asOf = details.asOf ?? today
      // The balance at the start of that day, the figure GET /contracts shows on it.
      const paid = plan.filter((row) => row.dueDate < asOf).length
      const balance =
        paid === plan.length
          ? 0
          : (plan[paid - 1]?.balanceAfterCents ?? contract.financedAmountCents)
      return {
        kind: 'balance_confirmation',
        reference,
        asOf,
        balanceCents: balance,
        instalmentsPaid: paid,
        instalments: plan.length,
      }
    }
    case 'contract_copy':
      return { kind: 'contract_copy', ibanMasked: customer.iban ? maskIban(customer.iban) : null }
    case 'purchase_quote':
      return purchaseQuoteLetter(contract, state.endDate, reference, customer.locale)
    case 'lease_return_appointment':
    case 'contract_extension':
    case 'final_instalment_refinance':
      return null
    case 'payment_day_change':
    case 'bank_details_change':
    case 'vehicle_certificate_release':
    case 'travel_abroad_permission':
    case 'special_repayment':
    case 'payment_deferral':
      return null
  }
}

interface Filed {
  view: ServiceRequestView
  /** The answer filed at once, whose PDF is still to be written. */
  document: DocumentRecord | null
}

/** Everything POST /service-requests decides and writes; inside one transaction. */
async function fileRequest(
  ctx: ServiceContext,
  { customerId, accountId, locale }: { customerId: number; accountId: number; locale: Locale },
  body: ServiceRequestBody,
  key: { value: string; bodySha256: string } | null,
  now: Date,
): Promise<Filed> {
  const repo = repository(ctx)
  if (key) {
    const keptSince = new Date(now.getTime() - KEY_LIFETIME_MS).toISOString()
    const kept = await repo.findKey(customerId, key.value, keptSince)
    if (kept && kept.bodySha256 !== key.bodySha256) {
      throw new ApiError(
        409,
        'idempotency_key_reused',
        'This Idempotency-Key was used for another request.',
      )
    }
    if (kept) return { view: JSON.parse(kept.answerJson) as ServiceRequestView, document: null }
    await repo.dropKeys(keptSince)
  }
  // Counted from the filed requests, after a replay was answered: a replay files nothing.
  enforcePersistedLimit(
    await repo.nthNewestSince(customerId, windowStart(now, DAILY_LIMIT), DAILY_LIMIT.max),
    DAILY_LIMIT,
    now,
  )
  const contract = await ctx.repos.contracts.byPublicId(customerId, body.contractId)
  // Only the holder files requests on a contract: its co-borrower 403 holder_only, others 404.
  if (!contract) throw await notHeldRefusal(ctx, accountId, body.contractId)
  const state = contractState(contract, viennaDay(now))
  const lastAddressChange = await ctx.repos.addressChanges.latest(customerId)
  const reason = await requestIneligibility(body, state, repo, lastAddressChange, now)
  if (reason) throw new NotEligibleError(reason)
  const problems = detailProblems(body.type, body.details, state)
  if (Object.keys(problems).length > 0) throw validationFailed(problems)
  const customer = await ctx.repos.customers.byId(customerId)
  if (!customer) throw new ApiError(403, 'activation_required', 'Not identified.')

  const id = await repo.nextId()
  const reference = referenceOf(id, now)
  const answer = immediateAnswer(body, state, customer, reference)
  const document = answer
    ? await insertDocumentRecord(ctx, {
        customer,
        contract,
        params: answer,
        date: state.today,
        filedAt: now,
      })
    : null
  const schedule =
    !answer && ctx.backOffice && serviceDefinition(body.type).handling === 'back_office'
      ? ctx.backOffice.schedule(now)
      : null
  await repo.insert({
    id,
    publicId: randomUUID(),
    reference,
    customerId,
    contractId: contract.id,
    type: body.type,
    status: answer ? 'completed' : 'received',
    details: body.details,
    documentId: document?.id ?? null,
    createdAt: now.toISOString(),
    progressDueAt: schedule?.progressDueAt ?? null,
    answerDueAt: schedule?.answerDueAt ?? null,
  })
  const record = await repo.byId(id)
  if (!record) throw new Error('the service request just filed is missing')
  const view = viewOf(record, locale)
  if (key) {
    await repo.insertKey(customerId, key.value, {
      bodySha256: key.bodySha256,
      requestId: id,
      answerJson: JSON.stringify(view),
      createdAt: now.toISOString(),
    })
  }
  return { view, document }
}

/**
 * POST /service-requests. With an Idempotency-Key, the same key and body within
 * 24 hours answer the first answer again; another body → 409 idempotency_key_reused.
 */
export async function createServiceRequest(
  ctx: ServiceContext,
  principal: Principal,
  body: ServiceRequestBody,
  idempotencyKey?: string,
): Promise<ServiceRequestView> {
  const customerId = activatedCustomerId(principal)
  // A payment deferral is signed with the password, on the counter shared with sign-in.
  if (body.type === 'payment_deferral') await confirmPassword(ctx, principal, body.password ?? '')
  const key =
    idempotencyKey === undefined ? null : { value: idempotencyKey, bodySha256: bodyHash(body) }
  const now = ctx.clock.now()
  const filer = { customerId, accountId: principal.account.id, locale: principal.account.locale }
  const filed = await ctx.transaction(async (ctx) => await fileRequest(ctx, filer, body, key, now))
  // The answer's PDF: written from the snapshot just filed and stored (else on first need).
  if (filed.document) await ensureContent(ctx, filed.document)
  return filed.view
}
